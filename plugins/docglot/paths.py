"""Paths as docglot prints them: relative to the working directory when inside it."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


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
