"""Pages built from a hostile German catalog, opened in Chromium: whatever the reader does, no script runs.

The catalog of `tests.rendered.test_hostile_catalogs_every_context` puts `alert(N)` behind
`onerror`, `onmouseover`, `onfocus`, `onclick` and `<script>` in every API text and
navigation title. The pages are loaded, every element gets the mouse, focus and click
events those handlers wait for, the reader tabs through the page, hovers the translated
texts and searches for them; a browser dialog would mean that a payload ran.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Dialog, Page, Route, expect

from tests.browser.conftest import serve
from tests.rendered.test_hostile_catalogs_every_context import (
    ENGINES,
    NAV_TITLES,
    SHOWN,
    build_sites,
    hostile_project,
)

# Every element gets the events an inline handler could wait for. Clicks do not follow links
# (the page must stay the one under test), but inline `onclick` handlers still run.
EVERY_EVENT = """() => {
    addEventListener("click", (event) => event.preventDefault(), true);
    const mouse = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "click", "dblclick",
                   "contextmenu", "pointerover", "pointerenter", "pointerdown", "pointerup"];
    let count = 0;
    for (const element of document.querySelectorAll("*")) {
        for (const type of mouse) {
            element.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
        }
        element.dispatchEvent(new FocusEvent("focus"));
        element.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
        if (typeof element.focus === "function") element.focus();
        count += 1;
    }
    return count;
}"""


@pytest.fixture(scope="module")
def hostile_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The hostile project built with both engines, each site served on its own port."""
    project = tmp_path_factory.mktemp("hostile-browser")
    entries = hostile_project(project)
    assert len(entries) == 22
    sites = build_sites(project)
    with serve(sites["mkdocs"]) as mkdocs, serve(sites["zensical"]) as zensical:
        yield {"mkdocs": mkdocs, "zensical": zensical}


def watch_dialogs(page: Page) -> list[str]:
    """Record (and dismiss) every dialog the page opens; make sure a dialog would be seen."""
    opened: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto("about:blank")
    page.evaluate("() => alert('the test sees dialogs')")
    assert opened == ["the test sees dialogs"]
    opened.clear()
    return opened


def stay(page: Page) -> None:
    """Keep the page under test: the theme's own script follows some clicks (the language menu)."""

    def block(route: Route) -> None:
        if route.request.is_navigation_request():
            route.fulfill(status=204)  # A navigation answered "No Content" leaves the page as it is.
        else:
            route.continue_()

    page.route("**/*", block)


def hover_translations(page: Page) -> int:
    """Move the mouse over each visible element that holds a translated text or title; return how many."""
    hovered = 0
    texts = ["Wort", "T1T2", "fett", "Bezahlen", *NAV_TITLES.values()]
    for text in texts:
        found = page.get_by_text(text, exact=False)
        for index in range(found.count()):
            element = found.nth(index)
            if element.is_visible():
                element.hover(force=True)  # Where the reader points, whatever lies on top.
                hovered += 1
    return hovered


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("relative", ["", "api/"])
def test_no_dialog_opens_on_a_hostile_german_page(
    page: Page, hostile_urls: dict[str, str], engine: str, relative: str
) -> None:
    opened = watch_dialogs(page)
    url = f"{hostile_urls[engine]}/de/{relative}"

    page.goto(url)
    page.wait_for_load_state("networkidle")
    stay(page)
    hovered = hover_translations(page)
    for _ in range(60):
        page.keyboard.press("Tab")
    touched = page.evaluate(EVERY_EVENT)

    # Each of the 22 API texts on the reference page; the two tabs (sections) on the home page.
    assert hovered >= (22 if relative else 2)
    assert touched == page.evaluate("() => document.querySelectorAll('*').length")
    assert page.url == url
    assert opened == []
    # The navigation titles are on the page, as text.
    expect(page.locator(".md-tabs__link").nth(1)).to_have_text(NAV_TITLES["Reference"])


@pytest.mark.parametrize("engine", ENGINES)
def test_no_dialog_opens_when_searching_the_hostile_texts(
    page: Page, hostile_urls: dict[str, str], engine: str
) -> None:
    opened = watch_dialogs(page)
    page.goto(f"{hostile_urls[engine]}/de/api/")
    page.wait_for_load_state("networkidle")
    stay(page)

    if engine == "mkdocs":
        page.locator("input.md-search__input").click()
        results = page.locator(".md-search-result__item")
    else:  # Zensical's search is a dialog in a shadow root, which Playwright's locators enter.
        page.locator("button.md-search__button").click()
        results = page.locator('[role="option"]')
    page.keyboard.type("Wort3")
    # The search results are HTML written into the page: the text that looks like a tag shows as text.
    result = results.filter(has_text=f"Wort3 {SHOWN}").first
    expect(result).to_be_visible()
    result.hover()
    for _ in range(10):
        page.keyboard.press("ArrowDown")
    page.evaluate(EVERY_EVENT)

    assert opened == []
