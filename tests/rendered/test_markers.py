"""Markers show exactly where a catalog says a text is untranslated or outdated, in every language."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from tests.conftest import ROOT, mkdocs_build
from tests.rendered.pages import object_block, parameter_rows
from tests.rendered.site import FUNC_CONTEXT as FUNC
from tests.rendered.site import FUNC_TEXT, TRANSLATIONS, docglot_label, entry_at, page, pages, reader_text

SUMMARY = "aftersend.background.with_background_tasks:docstring"
SUMMARY_TEXT = "Give a Starlette endpoint a `BackgroundTasks` to add tasks to."


def build(project: Path, fuzzy: str) -> Path:
    """Build every language from a copy of the project whose catalogs lost some work."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("catalogs: locales", f"catalogs: locales\n      fuzzy: {fuzzy}")
    )
    site = project / f"site-{fuzzy}"
    mkdocs_build(project, site)
    return site


def old_translation(project: Path, language: str) -> str:
    with (project / "locales" / f"{language}.po").open("rb") as file:
        summary = entry_at(read_po(file, locale=language), SUMMARY, SUMMARY_TEXT)
    return str(summary.string)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project where each catalog lost `func`'s translation and has an outdated summary."""
    project = tmp_path_factory.mktemp("project")
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder)
    for language in TRANSLATIONS:
        path = project / "locales" / f"{language}.po"
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        func = entry_at(catalog, FUNC, FUNC_TEXT)
        summary = entry_at(catalog, SUMMARY, SUMMARY_TEXT)
        func.string = ""
        summary.flags.add("fuzzy")
        with path.open("wb") as file:
            write_po(file, catalog)
    return project


@pytest.fixture(scope="module")
def sites(project: Path) -> dict[str, Path]:
    """The site built with each `fuzzy` setting."""
    return {setting: build(project, fuzzy=setting) for setting in ("source", "translation")}


def markers(site: Path, language: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for relative in pages(site, language):
        for marker in page(site, language, relative).select(".docglot-marker"):
            found[(str(marker["data-docglot-msgctxt"]), str(marker["data-docglot-state"]))] += 1
    return found


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_markers_appear_exactly_where_the_catalog_says(sites: dict[str, Path], language: str) -> None:
    expected = Counter({(FUNC, "untranslated"): 1, (SUMMARY, "fuzzy"): 1})

    assert markers(sites["source"], language) == expected
    assert markers(sites["translation"], language) == expected


def test_the_source_language_has_no_marker(sites: dict[str, Path]) -> None:
    assert markers(sites["source"], "en") == Counter()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_an_untranslated_text_shows_the_english_text_with_its_marker(
    sites: dict[str, Path], language: str
) -> None:
    soup = page(sites["source"], language, "reference/background/")
    block = object_block(soup, "aftersend.BackgroundTasks.add_task")
    (row,) = [
        row for row in parameter_rows(block, docglot_label("PARAMETER", language)) if row.name == "func"
    ]
    (marker,) = block.select(f'[data-docglot-msgctxt="{FUNC}"]')

    assert " ".join(row.description.split()) == reader_text(FUNC_TEXT)
    assert marker["data-docglot-label"] == docglot_label("not translated", language)
    assert marker["title"] == docglot_label(
        "This text is not translated yet: it is shown in English.", language
    )
    assert marker.find_parent("td", class_="doc-param-details") is not None


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize(("setting", "shown"), [("source", "english"), ("translation", "old translation")])
def test_an_outdated_text_shows_what_the_setting_says_with_its_marker(
    project: Path, sites: dict[str, Path], setting: str, shown: str, language: str
) -> None:
    soup = page(sites[setting], language, "reference/with_background_tasks/")
    (marker,) = soup.select(f'[data-docglot-msgctxt="{SUMMARY}"]')
    paragraph = marker.find_parent("p")

    expected = (
        reader_text(SUMMARY_TEXT) if shown == "english" else reader_text(old_translation(project, language))
    )
    assert paragraph is not None
    assert " ".join(paragraph.get_text(" ").split()) == expected
    assert marker["data-docglot-label"] == docglot_label("translation outdated", language)


def test_markers_are_styled_for_readers(sites: dict[str, Path]) -> None:
    site = sites["source"]
    soup = page(site, "de", "reference/background/")
    stylesheets = [str(link["href"]) for link in soup.select('link[rel="stylesheet"]')]
    css = (site / "assets" / "docglot.css").read_text(encoding="utf-8")

    assert "../../../assets/docglot.css" in stylesheets
    assert ".docglot-untranslated::before" in css
    assert ".docglot-fuzzy::before" in css
    assert "content: attr(data-docglot-label)" in css
