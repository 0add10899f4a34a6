"""Findings: what a rule found, where, and on which object."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


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


def display_path(path: str | os.PathLike[str]) -> str:
    """Return a path relative to the working directory when it is inside it, with `/` separators."""
    return _display_path(os.fspath(path), os.getcwd())


@lru_cache(maxsize=4096)
def _display_path(path: str, cwd: str) -> str:
    # Cached: a package's findings name the same few files many times, and resolving
    # symlinks costs system calls each time.
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()
