"""The fixed labels of a reference page (PARAMETER, "Source code in", instance-attribute, ...).

mkdocstrings-python ships labels in English, Japanese and Chinese only and writes "Bases:"
and the object labels in English; docglot ships its own gettext catalog of every label for
each language it supports, in `docglot/locales/LANGUAGE.po`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

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


def label(key: str, language: str) -> str:
    """Return a label in a language, falling back to English (the key itself)."""
    return _labels(language).get(key) or _labels(language.split("-")[0]).get(key) or key
