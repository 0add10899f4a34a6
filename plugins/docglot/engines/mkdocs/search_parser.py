"""Material's search parser, made fast: the same sections, read with regular expressions.

Material's search plugin cuts every page into the sections of its index with a subclass of
`html.parser.HTMLParser` (`material.plugins.search.plugin.Parser`). docglot builds every
language in one build, so every page is read once per language, and on a reference site most
of a page is code, one `<span>` a token: reading took about a quarter of the CPU time of an
8-language build. No library gives the same result faster: a real HTML parser (lxml,
html5lib) repairs what it reads (closes a `<p>` before a `<div>`, moves stray end tags),
while Material's parser works on the tags exactly as written, so its sections differ
wherever the HTML is not perfectly nested. This module therefore reproduces `html.parser`'s
events with regular expressions, for the markup that every Python version tokenizes alike,
and Material's handlers on them, with counters in place of the searches through the open
elements they repeat on every tag, and whole runs of tags read at once where no handler
could see them (`read_sections`). Any other markup (a stray `<`, a declaration, an unusual
comment, the content of a `<textarea>` or a `<script>` that `html.parser` reads differently
across Python versions) sends the whole page to Material's own parser.

It stands in for Material's parser only where its code is the one this module reproduces:
`reproduces_material()` compares a digest of Material's parser classes with the one this
module was written against (`MATERIAL_PARSER`), and `search_index.py` installs it only then.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Iterable
from functools import cache
from html import escape, unescape
from typing import Any

from material.plugins.search import plugin as material_search

MATERIAL_PARSER = "b2169d1c9b389b603a0218bd2a6e49c1e3deec40652257d03e260f46fddb7b80"
"""SHA-256 of the source of Material's `Parser`, `Element` and `Section`, and of its `void`
tags, in the versions this module reproduces (Material 9.x)."""

_SPACE = "[ \t\n\r\f]"
"""The whitespace every version of `html.parser` accepts between attributes (`\\s` also
matches other characters, which some versions treat differently: those go to Material)."""
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*+"
"""An attribute's name, possessive (see `_RUN_ATTRIBUTES`): no character it may hold follows it."""
_VALUE = "\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`]+"
_ATTRIBUTES = f"(?:{_SPACE}+{_NAME}(?:{_SPACE}*={_SPACE}*(?:{_VALUE}))?)*"
_ATTRIBUTE = re.compile(f"{_SPACE}+({_NAME})(?:{_SPACE}*={_SPACE}*({_VALUE}))?")
_RUN_ATTRIBUTES = (
    f"(?:{_SPACE}++{_NAME}(?:{_SPACE}*+={_SPACE}*+(?:\"[^\"<>]*+\"|'[^'<>]*+'|[^\\s\"'=<>`]++))?)*"
)
"""Attributes without `<` or `>` in their values: a run's tags are then `<[^>]*>`.

Its repeats of a single character are possessive, as are a run's texts: what follows each
cannot start with a character it takes (a name after spaces, `>` after a value, `<` after
text), so giving some back could never lead to another match, and the regular expression
engine reads them faster when it keeps no state to backtrack to. Possessive repeats of more
than a character are left out: Python 3.11 fails on some, or matches wrongly before 3.11.5."""
_VOID = "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr"
"""Material's `void` tags, which it ignores entirely (`reproduces_material` checks the list)."""
_INERT = (
    "span|a|div|td|tr|th|b|i|em|strong|small|table|thead|tbody|tfoot|caption|details|summary"
    "|blockquote|dl|dt|dd|figure|figcaption|section|article|aside|header|footer|nav|label"
    "|abbr|mark|kbd|del|ins|s|u|q|cite|dfn|var|samp|time"
)
"""Elements whose tags change nothing in a section's text, when they carry no attribute
Material reads and no exclusion is under way: Material neither keeps nor skips them, none
is a heading, and an `<a>` matters only in a heading (where a permalink's text is left out)."""
_KEPT_IN_RUNS = "code|p|li|ol|ul|sub|sup"
"""The elements Material keeps in the index, `<pre>` aside (whose content it reads apart)."""
_RUN_DEPTH = 8
"""How deep a run's elements nest at most: a table's cells hold paragraphs, code, links."""
_TOKEN_SPAN = f'<span{_SPACE}++class="[^"<>]*+">[^<]*+</span>'
"""A token of code as Pygments writes it, the commonest part of a run: read at once, as it
needs none of the repeats of more than a character that an element of parts does."""


def _run_part(depth: int) -> str:
    """One part of a run: text, a void tag, or an element of parts, `depth` deep at most.

    An end tag is no part: `(?!/)` says so at once, where the names would be tried one by one.
    """
    parts = ["[^<]++", f"<(?!/)(?:{_VOID})(?![-a-zA-Z0-9]){_RUN_ATTRIBUTES}{_SPACE}*+/?>"]
    if depth:
        name = f"inert{depth}"
        element = f"<(?!/)(?P<{name}>{_INERT}|{_KEPT_IN_RUNS})(?![-a-zA-Z0-9]){_RUN_ATTRIBUTES}{_SPACE}*+>"
        parts[1:1] = [_TOKEN_SPAN, f"{element}{_run_part(depth - 1)}*</(?P={name})>"]
    return f"(?>{'|'.join(parts)})"


_RUN = f"{_run_part(_RUN_DEPTH)}+"
_MARKUP = (
    # Text, up to the next `<`.
    "|(?P<text>[^<]+)"
    # A `<script>` or `<style>` element whose content neither closes it early nor opens a
    # comment (where Python versions differ). `html.parser` hands its content to a handler
    # that Material returns from at once: `script` and `style` are always skipped.
    f"|(?P<raw><(?P<raw_tag>script|style)(?P<raw_attributes>{_ATTRIBUTES}){_SPACE}*>"
    "(?:[^<]|<(?![/!]))*</(?P=raw_tag)>)"
    f"|(?P<start><(?P<tag>[a-zA-Z][-a-zA-Z0-9]*)(?P<attributes>{_ATTRIBUTES}){_SPACE}*(?P<closed>/?)>)"
    f"|(?P<end></(?P<end_tag>[a-zA-Z][-a-zA-Z0-9]*){_SPACE}*>)"
    "|(?P<comment><!--(?!-?>)(?:[^-]|-(?!-))*-->)"  # Without `--` inside: read alike everywhere.
    "|(?P<other><)"  # Any other markup: Material's parser reads the page.
)
_TOKENS = re.compile(f"(?P<run>{_RUN}){_MARKUP}")
"""The page's tokens: runs of text and inert elements (Pygments' tokens on lines of code,
the words and links of a paragraph), read at once where nothing in them counts, and tags."""
_SINGLE_TOKENS = re.compile(f"(?P<run>(?!){'()' * _RUN.count('(?P<inert')}){_MARKUP}")
"""The tokens of a run that has to be read tag by tag: never a run (whose groups are left
empty, so that the others are numbered as in `_TOKENS`)."""
_GROUPS = _TOKENS.groupindex
_KIND_RUN, _KIND_TEXT, _KIND_RAW, _KIND_START, _KIND_END, _KIND_COMMENT = (
    _GROUPS[kind] for kind in ("run", "text", "raw", "start", "end", "comment")
)
"""A token's kind: the index of its outermost group, the last to close (`Match.lastindex`)."""
_TAG, _ATTRIBUTES_WRITTEN, _CLOSED, _RAW_TAG, _RAW_ATTRIBUTES, _END_TAG = (
    _GROUPS[group] for group in ("tag", "attributes", "closed", "raw_tag", "raw_attributes", "end_tag")
)
_RUN_TAGS = re.compile("<[^>]*>")
_KEPT_RUN_TAGS = re.compile(f"<(?!/?span)(/?)({_KEPT_IN_RUNS})(?![-a-zA-Z0-9])[^>]*>")
"""The tags of a run that Material keeps: (`/` or not, tag). Code is mostly `<span>` tags,
which `(?!/?span)` passes over at once."""
_TEXT_RUN_PARTS = re.compile(f"<(/?)({_KEPT_IN_RUNS})(?![-a-zA-Z0-9])[^>]*>|<[^>]*>")
"""A run's pieces of text and its tags, those Material keeps as (`/` or not, tag), the
others as nothing."""
_TITLE_RUN_PARTS = re.compile(f"<(/?)({_KEPT_IN_RUNS}|a)(?![-a-zA-Z0-9])([^>]*)>|<[^>]*>")
"""The same in a title, where links count too, with their attributes: they may be permalinks."""
_EXCLUDE = re.compile("-[sS][eE][aA][rR][cC][hH]-[eE][xX][cC][lL][uU][dD][eE]")
"""The end of `data-search-exclude`, in any case: sought from its `-` as fast as a fixed
string, where lowering a whole page first would take a tenth of the time of reading it."""
_NUMERIC_REFERENCE = re.compile("&#")
"""Sought faster as a regular expression than with `str.find`, from one to the next."""
_CLASS_REFERENCE = re.compile(f"[cC][lL][aA][sS][sS]{_SPACE}*={_SPACE}*(?:\"[^\"]*|'[^']*|[^\\s\"'=<>`]*)\\Z")
"""A class attribute whose value goes on where the text searched ends."""


_RAW_TEXT = frozenset(
    ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")
)
"""Elements whose content some version of `html.parser` reads as text, tags included."""
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_ALWAYS_SKIPPED = frozenset(("object", "script", "style"))
_OPEN = {tag: f"<{tag}>" for tag in ("p", "code", "pre", "li", "ol", "ul", "sub", "sup")}
"""The tags Material keeps in the index (its `Parser.keep`), as it writes them."""
_CLOSE = {tag: f"</{tag}>" for tag in _OPEN}
_NO_ATTRIBUTES: dict[str, str | None] = {}


@cache
def reproduces_material() -> bool:
    """Whether Material's installed search parser is the one this module reproduces."""
    try:
        source = "".join(
            inspect.getsource(part)
            for part in (material_search.Parser, material_search.Element, material_search.Section)
        )
    except (OSError, TypeError):  # Installed without its source: it cannot be checked.
        return False
    source += repr(sorted(material_search.void))
    return hashlib.sha256(source.encode("utf-8")).hexdigest() == MATERIAL_PARSER


def _may_exclude(markup: str) -> bool:
    """Whether `markup` may hold an element Material skips: one marked `data-search-exclude`
    (in any case: `html.parser` lowers names) or of class `linenodiv`, which a class may
    spell with character references."""
    return "linenodiv" in markup or _EXCLUDE.search(markup) is not None or _may_spell_class(markup)


def _may_spell_class(markup: str) -> bool:
    """Whether a class in `markup` may hold a numeric character reference, the only kind
    that gives a letter of `linenodiv` (no named reference does)."""
    for reference in _NUMERIC_REFERENCE.finditer(markup):
        # A class the reference is in starts after the last `<` before it: the tag's own,
        # or one in the value of an attribute before the class.
        start = reference.start()
        if _CLASS_REFERENCE.search(markup, markup.rfind("<", 0, start) + 1, start):
            return True
    return False


def _may_count(attributes: str, suspect: bool) -> bool:
    """Whether a start tag's attributes may matter to Material (a heading's always do), on a
    page that may hold an exclusion (`suspect`) or not.

    Besides exclusions, Material leaves out the text of a heading's permalink, an `<a>` of
    class `headerlink`.
    """
    return "headerlink" in attributes or (suspect and _may_exclude(attributes))


def _attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes as `html.parser` reads them, the last of a name kept, as Material does."""
    attributes: dict[str, str | None] = {}
    for name, written in _ATTRIBUTE.findall(text):
        value: str | None = None
        if written:
            value = written[1:-1] if written[0] in "\"'" else written
            if value:
                value = unescape(value)
        attributes[name.lower()] = value
    return attributes


def _is_permalink(attributes: str) -> bool:
    """Whether an `<a>` with these attributes is a heading's permalink, of class `headerlink`."""
    return "headerlink" in attributes and _attributes(attributes).get("class") == "headerlink"


def _pieces(markup: str) -> list[str]:
    """The text between the tags of a run (without kept elements), as `html.parser` gives it."""
    pieces = list(filter(None, _RUN_TAGS.split(markup))) if "<" in markup else [markup]
    if "&" in markup:
        # Most pieces hold no reference: `unescape` is called only for those that may.
        return [unescape(piece) if "&" in piece else piece for piece in pieces]
    return pieces


def _add_run(run: str, section: Any, in_title: bool, pre: int, permalinks: int) -> None:
    """Add what a run gives to a section's title or text, as Material's handlers would.

    Material keeps each piece of text and each kept element's tags, and drops an element as
    `_close_kept` says. Outside `<pre>`, it makes whitespace a space, in the text once in a
    row; in a title, it leaves out the text of permalinks (`permalinks` are open).
    """
    if in_title:
        _add_title_run(run, section.title, pre, permalinks)
    elif pre:
        _add_code(run, section.text)
    else:
        _add_text_run(run, section.text)


def _add_text_run(run: str, text: list[str]) -> None:
    """Add a run outside `<pre>` to a section's text: each piece, whitespace as a space, once in a row."""
    parts = _TEXT_RUN_PARTS.split(run) if "<" in run else [run]
    opened: list[int] = []
    """Per open kept element, where its start tag is in `text`."""
    for index in range(0, len(parts), 3):
        if index and parts[index - 1]:  # A kept tag.
            tag = parts[index - 1]
            if parts[index - 2]:
                _close_kept(text, tag, opened.pop())
            else:
                opened.append(len(text))
                text.append(_OPEN[tag])
        data = parts[index]
        if not data:
            continue
        if "&" in data:
            data = unescape(data)
        if not data.isspace():
            text.append(escape(data.replace("\n", " "), quote=False))
        elif not text or not text[-1].isspace():
            text.append(" ")


def _add_title_run(run: str, title: list[str], pre: int, permalinks: int) -> None:
    """Add a run to a section's title: each piece, whitespace as a space outside `<pre>`,
    but for the text of permalinks, of which `permalinks` are open."""
    parts = _TITLE_RUN_PARTS.split(run) if "<" in run else [run]
    opened: list[int] = []
    """Per open kept element, where its start tag is in `title`."""
    links: list[bool] = []
    """Per open link, whether it is a permalink."""
    for index in range(0, len(parts), 4):
        if index and parts[index - 2]:  # A kept tag or a link.
            closing, tag, attributes = parts[index - 3 : index]
            if tag == "a":
                if closing:
                    permalinks -= links.pop()
                else:
                    links.append(_is_permalink(attributes))
                    permalinks += links[-1]
            elif closing:
                _close_kept(title, tag, opened.pop())
            else:
                opened.append(len(title))
                title.append(_OPEN[tag])
        data = parts[index]
        if not data or permalinks:
            continue
        if "&" in data:
            data = unescape(data)
        if not pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        title.append(escape(data, quote=False))


def _add_code(run: str, text: list[str]) -> None:
    """Add a run inside `<pre>` to a section's text, as Material would: every piece of text
    kept as it is, so the pieces between two kept tags are joined in one part (the lines of
    code and their many tokens), but for the last, whose whitespace decides whether the next
    whitespace is kept once out of `<pre>`."""
    segments = _KEPT_RUN_TAGS.split(run) if "<" in run else [run]
    opened: list[int] = []
    """Per open kept element, where its start tag is in `text`."""
    for index in range(0, len(segments), 3):
        if index:
            closing, tag = segments[index - 2], segments[index - 1]
            if closing:
                _close_kept(text, tag, opened.pop())
            else:
                opened.append(len(text))
                text.append(_OPEN[tag])
        pieces = _pieces(segments[index]) if segments[index] else []
        if len(pieces) > 1:
            text.append(escape("".join(pieces[:-1]), quote=False))
        if pieces:
            text.append(escape(pieces[-1], quote=False))


def _close_kept(kept: list[str], tag: str, start: int) -> None:
    """Close a kept element whose start tag, or one of its name before it, is `kept[start]`,
    as Material does.

    Material drops the element, and all that follows it, if nothing but whitespace follows
    the first start tag of its name in `kept`: never when something else follows its own,
    and when nothing does, only if its own is that first one.
    """
    for index in range(start + 1, len(kept)):
        if not kept[index].isspace():
            break
    else:
        if kept.index(_OPEN[tag]) == start:
            del kept[start:]
            return
    kept.append(_CLOSE[tag])


def read_sections(html: str) -> list[Any] | None:
    """Cut a page into Material's search sections, as Material's `Parser` does.

    Material's handlers are reproduced on `html.parser`'s events, with counters of the open
    elements by tag where Material searches the list of open elements (it compares them by
    tag alone), and with runs of inert elements read at once where no handler could see
    their tags. A run adds its text to a section in fewer parts than Material's parser does,
    parts that Material joins and whose whitespace it tests in ways that cannot tell.

    Returns:
        Material's `Section` objects, or `None` if the page holds markup this module leaves
        to Material's parser.
    """
    section_class, element_class, void = (
        material_search.Section,
        material_search.Element,
        material_search.void,
    )
    sections: list[Any] = []
    section: Any = None
    section_tag = ""
    context: list[str] = []
    """The open elements' tags, as Material's `Parser.context`."""
    count: dict[str, int] = {}
    """How many open elements have each tag."""
    skip = set(_ALWAYS_SKIPPED)
    """The tags of Material's `Parser.skip`."""
    skipped = 0
    """How many open elements have a tag in `skip`: Material skips text while there is one."""
    pre = 0
    headerlinks: list[bool] = []
    """Per open `<a>`, whether it is a heading's permalink, whose text Material leaves out."""
    in_headerlink = 0
    singles: Iterable[re.Match[str]]
    suspect = _may_exclude(html)
    """Whether a run may hold an attribute that matters: only then is each run searched."""
    for outer in _TOKENS.finditer(html):
        if outer.lastindex == _KIND_RUN:
            run = outer.group()
            if not (
                section is None
                or len(skip) > len(_ALWAYS_SKIPPED)
                or ("<" in run and (section.depth > len(context) + 1 or (suspect and _may_exclude(run))))
            ):
                if not skipped:
                    _add_run(run, section, bool(count.get(section_tag)), pre, in_headerlink)
                continue
            # An exclusion, a heading nested deeper than the run, no section yet: every tag counts.
            singles = _SINGLE_TOKENS.finditer(html, outer.start(), outer.end())
        else:
            singles = (outer,)
        for token in singles:
            kind = token.lastindex
            if kind == _KIND_TEXT:
                if skipped:
                    continue
                data = token.group()
                if "&" in data:
                    data = unescape(data)
                if not pre:
                    data = " " if data.isspace() else data.replace("\n", " ")
                if section is None:
                    section = section_class(element_class("hx"))
                    section_tag = "hx"
                    sections.append(section)
                if count.get(section_tag):
                    if not in_headerlink:
                        section.title.append(escape(data, quote=False))
                elif data.isspace():
                    kept = section.text
                    if not kept or not kept[-1].isspace() or pre:
                        kept.append(data)
                else:
                    section.text.append(escape(data, quote=False))
                continue
            if kind in (_KIND_START, _KIND_RAW):
                if kind == _KIND_START:
                    tag, written, closed = token.group(_TAG, _ATTRIBUTES_WRITTEN, _CLOSED)
                    tag = tag.lower()
                    if tag in _RAW_TEXT:
                        return None
                else:
                    tag, written = token.group(_RAW_TAG, _RAW_ATTRIBUTES)
                    closed = "/"  # Its end tag follows, after content that no handler keeps.
                if tag not in void:
                    context.append(tag)
                    count[tag] = count.get(tag, 0) + 1
                    if tag in skip:
                        skipped += 1
                    if tag == "pre":
                        pre += 1
                    attributes = _NO_ATTRIBUTES
                    if written and (tag in _HEADINGS or _may_count(written, suspect)):
                        attributes = _attributes(written)
                    if tag == "a":
                        headerlink = attributes.get("class") == "headerlink"
                        headerlinks.append(headerlink)
                        in_headerlink += headerlink
                    if tag in _HEADINGS and "id" in attributes:
                        depth = len(context)
                        if tag != "h1" and not sections:
                            sections.append(section_class(element_class("hx"), depth))
                        section = section_class(element_class(tag, attributes), depth)
                        section_tag = tag
                        if sections:
                            section.id = attributes["id"]
                        sections.append(section)
                    if section is None:
                        section = section_class(element_class("hx"))
                        section_tag = "hx"
                        sections.append(section)
                    if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
                        if tag not in skip:
                            skip.add(tag)
                            skipped += count[tag]
                    elif not skipped and tag in _OPEN:
                        (section.title if count.get(section_tag) else section.text).append(_OPEN[tag])
                if not closed:
                    continue
                # `<tag/>` is a start tag and an end tag to `html.parser`.
            elif kind == _KIND_END:
                tag = token.group(_END_TAG).lower()
            elif kind == _KIND_COMMENT:
                continue
            else:
                return None
            # An end tag: Material ignores one that does not close the innermost open element.
            if not context or context[-1] != tag:
                continue
            depth = len(context)
            if section.depth > depth:
                # The section's heading was nested in the element being closed: text goes back
                # to the enclosing section, and this one is never returned to.
                for enclosing in reversed(sections):
                    if enclosing.depth <= depth:
                        section.depth = float("inf")
                        section = enclosing
                        section_tag = enclosing.el.tag
                        break
            context.pop()
            count[tag] -= 1
            if tag == "pre":
                pre -= 1
            elif tag == "a":
                in_headerlink -= headerlinks.pop()
            if tag in skip:
                skipped -= 1
                if tag not in _ALWAYS_SKIPPED:
                    skip.discard(tag)
                    skipped -= count[tag]
                continue
            if not skipped and tag in _OPEN:
                kept = section.title if count.get(section_tag) else section.text
                _close_kept(kept, tag, kept.index(_OPEN[tag]))  # Its start tag, or one of its name.
    return sections


class FastParser(material_search.Parser):  # type: ignore[misc]
    """Material's search `Parser`, which reads the page with `read_sections` where it can.

    Material's `SearchIndex` feeds a page once, closes the parser and reads its `data`: the
    page is kept until `close`, then cut into sections by `read_sections`, or by Material's
    own parsing if the page holds markup it leaves to Material.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start with no page."""
        super().__init__(*args, **kwargs)
        self._page: list[str] = []

    def feed(self, data: str) -> None:
        """Keep part of the page, to be read on `close`."""
        self._page.append(data)

    def close(self) -> None:
        """Read the page into `data`: Material's sections."""
        page = "".join(self._page)
        self._page = []
        sections = read_sections(page)
        if sections is None:
            super().feed(page)
            super().close()
        else:
            self.data = sections
