"""The rest of every language of the Zensical site: switcher, interface language, search, links."""

from __future__ import annotations

import json
import posixpath
from functools import cache
from pathlib import Path
from typing import TypedDict
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from mkdocstrings import Inventory

from tests.rendered.site import (
    FUNC_CONTEXT,
    FUNC_TEXT,
    LANGUAGES,
    TRANSLATIONS,
    docglot_label,
    entry_at,
    page,
    pages,
    reader_text,
    root,
    search_index,
    site_catalog,
)
from tests.zensical.reading import article, words

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class ZensicalSearchConfig(TypedDict):
    """The `config` of Zensical's `search.json`: only how to split words."""

    lang: list[str]
    separator: str


class ZensicalSearchItem(TypedDict):
    """One entry of Zensical's `search.json` (the keys these tests read)."""

    location: str
    text: str


class ZensicalSearchIndex(TypedDict):
    config: ZensicalSearchConfig
    items: list[ZensicalSearchItem]


def zensical_index(site: Path, language: str) -> ZensicalSearchIndex:
    """A language's search index in the Zensical site (`search.json` at the language's home)."""
    index: ZensicalSearchIndex = json.loads(
        (root(site, language) / "search.json").read_text(encoding="utf-8")
    )
    return index


@cache
def zensical_text(key: str, language: str) -> str:
    """Zensical's own translation of an interface text."""
    import zensical

    templates = Path(zensical.__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)))
    return str(env.get_template(f"partials/languages/{language}.html").module.t(key))  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_in_its_language_with_a_switcher_to_the_same_page(
    built_site: Path, zensical_site: Path, language: str
) -> None:
    for relative in pages(zensical_site, language):
        soup = page(zensical_site, language, relative)
        header = soup.select_one("nav.md-header__inner")
        links = [(str(a["hreflang"]), str(a["href"])) for a in soup.select("a.md-select__link[hreflang]")]
        mkdocs_html = page(built_site, language, relative).html

        assert soup.html is not None
        assert mkdocs_html is not None
        assert soup.html["lang"] == mkdocs_html["lang"] == language
        assert header is not None
        assert header["aria-label"] == zensical_text("header", language)
        for link in soup.select("article a.headerlink"):
            assert link["title"] == docglot_label("Permanent link", language)
        assert [code for code, _ in links] == LANGUAGES
        here = root(zensical_site, language) / relative
        for target_language, href in links:
            target = Path(posixpath.normpath((here / href).as_posix()))
            assert target == root(zensical_site, target_language) / relative, href
            assert (target / "index.html").is_file(), href


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_search_index(built_site: Path, zensical_site: Path, language: str) -> None:
    index = zensical_index(zensical_site, language)
    locations = [str(item["location"]) for item in index["items"]]
    mkdocs_locations = [str(doc["location"]) for doc in search_index(built_site, language)["docs"]]

    assert index["config"]["lang"] == [language]
    assert {location.split("#")[0] for location in locations} == set(pages(zensical_site, language))
    assert sorted(locations) == sorted(mkdocs_locations)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_doc_text_is_found_in_its_languages_index_only(
    zensical_site: Path, language: str
) -> None:
    message = entry_at(site_catalog(language), FUNC_CONTEXT, FUNC_TEXT)
    first_words = reader_text(str(message.string))[:25]

    def hits(other: str) -> list[str]:
        items = zensical_index(zensical_site, other)["items"]
        return [
            str(item["location"]).split("#")[0]
            for item in items
            if first_words in words(BeautifulSoup(str(item["text"]), "lxml").get_text(" "))
        ]

    assert hits(language) == ["reference/background/"]
    for other in LANGUAGES:
        if other != language:
            assert hits(other) == []


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_page_missing_in_a_language_has_the_notice(
    built_site: Path, zensical_site: Path, language: str
) -> None:
    guide = page(zensical_site, language, "guide/")
    (notice,) = guide.select(".docglot-notice")

    assert words(notice.get_text()) == docglot_label(
        "This page is not translated yet: it is shown in English.", language
    )
    assert notice.find_previous_sibling() == guide.select_one("article h1")
    assert [tag["id"] for tag in article(zensical_site, language, "guide/").select("[id]")] == [
        tag["id"] for tag in article(built_site, language, "guide/").select("[id]")
    ]
    assert page(zensical_site, language, "").select(".docglot-notice") == []
    assert page(zensical_site, "en", "guide/").select(".docglot-notice") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_navigation_is_the_languages_own(built_site: Path, zensical_site: Path, language: str) -> None:
    def navigation(site: Path) -> list[tuple[str, str]]:
        soup = page(site, language, "reference/background/")
        here = root(site, language) / "reference/background"
        listed = []
        for link in soup.select("nav.md-nav--primary .md-nav__link"):
            href = link.get("href")
            if href is None or not str(href).startswith("#"):
                target = "" if href is None else posixpath.normpath((here / str(href)).as_posix())
                listed.append((words(link.get_text(" ")), target.removeprefix(str(root(site, language)))))
        return listed

    listed = navigation(zensical_site)

    assert listed == navigation(built_site)
    if language != "en":
        reference = site_catalog(language).get("Reference", context="mkdocs.yml:nav")
        assert reference is not None
        assert str(reference.string) in [title for title, _ in listed]


def test_objects_inv_lists_the_english_pages_only(built_site: Path, zensical_site: Path) -> None:
    def items(site: Path) -> dict[str, str]:
        with (site / "objects.inv").open("rb") as file:
            return {name: item.uri for name, item in Inventory.parse_sphinx(file).items()}

    assert items(zensical_site) == items(built_site)
    assert (
        items(zensical_site)["aftersend.BackgroundTasks"] == "reference/background/#aftersend.BackgroundTasks"
    )
    for language in TRANSLATIONS:
        assert not (zensical_site / language / "objects.inv").exists()


def test_the_sitemap_lists_every_page_of_every_language(built_site: Path, zensical_site: Path) -> None:
    def locations(path: Path) -> list[str]:
        return sorted(
            str(loc.text) for loc in ElementTree.parse(path).getroot().iterfind("s:url/s:loc", SITEMAP)
        )

    assert locations(zensical_site / "sitemap.xml") == locations(built_site / "sitemap.xml")
    assert len(locations(zensical_site / "sitemap.xml")) == sum(
        len(pages(zensical_site, language)) for language in LANGUAGES
    )
