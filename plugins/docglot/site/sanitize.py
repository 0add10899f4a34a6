"""Translations cannot inject script.

Catalogs often come from outside contributors, and a translation is Markdown, which may
hold raw HTML. Everything mkdocstrings renders from docstrings on a translated page is
passed through nh3 (the Rust `ammonia` sanitizer): tags and attributes outside the
allowlist below, `<script>`, event handlers and `javascript:` URLs are removed, whatever
a catalog holds and whether or not anybody checked it.
"""

from __future__ import annotations

import nh3

# What Python-Markdown, pymdownx and mkdocs-autorefs produce from docstrings.
TAGS = frozenset(nh3.ALLOWED_TAGS | {"autoref"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "name"},
    "autoref": {
        "identifier",
        "optional",
        "hover",
        "domain",
        "role",
        "origin",
        "filepath",
        "lineno",
        "slug",
        "backlink-type",
        "backlink-anchor",
    },
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize(html: str) -> str:
    """Return the HTML without anything that could run script."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
