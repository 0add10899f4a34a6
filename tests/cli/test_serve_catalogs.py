"""A catalog saved under `docglot serve` is shown by writing again only the pages whose text it changes.

Every case holds the served site against a whole build with the same catalog, byte for byte,
and names the files that the rebuild wrote.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from docglot.paths import display_path

from tests.cli.test_serve import func_description
from tests.conftest import ROOT
from tests.preview_server import SHOWN, lines, preview_server, save_translation, whole_build
from tests.rendered.site import FUNC_CONTEXT, FUNC_TEXT
from tests.site_files import differing, site_files

PAGE = "de/reference/background/index.html"
INDEX = "de/search/search_index.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this site: what `docglot serve` reads and watches."""
    project = tmp_path / "project"
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def shown_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [line for line in lines(caplog) if SHOWN in line]


def serve_and_change(
    project: Path, site: Path, caplog: pytest.LogCaptureFixture, change: object
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The served site before and after a change (`change()`) and the rebuild that follows it."""
    with preview_server(project, site) as rebuild:
        rebuild()
        before = site_files(site)
        change()  # type: ignore[operator]
        caplog.clear()
        with caplog.at_level(logging.INFO):
            rebuild()
        return before, site_files(site)


def test_two_saves_are_each_written_on_the_page_alone(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalog, site = project / "locales" / "de.po", tmp_path / "site"
    with preview_server(project, site) as rebuild:
        rebuild()
        first = site_files(site)
        for text in ("Die aufzurufende Funktion (neu).", "Die aufzurufende Funktion (noch einmal neu)."):
            save_translation(catalog, FUNC_CONTEXT, FUNC_TEXT, text)
            caplog.clear()
            with caplog.at_level(logging.INFO):
                rebuild()
            (shown,) = shown_lines(caplog)
            assert shown.startswith(f"docglot: {display_path(catalog)}{SHOWN}")
            assert func_description(site_files(site)[PAGE].decode()) == text
        last = site_files(site)

    assert differing(first, last) == [PAGE, INDEX]
    whole_build(project, tmp_path / "whole")
    assert differing(last, site_files(tmp_path / "whole")) == []


CHANGES = {
    "translated anew": ("Die aufzurufende Funktion, als `Callable`.", False),
    "no longer translated": ("", False),
    "marked as needing review": ("Die aufzurufende Funktion.", True),
    "holding raw HTML and a link": (
        "Die <script>alert(1)</script>Funktion, siehe [Starlette](https://www.starlette.io/).",
        False,
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_saved_entry_is_shown_as_a_whole_build_shows_it(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, change: str
) -> None:
    text, fuzzy = CHANGES[change]
    catalog = project / "locales" / "de.po"

    before, after = serve_and_change(
        project,
        tmp_path / "site",
        caplog,
        lambda: save_translation(catalog, FUNC_CONTEXT, FUNC_TEXT, text, fuzzy=fuzzy),
    )

    assert len(shown_lines(caplog)) == 1
    assert differing(before, after) == [PAGE, INDEX]
    whole_build(project, tmp_path / "whole")
    assert differing(after, site_files(tmp_path / "whole")) == []


def german_pages(files: dict[str, bytes]) -> list[str]:
    return sorted(path for path in files if path.startswith("de/") and path.endswith(".html"))


def save_nav_title(catalog: Path, title: str, translation: str) -> None:
    save_translation(catalog, "mkdocs.yml:nav", title, translation)


def save_with_a_page(project: Path) -> None:
    save_translation(project / "locales" / "de.po", FUNC_CONTEXT, FUNC_TEXT, "Die Funktion (neu).")
    page = project / "docs" / "de" / "index.md"
    page.write_text(page.read_text() + "\nNeu.\n")


WHOLE_BUILDS = {
    # Every page shows the navigation.
    "a navigation title": lambda project: save_nav_title(
        project / "locales" / "de.po", "Background Tasks", "Aufgaben im Hintergrund"
    ),
    # Another page may link to the heading the translation adds.
    "a heading in a translation": lambda project: save_translation(
        project / "locales" / "de.po",
        FUNC_CONTEXT,
        FUNC_TEXT,
        "Die Funktion.\n\n## Aufruf\n\nSie wird aufgerufen.",
    ),
    # Saved together with the catalog: the page is read again.
    "a page with the catalog": lambda project: save_with_a_page(project),
}


@pytest.mark.parametrize("change", WHOLE_BUILDS)
def test_what_a_page_alone_cannot_show_is_a_whole_build(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, change: str
) -> None:
    before, after = serve_and_change(
        project, tmp_path / "site", caplog, lambda: WHOLE_BUILDS[change](project)
    )

    assert shown_lines(caplog) == []
    changed = set(differing(before, after))
    assert PAGE in changed
    if change == "a navigation title":
        assert set(german_pages(after)) <= changed
    whole_build(project, tmp_path / "whole")
    assert differing(after, site_files(tmp_path / "whole")) == []


def test_an_editors_own_file_beside_the_catalogs_writes_nothing(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    swap = project / "locales" / ".de.po.swp"

    before, after = serve_and_change(project, tmp_path / "site", caplog, lambda: swap.write_bytes(b"\0swap"))

    assert lines(caplog) == ["docglot: no catalog the site shows changed"]
    assert differing(before, after) == []


def test_a_catalog_saved_broken_is_one_line_and_then_shown_once_mended(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalog, site = project / "locales" / "de.po", tmp_path / "site"
    text = catalog.read_text(encoding="utf-8")
    with preview_server(project, site) as rebuild:
        rebuild()
        before = site_files(site)
        catalog.write_text(text.replace('msgid "Home"', 'msgid "Home'), encoding="utf-8")
        caplog.clear()
        with caplog.at_level(logging.INFO):
            rebuild()
        broken, said = site_files(site), lines(caplog)
        catalog.write_text(text, encoding="utf-8")
        save_translation(catalog, FUNC_CONTEXT, FUNC_TEXT, "Die aufzurufende Funktion (neu).")
        caplog.clear()
        with caplog.at_level(logging.INFO):
            rebuild()
        mended = site_files(site)

    assert said == [
        f"docglot: {display_path(catalog)}:22: this line is not a PO keyword with a quoted string "
        '(msgid "Home); fix its quotes'
    ]
    assert differing(before, broken) == []
    assert len(shown_lines(caplog)) == 1
    assert differing(before, mended) == [PAGE, INDEX]
