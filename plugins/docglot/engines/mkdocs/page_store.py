"""The pages of the other languages, kept compressed between their reading and their writing.

MkDocs reads every page of the site (its Markdown into HTML, `page.content`) before it
writes any, and keeps all of them until the build ends. One build of every language holds
every language's pages at once: on a large reference, most of the build's memory. docglot
keeps the HTML of each page of another language compressed from the moment its reading is
over; it is given back just before its page is written, and let go once it is.

Plugins read the pages' HTML in `on_env` too, all of them at once: autorefs resolves the
cross-references there, and mkdocstrings puts in its backlinks. When every `on_env` of the
build is one that docglot knows (`READERS`), each page is compressed as soon as it is read,
and autorefs resolves the cross-references of the compressed pages one page at a time, as
each is given back to be written: every page's headings are registered by then, and the
page is decompressed once, not once more to be resolved in `on_env` (0.3 s of FastAPI's
reference in eight languages). When a page shows backlinks, which mkdocstrings puts in
during `on_env` from what autorefs records as it resolves every page, the compressed pages
are resolved in `on_env`, and a page with backlinks to put in stays as it is until then.
With any other plugin reading in `on_env`, the pages are compressed only after every
`on_env`. The source language's pages are never compressed: they are what a build of that
language alone holds too.
"""

from __future__ import annotations

import zlib
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_LEVEL = 1
"""zlib's fastest level: reference HTML compresses about tenfold even so."""

READERS = ("docglot", "material", "mkdocs_autorefs", "mkdocstrings")
"""The packages whose `on_env` docglot knows: none reads a page's HTML but autorefs' and
mkdocstrings' backlinks."""

_BACKLINKS = "<backlinks "
"""What mkdocstrings puts in a page where it writes backlinks, in its own `on_env`."""


def known_readers_only(config: MkDocsConfig) -> bool:
    """Whether every `on_env` of the build's plugins is one of `READERS`."""
    for method in config.plugins.events.get("env", []):
        owner = getattr(method, "__self__", None)
        package = type(owner).__module__.split(".")[0] if owner is not None else ""
        if package not in READERS:
            return False
    return True


class PageStore:
    """The compressed HTML of the other languages' pages, until each is written."""

    def __init__(self) -> None:
        """Hold nothing."""
        self._kept: dict[int, bytes] = {}
        self._compressed: set[int] = set()
        self._unresolved: set[int] = set()
        """The pages whose cross-references are resolved when they are given back (`restore`)."""
        self._resolver: tuple[Any, Environment, MkDocsConfig] | None = None
        """autorefs, and what its `on_env` takes, for those pages."""

    def compress(self, page: Page) -> None:
        """Compress a page's HTML; a page with backlinks still to put in stays as it is."""
        if page.content is None or _BACKLINKS in page.content:
            return
        self._kept[id(page)] = zlib.compress(page.content.encode("utf-8"), _LEVEL)
        self._compressed.add(id(page))
        page.content = None

    def restore(self, page: Page) -> None:
        """Give a page its HTML back, before anything reads it for writing the page."""
        kept = self._kept.pop(id(page), None)
        if kept is None:
            return
        page.content = zlib.decompress(kept).decode("utf-8")
        if id(page) in self._unresolved and self._resolver is not None:
            self._unresolved.discard(id(page))
            autorefs, env, config = self._resolver
            autorefs.on_env(env, config=config, files=Files([page.file]))

    def resolve_references(self, autorefs: Any, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """Let autorefs resolve the cross-references of the compressed pages, one page at a time.

        autorefs leaves a page without HTML as it is: its own `on_env` has skipped these.
        Unless a page shows backlinks, each is resolved when it is given back (`restore`).
        """
        pages = [file.page for file in files if isinstance(file.page, Page)]
        if not any(_BACKLINKS in (page.content or "") for page in pages):
            self._unresolved = set(self._kept)
            self._resolver = (autorefs, env, config)
            return
        for file in files:
            page = file.page
            if isinstance(page, Page) and id(page) in self._kept:
                self.restore(page)
                autorefs.on_env(env, config=config, files=Files([file]))
                self._compressed.discard(id(page))
                self.compress(page)

    def release(self, page: Page) -> None:
        """Let go of a written page's HTML, if it was one of those kept compressed."""
        if id(page) in self._compressed:
            self._compressed.discard(id(page))
            page.content = None

    def clear(self) -> None:
        """Forget every page (the build is over, or failed)."""
        self._kept.clear()
        self._compressed.clear()
        self._unresolved.clear()
        self._resolver = None
