"""A language the theme has no interface text for takes the source language's, and the build
says so once, not once a page."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.mini_site import MiniSite

# Material has no `partials/languages/sw.html`; Babel knows Swahili.
PAGES = {"en/index.md": "# Mini\n", "en/guide.md": "# Guide\n", "en/api.md": "# Greeting\n\n::: mini.greet\n"}


def test_a_language_without_interface_text_is_told_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = MiniSite(languages=("en", "sw"), pages=PAGES).write(tmp_path / "project")

    with caplog.at_level(logging.INFO):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))

    told = [record.getMessage() for record in caplog.records if "interface text" in record.getMessage()]
    assert told == ["docglot: the theme has no interface text in 'sw'; 'en' is used"]
    for page in ("sw/index.html", "sw/guide/index.html", "sw/api/index.html"):
        html = BeautifulSoup((project / "site" / page).read_text(encoding="utf-8"), "html.parser")
        skip = html.select_one("a.md-skip")
        assert skip is not None
        assert skip.get_text(strip=True) == "Skip to content"
