"""The German reference page, as a reader sees it in Chromium: German labels, German API text."""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import Page, expect

import aftersend
from tests.browser.reader import object_block, parameter_row, shown_text, translation, words
from tests.rendered.site import FUNC_TEXT, docglot_label, place_entries, site_catalog

ARTIFACTS = Path(__file__).parent.parent / "artifacts"
PAGE_OBJECTS = "aftersend.background.BackgroundTasks"  # The objects documented on reference/background/.


def test_the_page_is_german(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/de/reference/background/")

    assert page.locator("html").get_attribute("lang") == "de"


def test_the_parameters_table_has_german_headings_and_the_german_doc_text(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/de/reference/background/")
    block = object_block(page, "aftersend.BackgroundTasks.add_task")
    headings = block.locator("table thead th")
    row = parameter_row(block, "func")
    description = row.locator(".doc-md-description")
    type_label = row.locator(".doc-param-annotation b")

    expect(headings).to_have_count(2)
    expect(description).to_be_visible()
    assert [heading.inner_text() for heading in headings.all()] == [
        docglot_label("PARAMETER", "de"),
        docglot_label("DESCRIPTION", "de"),
    ]
    assert words(description.inner_text()) == shown_text(translation("de"))
    assert shown_text(FUNC_TEXT) not in words(block.inner_text())
    assert type_label.inner_text() == docglot_label("TYPE:", "de")


def test_the_bases_label_is_german(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/de/reference/background/")
    bases = object_block(page, "aftersend.BackgroundTasks").locator(".doc-class-bases")
    (base,) = aftersend.BackgroundTasks.__bases__

    expect(bases).to_be_visible()
    assert words(bases.inner_text()) == f"{docglot_label('Bases:', 'de')} {base.__name__}"


def test_every_translated_text_of_the_page_is_shown_in_german(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/de/reference/background/")
    article = page.locator("article")
    messages = [
        message
        for place, message in place_entries(site_catalog("de"))
        if place.startswith(PAGE_OBJECTS) and message.string
    ]

    expect(article).to_be_visible()
    text = words(article.inner_text())
    assert len(messages) >= 2
    assert [shown_text(str(m.string)) for m in messages if shown_text(str(m.string)) not in text] == []
    assert [
        shown_text(str(m.id)) for m in messages if m.string != m.id and shown_text(str(m.id)) in text
    ] == []


def test_a_full_page_screenshot_is_saved(page: Page, site_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "de-reference-background.png"
    page.goto(f"{site_url}/de/reference/background/")
    page.evaluate("document.fonts.ready")
    width, height = page.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollHeight]"
    )
    viewport = page.viewport_size
    assert viewport is not None

    page.screenshot(path=path, full_page=True)

    # Chromium's own decoder reads the file back: it is a PNG of the whole page.
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    decoded = page.evaluate(
        """async (data) => {
            const image = new Image();
            image.src = `data:image/png;base64,${data}`;
            await image.decode();
            return [image.naturalWidth, image.naturalHeight];
        }""",
        data,
    )
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert decoded == [width, height]
    assert width == viewport["width"]
    assert height > viewport["height"]
