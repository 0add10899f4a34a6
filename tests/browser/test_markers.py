"""An untranslated API text shows, in the browser, the English text with its badge before it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.browser.reader import object_block, parameter_row, shown_text, words
from tests.conftest import ROOT, mkdocs_build
from tests.rendered.site import FUNC_CONTEXT, FUNC_TEXT, docglot_label, entry_at

ARTIFACTS = Path(__file__).parent.parent / "artifacts"


@pytest.fixture(scope="module")
def untranslated_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built from a copy of the project whose German catalog lost `func`'s translation."""
    project = tmp_path_factory.mktemp("untranslated")
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    path = project / "locales" / "de.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="de")
    entry_at(catalog, FUNC_CONTEXT, FUNC_TEXT).string = ""
    with path.open("wb") as file:
        write_po(file, catalog)
    mkdocs_build(project, project / "site")
    with serve(project / "site") as url:
        yield url


def test_the_untranslated_text_shows_its_marker_before_the_english_text(
    page: Page, untranslated_site_url: str
) -> None:
    page.goto(f"{untranslated_site_url}/de/reference/background/")
    row = parameter_row(object_block(page, "aftersend.BackgroundTasks.add_task"), "func")
    description = row.locator(".doc-md-description")
    marker = description.locator(".docglot-marker")
    first_paragraph = description.locator("p").first

    expect(marker).to_be_visible()
    # The badge's words are CSS generated content: the reader sees them, `inner_text` does not.
    badge = marker.evaluate("marker => getComputedStyle(marker, '::before').content")
    assert badge == f'"{docglot_label("not translated", "de")}"'
    assert marker.get_attribute("title") == docglot_label(
        "This text is not translated yet: it is shown in English.", "de"
    )
    assert words(description.inner_text()) == shown_text(FUNC_TEXT)
    # Before the English text, on its first line.
    marker_box, paragraph_box = marker.bounding_box(), first_paragraph.bounding_box()
    assert marker_box is not None
    assert paragraph_box is not None
    assert marker_box["x"] == paragraph_box["x"]
    assert paragraph_box["y"] <= marker_box["y"] < paragraph_box["y"] + marker_box["height"]
    ARTIFACTS.mkdir(exist_ok=True)
    row.screenshot(path=ARTIFACTS / "de-untranslated-marker.png")
