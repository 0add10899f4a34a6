"""Site layouts beyond this repository's own: region codes, links in the nav, drafts, shared assets."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import mkdocs_build
from tests.rendered.site import material_text

CONFIG = """
site_name: layouts
docs_dir: docs
strict: true
theme:
  name: material
  language: en
draft_docs: |
  drafts/
nav:
  - Home: index.md
  - Guide:
      - Start: guide/start.md
      - Project: https://example.org/project/
  - Blog: /blog/
plugins:
  - search
  - docglot:
      languages: [en, pt-BR]
"""

PAGES = {
    "en/index.md": "# Home\n\n![logo](../logo.png)\n",
    "en/guide/start.md": """
        ---
        title: Start here
        ---

        Intro without a heading.

        ```python
        # not a title
        print("hi")
        ```
    """,
    "en/drafts/wip.md": "# Work in progress\n",
    "pt-BR/index.md": "# Início\n\n![logo](../logo.png)\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("layouts")
    (project / "mkdocs.yml").write_text(CONFIG)
    for relative, text in PAGES.items():
        path = project / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    (project / "docs" / "logo.png").write_bytes(b"\x89PNG\r\n")
    mkdocs_build(project, project / "site")
    return project / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_a_region_code_gets_its_folder_interface_and_search(site: Path) -> None:
    page = soup(site / "pt-BR" / "index.html")
    index = json.loads((site / "pt-BR" / "search" / "search_index.json").read_text(encoding="utf-8"))
    search_input = page.select_one("input.md-search__input")
    assert page.html is not None
    assert search_input is not None

    assert page.html["lang"] == material_text("language", "pt-BR") == "pt"  # Material's own pt-BR says "pt".
    assert search_input["placeholder"] == "Buscar"
    assert index["config"]["lang"] == ["pt"]


def test_shared_assets_outside_the_language_folders_are_published_once(site: Path) -> None:
    assert (site / "logo.png").is_file()
    assert not (site / "pt-BR" / "logo.png").exists()
    for page, expected in ((site / "index.html", "logo.png"), (site / "pt-BR" / "index.html", "../logo.png")):
        assert [img["src"] for img in soup(page).select("article img")] == [expected]


def test_links_in_the_nav_keep_their_targets_and_titles_in_every_language(site: Path) -> None:
    for page in (site / "index.html", site / "pt-BR" / "index.html"):
        links = {
            " ".join(a.get_text(" ").split()): a["href"]
            for a in soup(page).select("nav.md-nav--primary a.md-nav__link[href]")
        }
        assert links["Project"] == "https://example.org/project/"
        assert links["Blog"] == "/blog/"


def test_a_fallback_page_keeps_its_front_matter_and_gets_the_notice_once(site: Path) -> None:
    page = soup(site / "pt-BR" / "guide" / "start" / "index.html")
    article = page.select_one("article")
    assert article is not None
    assert page.title is not None
    code = article.select_one("pre code")
    assert code is not None

    assert page.title.get_text().startswith("Start here")
    assert len(article.select(".docglot-notice")) == 1
    assert "title: Start here" not in article.get_text()
    assert code.get_text().startswith("# not a title")
    assert article.select_one("pre .docglot-notice") is None


def test_drafts_are_not_published_in_any_language(site: Path) -> None:
    assert not (site / "drafts").exists()
    assert not (site / "pt-BR" / "drafts").exists()


def test_the_translated_home_page_is_its_languages_home(site: Path) -> None:
    page = soup(site / "pt-BR" / "guide" / "start" / "index.html")
    logo = page.select_one("a.md-logo")

    assert logo is not None
    assert logo["href"] == "../../"  # pt-BR/, not the English home ../../../


def test_one_configuration_builds_twice_the_same(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` and tools that use MkDocs' API build one configuration several times."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(site.parent)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config("mkdocs.yml")
    nav = config.nav
    pages = []
    for run in (1, 2):
        config["site_dir"] = str(site.parent / f"again-{run}")
        build(config)
        assert config.nav == nav
        assert config.extra_css.count("assets/docglot.css") == 1
        pages.append(
            sorted(
                p.relative_to(config["site_dir"]).as_posix() for p in Path(config["site_dir"]).rglob("*.html")
            )
        )

    assert pages[0] == pages[1]
    assert "pt-BR/guide/start/index.html" in pages[0]
