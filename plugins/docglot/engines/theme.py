"""What both engines add to a Material-style theme: docglot's stylesheet and the interface language."""

from __future__ import annotations

import logging
from pathlib import Path

from docglot.text.labels import label

STYLESHEET = "assets/docglot.css"
"""Where docglot's stylesheet (the markers, the notice) is published in the site."""
STYLESHEET_FILE = Path(__file__).parent / "assets" / "docglot.css"
"""The stylesheet itself, in the package."""
PERMALINK_TITLE = "Permanent link"
"""The `toc` extension's default tooltip of heading permalinks, which docglot translates."""


def _attribute(text: str) -> str:
    """Escape an attribute value the way Python-Markdown writes it (ElementTree's escaping)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def localize_permalinks(html: str, tooltip: str, language: str) -> str:
    """Give the headings' permalinks of a page's HTML their tooltip in `language`.

    The `toc` extension writes the tooltip (`tooltip`, as the site configures it) on
    every heading. Every language's Markdown keeps the site's own: the blocks of the
    reference are then the same in every language (`render_once`) and the tooltip is
    translated once the page's HTML is written.
    """
    translated = label(tooltip, language)
    if translated == tooltip:
        return html
    return html.replace(f'title="{_attribute(tooltip)}"', f'title="{_attribute(translated)}"')


# MkDocs shows a plugin's INFO lines under this name; Zensical shows them as any logger's.
log = logging.getLogger("mkdocs.plugins.docglot")


def theme_language(folders: list[Path], language: str, source: str) -> str:
    """The closest interface language the theme's folders have: `pt-BR`, else `pt`, else the source's."""
    own = (language, language.split("-")[0])
    for code in (*own, source, "en"):
        if any((folder / "partials" / "languages" / f"{code}.html").exists() for folder in folders):
            if code not in own:
                log.info("docglot: the theme has no interface text in %r; %r is used", language, code)
            return code
    return language
