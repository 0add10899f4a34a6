"""A page a language lacks takes the source page's conversion, when nothing could make it differ.

Each site is built twice in this process: as usual, and with `DOCGLOT_RENDER_EACH_LANGUAGE=1`,
which converts every page in every language. The two sites are the same bytes, their
warnings the same lines, and the pages that took the source page's conversion (MkDocs
converted only the stand-in for them, never their own Markdown) are exactly those expected.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from docglot.engines import render_once
from docglot.engines.mkdocs.fallback_pages import STAND_IN, FallbackPages
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from tests.commands import run_module
from tests.conftest import ROOT
from tests.mini_site import MiniSite
from tests.site_files import differing, site_files

PAGES = {
    "en/index.md": "# Mini\n\nSee the [usage](guide.md#usage), a [missing part](guide.md#nowhere) "
    "and the [API](api.md).\n",
    "en/guide.md": "# Guide\n\n## Usage\n\nA [link here](#usage), an image: ![logo](img/logo.svg)\n\n"
    "```python\nprint('hi')\n```\n",
    "en/about.md": "# About mini\n\nPlain text.\n",
    "en/titled.md": "---\ntitle: From the metadata\n---\n\nNo heading.\n",
    "en/shared.md": "# Shared\n\n![root](../shared.svg)\n",
    "en/api.md": "# Greeting\n\n::: mini.greet\n",
    "en/img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "shared.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "de/index.md": "# Mini auf Deutsch\n\nSiehe die [Anleitung](guide.md).\n",
}
NAV = """\
nav:
  - Home: index.md
  - Guide: guide.md
  - about.md
  - titled.md
  - shared.md
  - API:
      - Greeting: api.md
"""
SITE = MiniSite(languages=("en", "de", "fr"), nav=NAV, pages=PAGES, extra="validation:\n  anchors: warn\n")


def build_site(
    project: Path,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    *,
    each: bool,
) -> tuple[dict[str, bytes], list[str], list[str]]:
    """Build in this process; return the files, the warnings, and the pages that took the source
    page's conversion: MkDocs converted the stand-in for them, or nothing, never their own
    Markdown. A page that MkDocs converted nothing for is marked `(none)`."""
    converted: dict[str, list[bool]] = {}
    real = Page.render
    real_without = FallbackPages.without_conversion

    def render(self: Page, *arguments: Any) -> None:
        converted.setdefault(self.file.src_uri, []).append(self.markdown == STAND_IN)
        real(self, *arguments)

    def without_conversion(self: FallbackPages, page: Page) -> bool:
        skipped: bool = real_without(self, page)
        if skipped:
            converted.setdefault(f"{page.file.src_uri} (none)", []).append(True)
        return skipped

    monkeypatch.setattr(Page, "render", render)
    monkeypatch.setattr(FallbackPages, "without_conversion", without_conversion)
    if each:
        monkeypatch.setenv(render_once.DISABLE, "1")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    monkeypatch.undo()
    return site_files(site), warnings, sorted(path for path, stand_in in converted.items() if all(stand_in))


def title(files: dict[str, bytes], path: str) -> str:
    page = BeautifulSoup(files[path], "html.parser")
    return page.title.get_text() if page.title else ""


def test_pages_without_blocks_take_the_source_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = SITE.write(tmp_path / "project")

    once, once_warnings, reused = build_site(project, tmp_path / "once", monkeypatch, caplog, each=False)
    each, each_warnings, none = build_site(project, tmp_path / "each", monkeypatch, caplog, each=True)

    assert differing(once, each) == []
    assert once_warnings == each_warnings
    # The missing anchor is reported in each language, from the links the copies took over.
    assert sum("#nowhere" in warning for warning in once_warnings) == 2
    # Not `shared.md` (an image outside the language folders), nor `de/index.md` (the language's own).
    # Those without a block converted nothing; those with one, only the stand-in.
    assert reused == [
        "de/about.md (none)",
        "de/api.md",
        "de/guide.md (none)",
        "de/titled.md (none)",
        "fr/about.md (none)",
        "fr/api.md",
        "fr/guide.md (none)",
        "fr/index.md (none)",
        "fr/titled.md (none)",
    ]
    assert none == []
    assert title(once, "fr/about/index.html").startswith("About mini")
    assert title(once, "fr/titled/index.html").startswith("From the metadata")


def test_this_sites_pages_in_other_languages_take_the_english_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))

    once, once_warnings, reused = build_site(project, tmp_path / "once", monkeypatch, caplog, each=False)
    each, each_warnings, _ = build_site(project, tmp_path / "each", monkeypatch, caplog, each=True)

    assert differing(once, each) == []
    assert once_warnings == each_warnings == []
    english = {
        path.relative_to(project / "docs" / "en").as_posix()
        for path in (project / "docs" / "en").rglob("*.md")
    }
    # Every page a language lacks: this site's guide (which shows `:::` examples) and rule pages.
    expected = sorted(
        f"{language}/{page}"
        for language in ("de", "es", "fr", "ja", "pt")
        for page in english
        if not (project / "docs" / language / page).exists()
    )
    # Only the pages with blocks convert something in each language: their blocks.
    with_blocks = {"api.md", "reference/background.md", "reference/with_background_tasks.md"}
    assert reused == sorted(
        path if path.partition("/")[2] in with_blocks else f"{path} (none)" for path in expected
    )
    assert len(expected) == 5 * 24


def test_a_block_with_other_headings_in_a_language_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """German gives the docstring a heading of its own: the German copy's table of contents lists it."""
    project = MiniSite(languages=("en", "de", "fr")).write(tmp_path / "project")
    result = run_module(project, "docglot.cli", "catalog", "update")
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "locales" / "de.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="de")
    catalog["The greeting is polite."].string = "## Höflich\n\nDie Begrüßung ist höflich."
    with path.open("wb") as file:
        write_po(file, catalog)

    once, once_warnings, reused = build_site(project, tmp_path / "once", monkeypatch, caplog, each=False)
    each, each_warnings, _ = build_site(project, tmp_path / "each", monkeypatch, caplog, each=True)

    assert differing(once, each) == []
    assert once_warnings == each_warnings == []
    assert reused == ["de/api.md", "de/index.md (none)", "fr/api.md", "fr/index.md (none)"]
    assert toc(once, "de/api/index.html") == ["greet", "Höflich"]
    assert toc(once, "fr/api/index.html") == toc(once, "api/index.html") == ["greet"]


def toc(files: dict[str, bytes], path: str) -> list[str]:
    """The entries of a page's table of contents, as Material's sidebar lists them."""
    page = BeautifulSoup(files[path], "html.parser")
    sidebar = page.select_one("nav.md-nav--secondary")
    assert sidebar is not None
    return [link.get_text(" ", strip=True) for link in sidebar.select("a.md-nav__link")]


def test_a_heading_with_a_blocks_id_makes_the_copies_convert_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The page's own heading has the id of the block's: the copies cannot tell one from the other."""
    pages = {
        "en/index.md": "# Mini\n",
        "en/api.md": "# Greeting\n\n## Overview { #mini.greet }\n\n::: mini.greet\n",
    }
    site = MiniSite(languages=("en", "de", "fr"), pages=pages, extra="markdown_extensions:\n  - attr_list\n")
    project = site.write(tmp_path / "project")

    once, once_warnings, reused = build_site(project, tmp_path / "once", monkeypatch, caplog, each=False)
    each, each_warnings, _ = build_site(project, tmp_path / "each", monkeypatch, caplog, each=True)

    assert differing(once, each) == []
    assert once_warnings == each_warnings
    assert reused == ["de/index.md (none)", "fr/index.md (none)"]
    assert toc(once, "de/api/index.html") == toc(once, "api/index.html") == ["Overview", "greet"]


def test_a_copys_conversion_leaves_its_blocks_out_of_its_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' HTML of a copy, which the source page's replaces, is not made with the blocks in it."""
    project = SITE.write(tmp_path / "project")
    pages: dict[str, tuple[str, str]] = {}
    real = FallbackPages.content

    def content(self: FallbackPages, page: Page, html: str, *arguments: Any) -> str:
        written = real(self, page, html, *arguments)
        pages[page.file.src_uri] = (html, written)
        return written

    monkeypatch.setattr(FallbackPages, "content", content)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))

    for path in ("de/api.md", "fr/api.md"):
        converted, written = pages[path]
        # The stand-in alone: the block rendered for the copy is in the page all the same.
        assert converted == STAND_IN.rstrip("\n")
        heading = BeautifulSoup(written, "html.parser").select_one("h2.doc-heading")
        assert heading is not None
        assert heading.get("id") == "mini.greet"
    source, written = pages["en/api.md"]
    assert source == written
