"""The pages of every language, kept compressed between their reading and their writing.

MkDocs reads every page of the site (its Markdown into HTML, `page.content`) before it
writes any, and keeps all of them until the build ends. One build of every language holds
every language's pages at once: on a large reference, most of the build's memory. Once
cross-references are resolved (autorefs' `on_env`, the last thing that reads every page),
each page's HTML is compressed; it is given back just before its page is written, and let
go once it is.

Only the HTML of the pages docglot builds in the site's other languages is compressed: the
source language's pages are what a build of that language alone holds too.
"""

from __future__ import annotations

import zlib

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_LEVEL = 1
"""zlib's fastest level: reference HTML compresses about tenfold even so."""


class PageStore:
    """The compressed HTML of the pages between `on_env` and their writing."""

    def __init__(self) -> None:
        """Hold nothing."""
        self._kept: dict[int, bytes] = {}
        self._compressed: set[int] = set()

    def compress(self, files: Files, keep: set[str]) -> None:
        """Compress the HTML of every page whose source path is in `keep`."""
        self.clear()
        for file in files.documentation_pages():
            page = file.page
            if isinstance(page, Page) and page.content is not None and file.src_uri in keep:
                self._kept[id(page)] = zlib.compress(page.content.encode("utf-8"), _LEVEL)
                self._compressed.add(id(page))
                page.content = None

    def restore(self, page: Page) -> None:
        """Give a page its HTML back, before anything reads it for writing the page."""
        kept = self._kept.pop(id(page), None)
        if kept is not None:
            page.content = zlib.decompress(kept).decode("utf-8")

    def release(self, page: Page) -> None:
        """Let go of a written page's HTML, if it was one of those kept compressed."""
        if id(page) in self._compressed:
            self._compressed.discard(id(page))
            page.content = None

    def clear(self) -> None:
        """Forget every page (the build is over, or failed)."""
        self._kept.clear()
        self._compressed.clear()
