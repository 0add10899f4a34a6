"""One configuration built several times (as `mkdocs serve` and API users do), and unusual setups."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

CONFIG = """
site_name: builds
docs_dir: docs
strict: true
theme:
  name: {theme}
hooks:
  - hooks.py
plugins:
  - search:
      separator: '[\\s\\-,]+'
  - autorefs
  - docglot:
      languages: [en, de, fr]
"""

PAGES = {
    "en/index.md": "# Home\n\nSee [the details][details].\n",
    "en/about.md": "# About\n",
    "en/sub/index.md": "# Sub index\n",
    "en/sub/a.md": "# A sub\n\n## Details\n\nText.\n",
    "de/index.md": "# Start\n\nSiehe [die Details][details].\n",
}

HOOKS = """
import os


def on_page_markdown(markdown, page, **kwargs):
    if os.environ.get("FAIL_ON") == page.file.src_uri:
        raise RuntimeError("this build fails on purpose")
    return markdown
"""


def project(tmp_path: Path, theme: str = "material") -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(theme=theme))
    (tmp_path / "hooks.py").write_text(textwrap.dedent(HOOKS))
    for relative, text in PAGES.items():
        path = tmp_path / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (tmp_path / "docs" / "fr").mkdir()
    return tmp_path


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    monkeypatch.chdir(project(tmp_path))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("DOCGLOT_LANGUAGES", raising=False)
    return load_config("mkdocs.yml")


def build_into(config: MkDocsConfig, name: str) -> Path:
    config["site_dir"] = str(Path.cwd() / name)
    build(config)
    return Path(config["site_dir"])


def nav_titles(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    return [
        " ".join(link.get_text(" ").split())
        for link in nav.select(".md-nav__link")
        if link.get_text(strip=True)
    ]


def test_without_nav_pages_are_listed_as_mkdocs_lists_them_and_nav_stays_unset(config: MkDocsConfig) -> None:
    assert config.nav is None
    site = build_into(config, "site")

    assert config.nav is None
    assert nav_titles(site / "index.html") == ["Home", "About", "Sub", "Sub index", "A sub"]
    assert nav_titles(site / "de" / "index.html") == ["Start", "About", "Sub", "Sub index", "A sub"]


def test_a_page_added_between_builds_is_listed(config: MkDocsConfig) -> None:
    build_into(config, "first")
    (Path("docs") / "en" / "zeta.md").write_text("# Zeta\n")

    site = build_into(config, "second")

    assert nav_titles(site / "index.html") == ["Home", "About", "Zeta", "Sub", "Sub index", "A sub"]


def test_a_failed_build_leaves_the_configuration_as_it_was(
    config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIL_ON", "de/about.md")
    with pytest.raises(Exception, match="on purpose"):
        build_into(config, "failed")
    monkeypatch.delenv("FAIL_ON")

    assert config.nav is None
    site = build_into(config, "site")
    assert (site / "de" / "about" / "index.html").is_file()


def test_watch_and_stylesheets_do_not_grow(config: MkDocsConfig) -> None:
    (Path("locales")).mkdir()
    config = load_config("mkdocs.yml")
    for run in range(3):
        build_into(config, f"site-{run}")

    assert config.watch.count(str(Path.cwd() / "locales")) == 1
    assert config.extra_css.count("assets/docglot.css") == 1


def test_languages_can_change_between_builds_of_one_configuration(
    config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGLOT_LANGUAGES", "de")
    build_into(config, "german")
    monkeypatch.delenv("DOCGLOT_LANGUAGES")

    site = build_into(config, "all")

    for language, expected in (("de", "sub/a/#details"), ("fr", "sub/a/#details")):
        soup = BeautifulSoup((site / language / "index.html").read_text(encoding="utf-8"), "lxml")
        (link,) = [a for a in soup.select("article a[href]") if "details" in str(a["href"])]
        assert link["href"] == expected


def test_search_settings_the_site_chose_are_kept_in_every_language(config: MkDocsConfig) -> None:
    site = build_into(config, "site")

    for language, lang in (("", "en"), ("de", "de"), ("fr", "fr")):
        index = json.loads((site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["separator"] == "[\\s\\-,]+"
        assert index["config"]["lang"] == [lang]


def test_a_theme_without_material_language_files_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project(tmp_path, theme="mkdocs"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config("mkdocs.yml")

    site = build_into(config, "site")

    root = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    german = json.loads((site / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert german["config"] == root["config"]
    assert {doc["location"].split("#")[0] for doc in german["docs"]} >= {"", "about/"}
