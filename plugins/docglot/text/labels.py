"""The fixed labels of a reference page (PARAMETER, "Source code in", instance-attribute, ...).

mkdocstrings-python ships labels in English, Japanese and Chinese only and writes "Bases:"
and the object labels in English; docglot ships its own gettext catalog of every label for
each language it supports, in `docglot/text/locales/LANGUAGE.po`. A language without one
(`it`) shows the English labels; a regional language (`pt-BR`) without one of its own shows
its language's (`pt`), if both are written in the same script: `zh-TW` (Traditional Chinese)
shows the English labels rather than the Simplified Chinese of `zh`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.pofile import read_po
from griffe import DocstringParameter, DocstringSection, DocstringSectionParameters
from markdown import Markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.

from docglot.reading.sections import DeprecatedParameter, DeprecationNotice

LOCALES = Path(__file__).parent / "locales"
"""Where the label catalogs live."""


@cache
def _labels(language: str) -> dict[str, str]:
    path = LOCALES / f"{language}.po"
    if not path.exists():
        return {}
    with path.open("rb") as file:
        catalog = read_po(file, locale=language.replace("-", "_"), abort_invalid=True)
    return {str(message.id): str(message.string) for message in catalog if message.id and message.string}


@cache
def _script(language: str) -> str | None:
    """The script a language is written in, by CLDR's likely subtags (`zh`: Hans, `zh-TW`: Hant)."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags")
    found = likely.get(str(locale)) or likely.get(locale.language)
    return Locale.parse(found).script if isinstance(found, str) else None


def label(key: str, language: str) -> str:
    """Return a label in a language, falling back to its base language, then to English (the key)."""
    base = language.split("-")[0]
    own = _labels(language).get(key)
    if own:
        return own
    if base != language and _script(language) == _script(base):
        return _labels(base).get(key) or key
    return key


@cache
def _markdown_escapes() -> frozenset[str]:
    return frozenset(Markdown().ESCAPED_CHARS)


def markdown_literal(text: str) -> str:
    """Markdown that shows `text` as it is, on one line.

    Python-Markdown has no function that escapes text: its own list of the characters a
    backslash escapes is used, and HTML's special characters become entities.
    """
    escapes = _markdown_escapes()
    escaped = escape(" ".join(text.split()), quote=False)
    return "".join(f"\\{character}" if character in escapes else character for character in escaped)


def labelled(
    section: DocstringSection, language: str, *, name: Callable[[str], str] | None = None
) -> DocstringSection:
    """Return a section as a page in `language` shows it: with docglot's labels in its text.

    A deprecated attribute's notice gets the label "Deprecated" as its title; a deprecated
    parameter's description starts with the label "Deprecated:", in bold. Labels
    are no part of the messages of the catalogs, so they are put in at rendering, on a
    copy; any other section is returned as it is. `name` gives each label instead of its
    translation in `language`.
    """
    name = name or (lambda key: label(key, language))
    if isinstance(section, DeprecationNotice):
        notice = copy.copy(section)
        notice.title = markdown_literal(name(section.label))
        return notice
    if isinstance(section, DocstringSectionParameters) and any(
        isinstance(item, DeprecatedParameter) for item in section.value
    ):
        parameters = copy.copy(section)
        parameters.value = [_deprecated_row(item, name) for item in section.value]
        return parameters
    return section


def _deprecated_row(item: DocstringParameter, name: Callable[[str], str]) -> DocstringParameter:
    if not isinstance(item, DeprecatedParameter):
        return item
    row = copy.copy(item)
    row.description = f"**{markdown_literal(name(item.label))}** {item.description}"
    return row
