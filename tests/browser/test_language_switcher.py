"""Material's language menu takes a reader from a German page to the same page in another language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.reader import language_name, object_block, parameter_row, shown_text, translation, words
from tests.rendered.site import docglot_label, material_text


@pytest.mark.parametrize(("language", "prefix"), [("en", "/"), ("ja", "/ja/")])
def test_the_language_menu_leads_to_the_same_page(
    page: Page, site_url: str, language: str, prefix: str
) -> None:
    page.goto(f"{site_url}/de/reference/background/")

    page.get_by_role("button", name=material_text("select.language", "de"), exact=True).hover()
    page.locator(".md-select").get_by_role("link", name=language_name(language), exact=True).click()
    page.wait_for_url(f"{site_url}{prefix}reference/background/")

    block = object_block(page, "aftersend.BackgroundTasks.add_task")
    description = parameter_row(block, "func").locator(".doc-md-description")
    assert page.locator("html").get_attribute("lang") == language
    assert [heading.inner_text() for heading in block.locator("table thead th").all()] == [
        docglot_label("PARAMETER", language),
        docglot_label("DESCRIPTION", language),
    ]
    assert words(description.inner_text()) == shown_text(translation(language))
