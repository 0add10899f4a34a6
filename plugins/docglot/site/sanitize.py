"""Translations cannot inject script.

Catalogs often come from outside contributors, and a translation is Markdown, which may
hold raw HTML. Everything mkdocstrings renders from docstrings on a translated page is
passed through nh3 (the Rust `ammonia` sanitizer): tags and attributes outside the
allowlist below, `<script>`, event handlers and `javascript:` URLs are removed, whatever
a catalog holds and whether or not anybody checked it.

The sanitized HTML is not the last word: mkdocs-autorefs (and Zensical's autorefs) later
rebuild each `<autoref>` element into a link, writing its attributes' *decoded* values back
into the page without escaping them. A sanitized `id="&quot;&gt;&lt;img onerror=...&gt;"`
would come out as a live `<img>`. So a translation may not write `<autoref>` elements at
all: the only ones kept are those Markdown makes from `[text][identifier]`, with the
attributes autorefs reads, and values that nothing can decode into markup. Raw HTML and
Markdown-made elements look alike once converted, so the Markdown-made ones are marked
while the Markdown is converted ([`TranslatedReferences`][docglot.site.sanitize.TranslatedReferences],
in mkdocstrings' own Markdown converter), under a tag name no catalog can guess.
"""

from __future__ import annotations

import re
import secrets
from html import unescape
from xml.etree.ElementTree import Element

import nh3
from markdown import Extension, Markdown  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from markdown.serializers import to_html_string  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from markdown.util import HTML_PLACEHOLDER_RE  # type: ignore[import-untyped]
from mkdocstrings import BaseHandler

from docglot.reading.docstrings import active_language

# What Python-Markdown and pymdownx produce from docstrings.
TAGS = frozenset(nh3.ALLOWED_TAGS)
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

REFERENCE_ATTRIBUTES = frozenset(
    # What `[text][identifier]` gives an `<autoref>`: the identifier, the slug of `[text][]`,
    # mkdocstrings' context (which object's docstring it is in) and Zensical's backlink mark.
    {"identifier", "slug", "domain", "role", "origin", "filepath", "lineno", "data-zensical-autoref"}
)
_REFERENCE_TAG = f"docglot-ref-{secrets.token_hex(8)}"
"""Markdown-made `<autoref>` elements, between the Markdown conversion and the sanitizer.

Random for each process: a catalog cannot write it, so an `<autoref>` that reaches the
sanitizer under its own name was written as raw HTML, and is removed (its text is kept).
"""
# autorefs writes decoded values back between double quotes, or as text: these characters
# (and control characters) would turn a value into markup.
_MARKUP_CHARACTERS = re.compile(r"[<>\"'&\x00-\x1f]")
# Attributes the theme's script reads: `__config` is the id of the JSON element Material and
# Zensical take their configuration from (the search worker's URL among it), `data-md-*`
# marks their components; `data-autorefs-*` is autorefs' older cross-reference form.
_THEME_ID_PREFIX = "__"
_REMOVED_DATA_PREFIXES = ("data-md-", "data-autorefs-")


def is_plain(value: str) -> bool:
    """Whether an attribute value stays text once a later stage decodes and writes it back."""
    return _MARKUP_CHARACTERS.search(value) is None


def kept_attribute(tag: str, name: str, value: str) -> bool:
    """Whether the sanitizer keeps an attribute of a translated element (URLs aside)."""
    if name.startswith("data-"):
        return not name.startswith(_REMOVED_DATA_PREFIXES)
    if name == "id" and value.startswith(_THEME_ID_PREFIX):
        return False
    return name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(tag, ())


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if tag == _REFERENCE_TAG:
        return value if name in REFERENCE_ATTRIBUTES and is_plain(value) else None
    return value if kept_attribute(tag, name, value) else None


def sanitize(html: str) -> str:
    """Return the HTML without anything that could run script, now or once autorefs rebuilds it."""
    clean = nh3.clean(
        html,
        tags={*TAGS, _REFERENCE_TAG},
        attributes={**ATTRIBUTES, _REFERENCE_TAG: set(REFERENCE_ATTRIBUTES)},
        attribute_filter=_attribute_filter,
        generic_attribute_prefixes={"data-"},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    # The marked name is random and its elements carry plain values only: they are the
    # Markdown-made cross-references, given back to autorefs under their own name.
    return clean.replace(f"<{_REFERENCE_TAG}", "<autoref").replace(f"</{_REFERENCE_TAG}>", "</autoref>")


_HEADINGS = "mkdocstrings_headings_list"
"""mkdocstrings' treeprocessor that reports a docstring's headings to the page's table of contents."""


def _reported_headings(md: Markdown) -> list[Element] | None:
    if _HEADINGS not in md.treeprocessors:
        return None
    headings: list[Element] = md.treeprocessors[_HEADINGS].headings
    return headings


class _CountHeadings(Preprocessor):  # type: ignore[misc]
    """Note how many headings mkdocstrings had reported before this text is converted."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.start = 0

    def run(self, lines: list[str]) -> list[str]:
        self.start = len(_reported_headings(self.md) or ())
        return lines


class _MarkReferences(Treeprocessor):  # type: ignore[misc]
    """On a translated page: mark the `<autoref>` elements Markdown made, for the sanitizer to keep.

    Also makes the headings of the text plain text in the table of contents: mkdocstrings
    reports them to the page as they are in the Markdown tree, before the sanitizer (and
    Zensical writes their HTML into its table of contents).
    """

    def __init__(self, md: Markdown, source: str, count: _CountHeadings) -> None:
        super().__init__(md)
        self.source = source
        self.count = count

    def run(self, root: Element) -> None:
        if active_language(self.source) == self.source:
            return  # The source language's text is the code's own, and is not sanitized.
        headings = _reported_headings(self.md)
        if headings is not None:
            for index in range(self.count.start, len(headings)):
                headings[index] = self._plain(headings[index])
        for element in list(root.iter("autoref")):
            attributes = {
                name: value for name, value in element.attrib.items() if name in REFERENCE_ATTRIBUTES
            }
            # An identifier with markup in it (`[text][a"><img ...>]`) is no cross-reference:
            # left unmarked, the sanitizer keeps its text only.
            if element.get("identifier") and all(map(is_plain, attributes.values())):
                element.attrib.clear()
                element.attrib.update(attributes)
                element.tag = _REFERENCE_TAG

    def _plain(self, heading: Element) -> Element:
        """A heading of the same level and id, whose content is its text (raw HTML's text included)."""
        plain = Element(heading.tag)
        identifier = heading.get("id")
        if identifier is not None and kept_attribute(heading.tag, "id", identifier):
            plain.set("id", identifier)
        # The heading's HTML as the page will have it, raw HTML put back: then its text, as
        # the sanitizer leaves it (without the content of `<script>` and `<style>`).
        stash = self.md.htmlStash.rawHtmlBlocks
        html = HTML_PLACEHOLDER_RE.sub(lambda match: str(stash[int(match[1])]), to_html_string(heading))
        plain.text = unescape(nh3.clean(html, tags=set()))
        return plain


_STRIP_PARAGRAPH = "mkdocstrings_strip_paragraph"
"""mkdocstrings' treeprocessor that makes a text's only paragraph its root (an admonition's title)."""


class _PlainRootParagraph(Treeprocessor):  # type: ignore[misc]
    """On a translated page: drop the attributes of a paragraph that mkdocstrings makes the root.

    A text rendered inline (an admonition's title, `strip_paragraph`) loses its only
    paragraph's tag: the paragraph becomes the root, whose attributes have nowhere to go, and
    Python-Markdown fails on them. A translation reaches every place that shows its English
    text, a title among them, and may set attributes on its paragraph (`attr_list`'s
    `{: ...}` line, or `<p markdown>` with `md_in_html`): they go, the text stays.
    """

    def __init__(self, md: Markdown, source: str) -> None:
        super().__init__(md)
        self.source = source

    def run(self, root: Element) -> None:
        if active_language(self.source) == self.source:
            return  # The source language's text is the code's own, and is not sanitized.
        processors = self.md.treeprocessors
        strips = _STRIP_PARAGRAPH in processors and bool(
            getattr(processors[_STRIP_PARAGRAPH], "strip", False)
        )
        if strips and len(root) == 1 and root[0].tag == "p":
            root[0].attrib.clear()


class TranslatedReferences(Extension):  # type: ignore[misc]
    """Let the sanitizer keep the cross-references a translation writes as `[text][identifier]`.

    Goes in mkdocstrings' own Markdown converter (the one that renders docstrings, see
    [`guard_references`][docglot.site.sanitize.guard_references]), not in the pages' converter.
    """

    def __init__(self, source: str) -> None:
        """Mark references on pages of every language but `source`, whose pages are not sanitized."""
        super().__init__()
        self.source = source

    def extendMarkdown(self, md: Markdown) -> None:
        """Count headings first; mark references once inline Markdown (20), `attr_list` (8) and
        mkdocstrings' heading report (1) have run."""
        count = _CountHeadings(md)
        md.preprocessors.register(count, "docglot_count_headings", 100)
        md.treeprocessors.register(_MarkReferences(md, self.source, count), "docglot_references", 0.5)
        # After `attr_list` (8) and `md_in_html`, before mkdocstrings strips the paragraph (0.99).
        md.treeprocessors.register(
            _PlainRootParagraph(md, self.source), "docglot_plain_root_paragraph", 0.995
        )


def guard_references(handler: BaseHandler, source: str) -> None:
    """Give a mkdocstrings handler's Markdown converter the `TranslatedReferences` extension.

    mkdocstrings builds that converter (once a page) from the handler's `mdx` list of
    extensions, which it shares with the pages' converter: the handler gets a list of its own.
    """
    if not any(isinstance(extension, TranslatedReferences) for extension in handler.mdx):
        handler.mdx = [*handler.mdx, TranslatedReferences(source)]
