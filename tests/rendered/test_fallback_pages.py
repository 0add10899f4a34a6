"""A page a language lacks takes the source page's conversion, when nothing could make it differ.

Each site is built twice in this process: as usual, and with `DOCGLOT_RENDER_EACH_LANGUAGE=1`,
which converts every page in every language. The two sites are the same bytes, their
warnings the same lines, and the pages that took the source page's conversion (MkDocs
converted an empty Markdown for them) are exactly those expected.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docglot.engines import render_once
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

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
    """Build in this process; return the files, the warnings, and the pages converted from no Markdown."""
    empty: list[str] = []
    real = Page.render

    def render(self: Page, *arguments: Any) -> None:
        if self.markdown == "":
            empty.append(self.file.src_uri)
        real(self, *arguments)

    monkeypatch.setattr(Page, "render", render)
    if each:
        monkeypatch.setenv(render_once.DISABLE, "1")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    monkeypatch.undo()
    return site_files(site), warnings, sorted(empty)


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
    # Not `api.md` (a block), `shared.md` (an image outside the language folders), nor `de/index.md`
    # (the language's own page).
    assert reused == [
        "de/about.md",
        "de/guide.md",
        "de/titled.md",
        "fr/about.md",
        "fr/guide.md",
        "fr/index.md",
        "fr/titled.md",
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
    # A page with a line that opens a `:::` block (even in a code example: the rule is cautious).
    blocks = {
        page
        for page in english
        for line in (project / "docs" / "en" / page).read_text(encoding="utf-8").splitlines()
        if line.lstrip("#").lstrip().startswith(":::")
    }
    expected = sorted(
        f"{language}/{page}"
        for language in ("de", "es", "fr", "ja", "pt")
        for page in english - blocks
        if not (project / "docs" / language / page).exists()
    )
    assert reused == expected
    # 28 English pages: 4 translated in each language, and the guide and one rule page hold
    # `:::` lines (examples), which the copies convert themselves.
    assert sorted(blocks) == [
        "api.md",
        "guide.md",
        "reference/background.md",
        "reference/with_background_tasks.md",
        "rules/DG108.md",
    ]
    assert len(expected) == 5 * 22
