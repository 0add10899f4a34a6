"""Read what a built reference page shows, with a real HTML parser (BeautifulSoup over lxml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@dataclass(frozen=True)
class Row:
    """One row of a PARAMETER | DESCRIPTION table."""

    name: str
    description: str
    type: str | None
    default: str | None


@dataclass(frozen=True)
class SourceExcerpt:
    """A "Source code in X" block: the file it names, its line numbers and its lines."""

    filename: str
    line_numbers: list[int]
    lines: list[str]


def read_page(path: Path) -> BeautifulSoup:
    """Parse a built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def object_block(page: BeautifulSoup, identifier: str) -> Tag:
    """Return the `doc-object` block of the object whose heading has this id."""
    heading = page.find(id=identifier)
    assert isinstance(heading, Tag), f"no heading with id {identifier}"
    block = heading.find_parent("div", class_="doc-object")
    assert isinstance(block, Tag)
    return block


def own_contents(block: Tag) -> Tag:
    """Return the contents of an object block (its own docstring, tables, source, children)."""
    contents = block.find("div", class_="doc-contents", recursive=False)
    assert isinstance(contents, Tag)
    return contents


def _own(contents: Tag, name: str, class_: str | None = None) -> list[Tag]:
    """Return the elements of `contents` (of that class, if given) that do not belong to a nested object."""
    found = contents.find_all(name, class_=class_) if class_ else contents.find_all(name)
    return [tag for tag in found if tag.find_parent("div", class_="doc-contents") is contents]


def _code_text(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    code = tag.find("code")
    assert isinstance(code, Tag)
    return code.get_text()


def parameter_rows(block: Tag, title: str = "PARAMETER") -> list[Row]:
    """Return the rows of the object's own table whose first column header is `title`."""
    rows: list[Row] = []
    for table in _own(own_contents(block), "table"):
        header = table.find("th")
        if header is None or header.get_text(strip=True) != title:
            continue
        for item in table.select("tr.doc-section-item"):
            name_cell, details = item.find_all("td", recursive=False)
            description = details.find("div", class_="doc-md-description")
            rows.append(
                Row(
                    name=name_cell.get_text().strip(),
                    description=description.get_text(" ", strip=True) if description else "",
                    type=_code_text(details.find("span", class_="doc-param-annotation")),
                    default=_code_text(details.find("span", class_="doc-param-default")),
                )
            )
    return rows


def member_headings(block: Tag, kind: str) -> list[str]:
    """Return the ids of the object's direct members of a kind (`attribute`, `function`, ...)."""
    contents = own_contents(block)
    children = contents.find("div", class_="doc-children", recursive=False)
    if not isinstance(children, Tag):
        return []
    members = children.find_all("div", class_=f"doc-{kind}", recursive=False)
    return [_heading_id(member) for member in members]


def _heading_id(member: Tag) -> str:
    heading = member.find(class_="doc-heading")
    assert isinstance(heading, Tag)
    return str(heading["id"])


def labels(block: Tag) -> list[str]:
    """Return the labels shown in the object's heading (`instance-attribute`, ...)."""
    heading = block.find(class_="doc-heading")
    assert isinstance(heading, Tag)
    return [label.get_text(strip=True) for label in heading.select(".doc-label")]


def source_excerpts(block: Tag) -> list[SourceExcerpt]:
    """Return the object's own "Source code in X" blocks."""
    excerpts = []
    for details in _own(own_contents(block), "details", class_="mkdocstrings-source"):
        summary = details.find("summary")
        numbers = details.select("td.linenos .normal")
        code = details.select_one("td.code code")
        assert summary is not None
        assert code is not None
        filename = summary.find("code")
        assert filename is not None
        excerpts.append(
            SourceExcerpt(
                filename=filename.get_text(),
                line_numbers=[int(number.get_text()) for number in numbers],
                lines=code.get_text().rstrip("\n").split("\n"),
            )
        )
    return excerpts
