"""Link reference, footnote and abbreviation definitions hold in every language, in any paragraph.

Python-Markdown takes these definitions out of the paragraph they stand in and applies them
to the whole text: `See [Authentication][auth].` in one paragraph, `[auth]: url` in another.
docglot cuts a docstring into one message per paragraph; an untranslated message gets a
badge in front of it. In front of a definition, a badge would turn it into a paragraph of
text: the reference would show as `[Authentication][auth]`, and the strict build fail on an
unknown cross-reference. Here a small site is built with both engines, in English, in an
untranslated language (German), a translated one (French) and one whose entries are all
outdated (Spanish, shown as their old translation with `fuzzy: translation`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag
from docglot.text.lookup import SiteCatalog, place_entries
from docglot.text.messages import translated_sections
from docglot.text.translation import Translator
from griffe import DocstringSectionText

from tests.commands import run_module
from tests.mini_site import MiniSite

CODE = '''\
from typing import Annotated

from annotated_doc import Doc


def fetch(url: Annotated[str, Doc("The URL to fetch.")]) -> None:
    """Fetch a page.

    See [Authentication][auth], the note[^note] and the HTML page.

    [auth]: https://example.org/auth "How to log in"
    [guide]:
        https://example.org/guide
        'The guide'

    [^note]: A note about JSON.

        It is short.

    *[HTML]: Hyper Text Markup Language
    *[JSON]: JavaScript Object Notation

    Read [the guide][guide] first[^first].
    [^first]: Before anything else.
    """
'''
"""A docstring whose definitions stand apart from the text that uses them, or in its last lines."""

DOCSTRING = "mini.fetch:docstring"
PARAMETER = "mini.fetch:parameter:url"
# The messages of `fetch`, as `catalog update` extracts them (place, text); the link reference
# definitions are none.
MESSAGES = [
    (DOCSTRING, "Fetch a page."),
    (DOCSTRING, "See [Authentication][auth], the note[^note] and the HTML page."),
    (DOCSTRING, "[^note]: A note about JSON.\n\n    It is short."),
    (DOCSTRING, "*[HTML]: Hyper Text Markup Language\n*[JSON]: JavaScript Object Notation"),
    (DOCSTRING, "Read [the guide][guide] first[^first]."),
    (DOCSTRING, "[^first]: Before anything else."),
    (PARAMETER, "The URL to fetch."),
]
TRANSLATIONS = {
    "fr": [
        "Récupère une page.",
        "Voir [Authentification][auth], la note[^note] et la page HTML.",
        "[^note]: Une note sur JSON.\n\n    Elle est courte.",
        "*[HTML]: Langage de balisage hypertexte\n*[JSON]: Notation objet JavaScript",
        "Lisez [le guide][guide] d'abord[^first].",
        "[^first]: Avant toute chose.",
        "L'URL à récupérer.",
    ],
    "es": [
        "Obtiene una página.",
        "Véase [Autenticación][auth], la nota[^note] y la página HTML.",
        "[^note]: Una nota sobre JSON.\n\n    Es corta.",
        "*[HTML]: Lenguaje de marcado de hipertexto\n*[JSON]: Notación de objetos de JavaScript",
        "Lea [la guía][guide] primero[^first].",
        "[^first]: Antes que nada.",
        "La URL que se obtiene.",
    ],
}
"""French is translated; Spanish holds the same kind of translations, all marked fuzzy."""

LANGUAGES = ("en", "de", "fr", "es")
ENGINES = ("mkdocs", "zensical")
SITE = MiniSite(
    languages=LANGUAGES,
    nav="",
    extra="markdown_extensions:\n  - abbr\n  - footnotes\n",
    pages={"en/index.md": "# Mini\n\n::: mini.fetch\n"},
    code={"mini/__init__.py": CODE},
)
AUTH = ("https://example.org/auth", "How to log in")
GUIDE = ("https://example.org/guide", "The guide")


def build(project: Path, engine: str, site: Path, *, strict: bool) -> subprocess.CompletedProcess[str]:
    """Build the site with an engine, as `mkdocs build` or `docglot build --engine zensical`."""
    flags = ("--strict",) if strict else ()
    if engine == "mkdocs":
        return run_module(project, "mkdocs", "build", *flags, "--site-dir", str(site))
    return run_module(
        project, "docglot.cli", "build", "--engine", "zensical", *flags, "--site-dir", str(site)
    )


def write_catalog(project: Path, language: str) -> None:
    """A catalog with every message: German untranslated, French translated, Spanish all fuzzy.

    One entry per text, listing its place, as `catalog update` writes it.
    """
    catalog = Catalog(locale=language, project="mini")
    strings = TRANSLATIONS.get(language, [""] * len(MESSAGES))
    for (place, source), string in zip(MESSAGES, strings, strict=True):
        catalog.add(source, string, auto_comments=[place], flags=("fuzzy",) if language == "es" else ())
    (project / "locales").mkdir(exist_ok=True)
    with (project / "locales" / f"{language}.po").open("wb") as file:
        write_po(file, catalog)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site, its catalogs, and outdated translations shown as they are (badged)."""
    root = SITE.write(tmp_path_factory.mktemp("definitions"))
    config = root / "mkdocs.yml"
    languages = f"      languages: [{', '.join(LANGUAGES)}]\n"
    assert languages in config.read_text(encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace(languages, f"{languages}      fuzzy: translation\n"),
        encoding="utf-8",
    )
    for language in LANGUAGES[1:]:
        write_catalog(root, language)
    return root


@pytest.fixture(scope="module")
def sites(project: Path) -> dict[str, Path]:
    """The site built with each engine (without `--strict`, so that its pages can be read)."""
    built = {}
    for engine in ENGINES:
        site = project.parent / f"site-{engine}"
        result = build(project, engine, site, strict=False)
        assert result.returncode == 0, result.stdout + result.stderr
        built[engine] = site
    return built


def contents(site: Path, language: str) -> Tag:
    """The contents of `fetch` on a language's page, without its source code."""
    folder = site if language == "en" else site / language
    soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "lxml")
    element = soup.select_one(".doc-contents")
    assert element is not None
    for source in element.select("details.mkdocstrings-source"):
        source.decompose()
    return element


def text(element: Tag) -> str:
    """The text a reader sees, spaces collapsed."""
    return " ".join(element.get_text().split())


def paragraphs(element: Tag) -> list[str]:
    """The docstring's paragraphs (not the footnotes, nor the parameters' section title)."""
    return [
        text(paragraph)
        for paragraph in element.find_all("p", recursive=False)
        if paragraph.select_one(".doc-section-title") is None
    ]


def footnotes(element: Tag) -> list[tuple[str, list[str], str]]:
    """Each footnote of the list: its id, the texts of its paragraphs, and where its back link leads."""
    found = []
    for item in element.select("div.footnote > ol > li"):
        backref = item.select_one("a.footnote-backref")
        assert backref is not None
        target = str(backref["href"])
        backref.decompose()
        found.append((str(item["id"]), [text(paragraph) for paragraph in item.find_all("p")], target))
    return found


def badges(element: Tag) -> list[tuple[str, str, str]]:
    """Each badge: its state, where it stands, and the text of the paragraph it opens (without back link)."""
    for backref in element.select("a.footnote-backref"):
        backref.decompose()
    found = []
    for badge in element.select(".docglot-marker"):
        paragraph = badge.parent
        assert isinstance(paragraph, Tag)
        assert paragraph.name == "p"
        assert paragraph.contents[0] is badge, f"the badge is not the first thing of {paragraph}"
        footnote = paragraph.find_parent("li")
        where = f"footnote {footnote['id']}" if footnote is not None else "paragraph"
        found.append((str(badge["data-docglot-state"]), where, text(paragraph)))
    return found


PARAGRAPHS = {
    "en": ["Fetch a page.", "See Authentication, the note1 and the HTML page.", "Read the guide first2."],
    "fr": [
        "Récupère une page.",
        "Voir Authentification, la note1 et la page HTML.",
        "Lisez le guide d'abord2.",
    ],
    "es": ["Obtiene una página.", "Véase Autenticación, la nota1 y la página HTML.", "Lea la guía primero2."],
}
PARAGRAPHS["de"] = PARAGRAPHS["en"]
LINKS = {
    "en": [("Authentication", *AUTH), ("the guide", *GUIDE)],
    "fr": [("Authentification", *AUTH), ("le guide", *GUIDE)],
    "es": [("Autenticación", *AUTH), ("la guía", *GUIDE)],
}
LINKS["de"] = LINKS["en"]
FOOTNOTES = {
    "en": [["A note about JSON.", "It is short."], ["Before anything else."]],
    "fr": [["Une note sur JSON.", "Elle est courte."], ["Avant toute chose."]],
    "es": [["Una nota sobre JSON.", "Es corta."], ["Antes que nada."]],
}
FOOTNOTES["de"] = FOOTNOTES["en"]
ABBREVIATIONS = {
    "en": [("HTML", "Hyper Text Markup Language"), ("JSON", "JavaScript Object Notation")],
    "fr": [("HTML", "Langage de balisage hypertexte"), ("JSON", "Notation objet JavaScript")],
    "es": [("HTML", "Lenguaje de marcado de hipertexto"), ("JSON", "Notación de objetos de JavaScript")],
}
ABBREVIATIONS["de"] = ABBREVIATIONS["en"]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_strict_build_passes(project: Path, engine: str) -> None:
    result = build(project, engine, project.parent / f"strict-{engine}", strict=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "Could not find cross-reference target" not in result.stdout + result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_reference_links_defined_in_another_paragraph_resolve_in_every_language(
    sites: dict[str, Path], engine: str
) -> None:
    for language in LANGUAGES:
        element = contents(sites[engine], language)
        links = [
            (text(link), str(link["href"]), str(link.get("title")))
            for link in element.select("a")
            if not {"footnote-ref", "footnote-backref"} & set(link.get_attribute_list("class"))
        ]

        assert links == LINKS[language], language
        assert paragraphs(element) == PARAGRAPHS[language], language


@pytest.mark.parametrize("engine", ENGINES)
def test_footnotes_defined_in_another_paragraph_resolve_in_every_language(
    sites: dict[str, Path], engine: str
) -> None:
    for language in LANGUAGES:
        element = contents(sites[engine], language)
        references = [
            (str(sup["id"]), str(link["href"]), text(link))
            for sup in element.select("sup")
            for link in sup.select("a.footnote-ref")
        ]

        assert references == [
            ("mini.fetch--fnref:note", "#mini.fetch--fn:note", "1"),
            ("mini.fetch--fnref:first", "#mini.fetch--fn:first", "2"),
        ], language
        assert footnotes(element) == [
            ("mini.fetch--fn:note", FOOTNOTES[language][0], "#mini.fetch--fnref:note"),
            ("mini.fetch--fn:first", FOOTNOTES[language][1], "#mini.fetch--fnref:first"),
        ], language


@pytest.mark.parametrize("engine", ENGINES)
def test_abbreviations_defined_in_another_paragraph_resolve_in_every_language(
    sites: dict[str, Path], engine: str
) -> None:
    for language in LANGUAGES:
        element = contents(sites[engine], language)
        abbreviations = [(text(abbr), str(abbr["title"])) for abbr in element.select("abbr")]

        assert abbreviations == ABBREVIATIONS[language], language


@pytest.mark.parametrize("engine", ENGINES)
def test_no_definition_shows_as_text_in_any_language(sites: dict[str, Path], engine: str) -> None:
    for language in LANGUAGES:
        shown = text(contents(sites[engine], language))

        assert [character for character in "[]^*" if character in shown] == [], (language, shown)


@pytest.mark.parametrize("engine", ENGINES)
def test_badges_open_the_text_and_the_footnotes_never_a_definition(
    sites: dict[str, Path], engine: str
) -> None:
    site = sites[engine]
    # The abbreviations' expansions render nowhere of their own: they carry no badge.
    expected = {
        "de": [
            ("untranslated", "paragraph", "Fetch a page."),
            ("untranslated", "paragraph", "See Authentication, the note1 and the HTML page."),
            ("untranslated", "paragraph", "Read the guide first2."),
            ("untranslated", "footnote mini.fetch--fn:note", "A note about JSON."),
            ("untranslated", "footnote mini.fetch--fn:first", "Before anything else."),
            ("untranslated", "paragraph", "The URL to fetch."),
        ],
        "es": [
            ("fuzzy", "paragraph", "Obtiene una página."),
            ("fuzzy", "paragraph", "Véase Autenticación, la nota1 y la página HTML."),
            ("fuzzy", "paragraph", "Lea la guía primero2."),
            ("fuzzy", "footnote mini.fetch--fn:note", "Una nota sobre JSON."),
            ("fuzzy", "footnote mini.fetch--fn:first", "Antes que nada."),
            ("fuzzy", "paragraph", "La URL que se obtiene."),
        ],
        "en": [],
        "fr": [],
    }

    assert {language: badges(contents(site, language)) for language in LANGUAGES} == expected


def test_catalog_update_extracts_no_link_reference_definition(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("locales"))

    result = run_module(copy, "docglot.cli", "catalog", "update")

    assert result.returncode == 0, result.stderr
    with (copy / "locales" / "de.po").open("rb") as file:
        catalog = read_po(file, locale="de")
    assert list(place_entries(catalog)) == MESSAGES
    # Each text has one entry, for every place that shows it.
    assert [(message.context, message.id) for message in catalog if message.id] == [
        (None, source) for _, source in MESSAGES
    ]


def test_the_checks_accept_translations_that_keep_the_definitions(
    project: Path, sites: dict[str, Path]
) -> None:
    site = str(sites["mkdocs"])
    result = run_module(project, "docglot.cli", "check", "--site", site, "--output-format", "json")

    findings: list[dict[str, object]] = json.loads(result.stdout)
    found = sorted({(str(finding["path"]), str(finding["code"])) for finding in findings})
    # German is untranslated, Spanish outdated: nothing else, nothing on the translations'
    # markup (DG206, DG207), and the built pages show what the catalogs say (DG3xx).
    assert found == [("locales/de.po", "DG201"), ("locales/es.po", "DG202")], result.stdout


# Every form of definition Python-Markdown reads, in its own paragraph or among a paragraph's
# lines: `(Markdown, badges an untranslated language shows)`.
FORMS = {
    "a link reference definition alone": ("See [the docs][docs].\n\n[docs]: https://example.org/docs", 1),
    "angle brackets and a title in parentheses": (
        "See [the docs][docs].\n\n[docs]: <https://example.org/docs> (The docs)",
        1,
    ),
    "the URL and the title on their own lines": (
        'See [the docs][docs].\n\n[docs]:\n    https://example.org/docs\n    "The docs"',
        1,
    ),
    "several definitions, a title in single quotes": (
        "See [one][1] and [two][2].\n\n[1]: /one 'One'\n[2]: /two",
        1,
    ),
    "definitions before the text, in one paragraph": (
        "[docs]: /docs\n*[API]: Programming interface\nSee [the docs][docs] of the API.",
        1,
    ),
    "definitions in a paragraph's last lines": (
        "See [the docs][docs] and the API[^1].\n[docs]: /docs\n*[API]: Programming interface\n"
        "[^1]: A note.\n    Lazily indented.",
        2,
    ),
    "an abbreviation with its expansion on the next line": (
        "The API.\n\n*[API]:\n    Application programming interface",
        1,
    ),
    "a footnote with paragraphs and code": (
        "Text[^n].\n\n[^n]: First.\n\n    Second.\n\n        code\n\n    Third.\n\nAfter.",
        3,
    ),
    "two footnotes in one paragraph": ("A[^a] and B[^b].\n\n[^a]: Note A.\n[^b]: Note B.", 3),
}


def _structure(html: str) -> tuple[list[tuple[str, dict[str, object]]], str]:
    """Every element with its attributes, and the text, of HTML without docglot's badges."""
    soup = BeautifulSoup(html, "lxml")
    for badge in soup.select(".docglot-marker"):
        badge.decompose()
    return [(element.name, dict(element.attrs)) for element in soup.find_all(True)], text(soup)


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_definition_renders_untranslated_as_in_english(form: str) -> None:
    source, expected_badges = FORMS[form]
    translator = Translator("de", SiteCatalog(Catalog(locale="de")))
    (section,) = translated_sections("pkg.f", [DocstringSectionText(source)], translator.translate)
    converter = markdown.Markdown(extensions=["abbr", "footnotes"])

    english = converter.reset().convert(source)
    german = converter.reset().convert(section.value)

    assert _structure(german) == _structure(english)
    assert len(BeautifulSoup(german, "lxml").select(".docglot-marker")) == expected_badges
