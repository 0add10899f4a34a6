"""Titles written in `nav` and the label of a deprecation, in every language, with both engines.

A page listed with a title (`- Fetching: api.md`) is listed under that title in every
language: its translation from the catalog (`msgctxt "mkdocs.yml:nav"`), or else the title
as written, never the page's own heading. A page listed without a title keeps its heading.
A deprecated parameter's row and a deprecated attribute's notice say "Deprecated" with
docglot's label in the page's language; the catalogs hold the deprecation messages alone.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag
from docglot.cli import main
from docglot.text import labels
from docglot.text.labels import label
from docglot.text.lookup import place_entries
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.commands import run_module
from tests.conftest import mkdocs_build
from tests.mini_site import MiniSite

CODE = '''\
from typing import Annotated

from annotated_doc import Doc
from typing_extensions import deprecated

LIMIT: Annotated[int, Doc("The old limit."), deprecated("Use `mini.Limits` instead.")] = 3


def fetch(
    url: Annotated[str, Doc("The address.")],
    timeout: Annotated[float, Doc("Seconds to wait."), deprecated("Pass `deadline` instead.")] = 1.0,
    retries: Annotated[int, deprecated("Retries are automatic.")] = 0,
) -> None:
    """Fetch a page."""
'''

NAV = """\
nav:
  - Home: index.md
  - API:
      - Fetching: api.md
      - notes.md
"""
"""Two pages listed with a title, one without, in a section."""

API_PAGE = "::: mini.fetch\n\n::: mini.LIMIT\n"
PAGES = {
    "en/index.md": "# Mini\n",
    "en/api.md": f"# Fetching pages\n\n{API_PAGE}",
    "en/notes.md": "# Notes\n",
    "de/notes.md": "# Notizen\n",
    "ja/api.md": f"# ページの取得\n\n{API_PAGE}",
}
"""Headings that differ from the titles in `nav`, in English and in the pages of German and Japanese."""

LANGUAGES = ("en", "de", "ja", "ko", "zh", "it")
"""`it` has no label catalog in docglot."""
ENGINES = ("mkdocs", "zensical")

NAV_CONTEXT = "mkdocs.yml:nav"
TRANSLATIONS = {
    "de": {
        (NAV_CONTEXT, "Home"): "Startseite",
        (NAV_CONTEXT, "Fetching"): "Abrufen",
        (
            "mini.fetch:parameter:retries:deprecation",
            "Retries are automatic.",
        ): "Wiederholungen erfolgen automatisch.",
    },
    "ja": {(NAV_CONTEXT, "Home"): "ホーム"},
    "ko": {
        # A page's title holding `<`: the theme writes page titles into `<title>` decoded.
        (NAV_CONTEXT, "Fetching"): "가져오기</title><script>alert(1)</script>",
        (NAV_CONTEXT, "API"): "API <b>참조</b>",
    },
    "zh": {(NAV_CONTEXT, "Fetching"): '获取 & "更多" &lt;b&gt;'},
}
"""What each catalog translates, by place and text; the rest stays untranslated."""

EXTRACTED = [
    (NAV_CONTEXT, "Home"),
    (NAV_CONTEXT, "API"),
    (NAV_CONTEXT, "Fetching"),
    ("mini.fetch:docstring", "Fetch a page."),
    ("mini.fetch:parameter:url", "The address."),
    ("mini.fetch:parameter:timeout:deprecation", "Pass `deadline` instead."),
    ("mini.fetch:parameter:timeout", "Seconds to wait."),
    ("mini.fetch:parameter:retries:deprecation", "Retries are automatic."),
    ("mini.LIMIT:admonition", "Use `mini.Limits` instead."),
    ("mini.LIMIT:docstring", "The old limit."),
]
"""Every place `catalog update` writes, with its text, in its order: the titles written in `nav`
(not the untitled `notes.md`'s heading), and the deprecation messages without their label."""


def write_project(root: Path, languages: tuple[str, ...] = LANGUAGES) -> Path:
    """The small site, with Material's breadcrumbs."""
    pages = {path: text for path, text in PAGES.items() if path.split("/")[0] in languages}
    MiniSite(languages=languages, nav=NAV, pages=pages, code={"mini/__init__.py": CODE}).write(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    features = "theme:\n  name: material\n  features:\n    - navigation.path\n"
    config.write_text(text.replace("theme:\n  name: material\n", features), encoding="utf-8")
    return root


def docglot(project: Path, *arguments: str) -> None:
    """Run the `docglot` command in the project, in its own process; it must succeed without a warning."""
    result = run_module(project, "docglot.cli", *arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def read_catalog(path: Path, language: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language.replace("-", "_"))


def places(path: Path, language: str) -> list[tuple[str, str]]:
    """Each place a catalog translates and its English text, in the catalog's order."""
    return list(place_entries(read_catalog(path, language)))


def entries(path: Path, language: str) -> list[tuple[str | None, str]]:
    """Each entry of a catalog: its msgctxt and its English text."""
    return [(message.context, str(message.id)) for message in read_catalog(path, language) if message.id]


def translate(path: Path, language: str, translations: dict[tuple[str, str], str]) -> None:
    """Translate the entry each place shows: a title's own entry, or the entry of an API text."""
    catalog = read_catalog(path, language)
    shown = place_entries(catalog)
    for (place, source), translation in translations.items():
        message = shown.get((place, source))
        assert message is not None, (place, source)
        message.string = translation
    with path.open("wb") as file:
        write_po(file, catalog)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, its catalogs extracted (a copy of each kept as extracted), then partly translated."""
    root = write_project(tmp_path_factory.mktemp("titled"))
    docglot(root, "catalog", "update")
    shutil.copytree(root / "locales", root / "extracted")
    for language, translations in TRANSLATIONS.items():
        translate(root / "locales" / f"{language}.po", language, translations)
    return root


@pytest.fixture(scope="module")
def sites(project: Path) -> dict[str, Path]:
    """The project built with each engine, strict."""
    built = {engine: project / f"site-{engine}" for engine in ENGINES}
    mkdocs_build(project, built["mkdocs"])
    docglot(project, "build", "--engine", "zensical", "--strict", "--site-dir", str(built["zensical"]))
    return built


def read(site: Path, language: str, relative: str) -> BeautifulSoup:
    folder = site if language == "en" else site / language
    return BeautifulSoup((folder / relative / "index.html").read_text(encoding="utf-8"), "lxml")


def words(element: Tag) -> str:
    return " ".join(element.get_text().split())


def test_catalog_update_extracts_every_title_written_in_nav(project: Path) -> None:
    for language in LANGUAGES[1:]:
        extracted = project / "extracted" / f"{language}.po"
        assert places(extracted, language) == EXTRACTED, language
        # Each text here has one place: one entry each, a title's with its context, the API text's without.
        assert entries(extracted, language) == [
            (NAV_CONTEXT if place == NAV_CONTEXT else None, text) for place, text in EXTRACTED
        ], language


TITLES = {
    "en": ("Home", "API", "Fetching", "Notes"),
    "de": ("Startseite", "API", "Abrufen", "Notizen"),
    # Untranslated, the page's title is the one written in `nav`, not its heading "ページの取得".
    "ja": ("ホーム", "API", "Fetching", "Notes"),
    # A page's title from the catalog that holds `<` is not used; a section's is plain text.
    "ko": ("Home", "API <b>참조</b>", "Fetching", "Notes"),
    "zh": ("Home", "API", '获取 & "更多" &lt;b&gt;', "Notes"),
    "it": ("Home", "API", "Fetching", "Notes"),
}
"""Each language's titles of the home page, the section, the titled page and the untitled page."""


def assert_titles(site: Path, language: str) -> None:
    """The titles of a language's pages: sidebar, breadcrumbs, header, `<title>`; the heading."""
    home, section, fetching, notes = TITLES[language]
    api = read(site, language, "api/")
    other = read(site, language, "notes/")

    sidebar = [words(link) for link in api.select("nav.md-nav--primary .md-nav__link")]
    # The page being read is listed twice (its title, then its link), then its table of contents.
    assert sidebar == [home, section, fetching, fetching, "fetch", "LIMIT", notes]
    assert [words(link) for link in other.select("nav.md-nav--primary .md-nav__link")] == [
        home,
        section,
        fetching,
        notes,
    ]
    for page in (api, other):
        assert [words(link) for link in page.select(".md-path__link")] == [home, section]
        assert page.select("nav b, .md-path b, title b") == []
    assert [words(topic) for topic in api.select(".md-header__topic")] == ["mini", fetching]
    assert [words(topic) for topic in other.select(".md-header__topic")] == ["mini", notes]
    assert api.title is not None
    assert other.title is not None
    # Material writes `<title>` with `striptags`, which decodes the escaping once more: the
    # entity written in the translation shows as the character it stands for.
    assert api.title.get_text() == f"{fetching.replace('&lt;b&gt;', '<b>')} - mini"
    assert other.title.get_text() == f"{notes} - mini"
    assert [words(heading) for heading in api.select("article h1")] == [
        "ページの取得" if language == "ja" else "Fetching pages"
    ]
    english = read(site, "en", "api/")
    assert len(api.find_all("script")) == len(english.find_all("script"))
    assert [script for script in api.find_all("script") if "alert" in script.get_text()] == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_a_page_is_listed_under_its_title_in_nav(sites: dict[str, Path], engine: str, language: str) -> None:
    assert_titles(sites[engine], language)
    assert_titles(sites[engine], "en")


LABELS = {
    "en": ("Deprecated:", "Deprecated"),
    "de": ("Veraltet:", "Veraltet"),
    "ja": ("非推奨:", "非推奨"),
    "ko": ("지원 중단됨:", "지원 중단됨"),
    "zh": ("已弃用\N{FULLWIDTH COLON}", "已弃用"),
    "it": ("Deprecated:", "Deprecated"),  # No label catalog: English.
}
"""The label before a deprecated parameter's message, and the title of a deprecated attribute's notice."""


def descriptions(page: BeautifulSoup) -> list[Tag]:
    return page.select("tr.doc-section-item .doc-md-description")


def marker_after_label(description: Tag) -> tuple[str, str | None, str | None]:
    """The first paragraph's bold label, and the state and context of the marker right after it."""
    paragraph = description.find("p")
    assert isinstance(paragraph, Tag)
    strong = paragraph.find(True)
    assert isinstance(strong, Tag)
    assert strong.name == "strong"
    marker = strong.find_next_sibling(True)
    if not isinstance(marker, Tag) or "docglot-marker" not in marker.get_attribute_list("class"):
        return words(strong), None, None
    return words(strong), str(marker["data-docglot-state"]), str(marker["data-docglot-msgctxt"])


def assert_deprecations(site: Path, language: str) -> None:
    """A language's deprecated rows and notice: label, message, marker."""
    row, title = LABELS[language]
    page = read(site, language, "api/")
    rows = descriptions(page)
    retries = "Wiederholungen erfolgen automatisch." if language == "de" else "Retries are automatic."

    assert [words(description) for description in rows] == [
        "The address.",
        f"{row} Pass deadline instead. Seconds to wait.",
        f"{row} {retries}",
    ]
    (notice,) = page.select("details.danger")
    summary = notice.find("summary")
    assert isinstance(summary, Tag)
    assert words(summary) == title
    assert words(notice) == f"{title} Use mini.Limits instead."
    if language == "en":
        # The English rows are as they always were.
        assert rows[1].decode_contents().strip() == (
            "<p><strong>Deprecated:</strong> Pass <code>deadline</code> instead.</p>\n<p>Seconds to wait.</p>"
        )
        assert page.select(".docglot-marker") == []
        return
    untranslated = (row, "untranslated", "mini.fetch:parameter:timeout:deprecation")
    assert marker_after_label(rows[1]) == untranslated
    retries_marker = (
        (None, None) if language == "de" else ("untranslated", "mini.fetch:parameter:retries:deprecation")
    )
    assert marker_after_label(rows[2]) == (row, *retries_marker)
    assert [
        (marker["data-docglot-state"], marker["data-docglot-msgctxt"])
        for marker in notice.select(".docglot-marker")
    ] == [("untranslated", "mini.LIMIT:admonition")]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_deprecation_label_is_in_the_pages_language(
    sites: dict[str, Path], engine: str, language: str
) -> None:
    assert_deprecations(sites[engine], language)
    assert_deprecations(sites[engine], "en")


def test_a_regional_language_gets_its_languages_labels_in_the_same_script() -> None:
    languages = ("de", "ko", "zh", "zh-Hans", "zh-TW", "pt-BR", "it")
    assert {language: label("Deprecated:", language) for language in languages} == {
        "de": "Veraltet:",
        "ko": "지원 중단됨:",
        "zh": "已弃用\N{FULLWIDTH COLON}",
        "zh-Hans": "已弃用\N{FULLWIDTH COLON}",  # Simplified Chinese, as `zh`.
        "zh-TW": "Deprecated:",  # Traditional Chinese: not the Simplified labels of `zh`.
        "pt-BR": "Descontinuado:",
        "it": "Deprecated:",  # No label catalog.
    }


def test_every_label_catalog_translates_every_label() -> None:
    catalogs = {}
    for path in sorted(labels.LOCALES.glob("*.po")):
        with path.open("rb") as file:
            catalog = read_po(file, locale=path.stem)
        catalogs[path.stem] = {str(message.id): str(message.string) for message in catalog if message.id}
    assert sorted(catalogs) == ["de", "es", "fr", "ja", "ko", "pt", "zh"]
    keys = set(catalogs["de"])
    assert {"Deprecated", "Deprecated:"} <= keys
    for language, translated in catalogs.items():
        assert set(translated) == keys, language
        assert [key for key, text in translated.items() if not text] == [], language


HOSTILE = "X<img src=x onerror=alert(1)>\"'&<script>alert(2)</script> *a* _b_ `c` [d](e) &amp;"
"""A German deprecation label that would run script as HTML, and be formatting as Markdown."""


@pytest.fixture
def hostile_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """German labels whose "Deprecated" and "Deprecated:" are `HOSTILE`, served in this process."""
    folder = tmp_path / "labels"
    folder.mkdir()
    with (labels.LOCALES / "de.po").open("rb") as file:
        catalog = read_po(file, locale="de")
    for key in ("Deprecated", "Deprecated:"):
        message = catalog.get(key)
        assert message is not None
        message.string = HOSTILE
    with (folder / "de.po").open("wb") as file:
        write_po(file, catalog)
    monkeypatch.setattr(labels, "LOCALES", folder)
    labels._labels.cache_clear()
    yield
    labels._labels.cache_clear()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_hostile_deprecation_label_shows_as_text(hostile_labels: None, tmp_path: Path, engine: str) -> None:
    project = write_project(tmp_path / "project", ("en", "de"))
    if engine == "mkdocs":
        build(load_config(str(project / "mkdocs.yml")))
    else:
        assert main(["-f", str(project / "mkdocs.yml"), "build", "--engine", "zensical"]) == 0
    page = read(project / "site", "de", "api/")

    labelled = [description.find("strong") for description in descriptions(page)]
    assert [words(strong) for strong in labelled if isinstance(strong, Tag)] == [HOSTILE, HOSTILE]
    assert [strong.find_all(True) for strong in labelled if isinstance(strong, Tag)] == [[], []]
    summary = page.select_one("details.danger summary")
    assert summary is not None
    assert (summary.get_text(), summary.find_all(True)) == (HOSTILE, [])
    assert [img for img in page.find_all("img") if img.get("src") == "x"] == []
    assert [script for script in page.find_all("script") if "alert" in script.get_text()] == []


def test_check_site_expects_the_deprecation_label(
    project: Path, sites: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    site = project / "checked"
    shutil.copytree(sites["mkdocs"], site)

    def check() -> list[tuple[str, str, str]]:
        capsys.readouterr()
        code = main(["check", "--site", site.name, "--select", "DG3", "--output-format", "json"])
        found = json.loads(capsys.readouterr().out)
        assert code == (1 if found else 0)
        return [(item["path"], item["code"], item["message"]) for item in found]

    assert check() == []
    german = site / "de" / "api" / "index.html"
    html = german.read_text(encoding="utf-8")
    assert html.count("<strong>Veraltet:</strong>") == 2
    german.write_text(
        html.replace("<strong>Veraltet:</strong>", "<strong>Deprecated:</strong>", 1), encoding="utf-8"
    )
    assert check() == [
        (
            "checked/de/api/index.html",
            "DG303",
            "de: mini.fetch: the description of parameter timeout differs from the code and locales/de.po: "
            "expected 'Veraltet: Pass deadline instead. Seconds to wait…', found 'Deprecated: Pass deadline "
            "instead. Seconds to wa…'; rebuild the site",
        )
    ]
