"""docglot's English pages against FastAPI's own stack, mkdocstrings-python with griffe-typingdoc,
on FastAPI's reference: the same objects, and the same rows and texts but for the differences
pinned here, each with its reason."""

from __future__ import annotations

import ast
import copy
import inspect
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import griffe
import lxml.html
import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
import pytest
import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.
from lxml import etree
from lxml.html import HtmlElement

from tests.conftest import mkdocs_build

CORPUS = Path(__file__).parent / "fastapi"

WITHOUT_DOC = "row for a parameter without Doc"
LABEL = "deprecation label"
DROPPED = "deprecation message griffe-typingdoc drops"

# What each difference between the two sites is, and how many rows of FastAPI's reference show it.
DIFFERENCES = {
    # docglot gives every parameter a row, with its type and default, so that the table lists
    # the whole signature; griffe-typingdoc writes rows only for parameters with `Doc` or
    # `deprecated`, and mkdocstrings shows no row its docstring does not list. 212 of these
    # rows make up the 39 tables only docglot shows (`TABLES_ONLY_DOCGLOT_SHOWS`), of classes
    # and methods FastAPI takes from Starlette and httpx, which use no `Doc`. The other 3 sit
    # beside documented rows: `BackgroundTasks.add_task`'s `*args` and `**kwargs`, and
    # `OAuth2AuthorizationCodeBearer`'s `authorizationUrl`.
    WITHOUT_DOC: 215,
    # A parameter marked `deprecated(...)`: docglot puts a label before the message;
    # griffe-typingdoc writes the message and the `Doc` text alone (`f"{message} {doc}"`).
    # The `regex` and `example` parameters of `Query`, `Path`, `Body`, `Cookie`, `Header`,
    # `Form` and `File`.
    LABEL: 14,
    # griffe-typingdoc drops the `deprecated(...)` message of `FastAPI`'s `routes` and
    # `root_path`: `FastAPI.__init__` also has a parameter named `deprecated`, and griffe
    # resolves the names of an `__init__`'s expressions to its parameters first, so the call
    # is not `typing_extensions.deprecated` to griffe-typingdoc (Python evaluates annotations
    # where the function is defined, where it is). docglot shows the label and the message.
    DROPPED: 2,
}
TABLES_ONLY_DOCGLOT_SHOWS = 39
OBJECTS = 844
"""The objects FastAPI's 24 reference pages document, on each site."""

DEPRECATED_PATHS = {"typing.deprecated", "typing_extensions.deprecated", "warnings.deprecated"}


@dataclass(frozen=True)
class Row:
    """One row of a spacy-style table (PARAMETER, RETURNS, ...), its texts whitespace-normalised."""

    name: str
    description: str
    type: str | None
    default: str | None


@dataclass(frozen=True)
class Documented:
    """One object of a reference page: its heading, own text and own tables."""

    identifier: str
    heading: str
    blocks: tuple[str, ...]
    """The object's own text, block by block, with `table:TITLE` where each table sits."""
    tables: dict[str, list[Row]] = field(compare=False)
    """Each own table's first column header (PARAMETER, RETURNS, ...) and its rows."""


@dataclass(frozen=True)
class Difference:
    """One difference between the two sites, classified or not (`category` None)."""

    category: str | None
    where: str
    docglot: str
    typingdoc: str
    label: str = ""
    """For a deprecation, the text docglot shows before the message."""

    def __str__(self) -> str:
        return f"{self.where}\n    docglot:   {self.docglot}\n    typingdoc: {self.typingdoc}"


def words(text: str) -> str:
    """The text with its whitespace normalised, the only difference the comparison forgives."""
    return " ".join(text.split())


def has_class(name: str) -> str:
    """An XPath test for an element with this class among others."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def text(element: HtmlElement) -> str:
    """An element's text content, whitespace normalised."""
    return words(element.text_content())


def code_text(cell: HtmlElement, class_: str) -> str | None:
    """The code of a row's type or default (`doc-param-annotation`, `doc-param-default`), if shown."""
    found = cell.xpath(f".//span[{has_class(class_)}]//code")
    return text(found[0]) if found else None


def table_rows(table: HtmlElement) -> list[Row]:
    """The rows of a spacy-style table."""
    rows = []
    for item in table.xpath(f"tbody/tr[{has_class('doc-section-item')}]"):
        name, details = item.xpath("td")
        # The description is all the cell shows but the type and default, wherever either
        # site puts a label.
        description = copy.deepcopy(details)
        for span in description.xpath(
            f".//span[{has_class('doc-param-annotation')} or {has_class('doc-param-default')}]"
        ):
            span.drop_tree()
        rows.append(
            Row(
                name=text(name),
                description=text(description),
                type=code_text(details, "doc-param-annotation"),
                default=code_text(details, "doc-param-default"),
            )
        )
    return rows


def documented(page: Path) -> list[Documented]:
    """Every object the page documents, in page order.

    An object's own text leaves out its members (each an object of its own), its source
    excerpt and its bases line, which mkdocstrings renders alike with either extension.
    Read with lxml itself: BeautifulSoup takes twenty times as long on these pages, whose
    source excerpts are a span a token.
    """
    found = []
    root = lxml.html.parse(str(page)).getroot()
    for heading in root.xpath(f"//*[{has_class('doc-heading')}][@id]"):
        (block,) = heading.xpath(f"ancestor::div[{has_class('doc-object')}][1]")
        (contents,) = block.xpath(f"div[{has_class('doc-contents')}]")
        blocks, tables = [], {}
        for child in contents.iterchildren(tag=etree.Element):
            classes = child.classes
            if "doc-children" in classes or "doc-class-bases" in classes or child.tag == "details":
                continue
            if child.tag == "table":
                title = text(child.xpath(".//th")[0])
                tables[title] = table_rows(child)
                blocks.append(f"table:{title}")
            else:
                blocks.append(text(child))
        found.append(Documented(heading.get("id"), text(heading), tuple(blocks), tables))
    return found


def deprecation_message(fastapi: griffe.Module, identifier: str, parameter: str) -> tuple[str, str] | None:
    """The text of a parameter's `deprecated(...)` message and where griffe resolves the name.

    The message is Markdown, rendered here with Python-Markdown to compare its text with
    the pages'.
    """
    try:
        obj = fastapi[identifier.removeprefix("fastapi.")]
        function = obj["__init__"] if obj.is_class else obj  # merge_init_into_class
        annotation = function.parameters[parameter.lstrip("*")].annotation
    except (KeyError, griffe.AliasResolutionError):  # Not FastAPI's own (Starlette's, httpx's).
        return None
    if not isinstance(annotation, griffe.ExprSubscript) or not isinstance(annotation.slice, griffe.ExprTuple):
        return None
    calls = [
        element
        for element in annotation.slice.elements
        if isinstance(element, griffe.ExprCall) and str(element.function) == "deprecated"
    ]
    if len(calls) != 1:
        return None
    source = inspect.cleandoc(ast.literal_eval(str(calls[0].arguments[0])))
    rendered = lxml.html.fragment_fromstring(markdown.markdown(source), create_parent="div")
    return text(rendered), calls[0].function.canonical_path


def classify_description(
    fastapi: griffe.Module, identifier: str, ours: Row, theirs: Row
) -> tuple[str | None, str]:
    """Which known difference two descriptions of the same row show, if any, and the label.

    Told by the texts' structure, whatever the label's words: docglot shows a label, the
    parameter's deprecation message, then its `Doc` text; griffe-typingdoc shows the
    message and the `Doc` text, or the `Doc` text alone when it drops the message.
    """
    found = deprecation_message(fastapi, identifier, ours.name)
    if found is None:
        return None, ""
    message, resolved = found
    mine, other = ours.description, theirs.description
    if (other == message or other.startswith(f"{message} ")) and mine.endswith(f" {other}"):
        label = mine.removesuffix(f" {other}")
        return (LABEL if resolved in DEPRECATED_PATHS else None), label
    if mine == f"{message} {other}" or mine.endswith(f" {message} {other}"):
        label = mine.removesuffix(f"{message} {other}").strip()
        # Dropped only where griffe resolves the name to a parameter: `FastAPI(deprecated)`.
        return (DROPPED if resolved.endswith("(deprecated)") else None), label
    return None, ""


def compare_rows(
    fastapi: griffe.Module, where: str, identifier: str, title: str, ours: list[Row], theirs: list[Row]
) -> list[Difference]:
    """The differences between the rows of one table (an empty list when a site lacks it)."""
    differences = []
    by_name = {row.name: row for row in theirs}
    for row in ours:
        other = by_name.get(row.name)
        place = f"{where} {title} {row.name}"
        if other is None:
            category = WITHOUT_DOC if title == "PARAMETER" and not row.description else None
            differences.append(Difference(category, place, str(row), "no row"))
        elif (row.type, row.default) != (other.type, other.default):
            differences.append(Difference(None, place, str(row), str(other)))
        elif row.description != other.description:
            category, label = classify_description(fastapi, identifier, row, other)
            differences.append(Difference(category, place, row.description, other.description, label))
    names = {row.name for row in ours}
    differences.extend(
        Difference(None, f"{where} {title} {row.name}", "no row", str(row))
        for row in theirs
        if row.name not in names
    )
    shared, their_shared = (
        [row.name for row in ours if row.name in by_name],
        [n for n in by_name if n in names],
    )
    if shared != their_shared:
        differences.append(Difference(None, f"{where} {title} order", str(shared), str(their_shared)))
    return differences


def compare_page(
    fastapi: griffe.Module, relative: str, objects: list[Documented], others: list[Documented]
) -> list[Difference]:
    """Every difference between the two renderings of one page."""
    headings, other_headings = ([(o.identifier, o.heading) for o in side] for side in (objects, others))
    if headings != other_headings:
        return [Difference(None, f"{relative} objects", str(headings), str(other_headings))]
    differences = []
    for mine, other in zip(objects, others, strict=True):
        where = f"{relative} {mine.identifier}"
        # A table that only one site shows is told by its rows; the rest sits at the same place.
        shared = {f"table:{title}" for title in set(mine.tables) & set(other.tables)}
        placed, other_placed = (
            [b for b in side.blocks if not b.startswith("table:") or b in shared] for side in (mine, other)
        )
        if placed != other_placed:
            differences.append(Difference(None, f"{where} text", str(mine.blocks), str(other.blocks)))
        for title in dict.fromkeys([*mine.tables, *other.tables]):
            ours_rows, their_rows = mine.tables.get(title, []), other.tables.get(title, [])
            differences.extend(compare_rows(fastapi, where, mine.identifier, title, ours_rows, their_rows))
    return differences


def docglot_site(config: dict[str, Any], project: Path) -> None:
    """docglot, English only: the source pages under `docs/en/`, no catalogs.

    `locales/` stays behind: its catalogs name languages this site does not declare.
    """
    shutil.copytree(CORPUS / "docs" / "en", project / "docs" / "en")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "docglot" in plugin:
            plugin["docglot"] = {"languages": ["en"]}


def typingdoc_site(config: dict[str, Any], project: Path) -> None:
    """FastAPI's stack: the same pages as a plain MkDocs site, griffe-typingdoc, no docglot."""
    shutil.copytree(CORPUS / "docs" / "en", project / "docs")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "docglot" in p)]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            plugin["mkdocstrings"]["handlers"]["python"]["options"]["extensions"] = ["griffe_typingdoc"]


@dataclass(frozen=True)
class Page:
    """One reference page as each site renders it."""

    relative: str
    docglot: list[Documented]
    typingdoc: list[Documented]


def reference_pages(site: Path) -> list[str]:
    """The reference pages of a site, relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in (site / "reference").rglob("index.html"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """docglot's site and griffe-typingdoc's, each built strict from its copy of the corpus."""
    built = []
    for make in (docglot_site, typingdoc_site):
        project = tmp_path_factory.mktemp("project")
        config = yaml.safe_load((CORPUS / "mkdocs.yml").read_text(encoding="utf-8"))
        make(config, project)
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        site = tmp_path_factory.mktemp("site")
        mkdocs_build(project, site)
        built.append(site)
    ours, theirs = built
    return ours, theirs


@pytest.fixture(scope="module")
def pages(sites: tuple[Path, Path]) -> list[Page]:
    """The reference pages both sites have, each read once."""
    ours, theirs = sites
    assert reference_pages(ours) == reference_pages(theirs)
    return [
        Page(relative, documented(ours / relative), documented(theirs / relative))
        for relative in reference_pages(ours)
    ]


@pytest.fixture(scope="module")
def differences(pages: list[Page]) -> list[Difference]:
    """Every difference between the two sites, on every reference page."""
    fastapi = griffe.load("fastapi")
    assert isinstance(fastapi, griffe.Module)
    return [d for page in pages for d in compare_page(fastapi, page.relative, page.docglot, page.typingdoc)]


def test_both_sites_have_the_same_reference_pages(sites: tuple[Path, Path]) -> None:
    ours, theirs = sites
    assert reference_pages(ours) == reference_pages(theirs)
    assert len(reference_pages(theirs)) == 24


def test_same_objects_in_the_same_order(pages: list[Page]) -> None:
    for page in pages:
        ours = [(o.identifier, o.heading) for o in page.docglot]
        assert ours == [(o.identifier, o.heading) for o in page.typingdoc], page.relative
    assert sum(len(page.docglot) for page in pages) == OBJECTS


def test_every_difference_is_known(differences: list[Difference]) -> None:
    unknown = [d for d in differences if d.category is None]
    assert unknown == [], "differences of no known category:\n" + "\n".join(map(str, unknown))
    assert dict(Counter(d.category for d in differences)) == DIFFERENCES


def test_one_deprecation_label(differences: list[Difference]) -> None:
    """Every deprecated parameter shows the same label, whatever its words, before its message."""
    labels = Counter(d.label for d in differences if d.category in {LABEL, DROPPED})
    assert len(labels) == 1, labels
    assert "" not in labels


def test_tables_only_docglot_shows(pages: list[Page]) -> None:
    only_ours: list[tuple[str, str, int]] = []
    for page in pages:
        for ours, theirs in zip(page.docglot, page.typingdoc, strict=True):
            only_ours.extend(
                (ours.identifier, title, len(rows))
                for title, rows in ours.tables.items()
                if title not in theirs.tables
            )
    assert len(only_ours) == TABLES_ONLY_DOCGLOT_SHOWS
    assert {title for _, title, _ in only_ours} == {"PARAMETER"}
    assert sum(rows for _, _, rows in only_ours) == 212
    assert ("fastapi.testclient.TestClient.get", "PARAMETER", 8) in only_ours
