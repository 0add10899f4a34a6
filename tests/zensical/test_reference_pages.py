"""Zensical builds the same reference pages as MkDocs, in every language.

The site is built from the same `mkdocs.yml`, pages and catalogs with `mkdocs build` and
with `docglot build --engine zensical`; the pages are compared object by object (headings,
labels, texts, parameter rows with types and defaults, markers), then as a whole. Only
the page chrome around the content may differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rendered.site import LANGUAGES, TRANSLATIONS, docglot_label, pages
from tests.zensical.conftest import SUMMARY
from tests.zensical.reading import article, blocks, documented, markers, reference_pages

FUNC = "aftersend.background.BackgroundTasks.add_task:parameter:func"


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_engines_build_the_same_pages(built_site: Path, zensical_site: Path, language: str) -> None:
    assert pages(zensical_site, language) == pages(built_site, language)
    assert reference_pages(zensical_site, language) == [
        "reference/background/",
        "reference/with_background_tasks/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_reference_pages_document_the_same_objects_rows_and_texts(
    built_site: Path, zensical_site: Path, language: str
) -> None:
    for relative in reference_pages(built_site, language):
        expected = documented(built_site, language, relative)
        found = documented(zensical_site, language, relative)

        assert [obj.identifier for obj in found] == [obj.identifier for obj in expected]
        for mine, theirs in zip(found, expected, strict=True):
            assert mine == theirs, mine.identifier


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comparison_reads_real_content(zensical_site: Path, language: str) -> None:
    objects = {obj.identifier: obj for obj in documented(zensical_site, language, "reference/background/")}
    add_task = objects["aftersend.BackgroundTasks.add_task"]
    ((header, rows),) = add_task.tables

    assert header == docglot_label("PARAMETER", language)
    assert [(row.name, row.type, row.default) for row in rows] == [
        ("func", "Callable[P, Any]", None),
        ("*args", "args", "()"),
        ("**kwargs", "kwargs", "{}"),
    ]
    assert rows[0].description
    assert objects["aftersend.BackgroundTasks.func"].labels == (
        docglot_label("instance-attribute", language),
    )
    assert add_task.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_reference_articles_are_the_same_html(built_site: Path, zensical_site: Path, language: str) -> None:
    for relative in reference_pages(built_site, language):
        assert blocks(article(zensical_site, language, relative)) == blocks(
            article(built_site, language, relative)
        )


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_markers_are_the_same(edited_sites: dict[str, Path], language: str) -> None:
    for relative in reference_pages(edited_sites["mkdocs"], language):
        expected = article(edited_sites["mkdocs"], language, relative)
        found = article(edited_sites["zensical"], language, relative)

        assert markers(found) == markers(expected)
        assert documented(edited_sites["zensical"], language, relative) == documented(
            edited_sites["mkdocs"], language, relative
        )
        assert blocks(found) == blocks(expected)
    both = [
        (state, context)
        for relative in reference_pages(edited_sites["zensical"], language)
        for state, context, _, _ in markers(article(edited_sites["zensical"], language, relative))
    ]
    assert sorted(both) == [("fuzzy", SUMMARY), ("untranslated", FUNC)]


def test_a_hostile_translation_is_sanitized_by_both_engines(edited_sites: dict[str, Path]) -> None:
    for site in edited_sites.values():
        german = article(site, "de", "reference/background/")
        (summary,) = [
            paragraph
            for paragraph in german.select("p")
            if paragraph.get_text(" ", strip=True).startswith("Fügt")
        ]

        assert german.select("script") == []
        assert [bold.attrs for bold in summary.select("b")] == [{}]
        assert " ".join(summary.get_text().split()) == "Fügt eine Funktion hinzu."
