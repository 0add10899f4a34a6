"""FastAPI's reference in eight languages, translated in part, built with MkDocs and Zensical.

The corpus (`tests/corpus/fastapi/`) is a site in the middle of its translation: in each
language a few entries of the catalog are translated, in German and Japanese a few are
outdated (fuzzy), and most are not translated. Every language's pages are held against the
English ones: the same objects and rows, and each text either its catalog translation or
the English text after its badge, a badge at each place of the entries that `docglot
catalog stats` counts as untranslated or fuzzy (an entry is one English text, shown at
every place its `#.` comments list).
The sites are built once, from a copy of the corpus in a temporary folder, so that neither
the site nor the build's cache or lock files land in the repository.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import lxml.html
import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
import pytest
from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import read_po
from docglot.engines import render_once
from docglot.text.labels import label
from docglot.text.lookup import place_entries
from lxml.html import HtmlElement

from tests.commands import run_module
from tests.gettext import msgfmt_check
from tests.site_files import differing, site_files

CORPUS = Path(__file__).parent / "fastapi"
LANGUAGES = ("de", "es", "fr", "ja", "ko", "pt", "zh")
LANGUAGES_LINE = "      languages: [en, de, es, fr, ja, ko, pt, zh]\n"
NAV = "mkdocs.yml:nav"


@dataclass(frozen=True)
class Stats:
    """One line of `docglot catalog stats`."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    texts_left: int
    words_left: int


# Entries, one per English text (and per navigation title), 436 in each catalog. German and
# Japanese: the two section titles of the navigation and 19 texts translated, 4 texts
# outdated; the other languages: the two titles and 12 texts. The navigation's `FastAPI`, a
# product name, is left untranslated everywhere. Left: the fuzzy and untranslated entries,
# and the words of their English texts.
STATS = {
    "de": Stats(translated=21, fuzzy=4, untranslated=411, obsolete=0, texts_left=415, words_left=9768),
    "es": Stats(translated=14, fuzzy=0, untranslated=422, obsolete=0, texts_left=422, words_left=9965),
    "fr": Stats(translated=14, fuzzy=0, untranslated=422, obsolete=0, texts_left=422, words_left=9965),
    "ja": Stats(translated=21, fuzzy=4, untranslated=411, obsolete=0, texts_left=415, words_left=9768),
    "ko": Stats(translated=14, fuzzy=0, untranslated=422, obsolete=0, texts_left=422, words_left=9965),
    "pt": Stats(translated=14, fuzzy=0, untranslated=422, obsolete=0, texts_left=422, words_left=9965),
    "zh": Stats(translated=14, fuzzy=0, untranslated=422, obsolete=0, texts_left=422, words_left=9965),
}

# The places of API text (object path and slot) that show a text of each state: a text shown
# in several places (the `## Example` heading of 35 docstrings, a parameter of every HTTP
# method) is one entry, and a translation or a badge on the pages at each of its places.
PLACES = {
    "de": {"translated": 56, "fuzzy": 6, "untranslated": 1086},
    "ja": {"translated": 56, "fuzzy": 6, "untranslated": 1086},
    **{
        language: {"translated": 48, "fuzzy": 0, "untranslated": 1100}
        for language in ("es", "fr", "ko", "pt", "zh")
    },
}

# `docglot check` on the corpus (its catalogs; no code, which `test_fastapi_check.py` checks):
# - DG201, one per place that shows an untranslated text: 1087 in German and Japanese (410
#   texts and the `FastAPI` navigation title), 1101 in each of the other five languages (421
#   texts and the title);
# - DG202, one per place that shows an outdated text: 6 in German, 6 in Japanese (4 texts);
# - DG206 and DG207, one each in German and in Japanese: the translation that points a
#   FastAPI docs link at the same page in the reader's language
#   (`https://fastapi.tiangolo.com/de/tutorial/background-tasks/`,
#   `https://fastapi.tiangolo.com/ja/tutorial/dependencies/sub-dependencies/...`). The check
#   accepts that form only for a page the site publishes, and the corpus holds FastAPI's
#   reference alone: its tutorial pages are not pages of this site, so the English link goes
#   missing (DG206) and the localised one is another target (DG207). With those pages, as on
#   FastAPI's full site, both are accepted (`test_check_accepts_links_localised_to_pages_of_the_site`).
# No other rule finds anything: the catalogs are up to date (DG205), nothing is obsolete
# (DG203), no minimum share is set (DG204), and every other translation keeps its English
# text's markup (DG206) and adds no target (DG207).
CHECK_FINDINGS = {"DG201": 2 * 1087 + 5 * 1101, "DG202": 2 * 6, "DG206": 2, "DG207": 2}

LOCALISED_LINK_PAGES = ("tutorial/background-tasks.md", "tutorial/dependencies/sub-dependencies.md")
"""The English pages of FastAPI's site that the German and Japanese localised links lead to."""

# The navigation titles each catalog translates (`FastAPI` it leaves as it is).
NAV_TITLES = {
    "de": {"Reference": "Referenz", "OpenAPI": "OpenAPI"},
    "es": {"Reference": "Referencia", "OpenAPI": "OpenAPI"},
    "fr": {"Reference": "Référence", "OpenAPI": "OpenAPI"},
    "ja": {"Reference": "リファレンス", "OpenAPI": "OpenAPI"},
    "ko": {"Reference": "레퍼런스", "OpenAPI": "OpenAPI"},
    "pt": {"Reference": "Referência", "OpenAPI": "OpenAPI"},
    "zh": {"Reference": "参考", "OpenAPI": "OpenAPI"},
}


def copy_corpus(folder: Path) -> Path:
    """A copy of the corpus to build from: builds write their cache and lock files next to it.

    Its `.cache` (templates compiled by an earlier build in the repository, ignored by git)
    is left out: each build starts as from a fresh clone.
    """
    project = folder / "fastapi"
    shutil.copytree(CORPUS, project, ignore=shutil.ignore_patterns(".cache"))
    return project


def warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines of a build's output that warn."""
    return [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]


@dataclass(frozen=True)
class Build:
    """A build's site folder and how the build went."""

    site: Path
    result: subprocess.CompletedProcess[str]

    def built(self) -> Path:
        """The site folder, once the build is known to have succeeded."""
        assert self.result.returncode == 0, self.result.stdout + self.result.stderr
        return self.site


def corpus_files() -> dict[str, int]:
    """Every file of the corpus, hidden ones included, with when it last changed."""
    return {path.relative_to(CORPUS).as_posix(): path.stat().st_mtime_ns for path in CORPUS.rglob("*")}


@pytest.fixture(scope="module")
def corpus_before() -> dict[str, int]:
    """The corpus's files before anything is built."""
    return corpus_files()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, corpus_before: dict[str, int]) -> Path:
    """The corpus, copied into a temporary folder (once its files are known)."""
    return copy_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def mkdocs_build(project: Path) -> Build:
    """The eight languages built with `mkdocs build --strict`."""
    site = project.parent / "site-mkdocs"
    return Build(site, run_module(project, "mkdocs", "build", "--strict", "--site-dir", str(site)))


@pytest.fixture(scope="module")
def zensical_build(project: Path) -> Build:
    """The eight languages built with `docglot build --engine zensical --strict`."""
    site = project.parent / "site-zensical"
    return Build(
        site,
        run_module(
            project, "docglot.cli", "build", "--engine", "zensical", "--strict", "--site-dir", str(site)
        ),
    )


@pytest.fixture(scope="module")
def site(mkdocs_build: Build) -> Path:
    """The MkDocs site."""
    return mkdocs_build.built()


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory, corpus_before: dict[str, int]) -> Path:
    """The same configuration with `languages: [en]`: the English pages only, no catalogs."""
    project = copy_corpus(tmp_path_factory.mktemp("english"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert LANGUAGES_LINE in text
    config.write_text(text.replace(LANGUAGES_LINE, "      languages: [en]\n"), encoding="utf-8")
    # A site of one language has neither other language folders nor catalogs: docglot
    # stops on a catalog or a page folder of an undeclared language.
    for language in LANGUAGES:
        shutil.rmtree(project / "docs" / language)
        (project / "locales" / f"{language}.po").unlink()
    site = project.parent / "site"
    return Build(site, run_module(project, "mkdocs", "build", "--strict", "--site-dir", str(site))).built()


@pytest.fixture(scope="module")
def stats(project: Path) -> dict[str, Stats]:
    """`docglot catalog stats` of the corpus, by language."""
    result = run_module(project, "docglot.cli", "catalog", "stats")
    assert result.returncode == 0, result.stderr
    header, *lines = result.stdout.splitlines()
    assert header.split() == [
        *("language", "translated", "fuzzy", "untranslated", "obsolete"),
        *("texts", "left", "words", "left"),
    ]
    found = {}
    for line in lines:
        language, *counts = line.split()
        found[language] = Stats(*(int(count) for count in counts))
    return found


@cache
def catalog(language: str) -> Catalog:
    """A language's catalog of the corpus."""
    with (CORPUS / "locales" / f"{language}.po").open("rb") as file:
        return read_po(file, locale=language)


def state_of(message: PoMessage) -> str:
    """An entry's state, as a badge names it (`translated` has no badge)."""
    if not message.string:
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


@cache
def api_places(language: str) -> dict[tuple[str, str], PoMessage]:
    """`(place, English text)` of each place of API text in a language's catalog, with the entry it shows.

    An entry of a text stands for every place it lists (`#.`); navigation titles are left out.
    """
    return {key: message for key, message in place_entries(catalog(language)).items() if key[0] != NAV}


# --- Reading the pages ---------------------------------------------------------------------


def read_page(path: Path) -> HtmlElement:
    """Parse a built page with lxml."""
    return lxml.html.document_fromstring(path.read_bytes())


def has_class(name: str) -> str:
    """An XPath condition: the element has this class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def find(element: HtmlElement, path: str) -> HtmlElement:
    """The one element an XPath finds."""
    found = element.xpath(path)
    assert len(found) == 1, f"{path}: {len(found)} elements"
    return found[0]


def reference_pages(site: Path) -> list[str]:
    """The English reference pages of a site, relative to its root."""
    return sorted(path.relative_to(site).as_posix() for path in (site / "reference").rglob("*.html"))


def reader_text(element: HtmlElement) -> str:
    """The text a reader sees in an element, spaces collapsed, without permalinks (\u00b6)."""
    strings = element.xpath(f".//text()[not(parent::a[{has_class('headerlink')}])]")
    return " ".join("".join(strings).split())


# `[text][identifier]`, a cross-reference or a reference-style link: the reader sees `text`.
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]+\]")


def markdown_text(text: str) -> str:
    """The text a reader sees for a catalog text (Markdown), spaces collapsed."""
    html = markdown.markdown(_REFERENCE_LINK.sub(r"\1", text), extensions=["fenced_code", "tables"])
    return reader_text(lxml.html.fragment_fromstring(html, create_parent="div"))


@dataclass(frozen=True)
class Block:
    """One text of an object's entry: a block of its docstring, or a table row's description."""

    owner: str
    """The id of the entry's heading."""
    slot: str
    """`text`, or `row NAME` for a row of a table."""
    text: str
    """What a reader sees (badges have no text)."""
    markers: tuple[tuple[str, str], ...]
    """`(msgctxt, state)` of each badge in front of the text."""


@dataclass(frozen=True)
class Row:
    """What a table row shows but its description."""

    owner: str
    name: str
    type: str | None
    default: str | None


def markers(element: HtmlElement) -> tuple[tuple[str, str], ...]:
    """`(msgctxt, state)` of the badges in an element."""
    return tuple(
        (marker.get("data-docglot-msgctxt"), marker.get("data-docglot-state"))
        for marker in element.xpath(f".//span[{has_class('docglot-marker')}]")
    )


def _code(details: HtmlElement, kind: str) -> str | None:
    codes = details.xpath(f".//span[{has_class(kind)}]//code")
    return reader_text(codes[0]) if codes else None


# What an entry shows that is no text of its docstring: its members (entries of their own),
# its source code, its bases, and code blocks, which are never translated.
_NOT_TEXT = frozenset({"doc-children", "mkdocstrings-source", "doc-class-bases", "highlight"})


def entries(page: HtmlElement) -> dict[str, HtmlElement]:
    """Each object's entry on a page: the id of its heading, and its own contents."""
    found = {}
    for entry in page.xpath(f"//div[{has_class('doc-object')}]"):
        heading = entry.xpath(f".//*[{has_class('doc-heading')}]")[0]
        for contents in entry.xpath(f"./div[{has_class('doc-contents')}]"):
            found[heading.get("id")] = contents
    return found


def rows_of(element: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """The rows of a table of an entry (`PARAMETER | DESCRIPTION`...): each one's name and details."""
    rows = []
    for item in element.xpath(f".//tr[{has_class('doc-section-item')}]"):
        name_cell, details = item.xpath("./td")
        rows.append((reader_text(name_cell), details))
    return rows


def blocks_and_rows(page: HtmlElement) -> tuple[list[Block], list[Row]]:
    """The texts and the table rows of every entry of a page, in order."""
    blocks: list[Block] = []
    rows: list[Row] = []
    for owner, contents in entries(page).items():
        pending: tuple[tuple[str, str], ...] = ()  # A badge alone in a paragraph, before a block.
        for child in contents.iterchildren("*"):
            if _NOT_TEXT & set(child.get("class", "").split()):
                continue
            items = rows_of(child) if child.tag == "table" else []
            for name, details in items:
                description = find(details, f"./div[{has_class('doc-md-description')}]")
                blocks.append(Block(owner, f"row {name}", reader_text(description), markers(description)))
                rows.append(
                    Row(
                        owner,
                        name,
                        _code(details, "doc-param-annotation"),
                        _code(details, "doc-param-default"),
                    )
                )
            if items:
                continue
            found = markers(child)
            if child.tag == "p" and found and not reader_text(child):
                pending += found
                continue
            blocks.append(Block(owner, "text", reader_text(child), pending + found))
            pending = ()
        assert not pending, f"{owner}: a badge before nothing"
    return blocks, rows


def headings(page: HtmlElement) -> list[str]:
    """The ids of the entries' headings, in order."""
    return [str(identifier) for identifier in page.xpath(f"//*[{has_class('doc-heading')}]/@id")]


@cache
def english_page(site: Path, relative: str) -> tuple[list[str], list[Block], list[Row]]:
    """An English page's headings, texts and rows."""
    page = read_page(site / relative)
    return (headings(page), *blocks_and_rows(page))


def without_labels(text: str, language: str) -> str:
    """A translated page's text with docglot's deprecation labels in English.

    The label that docglot puts before a deprecated parameter's description (and as the
    title of a deprecated attribute's notice) is in the page's language, before the English
    text of an untranslated description.
    """
    for english in ("Deprecated:", "Deprecated"):
        translated = label(english, language)
        if text.startswith(f"{translated} ") or text == translated:
            return english + text[len(translated) :]
    return text


def _object_name(context: str) -> str:
    """The name of the object of a catalog entry, as the last part of a page's heading id has it.

    Pages name an object by its public path (`fastapi.BackgroundTasks`), an inherited member
    by its class's (`fastapi.testclient.TestClient.auth`); the catalog names it by where it
    is defined (`fastapi.background.BackgroundTasks`, `httpx._client.BaseClient.auth`), and
    the parameters of `__init__` by `__init__`, which the pages merge into the class.
    """
    path = context.partition(":")[0].removesuffix(".__init__")
    return path.rpartition(".")[2]


@dataclass
class Comparison:
    """A language's reference pages against the English ones."""

    problems: list[str] = field(default_factory=list)
    """Each difference that is neither a translation nor a badged English text."""
    badges: dict[str, Counter[str]] = field(default_factory=dict)
    """For each place (a badge's msgctxt), its badges by state, as one entry of the object shows them."""
    translated: set[tuple[str, str]] = field(default_factory=set)
    """`(place, English text)` of the translated places found where their English text is."""
    headings: int = 0
    """How many entries the pages show."""
    rows: int = 0
    """How many table rows the pages show."""


@cache
def compare(site: Path, language: str) -> Comparison:
    """Hold each of a language's reference pages against the English page."""
    places = api_places(language)
    by_text: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, message in places.items():
        if state_of(message) == "translated":
            texts = (markdown_text(str(message.id)), markdown_text(str(message.string)))
            by_text[texts].append(key)
    # A badge names its place and the state of the entry shown there: untranslated (no msgstr) or fuzzy.
    badged = {
        (place, state_of(message))
        for (place, _), message in places.items()
        if state_of(message) != "translated"
    }
    comparison = Comparison()
    for relative in reference_pages(site):
        english_headings, english_blocks, english_rows = english_page(site, relative)
        page = read_page(site / language / relative)
        blocks, rows = blocks_and_rows(page)
        comparison.headings += len(english_headings)
        comparison.rows += len(english_rows)
        if headings(page) != english_headings:
            comparison.problems.append(f"{relative}: other entries than in English")
            continue
        if rows != english_rows:
            comparison.problems.append(f"{relative}: other rows (names, types or defaults) than in English")
        if [(b.owner, b.slot) for b in blocks] != [(b.owner, b.slot) for b in english_blocks]:
            comparison.problems.append(f"{relative}: other texts than in English")
            continue
        shown: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for block, english in zip(blocks, english_blocks, strict=True):
            where = f"{relative} {block.owner} {block.slot}"
            text = without_labels(block.text, language)
            if block.markers:
                for context, state in block.markers:
                    shown[(block.owner, context)][state] += 1
                    if (context, state) not in badged:
                        comparison.problems.append(f"{where}: a badge {state} of {context}")
                if text != english.text:
                    comparison.problems.append(f"{where}: a badge before another text than the English one")
                continue
            translations = [
                key
                for key in by_text.get((english.text, text), [])
                if _object_name(key[0]) == block.owner.rpartition(".")[2]
            ]
            if translations:
                comparison.translated.update(translations)
            elif (text, english.text) != ("", ""):
                # The English text again without a badge would be a text the catalog does
                # not have: only an empty description (a parameter without Doc) has none.
                comparison.problems.append(f"{where}: {text!r} is neither translated nor badged")
        for (_, context), counts in shown.items():
            if comparison.badges.setdefault(context, counts) != counts:
                comparison.problems.append(f"{relative}: the entries of {context} show other badges")
    return comparison


# --- The builds ----------------------------------------------------------------------------


def test_mkdocs_strict_build(mkdocs_build: Build) -> None:
    assert mkdocs_build.result.returncode == 0, mkdocs_build.result.stderr
    assert warnings(mkdocs_build.result) == []


def test_zensical_strict_build(zensical_build: Build) -> None:
    assert zensical_build.result.returncode == 0, zensical_build.result.stdout + zensical_build.result.stderr
    assert warnings(zensical_build.result) == []
    assert sorted(path.name for path in zensical_build.site.iterdir() if path.is_dir()) == sorted(
        ["assets", "reference", *LANGUAGES]
    )


def each_language_build(project: Path, engine: str) -> Path:
    """The eight languages built with every block rendered through the templates in each language."""
    site = project.parent / f"site-{engine}-each-language"
    command = ("mkdocs", "build") if engine == "mkdocs" else ("docglot.cli", "build", "--engine", "zensical")
    result = run_module(
        project, *command, "--strict", "--site-dir", str(site), environment={render_once.DISABLE: "1"}
    )
    return Build(site, result).built()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_file_is_the_one_rendering_each_language_gives(
    project: Path, mkdocs_build: Build, zensical_build: Build, engine: str
) -> None:
    """Rendering each block once for all languages changes no byte of any file, in any language."""
    built = (mkdocs_build if engine == "mkdocs" else zensical_build).built()
    each = site_files(each_language_build(project, engine))
    once = site_files(built)
    assert differing(once, each) == []
    # 24 pages in 8 languages, and the 404 page: the site's, or (Zensical) each language's.
    assert sum(path.endswith(".html") for path in once) == 8 * 24 + (1 if engine == "mkdocs" else 8)


def _without_other_languages(page: HtmlElement) -> str:
    """A page without what only a page of a multilingual site has, serialised.

    Removed: the `<link rel="alternate" hreflang>` of the other languages, in the head, and
    their items in the header's language selector, each with the whitespace before it (the
    template writes the same whitespace before each). Both lead to the page in another
    language, which a site of one language does not have. The English ones stay, and
    nothing else differs; the search index and `objects.inv` are compared byte for byte.
    """
    others = page.xpath(
        '//link[@rel="alternate"][@hreflang != "en"]'
        f' | //li[{has_class("md-select__item")}][not(a[@hreflang = "en"])]'
    )
    for element in others:
        before = element.getprevious()
        whitespace = element.getparent().text if before is None else before.tail
        assert not (whitespace or "").strip()
        if before is None:
            element.getparent().text = element.tail
        else:
            before.tail = element.tail
        element.getparent().remove(element)
    return str(lxml.html.tostring(page.getroottree(), encoding="unicode"))


def test_english_pages_are_those_of_an_english_only_site(site: Path, english_site: Path) -> None:
    english = sorted(path.relative_to(english_site).as_posix() for path in english_site.rglob("*.html"))
    assert english == sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.relative_to(site).parts[0] not in LANGUAGES
    )
    assert len(english) == 25  # 24 reference pages and 404.html.
    for relative in english:
        page = read_page(site / relative)
        if relative != "404.html":  # A page of no language leads to no other.
            assert len(page.xpath('//link[@rel="alternate"][@hreflang]')) == 8, relative
        alone = read_page(english_site / relative)
        assert _without_other_languages(page) == _without_other_languages(alone), relative
    for relative in ("search/search_index.json", "objects.inv"):
        assert (site / relative).read_bytes() == (english_site / relative).read_bytes(), relative


def test_english_only_site_has_one_language(english_site: Path) -> None:
    page = read_page(english_site / "reference" / "index.html")
    assert page.xpath(f"//li[{has_class('md-select__item')}]/a/@hreflang") == ["en"]
    assert page.xpath('//link[@rel="alternate"]/@hreflang') == ["en"]


# --- Each language against English ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_match_the_english_pages(site: Path, language: str) -> None:
    comparison = compare(site, language)
    assert comparison.problems == []
    # The whole reference was compared: FastAPI 0.165.0's entries and table rows.
    assert (comparison.headings, comparison.rows) == (844, 1040)


@pytest.mark.parametrize("language", LANGUAGES)
def test_badges_and_translations_match_the_catalog_stats(
    site: Path, stats: dict[str, Stats], language: str
) -> None:
    assert stats[language] == STATS[language]
    comparison = compare(site, language)
    badges: Counter[str] = Counter()
    for counts in comparison.badges.values():
        badges.update(counts)
    places = api_places(language)
    by_state: dict[str, list[PoMessage]] = {"translated": [], "fuzzy": [], "untranslated": []}
    for message in places.values():
        by_state[state_of(message)].append(message)
    assert {name: len(shown) for name, shown in by_state.items()} == PLACES[language]
    # Each place of an untranslated or outdated text shows a badge; navigation titles have
    # none: they are counted in the navigation.
    assert dict(badges) == {
        "untranslated": len(by_state["untranslated"]),
        **({"fuzzy": len(by_state["fuzzy"])} if by_state["fuzzy"] else {}),
    }
    translated = {key for key, message in places.items() if state_of(message) == "translated"}
    assert comparison.translated == translated
    # The entries those places show are the ones `catalog stats` counts, each once.
    titles = [message for message in catalog(language) if message.id and message.context == NAV]
    entries_shown = {name: len({id(message) for message in shown}) for name, shown in by_state.items()}
    assert entries_shown == {
        "translated": stats[language].translated - sum(state_of(title) == "translated" for title in titles),
        "fuzzy": stats[language].fuzzy - sum(state_of(title) == "fuzzy" for title in titles),
        "untranslated": stats[language].untranslated
        - sum(state_of(title) == "untranslated" for title in titles),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_titles(site: Path, language: str) -> None:
    def titles(page: Path) -> list[str]:
        nav = find(read_page(page), f"//nav[{has_class('md-nav--primary')}]")
        return [reader_text(title) for title in nav.xpath(f".//*[{has_class('md-ellipsis')}]")]

    translated = {str(m.id): str(m.string) for m in catalog(language) if m.context == NAV and m.string}
    assert translated == NAV_TITLES[language]
    english = titles(site / "reference" / "index.html")
    assert english[:2] == ["FastAPI", "Reference"]
    assert english.count("OpenAPI") == 1
    assert titles(site / language / "reference" / "index.html") == [
        NAV_TITLES[language].get(title, title) for title in english
    ]


# --- Chosen translations, where they belong ------------------------------------------------


def entry(site: Path, language: str, relative: str, identifier: str) -> HtmlElement:
    """The own contents of an object's entry on a page."""
    return entries(read_page(site / language / relative))[identifier]


def row_description(contents: HtmlElement, name: str) -> HtmlElement:
    """The description of a row of an entry's table."""
    (details,) = [details for row, details in rows_of(contents) if row == name]
    return find(details, f"./div[{has_class('doc-md-description')}]")


def paragraphs(contents: HtmlElement) -> list[str]:
    """The texts of an entry's own paragraphs (its bases left out)."""
    return [reader_text(p) for p in contents.xpath(f"./p[not({has_class('doc-class-bases')})]")]


def links(element: HtmlElement) -> list[tuple[str, str]]:
    """`(href, text)` of an element's links, permalinks left out."""
    return [(a.get("href"), reader_text(a)) for a in element.xpath(f".//a[not({has_class('headerlink')})]")]


def codes(element: HtmlElement) -> list[str]:
    """The texts of an element's inline code."""
    return [code.text_content() for code in element.xpath(".//code[not(ancestor::pre)]")]


def test_german_parameter_row(site: Path) -> None:
    contents = entry(site, "de", "reference/background/index.html", "fastapi.BackgroundTasks.add_task")
    description = row_description(contents, "func")
    assert reader_text(description) == (
        "Die Funktion, die aufgerufen wird, nachdem die Response gesendet wurde. "
        "Es kann eine normale def-Funktion oder eine async def-Funktion sein."
    )
    assert codes(description) == ["def", "async def"]
    assert markers(description) == ()
    # The method's docstring is translated too. Its second paragraph is the English text of
    # the class's (`test_german_docstring_with_a_localised_link_and_a_heading`): translated
    # once, it shows that translation, with its link to the German page.
    assert paragraphs(contents) == [
        "Fügt eine Funktion hinzu, die im Hintergrund aufgerufen wird, nachdem die Response gesendet wurde.",
        "Mehr dazu in der FastAPI-Dokumentation zu Hintergrundtasks.",
    ]
    assert [link for p in contents.xpath("./p") for link in links(p)] == [
        (
            "https://fastapi.tiangolo.com/de/tutorial/background-tasks/",
            "FastAPI-Dokumentation zu Hintergrundtasks",
        )
    ]
    assert [found for p in contents.xpath("./p") for found in markers(p)] == []
    # A paragraph without a translation, next to a translated one, keeps the English docs' link.
    depends = entry(site, "de", "reference/dependencies/index.html", "fastapi.Depends")
    assert paragraphs(depends)[0] == "Deklariert eine FastAPI-Abhängigkeit."
    untranslated = depends.xpath("./p")[3]
    assert reader_text(untranslated) == "Read more about it in the FastAPI docs for Dependencies."
    assert links(untranslated) == [
        ("https://fastapi.tiangolo.com/tutorial/dependencies/", "FastAPI docs for Dependencies")
    ]
    assert markers(untranslated) == (("fastapi.param_functions.Depends:docstring", "untranslated"),)


def test_german_docstring_with_a_localised_link_and_a_heading(site: Path) -> None:
    contents = entry(site, "de", "reference/background/index.html", "fastapi.BackgroundTasks")
    assert paragraphs(contents) == [
        "Eine Sammlung von Hintergrundtasks, die aufgerufen werden, nachdem eine Response an den "
        "Client gesendet wurde.",
        "Mehr dazu in der FastAPI-Dokumentation zu Hintergrundtasks.",
    ]
    assert [link for p in contents.xpath("./p") for link in links(p)] == [
        (
            "https://fastapi.tiangolo.com/de/tutorial/background-tasks/",
            "FastAPI-Dokumentation zu Hintergrundtasks",
        )
    ]
    assert [reader_text(heading) for heading in contents.xpath("./h4")] == ["Beispiel"]
    assert [found for child in contents.xpath("./p | ./h4") for found in markers(child)] == []


def test_inherited_httpx_docstring_keeps_its_reference_link(site: Path) -> None:
    expected = {
        "de": ("Siehe auch Authentifizierung.", "Authentifizierung"),
        "es": ("Consulta también Autenticación.", "Autenticación"),
        "fr": ("Voir aussi Authentification.", "Authentification"),
        "ja": ("認証も参照してください。", "認証"),
        "ko": ("인증도 참고하세요.", "인증"),
        "pt": ("Veja também Autenticação.", "Autenticação"),
        "zh": ("另请参阅认证。", "认证"),
    }
    for language, (text, link) in expected.items():
        contents = entry(
            site, language, "reference/testclient/index.html", "fastapi.testclient.TestClient.auth"
        )
        assert paragraphs(contents)[1] == text, language
        # `[0]` is defined in the English docstring only; the translation's link leads to its target.
        assert links(contents) == [("/quickstart/#authentication", link)], language


def test_translated_list(site: Path) -> None:
    contents = entry(
        site, "es", "reference/testclient/index.html", "fastapi.testclient.TestClient.build_request"
    )
    assert [[reader_text(item) for item in ul.xpath("./li")] for ul in contents.xpath("./ul")] == [
        [
            "Los argumentos params, headers y cookies se combinan con los valores establecidos "
            "en el cliente.",
            "El argumento url se combina con el base_url establecido en el cliente.",
        ]
    ]
    assert codes(contents.xpath("./ul")[0]) == ["params", "headers", "cookies", "url", "base_url"]


def test_translated_description_with_a_code_block(site: Path) -> None:
    contents = entry(site, "fr", "reference/fastapi/index.html", "fastapi.FastAPI")
    description = row_description(contents, "title")
    assert [reader_text(p) for p in description.xpath("./p")] == [
        "Le titre de l'API.",
        "Il sera ajouté à l'OpenAPI généré (par exemple, visible sur /docs).",
        "Pour en savoir plus, consultez la documentation de FastAPI sur les métadonnées et les URL "
        "de documentation.",
        "Exemple",
    ]
    code = find(description, f"./div[{has_class('highlight')}]//code")
    assert code.text_content() == 'from fastapi import FastAPI\n\napp = FastAPI(title="ChimichangApp")\n'


def test_japanese_localised_link_in_a_long_description(site: Path) -> None:
    contents = entry(site, "ja", "reference/dependencies/index.html", "fastapi.Depends")
    description = row_description(contents, "use_cache")
    assert links(description) == [
        (
            "https://fastapi.tiangolo.com/ja/tutorial/dependencies/sub-dependencies/"
            "#using-the-same-dependency-multiple-times",
            "サブ依存関係に関する FastAPI ドキュメント",
        )
    ]
    assert codes(description) == ["use_cache", "False"]
    assert [reader_text(p)[:10] for p in description.xpath("./p")] == [
        "デフォルトでは、リク",
        "この動作を無効にし、",
        "詳しくはサブ依存関係",
    ]


def test_outdated_translation_shows_the_english_text(site: Path) -> None:
    for language in ("de", "ja"):
        contents = entry(site, language, "reference/uploadfile/index.html", "fastapi.UploadFile.seek")
        description = row_description(contents, "offset")
        assert reader_text(description) == "The position in bytes to seek to in the file.", language
        assert markers(description) == (
            ("fastapi.datastructures.UploadFile.seek:parameter:offset", "fuzzy"),
        ), language


def test_emphasis_next_to_korean_and_chinese_text(site: Path) -> None:
    expected = {
        "ko": ("경로 처리 함수", "SSE 전송 형식"),
        "zh": ("路径操作函数", "SSE 传输格式"),
    }
    for language, (emphasis, link) in expected.items():
        contents = entry(site, language, "reference/sse/index.html", "fastapi.sse.ServerSentEvent")
        (paragraph,) = contents.xpath("./p[em]")
        assert [em.text_content() for em in paragraph.xpath(".//em")] == [emphasis], language
        assert [text for _, text in links(paragraph)] == [link], language
        assert markers(paragraph) == (), language


# --- docglot check ---------------------------------------------------------------------------


def test_check_mkdocs_site(project: Path, site: Path) -> None:
    result = run_module(project, "docglot.cli", "check", "--select", "DG3", "--site", str(site))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "0 findings\n")


def test_check_zensical_site(project: Path, zensical_build: Build) -> None:
    site = zensical_build.built()
    result = run_module(project, "docglot.cli", "check", "--select", "DG3", "--site", str(site))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "0 findings\n")


def test_check_catalogs(project: Path) -> None:
    # `docglot check` reads the catalogs of the `mkdocs.yml` in its working folder.
    result = run_module(project, "docglot.cli", "check", "--output-format", "json")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "docglot: checking the catalogs of mkdocs.yml only, no code: to check the code too, pass "
        "its packages as PATH, or set 'paths' under [tool.docglot] in pyproject.toml\n"
    )
    findings = json.loads(result.stdout)
    assert dict(Counter(finding["code"] for finding in findings)) == CHECK_FINDINGS


def test_check_accepts_links_localised_to_pages_of_the_site(tmp_path: Path) -> None:
    project = copy_corpus(tmp_path)

    def links_found() -> tuple[int, list[tuple[str, str, str]]]:
        result = run_module(
            project, "docglot.cli", "check", "--select", "DG206,DG207", "--output-format", "json"
        )
        found = json.loads(result.stdout)
        return result.returncode, [(item["path"], item["code"], item["target"]) for item in found]

    background_tasks = ("locales/de.po", "de:fastapi.background.BackgroundTasks:docstring:b68da1cf")
    use_cache = ("locales/ja.po", "ja:fastapi.param_functions.Depends:parameter:use_cache")
    assert links_found() == (
        1,
        [
            (background_tasks[0], "DG206", background_tasks[1]),
            (background_tasks[0], "DG207", background_tasks[1]),
            (use_cache[0], "DG206", use_cache[1]),
            (use_cache[0], "DG207", use_cache[1]),
        ],
    )
    # The English pages those links lead to, as FastAPI's full site has them.
    for page in LOCALISED_LINK_PAGES:
        path = project / "docs" / "en" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {path.stem.replace('-', ' ').capitalize()}\n", encoding="utf-8")
    assert links_found() == (0, [])


# --- The catalogs ----------------------------------------------------------------------------


def test_catalog_update_changes_nothing(tmp_path: Path) -> None:
    project = copy_corpus(tmp_path)
    result = run_module(project, "docglot.cli", "catalog", "update")
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        written = (project / "locales" / f"{language}.po").read_bytes()
        assert written == (CORPUS / "locales" / f"{language}.po").read_bytes(), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalog(language: str) -> None:
    path = CORPUS / "locales" / f"{language}.po"
    result = msgfmt_check(path)
    # `catalog update` fills the header fields that msgfmt notes when left at their defaults.
    assert (result.returncode, result.stderr) == (0, "")


def test_nothing_is_written_into_the_corpus(
    corpus_before: dict[str, int], site: Path, english_site: Path, zensical_build: Build
) -> None:
    assert corpus_files() == corpus_before
    assert "locales/de.po" in corpus_before
