"""What the built multilingual site holds, read with real parsers (BeautifulSoup, Babel, JSON)."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as etree
from collections.abc import Mapping, MutableSequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypedDict

import griffe
import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.
from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from markdown.blockprocessors import BlockProcessor  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocstrings import AutoDocProcessor

from tests.conftest import ROOT

LANGUAGES = ["en", "de", "es", "fr", "ja", "pt"]
FUNC_CONTEXT = "aftersend.background.BackgroundTasks.add_task:parameter:func"
FUNC_TEXT = (
    "The function to call after the response is sent.\n\n"
    "It can be a regular `def` function or an `async def` function."
)
TRANSLATIONS = LANGUAGES[1:]
LABELS = ROOT / "plugins" / "docglot" / "text" / "locales"


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


def entry_at(catalog: Catalog, context: str, source: str) -> PoMessage:
    """The entry that translates an English text at one place (`object path:slot`), as a page shows it.

    The place's own entry (an override, whose msgctxt is the place) when it has a translation;
    otherwise the text's entry, which lists the place in its extracted comments (`#.`).
    """
    override = catalog.get(source, context=context)
    if override is not None and override.string:
        return override
    entry = catalog.get(source)
    assert entry is not None, f"no entry for {source!r}"
    assert context in entry.auto_comments, f"{context!r} is not listed in the entry of {source!r}"
    return entry


def place_entries(catalog: Catalog) -> list[tuple[str, PoMessage]]:
    """Each place (`object path:slot`) of API text and the entry a page shows there, in the catalog's order.

    The places an entry of a text lists in its extracted comments (`#.`), each with that entry,
    or with the place's override when it has a translation; an override at a place that no
    entry lists (a per-place catalog) stands for itself. Navigation titles are left out.
    """
    overrides = {
        (str(m.context), str(m.id)): m
        for m in catalog
        if m.id and m.context and not m.context.startswith("mkdocs.yml") and m.string
    }
    found: list[tuple[str, PoMessage]] = []
    for message in catalog:
        if message.id and not message.context:
            found.extend(
                (place, overrides.pop((place, str(message.id)), message)) for place in message.auto_comments
            )
    found.extend((place, message) for (place, _), message in overrides.items())
    return found


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
    """Material for MkDocs' own text for a key in a language, English's where the language has none.

    Read through Material's `partials/language.html`, whose `t` falls back to English as
    every page of a Material site does.
    """
    import material

    templates = Path(material.__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)))
    context = {"config": {"theme": {"language": language}}}
    module = env.get_template("partials/language.html").make_module(context)
    return str(module.t(key))  # type: ignore[attr-defined]


_AUTOREF = re.compile(r"\[([^\]]+)\]\[[\w.:]+\]")


def reader_text(markdown_text: str) -> str:
    """The text a reader sees for Markdown (cross-references `[x][id]` show as `x`)."""
    html = markdown.markdown(_AUTOREF.sub(r"\1", markdown_text))
    return " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())


@cache
def site_config() -> MkDocsConfig:
    """The site's `mkdocs.yml`, read by MkDocs itself."""
    return load_config(str(ROOT / "mkdocs.yml"))


def source_pages() -> dict[str, str]:
    """Every page of the site, by its URL under a language's root (`api/`), with its source (`api.md`).

    Every page of the source language gives a page in every language: its translation, or
    the English page shown with a notice.
    """
    config = site_config()
    folder = Path(config.docs_dir) / LANGUAGES[0]
    found = {}
    for path in sorted(folder.rglob("*.md")):
        source = path.relative_to(folder).as_posix()
        url = File(source, str(folder), config.site_dir, config.use_directory_urls).url
        found["" if url == "./" else url] = source
    return found


@dataclass(frozen=True)
class Directive:
    """A `::: identifier` block of a page: the object it renders, with the options it is rendered with."""

    page: str
    identifier: str
    options: Mapping[str, object]


class _DirectiveReader(BlockProcessor):
    """Record mkdocstrings' `::: identifier` blocks where mkdocstrings finds them, rendering nothing."""

    def __init__(self, md: markdown.Markdown, found: list[tuple[str, dict[str, object]]]) -> None:
        super().__init__(md.parser)
        self.found = found

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(AutoDocProcessor.regex.search(block))

    def run(self, parent: etree.Element, blocks: MutableSequence[str]) -> None:
        block = blocks.pop(0)
        match = AutoDocProcessor.regex.search(block)
        assert match is not None
        if match.start() > 0:
            self.parser.parseBlocks(parent, [block[: match.start()]])
        options, rest = self.detab(block[match.end() :])
        if not options and blocks and blocks[0].startswith(("    handler:", "    options:")):
            # mkdocstrings also reads options separated from the `:::` line by a blank line.
            options, _ = self.detab(blocks.pop(0))
        settings = yaml.safe_load(options) or {}
        handler = settings.get("handler", "python")
        assert handler == "python", f"{match['name']}: these tests read the python handler's options only"
        self.found.append((match["name"], settings.get("options") or {}))
        if rest:
            blocks.insert(0, rest)


def _read_directives(path: Path) -> list[tuple[str, dict[str, object]]]:
    """The `:::` blocks of a Markdown file, read with the site's own Markdown extensions.

    The extensions matter: a `:::` line in a fenced code block is an example, not a directive.
    """
    config = site_config()
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    found: list[tuple[str, dict[str, object]]] = []
    md.parser.blockprocessors.register(_DirectiveReader(md, found), "docglot_tests_directives", 110)
    md.convert(path.read_text(encoding="utf-8"))
    return found


@cache
def directives(language: str) -> tuple[Directive, ...]:
    """The `:::` blocks of a language's pages: its own translation of a page, else the English page."""
    config = site_config()
    handler = config.plugins["mkdocstrings"].config.handlers["python"]
    found = []
    for url, source in source_pages().items():
        path = Path(config.docs_dir) / language / source
        if not path.is_file():
            path = Path(config.docs_dir) / LANGUAGES[0] / source
        for identifier, options in _read_directives(path):
            found.append(Directive(url, identifier, {**handler["options"], **options}))
    return tuple(found)


@cache
def _griffe_loader() -> griffe.GriffeLoader:
    """A griffe loader searching where the site's mkdocstrings handler searches."""
    handler = site_config().plugins["mkdocstrings"].config.handlers["python"]
    loader = griffe.GriffeLoader(search_paths=[*(str(ROOT / path) for path in handler["paths"]), *sys.path])
    for module in handler["options"].get("preload_modules", []):
        loader.load(module)
    return loader


def canonical_path(identifier: str) -> str:
    """Where the object a heading documents is defined, as griffe resolves it.

    `aftersend.BackgroundTasks` is defined as `aftersend.background.BackgroundTasks`; an
    inherited member is defined in the base class it comes from.
    """
    loader = _griffe_loader()
    package = identifier.split(".")[0]
    if package not in loader.modules_collection:
        loader.load(package)
    return str(loader.modules_collection[identifier].canonical_path)


class SearchConfig(TypedDict):
    """The `config` of Material's `search_index.json`: how the browser's lunr splits and indexes words."""

    lang: list[str]
    separator: str
    pipeline: list[str]
    fields: dict[str, dict[str, float]]


class SearchDocument(TypedDict):
    """One entry of Material's `search_index.json`: a page or one of its sections."""

    location: str
    title: str
    text: str


class SearchIndex(TypedDict):
    """A language's `search/search_index.json`, as Material's search plugin writes it."""

    config: SearchConfig
    docs: list[SearchDocument]


def search_index(site: Path, language: str) -> SearchIndex:
    index: SearchIndex = json.loads(
        (root(site, language) / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    return index
