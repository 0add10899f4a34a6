"""Render each `:::` block through the templates once, and give every language its text.

A block's HTML is the same in every language but for its text: the docstrings' messages,
the labels, and what Python-Markdown makes of them. Running mkdocstrings-python's templates
again for each language (most of a reference page's cost) would redo the same work eight
times on an eight-language site. Instead, the first language to render a block *records*
it: the templates run once while every message and every label is a token, and every
Markdown conversion the templates ask for is noted instead of run, its place a token too.
Each language, the first included, then *replays* the recording: it converts each noted
Markdown with its own text in it (a text converted once per block whatever the number of
languages showing it: an untranslated text, shown in English with a badge, is the same
Markdown in every language but for the badge's words, put in afterwards) and writes its
converted text and labels where the tokens are. A text that is the English page's, or a
badge and then the English page's, is not converted again when the English HTML tells what
it would give (`_derived`).

A recording stands for one object rendered with one set of options, in a build; nothing
of a catalog is in it, so a catalog changed between two builds changes no recording.

The templates are mkdocstrings-python's and the site's own, and substitution must give
the very HTML the templates would have written in each language: a recording in which a
token went anywhere substitution cannot account for (a message outside a Markdown
conversion, a label that a filter changed, a token cut in two) is dropped, and that block
is rendered through the templates in every language, as it would be without this module.
No library renders a Jinja template once for several sets of texts, hence this module.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from xml.etree.ElementTree import Element

from griffe import Docstring, DocstringSection
from markupsafe import Markup, escape
from mkdocstrings import BaseHandler

from docglot.reading.docstrings import activate, active_translator
from docglot.site.sanitize import sanitize
from docglot.text.labels import label, labelled, markdown_literal
from docglot.text.lookup import State
from docglot.text.messages import Message, translated_sections
from docglot.text.translation import NEUTRAL_BADGES, Translator, localize_badges, marker

DISABLE = "DOCGLOT_RENDER_EACH_LANGUAGE"
"""An environment variable: set to `1`, every language renders every block through the templates."""

_MARK = "\x1a"
"""Around every token: a character that neither the code's docstrings, nor a catalog, nor a label holds."""

HTML_TOKEN = re.compile(
    "\x1a(?:DgC(?P<conversion>[0-9]+)\x1a|(?P<case>Dg|DG)L(?P<label>[0-9]+)\x1a(?P<colon>:?))"
)
"""A token in a block's HTML: a Markdown conversion (`C`) or a label (`L`).

mkdocstrings-python's templates write some labels in capitals, or without their colon
(`lang.t("PARAMETER").rstrip(":").upper()`): a label's token ends with a colon and has
lower-case letters, so that what the templates did to it shows, and is done to the label.
"""
MARKDOWN_TOKEN = re.compile("\x1aDg(?P<kind>[TM])(?P<index>[0-9]+)\x1a")
"""A token in a noted Markdown conversion: a message (`T`) or a label, written as Markdown (`M`)."""

PLAIN_PROCESSORS = frozenset(
    {
        *(f"markdown.{stage}" for stage in ("preprocessors", "blockprocessors", "inlinepatterns")),
        *(f"markdown.{stage}" for stage in ("treeprocessors", "postprocessors")),
        *(
            f"markdown.extensions.{name}"
            for name in ("abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code")
        ),
        *(
            f"markdown.extensions.{name}"
            for name in ("footnotes", "md_in_html", "sane_lists", "tables", "toc")
        ),
        *(f"pymdownx.{name}" for name in ("betterem", "caret", "delimiterprocessor", "details", "emoji")),
        *(f"pymdownx.{name}" for name in ("highlight", "inlinehilite", "keys", "mark", "superfences")),
        *(f"pymdownx.{name}" for name in ("tabbed", "tilde")),
        "mkdocs.structure.pages",
        # Zensical's cross-references, and its page context, which converts nothing.
        "zensical.extensions.autorefs",
        "zensical.extensions.context",
    }
)
"""The modules of Markdown processors that convert a paragraph's text alike whatever inline HTML
comes before its first letter, and a text alike on every page (with docglot's, mkdocstrings'
and autorefs' own, `_PLAIN_PACKAGES`).

Python-Markdown's `meta`, for one, is not among them: it reads `Key: value` lines at the
start of a text as metadata, and none after a badge.
"""
_PLAIN_PACKAGES = ("docglot.", "mkdocstrings.", "mkdocs_autorefs.")


@dataclass
class _Conversion:
    """A Markdown conversion the templates asked for while a block was recorded."""

    text: str
    """The Markdown, with message and label tokens."""
    arguments: tuple[Any, ...]
    options: dict[str, Any]
    headings_before: int
    """How many of the block's own headings the templates had written before it."""
    results: dict[tuple[str, bool], tuple[str, list[Element]]] = field(default_factory=dict)
    """Its HTML and the headings it reports, by the Markdown converted and whether it is sanitized.

    The same Markdown converts differently on a translated page: its cross-references are
    marked for the sanitizer, and its headings made plain text (`docglot.site.sanitize`)."""
    sanitized: dict[str, str] = field(default_factory=dict)
    """Its sanitized HTML, by its HTML (its badges' words not yet the language's)."""


@dataclass
class _Recording:
    """One block: its HTML with tokens, and what the tokens stand for."""

    data: object
    """The object rendered: a recording never serves another object of the same path."""
    html: str = ""
    headings: list[Element] = field(default_factory=list)
    """The headings the templates register for the table of contents (`do_heading`)."""
    messages: list[Message] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    conversions: list[_Conversion] = field(default_factory=list)
    written: list[Element] = field(default_factory=list)
    """While the block is recorded: the handler's list of headings, which the templates write to."""
    written_before: int = 0
    """How many headings that list held before the block."""
    sections: dict[int, list[DocstringSection]] = field(default_factory=dict)
    docstrings: list[tuple[Docstring, list[DocstringSection]]] = field(default_factory=list)
    """The docstrings the templates read, each with its source sections, in the order they read them."""
    substitutable: bool = True

    def message(self, message: Message) -> str:
        """A message's token."""
        self.messages.append(message)
        return f"{_MARK}DgT{len(self.messages) - 1}{_MARK}"

    def label(self, key: str, kind: str) -> str:
        """A label's token, written as HTML (`L`) or as Markdown (`M`)."""
        self.labels.append(key)
        return f"{_MARK}Dg{kind}{len(self.labels) - 1}{_MARK}" + (":" if kind == "L" else "")


class _Recorder:
    """The section translator of a recording: every message becomes a token."""

    def __init__(self, language: str, recording: _Recording) -> None:
        self.language = language
        self.recording = recording

    def sections(self, docstring: Docstring, sections: list[DocstringSection]) -> list[DocstringSection]:
        """A docstring's sections with each message a token, built once per recording."""
        parent = docstring.parent
        if parent is None:
            return sections
        key = id(sections)
        cached = self.recording.sections
        if key not in cached:
            cached[key] = translated_sections(parent.path, sections, self.recording.message)
            self.recording.docstrings.append((docstring, sections))
        return cached[key]


_RECORDING: ContextVar[_Recording | None] = ContextVar("docglot_recording", default=None)
_RECORDINGS: dict[tuple[str, str, str, str], _Recording] = {}
"""The blocks of the build in progress, by object path, options, locale and heading settings."""
_ALIASES: dict[tuple[str, int], tuple[str, ...]] = {}
"""The aliases of the build's headings, by identifier and number of packages loaded."""
_ENABLED = False


def start_build(*, languages: int) -> None:
    """Begin a build of `languages` languages: forget the blocks of any build before it.

    With a single language there is nothing to share, and blocks render as mkdocstrings
    renders them.
    """
    global _ENABLED, _NOTED
    _NOTED = None
    _RECORDINGS.clear()
    _ALIASES.clear()
    _ENABLED = languages > 1 and os.environ.get(DISABLE, "") != "1"


def enabled() -> bool:
    """Whether the build in progress renders each block once for every language."""
    return _ENABLED


@dataclass(frozen=True)
class Block:
    """A `:::` block of a page, as rendered: its HTML, and the ids of the headings it reports."""

    html: str
    ids: frozenset[str]


_NOTED: list[Block] | None = None


def note_blocks(noted: list[Block] | None) -> None:
    """Append each outermost block rendered from now on to `noted`; `None` stops.

    A page's copies in other languages take its HTML with their own blocks in these blocks'
    places (`engines/mkdocs/fallback_pages.py`).
    """
    global _NOTED
    _NOTED = noted


def end_build(*, keep: bool = False) -> None:
    """Let go of the build's blocks, or, with `keep`, hold them until the next build starts.

    `docglot serve` keeps them: a page it renders again after a catalog changed replays its
    blocks rather than running the templates again.
    """
    if not keep:
        _RECORDINGS.clear()
        _ALIASES.clear()


def label_token(key: str) -> str | None:
    """While a block is recorded, the token of a label written as HTML; `None` otherwise."""
    recording = _RECORDING.get()
    return None if recording is None else recording.label(key, "L")


def labelled_token(section: DocstringSection) -> DocstringSection | None:
    """While a block is recorded, a section with its labels as tokens (`labelled`); `None` otherwise."""
    recording = _RECORDING.get()
    if recording is None:
        return None
    return labelled(section, "", name=lambda key: recording.label(key, "M"))


def conversion_token(text: str, *arguments: Any, **options: Any) -> Markup | None:
    """While a block is recorded, note a Markdown conversion and return its token; `None` otherwise."""
    recording = _RECORDING.get()
    if recording is None:
        return None
    written = len(recording.written) - recording.written_before
    recording.conversions.append(_Conversion(str(text), arguments, options, written))
    return Markup(f"{_MARK}DgC{len(recording.conversions) - 1}{_MARK}")


def install(handler: BaseHandler, source: str, convert: Callable[..., Markup]) -> None:
    """Make the handler render each block once per build (`convert`: mkdocstrings' own conversion)."""
    render = handler.render
    if getattr(render, "__name__", "") == "render_once":
        return

    def render_once(data: Any, options: Any, locale: str | None = None) -> str:
        if _NOTED is None or not handler.outer_layer:
            return render_block(data, options, locale)
        headings: list[Element] = handler._headings
        start = len(headings)
        html = render_block(data, options, locale)
        _NOTED.append(Block(html, _heading_ids(headings[start:])))
        return html

    def render_block(data: Any, options: Any, locale: str | None) -> str:
        translator = active_translator()
        if not _ENABLED:
            return render(data, options, locale=locale)
        key = (str(getattr(data, "path", "")), repr(options), str(locale), _heading_settings(handler))
        recording = _RECORDINGS.get(key)
        if recording is None or recording.data is not data:
            recording = _record(handler, render, data, options, locale)
            _RECORDINGS[key] = recording
        if not recording.substitutable:
            return render(data, options, locale=locale)
        language = translator.language if translator is not None else source
        shown = translator if isinstance(translator, Translator) else Translator(language)
        return _replay(handler, recording, shown, language != source, convert)

    handler.render = render_once  # type: ignore[method-assign]
    _alias_once(handler)


def _heading_ids(headings: list[Element]) -> frozenset[str]:
    """The ids of the headings a block reported."""
    return frozenset(identifier for heading in headings if (identifier := heading.get("id")))


def _alias_once(handler: BaseHandler) -> None:
    """Find each heading's aliases once for every language, not once per language.

    mkdocstrings asks for them for every heading of every page, to register them with
    autorefs and in the inventory. They depend on the code loaded so far only: the
    answer is kept while the number of loaded packages is the same.
    """
    get_aliases = handler.get_aliases
    if getattr(get_aliases, "__name__", "") == "aliases_once":
        return

    def aliases_once(identifier: str) -> tuple[str, ...]:
        if not _ENABLED:
            return get_aliases(identifier)
        loaded = getattr(handler, "_modules_collection", None)
        key = (identifier, len(loaded.members) if loaded is not None else -1)
        if key not in _ALIASES:
            _ALIASES[key] = get_aliases(identifier)
        return _ALIASES[key]

    handler.get_aliases = aliases_once  # type: ignore[method-assign]


def _heading_settings(handler: BaseHandler) -> str:
    """The settings of the `toc` extension of the handler's Markdown, which writes the blocks' headings.

    mkdocstrings adds the headings' anchors and permalinks (with their tooltip) as the
    `toc` extension of the page's Markdown is configured, in the templates and in every
    conversion: a block recorded with other settings does not serve.
    """
    processors = handler.md.treeprocessors  # A Python-Markdown registry, which has no `get`.
    toc = processors["toc"] if "toc" in processors else None  # noqa: SIM401
    return (
        ""
        if toc is None
        else repr(sorted((name, repr(value)) for name, value in vars(toc).items() if name != "md"))
    )


def _record(
    handler: BaseHandler, render: Callable[..., str], data: Any, options: Any, locale: str | None
) -> _Recording:
    """Render a block through the templates with every text a token; note what substitution needs."""
    headings: list[Element] = handler._headings  # mkdocstrings keeps them there for `get_headings`.
    start = len(headings)
    recording = _Recording(data, written=headings, written_before=start)
    translator = active_translator()
    recording_token = _RECORDING.set(recording)
    activate(_Recorder(translator.language if translator else "", recording))
    try:
        html = render(data, options, locale=locale)
    finally:
        _RECORDING.reset(recording_token)
        activate(translator)
    recording.headings = [copy.deepcopy(heading) for heading in headings[start:]]
    recording.written = []
    del headings[start:]
    recording.html = html
    recording.substitutable = (
        _holds_only(html, HTML_TOKEN)
        and all(_holds_only(conversion.text, MARKDOWN_TOKEN) for conversion in recording.conversions)
        and all(_labels_only(text) for heading in recording.headings for text in _texts(heading))
    )
    return recording


def _holds_only(text: str, tokens: re.Pattern[str]) -> bool:
    """Whether every token mark in `text` is part of a whole token that `tokens` matches."""
    return text.count(_MARK) == 2 * sum(1 for _ in tokens.finditer(text))


def _texts(heading: Element) -> list[str]:
    """The texts and attribute values of a heading and everything in it."""
    texts: list[str] = []
    for element in heading.iter():
        texts.extend(text for text in (element.text, element.tail) if text)
        texts.extend(element.attrib.values())
    return texts


def _labels_only(text: str) -> bool:
    """Whether `text` holds whole label tokens, if any, and no other token."""
    return _holds_only(text, HTML_TOKEN) and all(
        match["conversion"] is None for match in HTML_TOKEN.finditer(text)
    )


def _with_labels(heading: Element, write: Callable[[re.Match[str], bool], str]) -> Element:
    """A copy of a heading with its labels written: escaped in its HTML, as they are in its attributes.

    mkdocstrings gives a heading its HTML as text, and its table of contents label
    (`data-toc-label`) as that HTML unescaped.
    """
    heading = copy.deepcopy(heading)
    for element in heading.iter():
        if element.text:
            element.text = HTML_TOKEN.sub(lambda match: write(match, True), element.text)
        if element.tail:
            element.tail = HTML_TOKEN.sub(lambda match: write(match, True), element.tail)
        for name, value in element.attrib.items():
            element.set(name, HTML_TOKEN.sub(lambda match: write(match, False), value))
    return heading


def _replay(
    handler: BaseHandler,
    recording: _Recording,
    translator: Translator,
    sanitized: bool,
    convert: Callable[..., Markup],
) -> str:
    """A recorded block in `translator`'s language: conversions run, tokens written, headings reported."""
    language = translator.language
    if translator.extracted is not None:  # The messages the block shows are recorded, as a render would.
        for docstring, sections in recording.docstrings:
            translator.sections(docstring, sections)

    def markdown(match: re.Match[str]) -> str:
        index = int(match["index"])
        if match["kind"] == "T":
            return translator.translate(recording.messages[index], badges=NEUTRAL_BADGES)
        return markdown_literal(label(recording.labels[index], language))

    def written(match: re.Match[str], escaped: bool) -> str:
        key = recording.labels[int(match["label"])]
        words = str(escape(label(key, language))) if escaped else label(key, language)
        if not match["colon"]:
            words = words.rstrip(":")
        return words.upper() if match["case"] == "DG" else words

    converted: list[str] = []
    headings = [_with_labels(heading, written) for heading in recording.headings]
    inserted = 0
    for conversion in recording.conversions:
        text = MARKDOWN_TOKEN.sub(markdown, conversion.text)
        if sanitized and (text, True) not in conversion.results:
            derived = _derived(handler, recording, conversion, text)
            if derived is not None:
                conversion.results[(text, True)] = (derived, [])
        fragment, reported = _converted(handler, conversion, text, sanitized, convert)
        if sanitized:
            # Sanitized once for every language: the sanitizer writes the badges' words again,
            # alike in every language, and changes nothing else by them.
            if fragment not in conversion.sanitized:
                conversion.sanitized[fragment] = sanitize(fragment)
            fragment = localize_badges(conversion.sanitized[fragment], language, _sanitized)
        else:
            fragment = localize_badges(fragment, language)
        converted.append(fragment)
        at = conversion.headings_before + inserted
        headings[at:at] = [copy.deepcopy(heading) for heading in reported]
        inserted += len(reported)
    handler._headings.extend(headings)

    def html(match: re.Match[str]) -> str:
        if match["conversion"] is not None:
            return converted[int(match["conversion"])]
        return written(match, True)

    return HTML_TOKEN.sub(html, recording.html)


@cache
def _sanitized(words: str) -> str:
    """Badge attributes (`data-docglot-label="..." title="..."`) as the sanitizer writes them."""
    span = sanitize(f'<span class="docglot-marker" {words}></span>')
    return span.removeprefix('<span class="docglot-marker" ').removesuffix("></span>")


def _converted(
    handler: BaseHandler, conversion: _Conversion, text: str, sanitized: bool, convert: Callable[..., Markup]
) -> tuple[str, list[Element]]:
    """A conversion's HTML with this text, and the headings it reports, converted once per block."""
    key = (text, sanitized)
    if key not in conversion.results:
        headings: list[Element] = handler._headings
        start = len(headings)
        html = str(convert(text, *conversion.arguments, **conversion.options))
        conversion.results[key] = (html, headings[start:])
        del headings[start:]
    return conversion.results[key]


def _derived(handler: BaseHandler, recording: _Recording, conversion: _Conversion, text: str) -> str | None:
    """The HTML of a text on a translated page, from the HTML of the English text, when it can be told.

    A translated page's conversion differs from the English page's in its headings and its
    cross-references only, and in a title's paragraph (`docglot.site.sanitize`): the same
    text without these has the English text's HTML.

    A message shown in English on a translated page is its English text with a badge in
    front (`docglot.text.translation.marker`). Python-Markdown passes the badge through as
    the inline HTML it is, at the start of the first paragraph, and converts the rest as it
    converts the English text, as long as every processor is one that `PLAIN_PROCESSORS`
    lists: the HTML is the English HTML with the badge after its first `<p>`.

    `None` (convert the text) otherwise: a processor `PLAIN_PROCESSORS` does not list; English
    HTML not converted yet in this build, or with headings or cross-references in it; a title;
    a badge not followed by a letter, or English HTML that does not start with a paragraph.
    """
    if conversion.options.get("strip_paragraph") or not _plain_processors(handler.md):
        return None
    same = conversion.results.get((text, False))
    if same is not None:
        return same[0] if _plain_html(same) else None
    first = MARKDOWN_TOKEN.match(conversion.text)
    if first is None or first["kind"] != "T":
        return None
    message = recording.messages[int(first["index"])]
    for state in (State.untranslated, State.fuzzy):
        badge = marker(state, message, NEUTRAL_BADGES) + " "
        if text.startswith(badge):
            break
    else:
        return None
    known = conversion.results.get((text.removeprefix(badge), False))
    if known is None or not _plain_html(known) or not text[len(badge) : len(badge) + 1].isalpha():
        return None
    html = known[0]
    return f"<p>{badge}{html.removeprefix('<p>')}" if html.startswith("<p>") else None


def _plain_html(converted: tuple[str, list[Element]]) -> bool:
    """Whether a conversion has no headings and no cross-references: translated pages differ there."""
    html, headings = converted
    return not headings and "<autoref" not in html


def _plain_processors(md: Any) -> bool:
    """Whether every processor of a Markdown instance is one that `PLAIN_PROCESSORS` lists."""
    registries = (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors)
    for registry in (*registries, md.postprocessors):
        for processor in registry:
            module = type(processor).__module__
            if module not in PLAIN_PROCESSORS and not module.startswith(_PLAIN_PACKAGES):
                return False
    return True
