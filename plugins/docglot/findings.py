"""Findings: what a rule found, where, and on which object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located in a file and attached to an object or catalog entry."""

    path: str
    """The file, relative to the working directory when it is inside it."""
    line: int
    """The line, from 1; 0 when the problem concerns the whole file."""
    column: int
    """The column, from 1."""
    code: str
    """The rule's code, such as `DG101`."""
    message: str
    """What is wrong and what to do about it."""
    target: str = ""
    """What the finding is about, stable across edits of the text: an object path, with a
    slot (`pkg.f:parameter:x`) or a language (`de:pkg.f:parameter:x`). Baselines key on it."""


Sink = Callable[[Finding], None]
"""Receives findings as they are made."""
