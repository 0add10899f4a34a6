"""What the built multilingual site holds, read with real parsers (BeautifulSoup, Babel, JSON)."""

from __future__ import annotations

import inspect
import json
import re
from functools import cache
from pathlib import Path

import markdown
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

import aftersend
from tests.conftest import ROOT

LANGUAGES = ["en", "de", "es", "fr", "ja", "pt"]
FUNC_CONTEXT = "aftersend.background.BackgroundTasks.add_task:parameter:func"
FUNC_TEXT = (
    "The function to call after the response is sent.\n\n"
    "It can be a regular `def` function or an `async def` function."
)
TRANSLATIONS = LANGUAGES[1:]
LABELS = ROOT / "plugins" / "docglot" / "locales"


def root(site: Path, language: str) -> Path:
    """A language's folder in the built site."""
    return site if language == "en" else site / language


def pages(site: Path, language: str) -> list[str]:
    """The pages of a language, as paths relative to its root (`reference/background/`)."""
    base = root(site, language)
    found = []
    for path in base.rglob("index.html"):
        relative = path.parent.relative_to(base).as_posix()
        if relative.split("/")[0] in TRANSLATIONS or relative.startswith(("search", "assets")):
            continue
        found.append("" if relative == "." else f"{relative}/")
    return sorted(found)


def page(site: Path, language: str, relative: str) -> BeautifulSoup:
    return BeautifulSoup((root(site, language) / relative / "index.html").read_text(encoding="utf-8"), "lxml")


@cache
def site_catalog(language: str, directory: Path = ROOT / "locales") -> Catalog:
    """A language's catalog of API text, read with Babel as any PO tool reads it."""
    with (directory / f"{language}.po").open("rb") as file:
        return read_po(file, locale=language)


@cache
def docglot_label(key: str, language: str) -> str:
    """A fixed label in a language, from docglot's shipped catalogs."""
    if language == "en":
        return key
    with (LABELS / f"{language}.po").open("rb") as file:
        message = read_po(file, locale=language).get(key)
    assert message is not None, f"{key!r} missing in {language}.po"
    return str(message.string)


@cache
def material_text(key: str, language: str) -> str:
    """Material for MkDocs' own translation of an interface text."""
    import material

    templates = Path(material.__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)))
    return str(env.get_template(f"partials/languages/{language}.html").module.t(key))  # type: ignore[attr-defined]


_AUTOREF = re.compile(r"\[([^\]]+)\]\[[\w.:]+\]")


def reader_text(markdown_text: str) -> str:
    """The text a reader sees for Markdown (cross-references `[x][id]` show as `x`)."""
    html = markdown.markdown(_AUTOREF.sub(r"\1", markdown_text))
    return " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())


def canonical_path(identifier: str) -> str | None:
    """Where the object a heading documents is defined.

    `aftersend.BackgroundTasks` is defined as `aftersend.background.BackgroundTasks`.
    """
    parts = identifier.split(".")
    if parts[0] != "aftersend":
        return None
    obj: object = aftersend
    for part in parts[1:]:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    if not (inspect.isclass(obj) or inspect.isfunction(obj)):
        return None
    return f"{obj.__module__}.{obj.__qualname__}"


def search_index(site: Path, language: str) -> dict[str, object]:
    return json.loads((root(site, language) / "search" / "search_index.json").read_text(encoding="utf-8"))
