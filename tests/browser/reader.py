"""What a reader sees in the browser, and what the source and the catalogs say they should see."""

from __future__ import annotations

import re

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
from babel import Locale
from bs4 import BeautifulSoup
from playwright.sync_api import Locator, Page

from tests.rendered.site import FUNC_CONTEXT, FUNC_TEXT, entry_at, site_catalog

# Cross-references `[text][identifier]` are shown as their text; a regex over Markdown, not HTML.
_AUTOREF = re.compile(r"\[([^\]]+)\]\[[\w.:]+\]")


def words(text: str) -> str:
    """Collapse whitespace as a browser lays text out."""
    return " ".join(text.split())


def shown_text(markdown_text: str) -> str:
    """The text a browser shows for Markdown: `` `def`-Funktion `` reads `def-Funktion`."""
    html = markdown.markdown(_AUTOREF.sub(r"\1", markdown_text))
    return words(BeautifulSoup(html, "lxml").get_text())


def translation(language: str, source: str = FUNC_TEXT, context: str = FUNC_CONTEXT) -> str:
    """A text as the site's catalog translates it (the source text itself in English)."""
    if language == "en":
        return source
    return str(entry_at(site_catalog(language), context, source).string)


def language_name(language: str) -> str:
    """The name of a language in itself, as Babel spells it and the language menu shows it."""
    return str(Locale.parse(language).get_display_name())


def object_block(page: Page, identifier: str) -> Locator:
    """The `doc-object` block of the object whose heading has this id."""
    return page.locator(f'div.doc-object:has(> .doc-heading[id="{identifier}"])')


def parameter_row(block: Locator, name: str) -> Locator:
    """The row of a block's parameters table that documents the parameter `name`."""
    first_cell = block.page.locator("td:first-child", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))
    return block.locator("tr.doc-section-item").filter(has=first_cell)
