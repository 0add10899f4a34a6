"""An entry as a built page shows it: its block, its prose, its tables of items and their rows.

mkdocstrings-python writes an object's entry as a `div.doc-object` holding its heading (whose
id is the object's path) and its own `div.doc-contents`: the docstring's sections, in order,
then the source code and the members' entries. A section of items (parameters, returned
values, ...) is a table (or with `docstring_section_style: list`, a list) of
`.doc-section-item` rows, each with its description in a `div.doc-md-description`.
"""

from __future__ import annotations

from dataclasses import dataclass

from docglot.checks.site.expected import Region, Row, region
from docglot.checks.site.page_tree import Element, Page


@dataclass(frozen=True)
class BuiltRow:
    """One row of a table of items, as shown."""

    row: Row
    """Its name, type and default (the last two only read in a Parameters table)."""
    description: Region
    """Its description."""
    line: int
    """Its line in the page."""


@dataclass(frozen=True)
class BuiltEntry:
    """What a page shows of one object."""

    line: int
    """The line of its heading (of its block, when it has no heading)."""
    prose: Region
    """The docstrings' text outside the tables of items."""
    sections: list[Element]
    """The tables (or lists) of items, in order."""


def _is_section_title(element: Element) -> bool:
    return element.tag == "p" and element.find("span", "doc-section-title") is not None


def _is_not_docstring(element: Element) -> bool:
    """Parts of an entry's contents that do not come from its docstrings."""
    return (
        element.has_class("doc-class-bases")
        or element.has_class("mkdocstrings-source")
        or element.has_class("doc-children")
        or element.has_class("doc-backlinks")
        or element.tag == "backlinks"
        or element.has_class("mermaid")
        or element.attrs.get("style", "").replace(" ", "") == "display:none"
    )


def _is_item_section(element: Element) -> bool:
    return element.tag in {"table", "ul", "ol"} and any(
        row.has_class("doc-section-item") for row in element.descendants()
    )


def built_entry(page: Page, identifier: str) -> BuiltEntry | None:
    """Read the entry whose heading has this id, or `None` if the page has none."""
    heading = page.ids.get(identifier)
    block = heading.ancestor("div", "doc-object") if heading is not None else None
    if heading is None or block is None:
        return None
    return read_block(block, heading.line)


def top_blocks(page: Page) -> list[Element]:
    """The entries of the page that no other entry holds: one for each directive, in order."""
    return [
        element
        for element in page.root.descendants(into=lambda element: not _is_block(element))
        if _is_block(element)
    ]


def _is_block(element: Element) -> bool:
    return element.tag == "div" and element.has_class("doc-object")


def read_block(block: Element, line: int) -> BuiltEntry | None:
    """Read an entry from its `div.doc-object`; `None` if it has no contents."""
    contents = next(
        (child for child in block.elements() if child.tag == "div" and child.has_class("doc-contents")),
        None,
    )
    if contents is None:
        return None
    sections = [child for child in contents.elements() if _is_item_section(child)]
    left_out = {id(section) for section in sections}

    def skip(element: Element) -> bool:
        return id(element) in left_out or _is_not_docstring(element) or _is_section_title(element)

    return BuiltEntry(line, region(contents, skip=skip), sections)


def built_rows(section: Element, style: str) -> list[BuiltRow]:
    """The rows of a table (or list) of items, for a `docstring_section_style`."""
    rows = []
    for item in section.descendants():
        if not item.has_class("doc-section-item"):
            continue
        description = item.find("div", "doc-md-description")
        codes = [
            code for code in item.find_all("code") if description is None or not _inside(code, description)
        ]
        name = codes[0].text() if codes else ""
        type_text: str | None
        default: str | None
        if style == "spacy":
            type_text = _code_in(item.find("span", "doc-param-annotation"))
            default = _code_in(item.find("span", "doc-param-default"))
        elif style == "table":
            cells = [cell for cell in item.elements() if cell.tag == "td"]
            type_text = _code_in(cells[1]) if len(cells) > 1 else None
            default = _code_in(cells[3]) if len(cells) > 3 else None
        else:
            type_text = codes[1].text() if len(codes) > 1 else None
            default = codes[2].text() if len(codes) > 2 else None
        rows.append(
            BuiltRow(
                Row(name, type_text, default),
                region(description) if description is not None else Region(""),
                item.line,
            )
        )
    return rows


def _inside(element: Element, container: Element) -> bool:
    current: Element | None = element
    while current is not None and current is not container:
        current = current.parent
    return current is container


def _code_in(element: Element | None) -> str | None:
    code = element.find("code") if element is not None else None
    return code.text() if code is not None else None
