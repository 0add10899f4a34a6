"""docglot's own label catalogs are contributed too: a hostile label never runs script either.

Every label of `plugins/docglot/text/locales/de.po` (table headings, "Source code in",
object kinds, the markers' words, the notice, the permalink tooltip) is replaced by text
that would run script as HTML; the German pages of both engines must show it as text.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag
from docglot.cli import main
from docglot.text import labels
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.bad_input.runs import PROJECT

HOSTILE = "X<img src=x onerror=alert(1)>\"'&<script>alert(2)</script>"


@pytest.fixture
def hostile_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """German labels that are all `HOSTILE`, served in this process."""
    folder = tmp_path / "labels"
    folder.mkdir()
    with (labels.LOCALES / "de.po").open("rb") as file:
        catalog = read_po(file, locale="de")
    for message in catalog:
        if message.id:
            message.string = HOSTILE
    with (folder / "de.po").open("wb") as file:
        write_po(file, catalog)
    monkeypatch.setattr(labels, "LOCALES", folder)
    labels._labels.cache_clear()
    yield folder
    labels._labels.cache_clear()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small site with permalinks, an untranslated text (a marker), a German fallback (the notice)."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "markdown_extensions:\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    catalog = root / "locales" / "de.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Der Gruß."', 'msgstr ""'), encoding="utf-8")
    return root


def german_pages(site: Path) -> list[BeautifulSoup]:
    pages = sorted(site.glob("de/**/*.html"))
    return [BeautifulSoup(page.read_text(encoding="utf-8"), "lxml") for page in pages]


def assert_inert(pages: list[BeautifulSoup]) -> None:
    """No element of the pages runs script, and the hostile label shows as text."""
    assert pages
    for soup in pages:
        assert [script for script in soup.find_all("script") if "alert" in script.get_text()] == []
        handlers = [
            (element.name, name)
            for element in soup.find_all(True)
            for name in element.attrs
            if isinstance(element, Tag) and name.lower().startswith("on")
        ]
        assert handlers == []
        assert [img for img in soup.find_all("img") if img.get("src") == "x"] == []


def test_mkdocs_shows_hostile_labels_as_text(hostile_labels: Path, project: Path) -> None:
    build(load_config(str(project / "mkdocs.yml")))
    pages = german_pages(project / "site")
    assert_inert(pages)
    api = next(soup for soup in pages if soup.select(".doc-heading"))
    notice = api.select_one(".docglot-notice")
    assert notice is not None
    assert notice.get_text() == HOSTILE
    marker = api.select_one(".docglot-marker")
    assert marker is not None
    assert marker["data-docglot-label"] == HOSTILE
    assert marker["title"] == HOSTILE
    headings = [cell.get_text(strip=True) for cell in api.select("table thead th")]
    assert headings
    assert set(headings) == {HOSTILE}
    permalink = api.select_one("a.headerlink")
    assert permalink is not None
    assert permalink["title"] == HOSTILE


def test_zensical_shows_hostile_labels_as_text(hostile_labels: Path, project: Path) -> None:
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--engine", "zensical"]) == 0
    pages = german_pages(project / "site")
    assert_inert(pages)
    api = next(soup for soup in pages if soup.select(".doc-heading"))
    notice = api.select_one(".docglot-notice")
    assert notice is not None
    assert notice.get_text() == HOSTILE
    headings = [cell.get_text(strip=True) for cell in api.select("table thead th")]
    assert headings
    assert set(headings) == {HOSTILE}
