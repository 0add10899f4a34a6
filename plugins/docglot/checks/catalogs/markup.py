"""What a catalog text renders to, to hold a translation against its English text (DG206, DG207).

Both texts are rendered with Python-Markdown and the site's Markdown extensions, as
mkdocstrings renders docstrings, plus mkdocs-autorefs for cross-references
(`[text][identifier]`); the HTML is then read with the standard library's HTML parser.
Raw HTML is told apart from what Markdown syntax produces by rendering each text a second
time with Python-Markdown's raw HTML processors removed: raw HTML then comes out as text.

Navigation titles are no Markdown: the build shows them as plain text, escaped. DG207 also
reads them as a browser would read them unescaped, for what the build neutralises there.

A link of the translation may lead to the same page as the English text's in the reader's
language (see `SiteLinks`): both rules take it for the English target.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown import Markdown  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from mkdocs_autorefs import AutorefsExtension

from docglot.site.sanitize import URL_SCHEMES, kept_attribute
from docglot.text.messages import NAV_CONTEXT

# `toc` derives heading ids and permalinks from the heading's words: a translated heading
# has other ones, and that is no difference in markup.
_LEFT_OUT = frozenset({"toc"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Text inside these is not prose: code is not translated, and script is not text.
_NOT_PROSE = frozenset({"code", "pre", "script", "style", "kbd", "samp"})
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "poster", "cite", "data", "background", "xlink:href"}
)
_PLACEHOLDER = re.compile(
    r"""
    \{ (?: [A-Za-z_]\w* | \d* ) \}              # str.format: {name}, {0}, {}
    | % (?: \( \w+ \) )? [-#0+]? \d* (?: \. \d+ )? [sdifrxXeEgGc] (?![A-Za-z])  # printf: %s, %(name)s
    """,
    re.VERBOSE,
)
# Where a browser's tokenizer starts markup in text (the HTML standard's "tag open" and
# "character reference" states): `<` before a letter, `/`, `!` or `?`, and `&name;`, `&#38;`.
_TITLE_MARKUP = re.compile(
    r"<(?:/?[A-Za-z][A-Za-z0-9-]*|/|!|\?)|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
)


@dataclass(frozen=True)
class HtmlTag:
    """One element of the rendered HTML."""

    tag: str
    """The tag's name, in lower case."""
    attributes: tuple[tuple[str, str], ...]
    """The attributes in their order; an attribute without a value has the value `""`."""
    text: str
    """The text inside the element, its descendants' included."""
    in_pre: bool
    """Whether the element is inside a `<pre>` (a code block)."""

    def attribute(self, name: str) -> str | None:
        """Return the value of an attribute, or `None` if the element does not have it."""
        return next((value for key, value in self.attributes if key == name), None)

    @property
    def classes(self) -> list[str]:
        """The element's classes."""
        return (self.attribute("class") or "").split()


@dataclass(frozen=True)
class Rendered:
    """The HTML a Markdown text renders to, read into what the rules compare."""

    elements: tuple[HtmlTag, ...]
    """Every element, in document order."""
    prose: tuple[str, ...]
    """The runs of text outside code, pre-formatted text and script."""
    raw_tags: Counter[str]
    """The elements written as raw HTML, by tag."""
    text: str = ""
    """The Markdown text itself."""

    def code_spans(self) -> Counter[str]:
        """Inline code (outside code blocks), by text."""
        return Counter(e.text for e in self.elements if e.tag == "code" and not e.in_pre)

    def links(self) -> list[str]:
        """The targets of links and cross-references, in order."""
        targets = []
        for element in self.elements:
            name = {"a": "href", "autoref": "identifier"}.get(element.tag)
            target = element.attribute(name) if name else None
            if target is not None:
                targets.append(target)
        return targets

    def count(self, tag: str) -> int:
        """How many elements have this tag."""
        return sum(1 for element in self.elements if element.tag == tag)

    def admonitions(self) -> Counter[str]:
        """Admonitions (`!!! kind`) and collapsible blocks (`??? kind`), by kind."""
        kinds: Counter[str] = Counter()
        for element in self.elements:
            if element.tag == "div" and "admonition" in element.classes:
                kinds[" ".join(c for c in element.classes if c != "admonition")] += 1
            elif element.tag == "details":
                kinds[" ".join(element.classes)] += 1
        return kinds

    def placeholders(self) -> Counter[str]:
        """Format placeholders in the prose: `{name}`, `%s`, `%(name)s`."""
        return Counter(match.group() for text in self.prose for match in _PLACEHOLDER.finditer(text))

    def urls(self) -> list[tuple[str, str, str]]:
        """`(tag, attribute, value)` of every attribute that holds a URL or a cross-reference."""
        return [
            (element.tag, name, value)
            for element in self.elements
            for name, value in element.attributes
            if name in _URL_ATTRIBUTES or (element.tag == "autoref" and name == "identifier")
        ]

    def removed_attributes(self) -> Counter[tuple[str, str]]:
        """`(tag, attribute)` of every attribute the build's sanitizer removes, but event handlers."""
        return Counter(
            (element.tag, name)
            for element in self.elements
            if element.tag != "autoref"  # Raw ones are removed whole; Markdown's have their own.
            for name, value in element.attributes
            if not name.startswith("on") and not kept_attribute(element.tag, name, value)
        )

    def title_markup(self) -> list[str]:
        """What would start markup in the text, were it written into a page unescaped (`<img`, `&lt;`)."""
        return [match.group() for match in _TITLE_MARKUP.finditer(self.text)]

    def event_handlers(self) -> Counter[tuple[str, str]]:
        """`(tag, attribute)` of every event-handler attribute (`onclick`...)."""
        return Counter(
            (element.tag, name)
            for element in self.elements
            for name, _ in element.attributes
            if name.startswith("on")
        )


class _Open:
    """An element being read: its text grows until its end tag."""

    def __init__(self, tag: str, attributes: list[tuple[str, str | None]], in_pre: bool) -> None:
        self.tag = tag
        self.attributes = tuple((name, value or "") for name, value in attributes)
        self.in_pre = in_pre
        self.parts: list[str] = []

    def element(self) -> HtmlTag:
        return HtmlTag(self.tag, self.attributes, "".join(self.parts), self.in_pre)


class _Reader(HTMLParser):
    """Collect elements with their text; tags left open are closed at the end, as browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.started: list[_Open] = []
        self.stack: list[_Open] = []
        self.prose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element (a void one, such as `<img>`, is closed at once)."""
        element = _Open(tag, attrs, any(open_.tag == "pre" for open_ in self.stack))
        self.started.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record an element written `<tag />`."""
        self.started.append(_Open(tag, attrs, any(open_.tag == "pre" for open_ in self.stack)))

    def handle_endtag(self, tag: str) -> None:
        """Close the element, and those left open inside it."""
        # A stray end tag closes nothing.
        if any(open_.tag == tag for open_ in self.stack):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        """Add text to every open element, and to the prose if it is not code or script."""
        for open_ in self.stack:
            open_.parts.append(data)
        if not any(open_.tag in _NOT_PROSE for open_ in self.stack):
            self.prose.append(data)


def _read_html(html: str) -> tuple[tuple[HtmlTag, ...], tuple[str, ...]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return tuple(open_.element() for open_ in reader.started), tuple(reader.prose)


class MarkupReader:
    """Render catalog texts as the site renders docstrings, and read the HTML."""

    def __init__(self, extensions: Iterable[object], configs: Mapping[str, Mapping[str, Any]]) -> None:
        """Prepare two renderers with the site's Markdown extensions: one with raw HTML, one without."""
        # Plugins add extension instances of their own to a loaded configuration (mkdocstrings
        # renders `:::` directives with one): only the extensions the site names are kept.
        names = [name for name in extensions if isinstance(name, str) and name not in _LEFT_OUT]
        options = {name: dict(config) for name, config in configs.items() if name in names}
        self._markdown = Markdown(extensions=[*names, AutorefsExtension()], extension_configs=options)
        self._without_html = Markdown(extensions=[*names, AutorefsExtension()], extension_configs=options)
        # Without these, Python-Markdown escapes raw HTML as text (`md_in_html` replaces the first).
        self._without_html.preprocessors.deregister("html_block", strict=False)
        self._without_html.inlinePatterns.deregister("html", strict=False)
        self._cache: dict[str, Rendered] = {}

    def read(self, text: str) -> Rendered:
        """Render a Markdown text and read its HTML."""
        if text not in self._cache:
            elements, prose = _read_html(self._markdown.reset().convert(text))
            raw: Counter[str] = Counter()
            # Raw HTML starts with `<`: without one, both renderers give the same HTML.
            if "<" in text:
                without_html, _ = _read_html(self._without_html.reset().convert(text))
                raw = Counter(e.tag for e in elements) - Counter(e.tag for e in without_html)
            self._cache[text] = Rendered(elements, prose, raw, text)
        return self._cache[text]


@dataclass(frozen=True)
class SiteLinks:
    """Where the site publishes its languages, to know a link to the same page in another language.

    The source language's pages are at the site's root, those of every other language under
    `/LANGUAGE/`, with the same tree of pages and files (`docglot.site.languages`): the
    English text's link to a page of the site, `/x/y/` or `SITE_URL/x/y/`, leads to the same
    page in German as `/de/x/y/` or `SITE_URL/de/x/y/`. Only those two forms are accepted:

    - a relative link needs no change (a German page is under `/de/`, so the English
      target already leads to the German page), and a changed one, `../de/x/`, climbs out of
      the German folder: it leads to another page, or to none;
    - another host's URL with a language segment (`https://example.org/de/x/`) is not the
      site's to place: the segment may be a name anyone can own on that host
      (`https://github.com/de/x`).
    """

    languages: tuple[str, ...]
    """The site's languages, the source language first."""
    source_folder: Path
    """The folder of the source language's pages and files (`docs/en/`)."""
    site_url: str = ""
    """The `site_url` of `mkdocs.yml`; empty if it has none (the site is served at a host's root)."""

    def localised(self, target: str, language: str) -> str | None:
        """The English text's link target written to lead to the same page in `language`, if it can be."""
        parts = urlsplit(target)
        site = urlsplit(self.site_url)
        base = site.path if site.path.endswith("/") else f"{site.path}/"
        if parts.scheme or parts.netloc:
            # The site's own URL only, and a scheme the build's sanitizer keeps.
            same_site = (parts.scheme, parts.netloc.lower()) == (site.scheme, site.netloc.lower())
            if not self.site_url or not same_site or parts.scheme not in URL_SCHEMES:
                return None
        elif not parts.path.startswith("/"):
            return None  # Relative: already the page in the page's language (see above).
        if not parts.path.startswith(base):
            return None
        rest = parts.path[len(base) :]
        if rest.partition("/")[0] in self.languages or not self._published_in_every_language(rest):
            return None
        return urlunsplit(parts._replace(path=f"{base}{language}/{rest}"))

    def _published_in_every_language(self, rest: str) -> bool:
        """Whether a path under the site's root is a page or file of the source language's folder.

        Those are published in every language (a page not translated yet is built from the
        source page); files outside the language folders are published once, at the root.
        """
        path = unquote(rest)
        # The target comes from a catalog's `msgid`: only a plain path inside the folder is looked up.
        if (
            path.startswith("/")
            or any(character in path for character in "\\\x00")
            or (".." in PurePosixPath(path).parts)
        ):
            return False
        stem = path.removesuffix("/")
        if not path or path.endswith("/"):
            candidates = [f"{path}index.md", f"{path}README.md", f"{stem}.md"]
        elif path.endswith(".html"):
            candidates = [f"{path.removesuffix('.html')}.md"]
        else:
            candidates = [path, f"{path}.md", f"{path}/index.md"]
        return any(
            (self.source_folder / candidate).is_file() for candidate in candidates if candidate != ".md"
        )

    def equivalents(self, english: Rendered, language: str) -> dict[str, str]:
        """Map each localised form of the English text's links (`<a href>`) to the English target."""
        found: dict[str, str] = {}
        for element in english.elements:
            target = element.attribute("href") if element.tag == "a" else None
            if target is not None and (localised := self.localised(target, language)) is not None:
                found.setdefault(localised, target)
        return found


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _differences(what: str, english: Counter[str], translation: Counter[str]) -> list[str]:
    missing = [f"{what} `{text}` is missing" for text in (english - translation).elements()]
    added = [f"{what} `{text}` is not in the English text" for text in (translation - english).elements()]
    return [*missing, *added]


def _is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or parts.path.startswith("/")) and bool(parts.path)


def broken_markup(
    english: Rendered, translation: Rendered, localised: Mapping[str, str] | None = None, language: str = ""
) -> list[str]:
    """DG206: say how the translation's markup differs from the English text's, one item a difference.

    `localised` maps the forms of the English targets that lead to the same pages in the
    translation's language, `language`, to the English targets (`SiteLinks.equivalents`).
    """
    localised = localised or {}
    found = _differences("code span", english.code_spans(), translation.code_spans())
    english_links, links = english.links(), [localised.get(link, link) for link in translation.links()]
    if len(english_links) != len(links):
        found.append(f"{_plural(len(english_links), 'link')} in English, {len(links)} here")
    gone = Counter(english_links) - Counter(links)
    # `../de/x/` on a German page climbs out of the German folder: say what to write instead.
    into_language = any(
        _is_relative(link) and language in PurePosixPath(urlsplit(link).path).parts
        for link in (Counter(links) - Counter(english_links))
    )
    for target in gone.elements():
        hint = (
            " (a relative link already leads to the page in the reader's language: write it as in English)"
            if language and into_language and _is_relative(target)
            else ""
        )
        found.append(f"the link to `{target}` is missing{hint}")
    for tag, name in (("em", "emphasis (*...*)"), ("strong", "strong emphasis (**...**)")):
        if english.count(tag) != translation.count(tag):
            found.append(f"{name}: {english.count(tag)} in English, {translation.count(tag)} here")
    found.extend(_differences("admonition", english.admonitions(), translation.admonitions()))
    found.extend(_differences("placeholder", english.placeholders(), translation.placeholders()))
    return found


def _is_script_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters inside a URL's scheme: `java\tscript:`.
    return "".join(character for character in value if character > " ").lower().startswith("javascript:")


def unsafe_additions(
    english: Rendered, translation: Rendered, context: str = "", localised: Mapping[str, str] | None = None
) -> list[str]:
    """DG207: what the translation's HTML has that the English text's does not, one item a thing.

    `context` is the entry's message context: a navigation title is also read as plain text.
    `localised` maps the forms of the English links (`<a href>`) that lead to the same pages
    in the translation's language to the English targets (`SiteLinks.equivalents`).
    """
    localised = localised or {}
    found: list[str] = []
    raw_tags = translation.raw_tags - english.raw_tags
    # The build removes every `<autoref>` a translation writes, whatever the English text has:
    # cross-references are written `[text][identifier]`.
    raw_tags["autoref"] = translation.raw_tags["autoref"]
    for tag in sorted(raw_tags.elements()):
        found.append("a <script> element" if tag == "script" else f"raw HTML <{tag}>")
    for tag, name in sorted((translation.event_handlers() - english.event_handlers()).elements()):
        found.append(f"an event-handler attribute {name} on <{tag}>")
    removed = translation.removed_attributes() - english.removed_attributes()
    # On raw HTML, reported above, only event handlers are named: attributes of Markdown's own
    # elements (set with `attr_list`) are.
    for tag, name in sorted(key for key in removed.elements() if key[0] not in translation.raw_tags):
        found.append(f"an attribute {name} on <{tag}>")
    english_urls = {value for _, _, value in english.urls()}
    for tag, name, value in translation.urls():
        if (tag, name) == ("a", "href") and value in localised:
            continue
        if _is_script_url(value) and value not in english_urls:
            found.append(f"a javascript: URL in <{tag} {name}>")
        elif value not in english_urls:
            found.append(f"the link target `{value}` (<{tag} {name}>)")
    if context == NAV_CONTEXT:
        in_english = Counter(english.title_markup())
        for markup in translation.title_markup():  # In the order of the title.
            if in_english[markup]:
                in_english[markup] -= 1
            else:
                found.append(f"markup `{markup}` in a navigation title, which is plain text")
    return found
