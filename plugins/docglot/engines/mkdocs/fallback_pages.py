"""Pages a language lacks, converted once: the source page's HTML, reused in every language.

A language without its own copy of a page gets the source page's Markdown, in a folder that
mirrors the source's (`localize_files`). A page without a `:::` block then converts to the
same HTML in every language: only the navigation, the notice and the theme's words differ,
and those come after the conversion. MkDocs would still convert it once per language; on
a site whose guide is in English only, that is most of each translation's Markdown time.

So the source page's conversion is kept (its HTML, table of contents, title and anchors),
and each language's copy of it is given those instead of a conversion of its own: MkDocs
converts an empty Markdown for it. MkDocs has no event that replaces a page's conversion,
hence this module. A copy is converted as usual when anything could make it differ:

- the site has a plugin or hook other than those docglot knows, or autorefs scans each
  page's headings (`scan_toc`, which registers them by page as they are converted);
- the page holds a `:::` block (each language renders its blocks in its own text);
- its Markdown, once every plugin has read it, is not the source page's;
- a relative link of the source page leads anywhere but to a source-language page or file
  that the language has too (a file outside the language folders is as far from the copy
  as from the source page only if the folders are as deep, which they are not).

`DOCGLOT_RENDER_EACH_LANGUAGE=1` converts every page in every language, to compare.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocstrings import AutoDocProcessor

from docglot.engines import render_once
from docglot.engines.mkdocs.preview import known_plugins_only
from docglot.site.languages import Languages


@dataclass
class _Converted:
    """What MkDocs' conversion of a source page gave."""

    markdown: str
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[File, dict[str, str]] | None


class _Links(HTMLParser):
    """The URLs of a page's links and images, as MkDocs rewrote them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = "href" if tag == "a" else "src" if tag == "img" else None
        self.urls.extend(value for name, value in attrs if name == wanted and value)


class FallbackPages:
    """The source pages' conversions, for the pages of other languages built from them."""

    def __init__(self) -> None:
        """Keep nothing."""
        self._enabled = False
        self._languages = Languages(("en",))
        self._files = Files([])
        self._fallbacks: set[str] = set()
        self._converted: dict[str, _Converted] = {}
        """By the source page's path in its language folder."""
        self._reused: dict[str, _Converted] = {}
        """The copies being read, by their path, with the conversion they are given."""
        self._by_url: dict[str, File] | None = None
        """The source language's files by their URL, once a link is looked up."""

    def start(self, config: MkDocsConfig, files: Files, languages: Languages, fallbacks: set[str]) -> None:
        """Begin a build; reuse nothing unless every plugin of the site is one docglot knows."""
        autorefs = config.plugins.get("autorefs")
        self._enabled = (
            render_once.enabled() and known_plugins_only(config) and not getattr(autorefs, "scan_toc", False)
        )
        self._languages, self._files, self._fallbacks = languages, files, fallbacks
        self._converted.clear()
        self._reused.clear()
        self._by_url = None

    def clear(self) -> None:
        """Let go of the kept conversions (pages read after the build convert as usual)."""
        self._enabled = False
        self._converted.clear()
        self._reused.clear()
        self._by_url = None

    def markdown(self, page: Page, markdown: str) -> str:
        """The Markdown MkDocs converts: none for a copy that takes the source page's conversion."""
        if not self._enabled:
            return markdown
        language, relative = self._languages.of_file(page.file.src_uri)
        if language == self._languages.source:
            if AutoDocProcessor.regex.search(markdown) is None and self._has_copies(relative):
                self._converted[relative] = _Converted(markdown, "", TableOfContents([]), None, None, None)
            return markdown
        converted = self._converted.get(relative)
        if (
            page.file.src_uri not in self._fallbacks
            or converted is None
            or not converted.content
            or converted.markdown != markdown
        ):
            return markdown
        self._reused[page.file.src_uri] = converted
        return ""

    def content(self, page: Page, html: str) -> str:
        """Keep a source page's conversion; give a copy the source page's."""
        language, relative = self._languages.of_file(page.file.src_uri)
        if language == self._languages.source:
            converted = self._converted.get(relative)
            if converted is not None:
                self._keep(page, html, converted)
            return html
        converted = self._reused.pop(page.file.src_uri, None)
        if converted is None or language is None:
            return html
        page.markdown = converted.markdown
        page.toc = copy.deepcopy(converted.toc)
        # MkDocs reads the title of a page without one in `nav` or in its metadata from its
        # first heading, which its conversion keeps in this attribute: the copy's title is
        # then worked out from its own `nav` entry and metadata, as MkDocs would.
        page._title_from_render = converted.title
        page.present_anchor_ids = set(converted.anchors) if converted.anchors is not None else None
        if converted.links_to_anchors is not None:
            page.links_to_anchors = {}
            for target, links in converted.links_to_anchors.items():
                counterpart = self._counterpart(target, language)
                if counterpart is not None:  # Always: `_keep` kept no conversion otherwise.
                    page.links_to_anchors[counterpart] = dict(links)
        return converted.content

    def _keep(self, page: Page, html: str, converted: _Converted) -> None:
        """Keep a source page's conversion if each of its copies would convert to it too."""
        targets = [self._target(page, url) for url in _links(html)]
        linked = [target for target in targets if isinstance(target, File)]
        linked.extend(page.links_to_anchors or {})
        if False in targets or any(
            self._counterpart(target, language) is None
            for target in linked
            for language in self._languages.translations
        ):
            del self._converted[self._languages.of_file(page.file.src_uri)[1]]
            return
        converted.content = html
        converted.toc = copy.deepcopy(page.toc)
        converted.title = page._title_from_render
        converted.anchors = page.present_anchor_ids
        converted.links_to_anchors = page.links_to_anchors

    def _has_copies(self, relative: str) -> bool:
        return any(f"{language}/{relative}" in self._fallbacks for language in self._languages.translations)

    def _target(self, page: Page, url: str) -> File | bool:
        """The source-language file a link of the page leads to; `True` for a link that no
        folder changes (external, or to an anchor of the page); `False` for any other."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return True
        if parts.path.startswith("/"):
            return False
        path = urlsplit(urljoin(f"http://site/{page.url}", parts.path)).path.lstrip("/") or "./"
        if self._by_url is None:
            self._by_url = {
                file.url or "./": file
                for file in self._files
                if self._languages.of_file(file.src_uri)[0] == self._languages.source
            }
        return self._by_url.get(path, False)

    def _counterpart(self, file: File, language: str) -> File | None:
        """The language's file at the place of a source-language file, if it has one."""
        source, relative = self._languages.of_file(file.src_uri)
        if source != self._languages.source:
            return None
        return self._files.get_file_from_path(f"{language}/{relative}")


def _links(html: str) -> list[str]:
    reader = _Links()
    reader.feed(html)
    reader.close()
    return reader.urls
