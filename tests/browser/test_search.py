"""Material's search box on a German page finds German pages by their translated API text."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import Page, expect

from tests.browser.reader import translation
from tests.rendered.site import FUNC_TEXT, material_text, pages
from tests.rendered.site import page as built_page


def german_word() -> str:
    """The longest word of `func`'s German text that its English text lacks."""
    english = set(re.findall(r"\w+", FUNC_TEXT.lower()))
    german = re.findall(r"\w+", translation("de").lower())
    return str(max((word for word in german if word not in english), key=len))


def article_words(site: Path, relative: str) -> list[str]:
    """The words of a German page's article, as built."""
    article = built_page(site, "de", relative).select_one("article")
    assert article is not None
    return re.findall(r"\w+", article.get_text().lower())


def test_a_german_word_of_a_doc_text_finds_the_german_reference_page(
    page: Page, site_url: str, built_site: Path
) -> None:
    word = german_word()
    holding = [
        relative for relative in pages(built_site, "de") if word in article_words(built_site, relative)
    ]
    assert holding == ["reference/background/"], f"{word!r} must be on one German page only"
    page.goto(f"{site_url}/de/")

    search = page.get_by_role("textbox", name=material_text("search.placeholder", "de"), exact=True)
    search.click()
    search.press_sequentially(word)

    results = page.locator(".md-search-result__link")
    # Results are shown while the reader types; wait for those of the whole word.
    highlight = urlencode({"h": word})  # Material's `h` names the words a result matched.
    expect(page.locator(f'.md-search-result__link[href*="{highlight}"]').first).to_be_attached()
    expect(page.locator(".md-search-result__meta")).to_have_text(material_text("search.result.one", "de"))
    found = results.evaluate_all("links => links.map(link => link.href)")
    assert {urlsplit(url).path for url in found} == {"/de/reference/background/"}
