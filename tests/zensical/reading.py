"""What a built page shows, read the same way from a site built with MkDocs or with Zensical."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from tests.rendered.pages import Row, labels, own_contents, parameter_rows
from tests.rendered.site import page, pages

SKIP_ANCHOR = "a#__skip"
"""Zensical's target of the "skip to content" link, first in every article: page chrome."""


@dataclass(frozen=True)
class Documented:
    """One object of a reference page, as a reader sees it."""

    identifier: str
    """The heading's id (its anchor)."""
    heading: str
    labels: tuple[str, ...]
    text: str
    """The object's own text: its docstring, without tables, source or members."""
    tables: tuple[tuple[str, tuple[Row, ...]], ...]
    """Each own table's first column header and its rows (name, description, type, default)."""


def words(text: str) -> str:
    return " ".join(text.split())


def article(site: Path, language: str, relative: str) -> Tag:
    """The page's content, without Zensical's skip anchor."""
    found = page(site, language, relative).select_one("article")
    assert found is not None
    for anchor in found.select(SKIP_ANCHOR):
        anchor.decompose()
    return found


def blocks(found: Tag) -> list[str]:
    """The HTML of an article's top-level elements and texts (whitespace between them aside)."""
    return [str(child) for child in found.children if str(child).strip()]


def reference_pages(site: Path, language: str) -> list[str]:
    return [relative for relative in pages(site, language) if relative.startswith("reference/")]


def documented(site: Path, language: str, relative: str) -> list[Documented]:
    """Every object a reference page documents, in page order."""
    objects = []
    for heading in article(site, language, relative).select(".doc-heading[id]"):
        block = heading.find_parent("div", class_="doc-object")
        assert isinstance(block, Tag)
        contents = own_contents(block)
        own = copy.copy(contents)
        for nested in own.select("div.doc-children, table, details.mkdocstrings-source"):
            nested.decompose()
        headers = [
            words(header.get_text())
            for table in contents.find_all("table")
            if table.find_parent("div", class_="doc-contents") is contents and (header := table.find("th"))
        ]
        objects.append(
            Documented(
                identifier=str(heading["id"]),
                heading=words(heading.get_text(" ")),
                labels=tuple(labels(block)),
                text=words(own.get_text(" ")),
                tables=tuple((header, tuple(parameter_rows(block, header))) for header in headers),
            )
        )
    return objects


def markers(root: Tag | BeautifulSoup) -> list[tuple[str, str, str, str]]:
    """The not-translated and outdated badges, in page order: state, message, label, tooltip."""
    return [
        (
            str(badge["data-docglot-state"]),
            str(badge["data-docglot-msgctxt"]),
            str(badge["data-docglot-label"]),
            str(badge["title"]),
        )
        for badge in root.select(".docglot-marker")
    ]
