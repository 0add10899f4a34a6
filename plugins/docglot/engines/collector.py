"""Python's cyclic garbage collector, run less often while a site's pages are rendered, and not
at all on what a build leaves when the process exits.

Rendering allocates objects by the million and keeps most of them to its end: griffe's
object tree, every page's Markdown tree and HTML. At Python's default thresholds the
collector starts after every 700 new objects and walks the whole growing heap every
hundredth time: on FastAPI's reference, 1.5 to 2 s of the eight-language build and 0.6 s
of a 4 s `docglot catalog update` (timed with `gc.callbacks`). Collecting after every
50,000 objects instead, and the whole heap almost never, still frees the cycles a
rendering leaves (mkdocstrings' and Markdown's objects point back at each other) in the
young generations, for a few megabytes more at the peak. The thresholds are set back
when the build ends: `mkdocs serve` and the host process collect as they did.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

RENDERING_THRESHOLDS = (50_000, 20, 100)
"""`gc.set_threshold`'s three thresholds while pages are rendered."""


def collect_less() -> tuple[int, int, int]:
    """Collect at `RENDERING_THRESHOLDS` from now on; return the thresholds to set back after."""
    before = gc.get_threshold()
    gc.set_threshold(*RENDERING_THRESHOLDS)
    return before


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect at `RENDERING_THRESHOLDS` inside the block, then at the thresholds set before it."""
    before = collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*before)


_LEFT_AT_EXIT = False
"""Whether this process already leaves its objects uncollected at exit (`no_collection_at_exit`)."""


def no_collection_at_exit() -> None:
    """Leave the objects still alive when the interpreter exits out of its last garbage collection.

    The interpreter's last act is a full collection of every object a build left alive:
    after FastAPI's reference, 1.9 s of a 13 s English `mkdocs build`, which no one waits
    for any result of. `gc.freeze()` in an `atexit` handler moves them out of its reach when
    the process ends, not before: a process that goes on after a build collects as usual.
    Python calls no `__del__` of an object alive at exit either way; files are closed and
    flushed as their modules are cleared, as without this.
    """
    global _LEFT_AT_EXIT
    if not _LEFT_AT_EXIT:
        atexit.register(gc.freeze)
        _LEFT_AT_EXIT = True
