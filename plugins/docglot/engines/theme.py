"""What both engines add to a Material-style theme: docglot's stylesheet and the interface language."""

from __future__ import annotations

import logging
from pathlib import Path

STYLESHEET = "assets/docglot.css"
"""Where docglot's stylesheet (the markers, the notice) is published in the site."""
STYLESHEET_FILE = Path(__file__).parent / "assets" / "docglot.css"
"""The stylesheet itself, in the package."""
PERMALINK_TITLE = "Permanent link"
"""The `toc` extension's default tooltip of heading permalinks, which docglot translates."""

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
