"""Cross-references that resolve to the page in the reader's language (mkdocs-autorefs)."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from docglot.site.languages import Languages


def resolve_in_each_language(autorefs: Any, languages: Callable[[], Languages]) -> None:
    """Make autorefs register and resolve cross-references per language.

    Headings of translated pages are registered under a language-qualified identifier,
    so that no identifier has several primary URLs; a reference from a translated page
    resolves there first, then to the source page's URL moved into its language. The
    languages are read at each call (`languages()`): a configuration may be built again.
    autorefs has no hook for this: its two methods are wrapped, once.
    """
    if getattr(autorefs, "_docglot_wrapped", False):
        return
    register_anchor = autorefs.register_anchor
    get_item_url = autorefs.get_item_url

    def qualified(language: str, identifier: str) -> str:
        return f"{language}::{identifier}"

    def register(page: Page, identifier: str, anchor: str | None = None, **kwargs: Any) -> None:
        site = languages()
        language = site.of_url(page.url)[0] if isinstance(page, Page) else site.source
        if language != site.source:
            anchor, identifier = anchor or identifier, qualified(language, identifier)
        register_anchor(page, identifier, anchor, **kwargs)

    def item_url(
        identifier: str, from_url: str | None = None, *args: Any, **kwargs: Any
    ) -> tuple[str, str | None]:
        site = languages()
        language = site.of_url(from_url or "")[0]
        if language == site.source:
            return get_item_url(identifier, from_url, *args, **kwargs)  # type: ignore[no-any-return]
        try:
            return get_item_url(qualified(language, identifier), from_url, *args, **kwargs)  # type: ignore[no-any-return]
        except KeyError:
            url, title = get_item_url(identifier, None, *args, **kwargs)
        if "://" in url:
            return url, title
        return get_relative_url(f"{language}/{url}", from_url or ""), title

    autorefs.register_anchor = register
    autorefs.get_item_url = item_url
    autorefs._docglot_wrapped = True


def read_attributes_once() -> None:
    """Make autorefs read each distinct cross-reference's attributes once per process.

    autorefs reads the attributes of every `<autoref>` element with `html.parser` as it
    resolves a page, and every language's copy of a page holds the same elements: on a
    reference in eight languages, that reading is about half of its time. Its reader is a module
    object with no hook: its `parse` is wrapped, once, and each caller gets a copy of what
    it returned, as it would get a new one.
    """
    try:
        references = importlib.import_module("mkdocs_autorefs._internal.references")
    except ImportError:  # Another version of autorefs: it reads them as it always does.
        return
    reader: Any = getattr(references, "_html_attrs_parser", None)
    parse = getattr(reader, "parse", None)
    if parse is None or getattr(parse, "__name__", "") == "parse_once":
        return
    read = functools.lru_cache(maxsize=1 << 16)(parse)

    def parse_once(html: str) -> Any:
        attributes = read(html)
        return type(attributes)(attributes)

    reader.parse = parse_once
