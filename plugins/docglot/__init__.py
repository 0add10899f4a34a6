"""docglot: typed, multilingual API reference pages from `Annotated[..., Doc()]` metadata.

Load the griffe extension in mkdocstrings' configuration with `extensions: [docglot]`.
"""

from __future__ import annotations

from docglot.reading.extension import DocglotExtension

__all__ = ["DocglotExtension"]
