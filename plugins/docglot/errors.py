"""docglot's own errors.

docglot raises these, never an engine's: each engine adapter turns them into its own
(the MkDocs plugin into MkDocs' `PluginError`), and the `docglot` command prints them.
"""

from __future__ import annotations


class DocglotError(Exception):
    """Input docglot cannot use: the message is one line naming the file, the line and the fix."""


class UsageError(DocglotError):
    """A command was called wrongly (an option, a missing file): the message says what to fix."""
