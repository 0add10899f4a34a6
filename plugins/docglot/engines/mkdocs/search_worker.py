"""Material's search index, made in a second process while MkDocs writes the pages.

Material's search plugin cuts each page into sections as MkDocs writes it, in the build's
own process, which works on one core: on FastAPI's reference in eight languages that is
about a tenth of the build. docglot sends each page instead to a second process, where
Material's own `SearchIndex` makes the page's entries, and puts them in the page's place
before Material writes the index. The index is the one Material writes, and the build
takes the time of the longer of its two processes. Material's projects plugin starts its
builds in processes the same way (`spawn`, which works from any thread, on any platform).

Material offers no hook for this: the plugin's index gets two methods of its own for the
build, `add_entry_from_context` (send the page) and `generate_search_index` (put every
page's entries in place first). A page is indexed in the build's process, as Material
indexes it, when the second process cannot start or fails, and when Material raised an
error there: raised again here, it stops the build as it would have. It is indexed there
too while `BACKLOG` pages are out: the second process reads a page more slowly than MkDocs
writes one, and each page out holds its HTML in the build's memory. Nothing changes on a
single core, for a build that writes no page (an extraction), with jieba's dictionaries
(which Material loads in the build's process only), or when anything but docglot has
changed how Material's index reads a page. `DOCGLOT_SEARCH_IN_PROCESS=1` indexes every
page in the build's process, to compare.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

DISABLE = "DOCGLOT_SEARCH_IN_PROCESS"
"""An environment variable: set to `1`, every page is indexed in the build's process."""

BACKLOG = 2
"""The most pages out at once. A page out holds its HTML in the build's memory, and the
executor's threads, which `malloc` gives memory of their own, copy it. On FastAPI's reference
in eight languages (measured with `/usr/bin/time`, 226 MB with every page indexed in the
build's process): with no limit, up to 78 pages were out, and the build took 266 MB and
waited half a second at the end for the last of them; with 8, 246 to 254 MB; with 2, 231 to
236 MB, and the second process still indexed about 140 of the 193 pages."""

_MATERIAL_METHODS = (
    "add_entry_from_context",
    "create_entry_for_section",
    "_find_toc_by_id",
    "_segment_chinese",
)
"""The methods of Material's `SearchIndex` that make a page's entries: Material's own, or no process."""


@dataclass(frozen=True)
class _Page:
    """What Material's index reads of a page, sent to the second process."""

    content: str
    toc: Any
    url: str
    title: Any
    meta: dict[str, Any]


@dataclass
class _Sent:
    """A page's place in the index, until its entries come back."""

    page: _Page | None
    """The page, until its entries are back: kept only to be indexed here if they never come."""
    entries: Future[bytes] | None
    """The page's entries, pickled, until they are read (`read`)."""
    worker: SearchWorker
    read: list[dict[str, Any]] | None = None

    def let_go(self, done: Future[bytes]) -> None:
        """Let go of the page once its entries are back: a build keeps no page's HTML for its index."""
        self.worker.back += 1
        if not done.cancelled() and done.exception() is None:
            self.page = None

    def take(self) -> list[dict[str, Any]]:
        """The page's entries, read in the build's thread; raises what went wrong elsewhere.

        The executor receives them in a thread of its own, which `malloc` gives memory of its
        own: read there, the entries of every page would stay apart from the memory the
        build's thread frees as it writes the pages (on FastAPI's reference in eight
        languages, `MALLOC_ARENA_MAX=1` alone took the build's peak from 266 to 245 MB).
        Sent pickled, they are read here, and what they came in is let go at once.
        """
        if self.read is None:
            assert self.entries is not None
            self.read = pickle.loads(self.entries.result())  # Written by this build's own process.
            self.entries = None
        return self.read


def _start_process() -> None:
    """In the second process: read pages as the build's process does (`use_fast_search_parser`)."""
    from docglot.engines.mkdocs.search_index import use_fast_search_parser

    use_fast_search_parser()


def _entries(config: dict[str, Any], page: _Page) -> bytes:
    """In the second process: the entries Material's index makes of a page, pickled (`_Sent.take`)."""
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex(**config)
    index.add_entry_from_context(page)
    return pickle.dumps(list(index.entries), pickle.HIGHEST_PROTOCOL)


class SearchWorker:
    """The second process of a build, and the index whose pages it reads."""

    def __init__(self) -> None:
        """Index nothing elsewhere."""
        self._index: Any = None
        self._pool: ProcessPoolExecutor | None = None
        self.sent = 0
        """How many pages of the build went to the second process."""
        self.back = 0
        """How many of them came back, with their entries or without."""

    def start(self, config: MkDocsConfig) -> None:
        """Have the pages of this build indexed in a second process, where nothing changes by it.

        The process starts now, so that it is ready (its imports done) by the time the
        first page is written.
        """
        self.sent = self.back = 0
        index = _material_index(config)
        if index is None or os.environ.get(DISABLE, "") == "1" or _cores() < 2:
            return
        pool = None
        try:
            pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_process
            )
            with _without_main():
                pool.submit(int)  # Starts the process, in this thread.
        except (OSError, RuntimeError, ValueError):  # No process to be had: indexed as Material does.
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            return
        self._index, self._pool = index, pool
        add = index.add_entry_from_context
        generate = index.generate_search_index
        settings = dict(index.config)  # Material's search settings, the same for every page.

        out: list[_Sent] = []

        def add_entry_from_context(page: Any) -> None:
            for placed in [placed for placed in out if placed.entries is not None and placed.entries.done()]:
                out.remove(placed)
                with suppress(Exception):  # Read again, and the page indexed here, in `_put_in_place`.
                    placed.take()
            if self.sent - self.back >= BACKLOG:
                add(page)
                return
            sent = _Page(page.content, page.toc, page.url, page.title, dict(page.meta))
            try:
                future = pool.submit(_entries, settings, sent)
            except RuntimeError:  # The process broke, or was shut down: indexed here.
                add(sent)
                return
            self.sent += 1
            placed = _Sent(sent, future, self)
            future.add_done_callback(placed.let_go)
            index.entries.append(placed)
            out.append(placed)

        def generate_search_index(previous: Any) -> Any:
            _put_in_place(index, add)
            return generate(previous)

        index.add_entry_from_context = add_entry_from_context
        index.generate_search_index = generate_search_index

    def stop(self) -> None:
        """Give the index its own methods back, and end the second process.

        After a build that failed, the pages still out are left out of the index: no index is written.
        """
        if self._index is not None:
            for name in ("add_entry_from_context", "generate_search_index"):
                vars(self._index).pop(name, None)
            self._index.entries = [entry for entry in self._index.entries if not isinstance(entry, _Sent)]
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._index = self._pool = None


def _put_in_place(index: Any, add: Callable[[Any], None]) -> None:
    """Put each page's entries where the page was sent; index here the pages that came back without.

    Material's own error for a page (a page it cannot read) comes back too: the page is read
    again here, and Material raises it in the build as it would have.
    """
    entries, index.entries = index.entries, []
    for entry in entries:
        if not isinstance(entry, _Sent):
            index.entries.append(entry)
            continue
        try:
            index.entries.extend(entry.take())
        except Exception:  # Whatever went wrong there, the page is read here.
            assert entry.page is not None  # Kept: its entries did not come back.
            add(entry.page)


@contextmanager
def _without_main() -> Iterator[None]:
    """Start a process that does not run the program's main module again.

    `spawn` imports the main module of the program in the new process, as `__mp_main__`:
    a script that builds the site without an `if __name__ == "__main__":` guard would build
    it again there, and start a process of its own. The new process needs nothing of the
    main module, so it is shown none while it starts.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _cores() -> int:
    """The cores this process may run on: with one, a second process only takes time from the build."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _material_index(config: MkDocsConfig) -> Any:
    """Material's search index for this build, if a second process would make the same entries."""
    try:
        from material.plugins.search import plugin as material_search

        from docglot.engines.mkdocs.search_parser import FastParser
    except ImportError:  # Another theme: no index to make.
        return None
    plugins = [found for found in config.plugins.values() if isinstance(found, material_search.SearchPlugin)]
    if len(plugins) != 1 or not plugins[0].config.enabled:
        return None
    plugin = plugins[0]
    index = getattr(plugin, "search_index", None)
    own = type(index) is material_search.SearchIndex and all(
        getattr(material_search.SearchIndex, name).__module__ == material_search.__name__
        and name not in vars(index)
        for name in _MATERIAL_METHODS
    )
    # The second process reads pages with Material's parser, or docglot's where the build does.
    parser = material_search.Parser in (FastParser, FastParser.__mro__[1])
    dictionaries = plugin.config.jieba_dict or plugin.config.jieba_dict_user
    return index if own and parser and not dictionaries else None
