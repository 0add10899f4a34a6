"""Pages a language lacks, converted once: the source page's HTML, with each language's blocks.

A language without its own copy of a page gets the source page's Markdown, in a folder that
mirrors the source's (`localize_files`). Its HTML is the source page's, but for its `:::`
blocks (API text and labels in its language): the navigation, the notice and the theme's
words come after the conversion. MkDocs would still convert the whole page once per
language: on a reference page, every heading of every block goes through the page's tree
processors again; on a site whose guide is in English only, all of the guide does.

So the source page's conversion is kept: its HTML, cut where its blocks are, its table of
contents (its own entries, and where each block's went), title and anchors, and its
directives. MkDocs then converts, for each copy, only the directives (`_Directives` puts
them in the tree of a page without text, where mkdocstrings renders them in the copy's
language and registers their headings for the copy, as on any page). The copy's HTML is
the source page's with the copy's blocks in their places, and its table of contents the
source page's own entries with each block's entries as the copy's conversion listed them (a
translated docstring may bring a heading of its own). A copy is converted whole when
anything could make it differ otherwise:

- a block has entries in the table of contents on one page and none on the other (there
  is no place to put them), or an id of the page's own meets a block heading's (`_meet`);
- the site has a plugin or hook other than those docglot knows, or autorefs scans each
  page's headings (`scan_toc`, which registers them by page as they are converted);
- its Markdown, once every plugin has read it, is not the source page's;
- a relative link of the source page's own text leads anywhere but to a source-language
  page or file that the language has too (a file outside the language folders is as far
  from the copy as from the source page only if the folders are as deep, which they are not).

A copy without blocks converts nothing: its page (`CopyPage`) skips MkDocs' conversion,
which would make a new Markdown instance with every extension of the site only to convert
the stand-in (0.5 s of a 7.8 s eight-language build of this repository's site, whose guide
is in English only: 176 such copies). MkDocs has no event that replaces a page's
conversion, hence this module.

`DOCGLOT_RENDER_EACH_LANGUAGE=1` converts every page in every language, to compare.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from markdown.extensions.toc import nest_toc_tokens  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from docglot.engines import render_once
from docglot.engines.mkdocs.preview import known_plugins_only
from docglot.site.languages import Languages

STAND_IN = "<!-- docglot: the source page's HTML, with this language's blocks -->\n"
"""The Markdown MkDocs converts for a copy: not empty, which Python-Markdown would not convert at
all (its tree processors, `_Directives` among them, would not run), and writing nothing kept."""

_PENDING: ContextVar[list[str] | None] = ContextVar("docglot_fallback_directives", default=None)
"""The directives the page being converted takes in place of its Markdown."""
_OBSERVED: ContextVar[list[str] | None] = ContextVar("docglot_observed_directives", default=None)
"""While a source page is converted: each outermost directive mkdocstrings renders, written again."""
_PAGE_MARKDOWN: ContextVar[Markdown | None] = ContextVar("docglot_page_markdown", default=None)
"""The Markdown instance of the page being converted, whose postprocessors write its blocks."""


@dataclass
class _Converted:
    """What MkDocs' conversion of a source page gave."""

    markdown: str
    directives: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    """The HTML around the blocks: one more than there are blocks."""
    entries: list[dict[str, Any] | int] = field(default_factory=list)
    """The table of contents, in the page's order: the page's own entries, and where each block's go
    (its number), for a block with entries."""
    title: str | None = None
    anchors: set[str] = field(default_factory=set)
    """The ids of the page but for its blocks' headings."""
    own_ids: set[str] = field(default_factory=set)
    """The ids in the page's HTML around its blocks."""
    links_to_anchors: dict[File, dict[str, str]] | None = None


class FallbackPages:
    """The source pages' conversions, for the pages of other languages built from them."""

    def __init__(self) -> None:
        """Keep nothing."""
        self._enabled = False
        self._languages = Languages(("en",))
        self._files = Files([])
        self._fallbacks: set[str] = set()
        self._converted: dict[str, _Converted] = {}
        """By the source page's path in its language folder, once converted."""
        self._reading: tuple[str, _Converted] | None = None
        """The page being converted (its path) and what is noted of it."""
        self._by_url: dict[str, File] | None = None
        """The source language's files by their URL, once a link is looked up."""
        self._noted: list[render_once.Block] = []
        """The blocks of the page being converted."""
        self._unconverted: str | None = None
        """The copy being read, if it took no conversion at all (`without_conversion`)."""

    def start(self, config: MkDocsConfig, files: Files, languages: Languages, fallbacks: set[str]) -> None:
        """Begin a build; reuse nothing unless every plugin of the site is one docglot knows."""
        autorefs = config.plugins.get("autorefs")
        self._enabled = (
            render_once.enabled() and known_plugins_only(config) and not getattr(autorefs, "scan_toc", False)
        )
        self._languages, self._files, self._fallbacks = languages, files, fallbacks
        self.clear(enabled=self._enabled)
        if self._enabled:
            # Before MkDocs makes the pages of the navigation, which takes a file's own page.
            for path in sorted(fallbacks):
                if (copy := files.get_file_from_path(path)) is not None:
                    CopyPage(copy, config, self)

    def clear(self, *, enabled: bool = False) -> None:
        """Let go of the kept conversions (pages read after the build convert as usual)."""
        self._enabled = enabled
        self._converted.clear()
        self._reading = None
        self._unconverted = None
        self._by_url = None
        _PENDING.set(None)
        _OBSERVED.set(None)
        _PAGE_MARKDOWN.set(None)
        render_once.note_blocks(None)

    def markdown(self, page: Page, markdown: str) -> str:
        """The Markdown MkDocs converts: only the directives, for a copy that takes the source page's HTML."""
        self._reading = self._unconverted = None
        _PAGE_MARKDOWN.set(None)
        if not self._enabled:
            return markdown
        language, relative = self._languages.of_file(page.file.src_uri)
        if language == self._languages.source:
            if self._has_copies(relative):
                source = _Converted(markdown)
                self._read(page.file.src_uri, source)
                _OBSERVED.set(source.directives)
            return markdown
        converted = self._converted.get(relative)
        if page.file.src_uri not in self._fallbacks or converted is None or converted.markdown != markdown:
            return markdown
        self._read(page.file.src_uri, converted)
        _PENDING.set(list(converted.directives))
        return STAND_IN

    def without_conversion(self, page: Page) -> bool:
        """Whether a copy takes the source page's conversion with no conversion of its own.

        Only a copy without blocks does: there is nothing in its language to convert.
        `content` then gives it the source page's HTML and table of contents, as it does to
        a copy whose stand-in was converted.
        """
        reading = self._reading
        if reading is None or reading[0] != page.file.src_uri or page.markdown != STAND_IN or _PENDING.get():
            return False
        _PENDING.set(None)
        self._unconverted = page.file.src_uri
        # What MkDocs' conversion of the stand-in would leave: no HTML, headings or anchors.
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        return True

    def content(self, page: Page, html: str, config: MkDocsConfig, files: Files) -> str:
        """Keep a source page's conversion; give a copy the source page's, or convert it whole."""
        reading, self._reading = self._reading, None
        unconverted, self._unconverted = self._unconverted == page.file.src_uri, None
        md = _PAGE_MARKDOWN.get()
        _OBSERVED.set(None)
        _PENDING.set(None)
        _PAGE_MARKDOWN.set(None)
        if reading is None or reading[0] != page.file.src_uri:
            return html
        render_once.note_blocks(None)
        blocks = [_finished(block.html, md) for block in self._noted]
        language = self._languages.of_file(page.file.src_uri)[0]
        converted = reading[1]
        ids = [block.ids for block in self._noted]
        if language == self._languages.source:
            self._keep(page, html, converted, blocks, ids, md)
            return html
        tokens = [] if unconverted else _toc_tokens(md)
        entries = None if tokens is None else _entries(tokens, ids)
        if language is None or None in blocks or entries is None or not _placed(converted, entries, ids):
            # A block has a table of contents entry here and none on the source page, or the
            # other way round, or one of its headings' ids meets one of the page's own: converted whole.
            page.markdown = converted.markdown
            page.render(config, files)
            return page.content or ""
        page.markdown = converted.markdown
        toc: list[dict[str, Any]] = []
        for entry in converted.entries:
            toc.extend(dict(own) for own in ([entry] if isinstance(entry, dict) else entries[entry]))
        page.toc = get_toc(nest_toc_tokens(toc))
        # MkDocs reads the title of a page without one in `nav` or in its metadata from its
        # first heading, which its conversion keeps in this attribute: the copy's title is
        # then worked out from its own `nav` entry and metadata, as MkDocs would.
        page._title_from_render = converted.title
        page.present_anchor_ids = converted.anchors | (page.present_anchor_ids or set())
        if converted.links_to_anchors is not None:
            page.links_to_anchors = {}
            for target, links in converted.links_to_anchors.items():
                counterpart = self._counterpart(target, language)
                if counterpart is not None:  # Always: `_keep` kept no conversion otherwise.
                    page.links_to_anchors[counterpart] = dict(links)
        parts = [converted.pieces[0]]
        for block, piece in zip(blocks, converted.pieces[1:], strict=True):
            parts.extend((block or "", piece))
        return "".join(parts)

    def _read(self, path: str, converted: _Converted) -> None:
        self._noted = []
        self._reading = (path, converted)
        render_once.note_blocks(self._noted)

    def _keep(
        self,
        page: Page,
        html: str,
        converted: _Converted,
        blocks: list[str | None],
        ids: list[frozenset[str]],
        md: Markdown | None,
    ) -> None:
        """Keep a source page's conversion if each of its copies can be given it."""
        pieces = _cut(html, blocks)
        tokens = _toc_tokens(md)
        if pieces is None or tokens is None or len(converted.directives) != len(blocks):
            return
        around = _read_html("".join(pieces))
        if _meet(around.ids, set().union(*ids)):
            return
        targets = [self._target(page, url) for url in around.urls]
        linked = [target for target in targets if isinstance(target, File)]
        linked.extend(page.links_to_anchors or {})
        if False in targets or any(
            self._counterpart(target, language) is None
            for target in linked
            for language in self._languages.translations
        ):
            return
        converted.pieces = pieces
        converted.entries = _marked(tokens, ids)
        converted.title = page._title_from_render
        converted.anchors = (page.present_anchor_ids or set()) - set().union(*ids)
        converted.own_ids = around.ids
        converted.links_to_anchors = page.links_to_anchors
        self._converted[self._languages.of_file(page.file.src_uri)[1]] = converted

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


class CopyPage(Page):
    """A page a language lacks, made from the source page's Markdown (see `FallbackPages`).

    MkDocs lets a plugin give a file its page before the navigation is built; this one
    converts its Markdown only if it needs a conversion of its own.
    """

    def __init__(self, file: File, config: MkDocsConfig, pages: FallbackPages) -> None:
        """Make the file's page, as MkDocs makes a page that no `nav` entry titles."""
        super().__init__(None, file, config)
        self._fallback_pages = pages

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Convert the page's Markdown, unless it takes the source page's conversion without one."""
        if not self._fallback_pages.without_conversion(self):
            super().render(config, files)


def _flat(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A table of contents' entries in the page's order, without their children."""
    flat: list[dict[str, Any]] = []
    for token in tokens:
        flat.append({name: value for name, value in token.items() if name != "children"})
        flat.extend(_flat(token.get("children", [])))
    return flat


def _toc_tokens(md: Markdown | None) -> list[dict[str, Any]] | None:
    """The entries of the page's table of contents, in the page's order; `None` without one."""
    if md is None or not hasattr(md, "toc_tokens"):
        return None
    return _flat(md.toc_tokens)


def _owners(ids: list[frozenset[str]]) -> dict[str, int]:
    """The number of the block each heading id is in (the first, should two report it)."""
    owners: dict[str, int] = {}
    for index, block in enumerate(ids):
        for identifier in block:
            owners.setdefault(identifier, index)
    return owners


def _entries(tokens: list[dict[str, Any]], ids: list[frozenset[str]]) -> list[list[dict[str, Any]]]:
    """Each block's entries among the page's table of contents entries."""
    entries: list[list[dict[str, Any]]] = [[] for _ in ids]
    owners = _owners(ids)
    for token in tokens:
        if (block := owners.get(token["id"])) is not None:
            entries[block].append(token)
    return entries


def _marked(tokens: list[dict[str, Any]], ids: list[frozenset[str]]) -> list[dict[str, Any] | int]:
    """The page's entries, each block's run of entries replaced by the block's number."""
    marked: list[dict[str, Any] | int] = []
    owners = _owners(ids)
    for token in tokens:
        block = owners.get(token["id"])
        if block is None:
            marked.append(token)
        elif not marked or marked[-1] != block:
            marked.append(block)
    return marked


def _placed(converted: _Converted, entries: list[list[dict[str, Any]]], ids: list[frozenset[str]]) -> bool:
    """Whether a copy's blocks' entries go where the source page's went, with the ids they have.

    A block with entries on one page and none on the other has no place to go; a block's
    heading whose id meets one of the page's own would have had another id (`_meet`).
    """
    placed = {entry for entry in converted.entries if isinstance(entry, int)}
    if placed != {index for index, found in enumerate(entries) if found}:
        return False
    return not _meet(converted.own_ids, set().union(*ids))


def _meet(own: set[str], blocks: set[str]) -> bool:
    """Whether the page's own ids and its blocks' heading ids meet.

    The `toc` extension gives a heading an id no other element of the page has, by adding
    `_1`, `_2`...: where the ids meet, which heading got which depends on the whole page, and
    the table of contents cannot be told apart by id.
    """
    return any(
        identifier in other or identifier.rsplit("_", 1)[0] in other
        for first, other in ((own, blocks), (blocks, own))
        for identifier in first
    )


def _finished(html: str, md: Markdown | None) -> str | None:
    """A block's HTML as it is in the page: written by the postprocessors that follow Python-Markdown's
    putting it back (`raw_html`), which run on the whole page (`amp_substitute` writes the `&` of
    the headings' permalinks); `None` without the page's Markdown instance."""
    if md is None or "raw_html" not in md.postprocessors:
        return None
    after = list(md.postprocessors)[md.postprocessors.get_index_for_name("raw_html") + 1 :]
    for postprocessor in after:
        html = postprocessor.run(html)
    return html


def _cut(html: str, blocks: list[str | None]) -> list[str] | None:
    """The HTML around each block, in order; `None` if a block is not there as it was rendered."""
    pieces: list[str] = []
    start = 0
    for block in blocks:
        at = html.find(block, start) if block else -1
        if block is None or at < 0:
            return None
        pieces.append(html[start:at])
        start = at + len(block)
    pieces.append(html[start:])
    return pieces


class _Reader(HTMLParser):
    """The URLs of a page's links and images, as MkDocs rewrote them, and its elements' ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = "href" if tag == "a" else "src" if tag == "img" else None
        self.urls.extend(value for name, value in attrs if name == wanted and value)
        self.ids.update(value for name, value in attrs if name == "id" and value)


def _read_html(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def directive(identifier: str, options: str, heading_level: int) -> str:
    """A `:::` directive, written as mkdocstrings reads it: its heading level, identifier and options."""
    line = f"{'#' * heading_level}{' ' if heading_level else ''}::: {identifier}"
    options = options.strip("\n")
    return f"{line}\n{textwrap.indent(options, '    ')}" if options.strip() else line


class _Observe(Preprocessor):  # type: ignore[misc]
    """Note the outermost directives mkdocstrings renders on a source page.

    mkdocstrings' block processor reads a directive's identifier, options and heading level,
    and hands them to `_process_block`; that method of this page's processor is wrapped to
    note them (mkdocstrings gives them to no public hook). Preprocessors run once every
    extension is registered, mkdocstrings' included, and before the blocks are parsed.
    """

    def run(self, lines: list[str]) -> list[str]:
        observed = _OBSERVED.get()
        if observed is not None and _PAGE_MARKDOWN.get() is None:  # The page's, before its blocks'.
            _PAGE_MARKDOWN.set(self.md)
        processors = self.md.parser.blockprocessors
        if observed is None or "mkdocstrings" not in processors:
            return lines
        processor = processors["mkdocstrings"]
        process_block: Callable[..., Any] = processor._process_block
        if getattr(process_block, "__name__", "") != "process_block_observed":

            def process_block_observed(identifier: str, yaml_block: str, heading_level: int = 0) -> Any:
                result = process_block(identifier, yaml_block, heading_level)
                noting = _OBSERVED.get()
                if noting is not None and result[1].outer_layer:
                    noting.append(directive(identifier, yaml_block, heading_level))
                return result

            processor._process_block = process_block_observed
        return lines


class _Directives(Treeprocessor):  # type: ignore[misc]
    """Put a copy's directives into its empty page, where mkdocstrings renders them as on any page."""

    def run(self, root: Element) -> None:
        directives = _PENDING.get()
        if directives is None:
            return
        _PENDING.set(None)  # The page's own tree: the blocks' Markdown is converted by other instances.
        _PAGE_MARKDOWN.set(self.md)
        if not directives or "mkdocstrings" not in self.md.parser.blockprocessors:
            return
        processor = self.md.parser.blockprocessors["mkdocstrings"]
        stash = self.md.htmlStash
        first = stash.html_counter
        for text in directives:
            processor.run(root, [text])
        if _DROPPED in self.md.treeprocessors:
            self.md.treeprocessors[_DROPPED].stashed = range(first, stash.html_counter)


class _DropBlocks(Treeprocessor):  # type: ignore[misc]
    """Leave a copy's blocks out of the HTML of its conversion, which no one reads.

    A copy's HTML is the source page's with the blocks mkdocstrings rendered for it (`content`
    takes them as rendered, `render_once.note_blocks`). Python-Markdown would still put each
    block back into the stand-in's HTML (`raw_html`, a regular expression over every block)
    and run every later postprocessor over them: 0.3 s of an eight-language build of FastAPI's
    reference, for HTML that is dropped. Once every other tree processor has run (the blocks'
    headings are reported, the table of contents is made), the blocks' places in the stash
    are emptied.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.stashed: range | None = None
        """The places in the stash of the copy's blocks, once `_Directives` has rendered them."""

    def run(self, root: Element) -> None:
        stashed, self.stashed = self.stashed, None
        for index in stashed or ():
            self.md.htmlStash.rawHtmlBlocks[index] = ""


_DROPPED = "docglot_fallback_blocks_dropped"


class FallbackPagesExtension(Extension):  # type: ignore[misc]
    """The Markdown side of `FallbackPages`, added to the site's Markdown by the plugin."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Observe the directives of source pages; render those of the copies."""
        md.preprocessors.register(_Observe(md), "docglot_observe_directives", 0)
        # Before the heading copies are emptied (25) and the inline processors run (20).
        md.treeprocessors.register(_Directives(md), "docglot_fallback_directives", 26)
        # After every other tree processor (the last of Python-Markdown's, MkDocs' and
        # mkdocstrings' run at 0), before the postprocessors put the blocks back into the HTML.
        md.treeprocessors.register(_DropBlocks(md), _DROPPED, -100)
