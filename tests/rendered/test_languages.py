"""Every language of the built site: its API text, labels, markers, switcher, search and links."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocstrings import Inventory

from tests.rendered.pages import object_block, own_contents, parameter_rows
from tests.rendered.site import (
    FUNC_CONTEXT,
    FUNC_TEXT,
    LANGUAGES,
    TRANSLATIONS,
    Directive,
    canonical_path,
    directives,
    docglot_label,
    material_text,
    page,
    pages,
    reader_text,
    root,
    search_index,
    site_catalog,
    source_pages,
)


def words(text: str) -> str:
    return " ".join(text.split())


def one(soup: Tag, selector: str) -> Tag:
    """The first element `selector` matches; there must be one."""
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def blocks_by_path(soup: BeautifulSoup) -> dict[str, Tag]:
    """The object blocks of a page, by the canonical path of the object they document."""
    return {
        canonical_path(str(heading["id"])): object_block(soup, str(heading["id"]))
        for heading in soup.select(".doc-heading[id]")
    }


def docstring_text(block: Tag) -> str:
    """The text of an object's own docstring: its contents minus tables, source and members."""
    contents = own_contents(block)
    parts = [
        child.get_text(" ")
        for child in contents.find_all(recursive=False)
        if child.name not in {"table", "details", "div"} or "admonition" in (child.get("class") or [])
    ]
    return words(" ".join(parts))


def slot_text(block: Tag, slot: str, language: str) -> str:
    """The text shown in one slot of an object: `docstring`, `parameter:NAME`, `return:0`."""
    kind, _, name = slot.partition(":")
    if kind == "docstring":
        return docstring_text(block)
    if kind == "parameter":
        rows = parameter_rows(block, title=docglot_label("PARAMETER", language))
        (row,) = [row for row in rows if row.name.lstrip("*") == name]
        return words(row.description)
    if kind == "return":
        return words(parameter_rows(block, title=docglot_label("RETURNS", language))[int(name)].description)
    raise AssertionError(f"no test reads slot {slot}")


def reference_blocks(site: Path, language: str) -> tuple[dict[str, Tag], dict[str, str]]:
    """Object blocks of the language's pages that render objects, and each page's API text.

    The API text is what the page's top-level object blocks show, but their source code;
    the page's own prose, which translators write freely, is left out.
    """
    blocks: dict[str, Tag] = {}
    articles: dict[str, str] = {}
    for relative in dict.fromkeys(directive.page for directive in directives(language)):
        soup = page(site, language, relative)
        found = blocks_by_path(soup)
        assert not found.keys() & blocks.keys(), f"{relative} documents an object another page documents"
        blocks |= found
        article = soup.select_one("article")
        assert article is not None
        for source in article.select("details.mkdocstrings-source"):
            source.decompose()  # The source code shows the docstrings as written, in English.
        roots = [
            block for block in article.select("div.doc-object") if not block.find_parent(class_="doc-object")
        ]
        assert roots, relative
        articles[relative] = words(" ".join(root.get_text(" ") for root in roots))
    return blocks, articles


def rendering_directive(path: str, language: str) -> Directive:
    """The `:::` block whose object is, or holds, the object at this canonical path."""
    (directive,) = [
        directive
        for directive in directives(language)
        if path == (top := canonical_path(directive.identifier)) or path.startswith(f"{top}.")
    ]
    return directive


def block_of(blocks: dict[str, Tag], path: str, language: str) -> Tag:
    """The block showing an object's text: its own, or its class's for a merged `__init__`."""
    if path in blocks:
        return blocks[path]
    owner, _, name = path.rpartition(".")
    assert name == "__init__", f"{language}: no page renders {path}"
    # With `merge_init_into_class`, the class's block shows `__init__`'s docstring and parameters.
    assert rendering_directive(owner, language).options["merge_init_into_class"], path
    return blocks[owner]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_each_translation_appears_in_its_slot_and_nowhere_else(built_site: Path, language: str) -> None:
    blocks, articles = reference_blocks(built_site, language)
    entries = [
        m for m in site_catalog(language) if m.id and m.context and not m.context.startswith("mkdocs.yml")
    ]
    shown_texts = [reader_text(str(m.string)) for m in entries]
    checked = 0
    for message in entries:
        assert message.string, f"{language}: {message.context} is not translated"
        assert message.context is not None
        path, _, slot = message.context.partition(":")
        expected = reader_text(str(message.string))
        shown = slot_text(block_of(blocks, path, language), slot, language)
        if slot.startswith("docstring"):
            assert expected in shown, f"{language}: {message.context}"
        else:
            assert shown == expected, f"{language}: {message.context}"
        # Nowhere else: as often as the catalog's translations say (two docstrings have "## Example",
        # ten of docglot's hooks have the same `**kwargs`).
        expected_count = sum(text.count(expected) for text in shown_texts)
        assert sum(article.count(expected) for article in articles.values()) == expected_count, expected
        english = reader_text(str(message.id))
        assert all(english not in article for article in articles.values()), english
        checked += 1
    # aftersend's reference pages: 13 messages (BackgroundTasks' docstring 4, `add_task`'s docstring 2
    # and `func` 1, `with_background_tasks`' docstring 4, `endpoint` 1 and its return 1); docglot's
    # API page: 44 (DocglotExtension's docstring 2, `__init__`'s docstring 1 and `findings` 1, and
    # each of its 10 hooks' docstring 1 and parameters 3).
    assert checked == 13 + 44


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_complete_catalog_leaves_no_marker(built_site: Path, language: str) -> None:
    for relative in pages(built_site, language):
        assert page(built_site, language, relative).select("[data-docglot-state]:not(.docglot-notice)") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_is_the_pages_language_on_every_page(built_site: Path, language: str) -> None:
    found = {
        relative: one(page(built_site, language, relative), "html").get("lang")
        for relative in pages(built_site, language)
    }

    assert set(found.values()) == {language}
    assert set(found) == set(source_pages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_and_interface_are_in_the_pages_language(built_site: Path, language: str) -> None:
    soup = page(built_site, language, "reference/background/")
    block = object_block(soup, "aftersend.BackgroundTasks.add_task")
    table = own_contents(block).find("table")
    assert isinstance(table, Tag)

    headers = [words(th.get_text()) for th in table.select("thead th")]
    bold = [words(b.get_text()) for b in table.select("td b")]
    summary = own_contents(block).select_one("details.mkdocstrings-source > summary")
    bases = soup.select_one(".doc-class-bases")
    attribute_labels = {words(code.get_text()) for code in soup.select(".doc-label-instance-attribute code")}
    search = soup.select_one("input.md-search__input")

    assert headers == [docglot_label("PARAMETER", language), docglot_label("DESCRIPTION", language)]
    type_label, default_label = docglot_label("TYPE:", language), docglot_label("DEFAULT:", language)
    assert bold == [type_label, type_label, default_label, type_label, default_label]
    assert summary is not None
    assert (
        words(summary.get_text(" "))
        == f"{docglot_label('Source code in', language)} src/aftersend/background.py"
    )
    assert bases is not None
    assert words(bases.get_text(" ")).startswith(docglot_label("Bases:", language))
    assert attribute_labels == {docglot_label("instance-attribute", language)}
    assert search is not None
    assert search["placeholder"] == material_text("search.placeholder", language)
    permalinks = {str(link["title"]) for link in soup.select("article a.headerlink")}
    assert permalinks == {docglot_label("Permanent link", language)}


def test_labels_differ_between_languages(built_site: Path) -> None:
    headers = {
        language: words(one(page(built_site, language, "reference/background/"), "thead th").get_text())
        for language in LANGUAGES
    }
    assert headers == {
        "en": "PARAMETER",
        "de": "PARAMETER",
        "es": "PARÁMETRO",
        "fr": "PARAMÈTRE",
        "ja": "引数",
        "pt": "PARÂMETRO",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_leads_to_the_same_page_in_every_language(built_site: Path, language: str) -> None:
    for relative in pages(built_site, language):
        soup = page(built_site, language, relative)
        links = {str(a["hreflang"]): str(a["href"]) for a in soup.select("a.md-select__link[hreflang]")}
        assert sorted(links) == sorted(LANGUAGES)
        here = root(built_site, language) / relative
        for target_language, href in links.items():
            target = Path(posixpath.normpath((here / href).as_posix()))
            assert (target / "index.html").is_file(), href
            assert target == root(built_site, target_language) / relative


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_search_index_with_every_page(built_site: Path, language: str) -> None:
    index = search_index(built_site, language)
    locations = [str(doc["location"]) for doc in index["docs"]]

    assert index["config"]["lang"] == [language]
    assert {location.split("#")[0] for location in locations} == set(pages(built_site, language))
    assert not any(location.startswith(tuple(f"{code}/" for code in TRANSLATIONS)) for location in locations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_index_separates_words_as_material_does(built_site: Path, language: str) -> None:
    separator = search_index(built_site, language)["config"]["separator"]

    # Material falls back to English's separator where a language has none (de, es, fr, pt);
    # an empty one would split every word into single characters.
    assert separator == material_text("search.config.separator", language)
    assert separator != ""


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_doc_text_is_found_in_its_languages_index(built_site: Path, language: str) -> None:
    message = site_catalog(language).get(FUNC_TEXT, context=FUNC_CONTEXT)
    assert message is not None
    first_words = reader_text(str(message.string))[:25]
    index = search_index(built_site, language)

    hits = [
        doc
        for doc in index["docs"]
        if first_words in words(BeautifulSoup(str(doc["text"]), "lxml").get_text(" "))
    ]

    assert [str(doc["location"]).split("#")[0] for doc in hits] == ["reference/background/"]
    for other in LANGUAGES:
        if other != language:
            texts = " ".join(str(doc["text"]) for doc in search_index(built_site, other)["docs"])
            assert first_words not in texts


def test_objects_inv_points_at_the_english_pages(built_site: Path) -> None:
    with (built_site / "objects.inv").open("rb") as file:
        inventory = Inventory.parse_sphinx(file)

    uris = {name: item.uri for name, item in inventory.items() if name.startswith("aftersend")}

    assert uris["aftersend.BackgroundTasks"] == "reference/background/#aftersend.BackgroundTasks"
    assert (
        uris["aftersend.with_background_tasks"]
        == "reference/with_background_tasks/#aftersend.with_background_tasks"
    )
    for uri in uris.values():
        assert not uri.startswith(tuple(f"{code}/" for code in TRANSLATIONS))
        assert (built_site / uri.split("#")[0] / "index.html").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_cross_references_stay_in_the_pages_language(built_site: Path, language: str) -> None:
    soup = page(built_site, language, "reference/background/")
    (link,) = [a for a in soup.select("article a[href]") if "with_background_tasks/#" in str(a["href"])]
    href = str(link["href"])

    target = Path(
        posixpath.normpath(
            (root(built_site, language) / "reference/background" / href.split("#")[0]).as_posix()
        )
    )

    assert target == root(built_site, language) / "reference/with_background_tasks"
    assert href.endswith("#aftersend.with_background_tasks")
    assert page(built_site, language, "reference/with_background_tasks/").find(
        id="aftersend.with_background_tasks"
    )


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_page_missing_in_a_language_shows_the_english_page_with_a_notice(
    built_site: Path, language: str
) -> None:
    guide = page(built_site, language, "guide/")
    translated = page(built_site, language, "")
    english = page(built_site, "en", "guide/")

    (notice,) = guide.select(".docglot-notice")
    assert words(notice.get_text()) == docglot_label(
        "This page is not translated yet: it is shown in English.", language
    )
    assert one(guide, "article h1").get_text(strip=True) == one(english, "article h1").get_text(strip=True)
    assert translated.select(".docglot-notice") == []
    assert english.select(".docglot-notice") == []


def title_of(soup: BeautifulSoup) -> str:
    heading = soup.select_one("article h1")
    assert heading is not None
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    return words(heading.get_text(" "))


TITLED_IN_NAV = {
    "": "Home",
    "guide/": "User guide",
    "contributing/": "Contributing",
    "api/": "Python API",
    "reference/background/": "Background Tasks",
    "reference/with_background_tasks/": "with_background_tasks",
}
"""The pages `mkdocs.yml` lists with a title, and that title."""


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_navigation_lists_the_languages_own_pages_under_translated_sections(
    built_site: Path, language: str
) -> None:
    soup = page(built_site, language, "reference/background/")
    here = root(built_site, language) / "reference/background"
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None

    listed = {}
    for link in nav.select("a.md-nav__link[href]"):
        href = str(link["href"])
        if not href.startswith("#"):
            target = Path(posixpath.normpath((here / href).as_posix())).relative_to(
                root(built_site, language)
            )
            listed[target.as_posix()] = words(link.get_text(" "))
    sections = [
        words(label.get_text(" ")) for label in nav.select("label.md-nav__link") if label.get_text(strip=True)
    ]
    reference = site_catalog(language).get("Reference", context="mkdocs.yml:nav")

    def nav_title(title: str) -> str:
        translated = site_catalog(language).get(title, context="mkdocs.yml:nav")
        assert translated is not None, title
        return str(translated.string)

    # A page listed with a title in `nav` is listed under its translation; the others under
    # their own first heading.
    assert listed == {
        relative.rstrip("/") or ".": (
            nav_title(TITLED_IN_NAV[relative])
            if relative in TITLED_IN_NAV
            else title_of(page(built_site, language, relative))
        )
        for relative in pages(built_site, language)
    }
    assert reference is not None
    assert str(reference.string) in sections
