"""A hostile German catalog, one payload in every kind of message, built with MkDocs and with Zensical.

Every entry of the catalog (the API text of each kind of docstring section, the navigation
titles) holds the same script: raw `<script>` and `<img onerror>`, hand-written `<autoref>`
elements whose attribute values mkdocs-autorefs would decode into markup, a
cross-reference whose identifier is markup, `javascript:` links, autorefs' older `<span
data-autorefs-identifier>` form, attributes set with `attr_list`, and text that only looks
like markup. The built pages and search indexes are read with real parsers: nothing runs,
and each translation shows, as text, where its English text shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag
from docglot.text.messages import _ITEM_SLOTS

from tests.commands import run_module

CONFIG = """\
site_name: shop
docs_dir: docs
site_url: https://shop.example.org/
theme:
  name: material
  features:
    - navigation.tabs
    - navigation.path
nav:
  - Home: index.md
  - Reference:
      - api.md
      - Guide: https://example.org/guide/
  - Extras:
      - Changelog: https://example.org/changelog/
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - toc:
      permalink: true
plugins:
  - search
  - docglot:
      languages: [en, de]
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            extensions: [docglot]
            docstring_style: google
            docstring_section_style: spacy
            show_root_heading: true
            merge_init_into_class: true
            separate_signature: true
            unwrap_annotated: true
"""

# One object per kind of section: a module with Modules, Classes, Functions and Type Aliases
# sections; a class with a heading, an admonition, examples and attributes; a function with
# parameters, `**kwargs` keys, raises, warns and a return value; a generator, whose docstring
# shows the admonition's title as a paragraph: one translation, shown as a title and as a paragraph.
MODULE = '''\
"""A shop.

Modules:
    shop.basket: The basket module.

Classes:
    Basket: The basket class.

Functions:
    pay: The pay function.

Type Aliases:
    Price: The price alias.
"""

from collections.abc import Generator
from typing import Annotated, TypedDict

from annotated_doc import Doc
from typing_extensions import Unpack

from shop import basket

Price = int
"""The price."""


class Options(TypedDict, total=False):
    """Options of pay."""

    tip: Annotated[int, Doc("The tip to add.")]


class Basket:
    """A basket of goods.

    ## Filling

    Put goods in.

    Note: Careful
        Keep the basket full.

    Examples:
        Fill the basket:

        >>> Basket()

    Attributes:
        size: The size of the basket.
    """

    size: int = 3


def pay(
    amount: Annotated[int, Doc("The amount to pay.")],
    **options: Unpack[Options],
) -> Annotated[bool, Doc("Whether it was paid.")]:
    """Pay for the basket.

    Raises:
        ValueError: When the amount is negative.

    Warns:
        UserWarning: When the amount is large.
    """
    return amount >= 0


def count() -> Generator[
    Annotated[int, Doc("The next number.")],
    Annotated[str, Doc("A command.")],
    Annotated[bool, Doc("Whether it finished.")],
]:
    """Count the goods.

    Careful
    """
    yield 1
    return True
'''

ATTACK = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>"
    '<autoref identifier="shop.pay" id="T&quot;&gt;&lt;img src=x onerror=alert(3)&gt;">T1</autoref>'
    '<autoref identifier="shop.pay" title="T&quot; onmouseover=&quot;alert(4)">T2</autoref>'
    '<autoref identifier="x&quot; onfocus=&quot;alert(5)&quot; autofocus tabindex=&quot;0" optional>'
    "T3</autoref>"
    '<autoref identifier="shop.pay" lang="x&quot; onclick=&quot;alert(6)">T4</autoref>'
    '<autoref identifier="shop.pay" data-x="x&quot; onmouseover=&quot;alert(7)">T5</autoref>'
    ' [T6](javascript:alert(8)) <a href="javascript:alert(9)">T7</a>'
    ' [T8][a"><img src=x onerror=alert(10)>]'
    ' <span data-autorefs-identifier="shop.pay">T9</span>'
    '<svg onload=alert(11)></svg><iframe src="https://example.org/"></iframe><style>p{}</style>'
    ' &lt;img src=x onerror=alert(13)&gt; <b onmouseover="alert(14)" id="__config">fett</b>'
    " [Bezahlen][shop.pay]"
)
"""What every API text of the German catalog holds, after a word of its own."""
SHOWN = "T1T2T3T4T5 T6 T7 T8 T9 <img src=x onerror=alert(13)> fett Bezahlen"
"""What a reader sees of `ATTACK`: the text of each element, and the text that looked like a tag."""
ATTRIBUTES = '\n{: onclick="alert(12)" data-md-component="search" #__search }'
"""Attributes set on a paragraph with `attr_list`, on the texts that are a paragraph."""

NAV_CONTEXT = "mkdocs.yml:nav"
NAV_TITLES = {
    # A page's title: the theme also writes it, decoded, into the page's `<title>`.
    "Home": 'Start" onmouseover="alert(25) &lt;/title&gt;&lt;script&gt;alert(26)&lt;/script&gt;',
    "Reference": "Referenz<img src=x onerror=alert(20)>",
    "Guide": 'Anleitung" onmouseover="alert(21)</title><script>alert(22)</script>',
    "Extras": "`<img src=x onerror=alert(23)>`",
    "Changelog": "Änderungen<img src=x onerror=alert(24)//",
}
SECTIONS = ("Reference", "Extras")
LINKS = ("Guide", "Changelog")

ENGINES = ("mkdocs", "zensical")
PAGES = ("", "api/")
RUNNING = (
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "style",
    "svg",
    "math",
    "form",
    "base",
    "link",
    "meta",
)


@dataclass(frozen=True)
class Entry:
    """One translated API text: its places, its English text, and the word its translation starts with."""

    places: tuple[str, ...]
    english: str
    word: str

    @property
    def heading(self) -> bool:
        return self.english.startswith("## ")

    @property
    def title(self) -> bool:
        return any(place.endswith(":admonition-title") for place in self.places)

    @property
    def translation(self) -> str:
        # Every text but a heading gets the paragraph attributes, an admonition's title too: a
        # translation is shared by every place that shows its English text.
        if self.heading:
            return f"## {self.word} {ATTACK}"
        return f"{self.word} {ATTACK}{ATTRIBUTES}"


def run(project: Path, *arguments: str) -> None:
    """Run a command in the project, in its own process, as a user does; it must succeed."""
    result = run_module(project, *arguments)
    assert result.returncode == 0, result.stdout + result.stderr


def hostile_project(project: Path) -> list[Entry]:
    """Write the project, extract its catalog, fill every entry with script; return the API texts."""
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (project / "src" / "shop").mkdir(parents=True)
    (project / "src" / "shop" / "__init__.py").write_text(MODULE, encoding="utf-8")
    (project / "src" / "shop" / "basket.py").write_text('"""The basket module."""\n', encoding="utf-8")
    for language, home in (("en", "# Shop\n\nWelcome.\n"), ("de", "# Laden\n\nWillkommen.\n")):
        (project / "docs" / language).mkdir(parents=True)
        (project / "docs" / language / "index.md").write_text(home, encoding="utf-8")
    (project / "docs" / "en" / "api.md").write_text(
        "# API\n\n::: shop\n    options:\n      members: [Basket, pay, count]\n", encoding="utf-8"
    )
    run(project, "docglot.cli", "catalog", "update")
    path = project / "locales" / "de.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="de")
    entries: list[Entry] = []
    for message in catalog:
        if not message.id:
            continue
        if message.context == NAV_CONTEXT:
            message.string = NAV_TITLES[str(message.id)]
            continue
        assert message.context is None, message.context  # API text: one entry per English text.
        entry = Entry(tuple(message.auto_comments), str(message.id), f"Wort{len(entries) + 1}")
        message.string = entry.translation
        entries.append(entry)
    with path.open("wb") as file:
        write_po(file, catalog)
    return entries


def build_sites(project: Path) -> dict[str, Path]:
    """Build the hostile project with both engines (not strict: a site with warnings is published too)."""
    sites = {engine: project / f"site-{engine}" for engine in ENGINES}
    run(project, "mkdocs", "build", "--site-dir", str(sites["mkdocs"]))
    run(project, "docglot.cli", "build", "--engine", "zensical", "--site-dir", str(sites["zensical"]))
    return sites


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Entry], dict[str, Path]]:
    project = tmp_path_factory.mktemp("hostile-everywhere")
    entries = hostile_project(project)
    return entries, build_sites(project)


def german(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / "de" / relative / "index.html").read_text(encoding="utf-8"), "lxml")


def words(text: str) -> str:
    return " ".join(text.split())


def shown(element: Tag) -> str:
    """An element's text as a reader sees it, without the headings' permalink sign."""
    copy = BeautifulSoup(str(element), "lxml")
    for permalink in copy.select("a.headerlink"):
        permalink.decompose()
    return words(copy.get_text())


def running(soup: BeautifulSoup | Tag) -> list[str]:
    """Every event handler, element that runs or loads script, and `javascript:` URL, as `tag attribute`."""
    found = [
        f"{tag.name} {name}" for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")
    ]
    found += [f"{tag.name}" for tag in soup.find_all(RUNNING)]
    found += [
        f"{tag.name} {name}"
        for tag in soup.find_all(True)
        for name in ("href", "src", "action", "formaction", "data")
        if "".join(str(tag.get(name, "")).split()).lower().startswith("javascript:")
    ]
    return found


def test_the_catalog_holds_every_kind_of_message(hostile: tuple[list[Entry], dict[str, Path]]) -> None:
    entries, _ = hostile
    kinds = {place.split(":")[1] for entry in entries for place in entry.places}

    # Type parameters need Python 3.12's syntax (`def pick[T]()`), which this project's Python 3.11
    # cannot parse; their descriptions are rendered by the same filter as the parameters'.
    item_kinds = set(_ITEM_SLOTS.values()) - {"type-parameter"}
    assert kinds == {"docstring", "admonition-title", "admonition", "examples", *item_kinds}
    assert [entry.english for entry in entries if entry.heading] == ["## Filling"]
    assert [entry.places for entry in entries if entry.title] == [
        ("shop.Basket:admonition-title", "shop.count:docstring")
    ]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("relative", PAGES)
def test_no_german_page_has_script_from_the_catalog(
    hostile: tuple[list[Entry], dict[str, Path]], engine: str, relative: str
) -> None:
    site = hostile[1][engine]
    page = german(site, relative)
    english = BeautifulSoup((site / relative / "index.html").read_text(encoding="utf-8"), "lxml")

    article = page.select_one("article")
    assert article is not None
    assert running(article) == []
    # Where the navigation titles and the table of contents go: the theme's icons (`<svg>`), as in English.
    for selector in (
        "nav.md-nav--primary",
        "nav.md-nav--secondary",
        ".md-tabs",
        ".md-path",
        ".md-header",
        "title",
    ):
        assert [running(part) for part in page.select(selector)] == [
            running(part) for part in english.select(selector)
        ], selector
    # The theme's own scripts and styles, and nothing else: as many as on the English page.
    for name in ("script", "style"):
        assert len(page.find_all(name)) == len(english.find_all(name)), name
    assert [tag for tag in page.find_all("script") if "alert(" in tag.get_text()] == []
    # Only the theme has the ids and components that the theme's script reads.
    for selector in ("#__config", "#__search", '[data-md-component="search"]'):
        assert len(page.select(selector)) == len(english.select(selector)), selector
    assert page.select("[data-autorefs-identifier]") == []


def shown_in(page: BeautifulSoup, entry: Entry) -> list[Tag]:
    """The elements of the page that show an entry's translation: one for each of its places."""
    tags = ["h2", "h3", "h4", "h5", "h6"] if entry.heading else ["summary", "p"]
    article = page.select_one("article")
    assert article is not None
    elements = [tag for tag in article.find_all(tags) if f"{entry.word} " in tag.get_text()]
    assert len(elements) == len(entry.places), entry.places
    return elements


@pytest.mark.parametrize("engine", ENGINES)
def test_each_translation_shows_as_text_where_its_english_text_shows(
    hostile: tuple[list[Entry], dict[str, Path]], engine: str
) -> None:
    entries, sites = hostile
    page = german(sites[engine], "api/")
    # The one cross-reference Markdown made from `[Bezahlen][shop.pay]` is kept, and resolved.
    reference = "#shop.pay" if engine == "mkdocs" else "./#shop.pay"

    for entry in entries:
        for element in shown_in(page, entry):
            where = (entry.places, element.name)
            assert shown(element) == f"{entry.word} {SHOWN}", where
            links = [
                link for link in element.find_all("a") if "headerlink" not in link.get_attribute_list("class")
            ]
            assert [(link.get_text(), link.get("href")) for link in links] == [
                ("T6", None),
                ("T7", None),
                ("Bezahlen", reference),
            ], where
            assert links[2]["class"] == ["autorefs", "autorefs-internal"]
            assert set(links[2].attrs) <= {"class", "href", "title"}
            (bold,) = element.find_all("b")
            assert (bold.get_text(), bold.attrs) == ("fett", {})
            assert [tag.attrs for tag in element.find_all("img")] == [
                {"src": "x" if engine == "mkdocs" else "../x"}
            ]
            assert [span.attrs for span in element.find_all("span")] == [{}]
            if element.name == "summary":
                # An admonition's title: the attributes `attr_list` set are gone with its paragraph.
                assert element.attrs == {}, where
            elif not entry.heading:
                # `attr_list` set an event handler, a theme component and a theme id on the paragraph.
                assert {name: value for name, value in element.attrs.items() if name != "id"} == {}, where
                assert str(element.get("id", "--__search")).endswith("--__search")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("relative", PAGES)
def test_navigation_titles_from_the_catalog_are_plain_text(
    hostile: tuple[list[Entry], dict[str, Path]], engine: str, relative: str
) -> None:
    page = german(hostile[1][engine], relative)
    reference, extras = (NAV_TITLES[title] for title in SECTIONS)
    home = NAV_TITLES["Home"]

    assert [words(link.get_text()) for link in page.select(".md-tabs__link")] == [home, reference, extras]
    navigation = [words(link.get_text()) for link in page.select("nav.md-nav--primary .md-nav__link")]
    assert [title for title in navigation if title in NAV_TITLES.values()] == [
        home,
        reference,
        NAV_TITLES["Guide"],
        extras,
        NAV_TITLES["Changelog"],
    ]
    breadcrumbs = [words(link.get_text()) for link in page.select(".md-path__link")]
    assert breadcrumbs == ([home, reference] if relative else [])
    assert page.title is not None
    # The `<title>` element decodes the escaping once more: what looked like tags shows as text.
    shown_title = 'Start" onmouseover="alert(25) </title><script>alert(26)</script> - shop'
    assert page.title.get_text() == ("API - shop" if relative else shown_title)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_heading_from_the_catalog_is_plain_text_in_the_table_of_contents(
    hostile: tuple[list[Entry], dict[str, Path]], engine: str
) -> None:
    entries, sites = hostile
    (heading,) = [entry for entry in entries if entry.heading]
    page = german(sites[engine], "api/")

    toc = [
        words(link.get_text())
        for link in page.select(".md-sidebar--secondary nav.md-nav--secondary .md-nav__link")
    ]
    # The table of contents leaves out what looks like a tag, even as text.
    assert toc == ["shop", "Basket", f"{heading.word} T1T2T3T4T5 T6 T7 T8 T9 fett Bezahlen", "pay", "count"]
    link = page.select(".md-sidebar--secondary nav.md-nav--secondary .md-nav__link")[2]
    assert running(link) == []
    assert link.select("*:not(span)") == []


def index_documents(site: Path, engine: str) -> list[dict[str, Any]]:
    """The German search index: Material's `search/search_index.json`, Zensical's `search.json`."""
    if engine == "mkdocs":
        index = json.loads((site / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
        return list(index["docs"])
    return list(json.loads((site / "de" / "search.json").read_text(encoding="utf-8"))["items"])


@pytest.mark.parametrize("engine", ENGINES)
def test_the_search_index_holds_the_translations_as_text(
    hostile: tuple[list[Entry], dict[str, Path]], engine: str
) -> None:
    entries, sites = hostile
    documents = index_documents(sites[engine], engine)
    # The search results are written into the page as HTML: each field is read as HTML.
    fields = [
        BeautifulSoup(str(value), "lxml")
        for document in documents
        for value in (document["title"], document["text"], *(document.get("path") or []))
    ]

    assert [found for field in fields for found in running(field)] == []
    assert [tag.name for field in fields for tag in field.find_all("img")] == []
    texts = " ".join(words(BeautifulSoup(str(document["text"]), "lxml").get_text()) for document in documents)
    titles = [words(BeautifulSoup(str(document["title"]), "lxml").get_text()) for document in documents]
    for entry in entries:
        if entry.heading:
            assert f"{entry.word} {SHOWN}" in titles
        else:
            assert f"{entry.word} {SHOWN}" in texts, entry.places
    if engine == "zensical":  # Zensical's results show the navigation path of each page.
        paths = {
            str(document["location"]): [
                words(BeautifulSoup(str(part), "lxml").get_text()) for part in document["path"]
            ]
            for document in documents
        }
        assert paths["api/"] == [NAV_TITLES["Reference"], "API"]
