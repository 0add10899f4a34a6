"""Built HTML pages as trees of elements, read with the standard library's HTML parser.

`docglot check --site` runs where docglot is installed, and docglot's dependencies hold
no HTML tree parser (lxml and BeautifulSoup are not among them): this module builds a
small tree from the events of `html.parser.HTMLParser`, which tokenizes HTML as browsers
do (entities, attributes without quotes, comments, `<script>` contents). The tree building
follows the few rules of the HTML standard that pages written by MkDocs, Python-Markdown
and mkdocstrings rely on: void elements, and the end tags that HTML lets writers omit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
"""Elements that have no content and no end tag."""

BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br",
    }
)  # fmt: skip
"""Elements whose text a reader sees apart from the text around them."""

_CLOSES_P = BLOCKS - {"br", "dd", "dt", "li", "summary", "tbody", "td", "tfoot", "th", "thead", "tr"}
# An element that starts while one of these is open ends it (HTML's optional end tags);
# the search stops at the boundary elements, where the open element is not a sibling.
_IMPLIED_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
}
# A `p` is ended across inline elements, not out of a table cell or a button (HTML's "button scope").
_P_BOUNDARIES = frozenset(
    {"applet", "button", "caption", "marquee", "object", "table", "td", "template", "th"}
)


class Element:
    """One HTML element: its tag, attributes, children (elements and text) and source line."""

    __slots__ = ("_elements", "attrs", "children", "classes", "line", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], line: int = 0, parent: Element | None = None) -> None:
        """Make an element with no children yet."""
        self.tag = tag
        """The tag name, lower case."""
        self.attrs = attrs
        """The attributes; an attribute written without a value has the value `""`."""
        self.classes = frozenset(attrs.get("class", "").split())
        """The element's classes."""
        self.line = line
        """The line of the start tag in the page, from 1 (0 for the document)."""
        self.parent = parent
        """The enclosing element; `None` for the document."""
        self.children: list[Element | str] = []
        """Elements and text, in order."""
        self._elements: list[Element] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs} line {self.line}>"

    def append(self, child: Element | str) -> None:
        """Add a child at the end."""
        self.children.append(child)
        if isinstance(child, Element):
            self._elements.append(child)

    def has_class(self, name: str) -> bool:
        """Whether the element has a class."""
        return name in self.classes

    def elements(self) -> list[Element]:
        """The child elements, without the text between them."""
        return self._elements

    def descendants(self, *, into: Callable[[Element], bool] | None = None) -> Iterator[Element]:
        """Every element inside this one, in document order.

        `into` decides whether to look inside an element (it is yielded either way).
        """
        pending = list(reversed(self._elements))
        while pending:
            element = pending.pop()
            yield element
            if into is None or into(element):
                pending.extend(reversed(element._elements))

    def find_all(self, tag: str | None = None, class_: str | None = None) -> list[Element]:
        """The elements inside this one with a tag and/or a class."""
        return [
            element
            for element in self.descendants()
            if (tag is None or element.tag == tag) and (class_ is None or element.has_class(class_))
        ]

    def find(self, tag: str | None = None, class_: str | None = None) -> Element | None:
        """The first element inside this one with a tag and/or a class."""
        return next(iter(self.find_all(tag, class_)), None)

    def ancestor(self, tag: str, class_: str) -> Element | None:
        """The nearest enclosing element with a tag and a class."""
        current = self.parent
        while current is not None and not (current.tag == tag and current.has_class(class_)):
            current = current.parent
        return current

    def text(self, *, skip: Callable[[Element], bool] | None = None) -> str:
        """The text a reader sees, with whitespace collapsed.

        Block elements are apart from the text around them; `<script>` and `<style>`
        contents and the elements `skip` accepts are left out.
        """
        parts: list[str] = []
        self._collect(parts, skip)
        return " ".join("".join(parts).split())

    def _collect(self, parts: list[str], skip: Callable[[Element], bool] | None) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in {"script", "style", "template"} and not (skip and skip(child)):
                block = child.tag in BLOCKS
                if block:
                    parts.append(" ")
                child._collect(parts, skip)
                if block:
                    parts.append(" ")


@dataclass(eq=False)
class Page:
    """A parsed page, with its elements indexed by id."""

    root: Element
    """The document: every element of the page is inside it."""
    ids: dict[str, Element]
    """The first element with each `id`."""


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.ids: dict[str, Element] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_implied(tag)
        element = Element(tag, {name: value or "" for name, value in attrs}, self.getpos()[0], self.current)
        self.current.append(element)
        if "id" in element.attrs:
            self.ids.setdefault(element.attrs["id"], element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<br/>`, `<a name="x"/>`: XHTML's empty elements, which Markdown tools still write,
        # read as empty, as lxml reads them.
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        open_element: Element | None = self.current
        while open_element is not None and open_element.tag != tag:
            open_element = open_element.parent
        if open_element is None or open_element.parent is None:
            return  # An end tag with no open element: HTML ignores it.
        self.current = open_element.parent

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def _end_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close_open("p", _P_BOUNDARIES)
        implied = _IMPLIED_ENDS.get(tag)
        if implied is not None:
            ended, boundaries = implied
            for name in ended:
                self._close_open(name, boundaries)

    def _close_open(self, tag: str, boundaries: frozenset[str]) -> None:
        open_element: Element | None = self.current
        while open_element is not None and open_element.parent is not None:
            if open_element.tag == tag:
                self.current = open_element.parent
                return
            if open_element.tag in boundaries:
                return
            open_element = open_element.parent


def parse_html(text: str) -> Page:
    """Parse a page, or a fragment of one."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return Page(builder.root, builder.ids)
