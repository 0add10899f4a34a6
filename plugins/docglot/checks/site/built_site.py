"""Rules on a built site (DG301-DG303): each language's reference pages against the code and
the catalogs.

The entries expected are those of the package's public API that the source-language pages
render (their `:::` directives, with mkdocstrings' options). In every language, each must
have its entry (DG301), its Parameters rows must follow the signature (DG302), and its
texts must be the `Doc` texts and docstrings, or the catalog's translation, with a marker
exactly where the catalog says a text is untranslated or outdated (DG303).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from docglot.checks.settings import Settings
from docglot.checks.site.built_entries import BuiltRow, built_entry, built_rows, read_block, top_blocks
from docglot.checks.site.expected import ExpectedEntry, ItemSection, MarkdownText, Region, Row, expected_entry
from docglot.checks.site.page_tree import Element, Page, parse_html
from docglot.checks.site.reference_pages import (
    Directive,
    ReferenceEntry,
    directives,
    entries,
    load_rendered_packages,
    preload,
    read_reference,
    resolve,
)
from docglot.checks.site.site_config import SiteConfig, SiteConfigError
from docglot.checks.source.metadata import public_api
from docglot.checks.source.packages import LoadedPackages, PackageError
from docglot.findings import Finding
from docglot.paths import display_path
from docglot.rules import MISSING_ENTRY, PARAMETER_ROWS, RENDERED_TEXT
from docglot.site.languages import babel_locale
from docglot.text.catalogs import CatalogError, catalog_path
from docglot.text.lookup import SiteCatalog
from docglot.text.translation import Translator

_SHOWN = 48
"""How much of an expected and a found text a message quotes."""


@dataclass(frozen=True)
class _Language:
    """What one language's pages are held against."""

    code: str
    """The language."""
    translator: Translator
    """Serves its API text, as the plugin does when it renders its pages."""
    text: MarkdownText
    """Converts Markdown as its pages show it."""
    against: str
    """What the texts come from, for messages."""
    plural: bool
    """Whether `against` names several things (the code and a catalog)."""


def check_site(
    site_dir: Path, site: SiteConfig, packages: LoadedPackages | None, settings: Settings
) -> list[Finding]:
    """Hold a built site against the code and the catalogs.

    `packages` are the packages `docglot check` already loaded, if any; otherwise those of
    the settings' `paths`, or the packages the directives render, are loaded.
    """
    if not site_dir.is_dir():
        raise SiteConfigError(
            f"{site_dir}: no such folder; build the site first, then pass its folder to --site"
        )
    reference = read_reference(site)
    source = site.languages[0]
    found = directives(reference, source)
    if packages is None:
        identifiers = [directive.identifier for directive in found]
        packages = load_rendered_packages(reference, identifiers, settings.paths, settings.docstring_style)
        if identifiers and not packages.modules:
            names = ", ".join(dict.fromkeys(identifier.split(".")[0] for identifier in identifiers))
            raise PackageError(
                f"{site.config_file}: its pages render {names}, found neither in the mkdocstrings "
                "'paths' nor installed; install the packages, or pass them as PATH"
            )
    preload(reference, packages)
    api = public_api(packages.modules)
    languages = [_language(site, reference.config, code, reference.fuzzy) for code in site.languages]

    pages: dict[str, list[Directive]] = {}
    for directive in found:
        pages.setdefault(directive.page, []).append(directive)
    findings: list[Finding] = []
    for page, page_directives in pages.items():
        groups = []
        for index, directive in enumerate(page_directives):
            obj = resolve(packages, directive.identifier)
            if obj is None:
                continue  # Not in the checked packages.
            options = reference.options(directive.options)
            rendered = [entry for entry in entries(obj, options) if entry.target.path in api]
            if rendered:
                groups.append((index, rendered))
        for language in languages:
            built = site_dir / reference.page_path(page, language.code, source)
            if not built.is_file():
                findings.extend(_missing_page(built, language.code, [group for _, group in groups]))
                continue
            tree = parse_html(built.read_text(encoding="utf-8"))
            blocks = top_blocks(tree)
            for index, group in groups:
                # An entry without a heading (a directive's own object, without `show_root_heading`)
                # is found by its place: each directive renders one top-level block.
                block = blocks[index] if len(blocks) == len(page_directives) else None
                for entry in group:
                    findings.extend(_check_entry(entry, tree, block, display_path(built), language))
    return findings


def _language(site: SiteConfig, config: MkDocsConfig, code: str, fuzzy: str) -> _Language:
    if code == site.languages[0]:
        return _Language(code, Translator(code), MarkdownText(config, sanitized=False), "the code", False)
    path = catalog_path(site.catalogs, code)
    try:
        catalog = SiteCatalog.load(path, babel_locale(code))
    except CatalogError as error:
        raise SiteConfigError(str(error)) from None
    return _Language(
        code,
        Translator(code, catalog, show_fuzzy=fuzzy),
        MarkdownText(config, sanitized=True),
        f"the code and {display_path(path)}",
        True,
    )


def _missing_page(built: Path, language: str, groups: list[list[ReferenceEntry]]) -> Iterator[Finding]:
    for group in groups:
        first, more = group[0], len(group) - 1
        yield Finding(
            display_path(built),
            0,
            1,
            MISSING_ENTRY,
            f"{language}: the page is missing: no entry for {first.identifier}"
            f"{f' and {more} more' if more else ''}; build every language",
            f"{language}:{first.target.path}",
        )


def _check_entry(
    entry: ReferenceEntry, page: Page, block: Element | None, path: str, language: _Language
) -> Iterator[Finding]:
    code = language.code
    if not entry.heading:
        built = read_block(block, block.line) if block is not None else None
        if built is None:
            return  # The page's blocks do not match its directives: which one is missing is unknown.
    else:
        built = built_entry(page, entry.identifier)
    if built is None:
        yield Finding(
            path,
            0,
            1,
            MISSING_ENTRY,
            f"{code}: {entry.identifier} has no entry on this page (no heading with this id); "
            "rebuild the site",
            f"{code}:{entry.target.path}",
        )
        return
    expected = expected_entry(entry, language.translator, language.text)
    line = built.line
    yield from _compare_region(
        expected.prose,
        built.prose,
        where=(path, line),
        what=f"{entry.identifier}: the docstring's text",
        target=f"{code}:{entry.target.path}:docstring",
        language=language,
    )
    yield from _check_sections(entry, expected, built.sections, (path, line), language)


def _check_sections(
    entry: ReferenceEntry,
    expected: ExpectedEntry,
    sections: list[Element],
    where: tuple[str, int],
    language: _Language,
) -> Iterator[Finding]:
    summary = any(vars(entry.options.summary).values())
    if summary and len(sections) > len(expected.sections):
        sections = sections[: len(expected.sections)]  # The members' summary tables come last.
    if len(sections) != len(expected.sections):
        kinds = ", ".join(section.kind.value for section in expected.sections) or "none"
        yield _at(
            where,
            RENDERED_TEXT,
            f"{language.code}: {entry.identifier} shows {_count(len(sections), 'table')} of items where "
            f"{language.against} give{'' if language.plural else 's'} {len(expected.sections)} ({kinds}); "
            "rebuild the site",
            f"{language.code}:{entry.target.path}:sections",
        )
        return
    style = entry.options.docstring_section_style
    for section, element in zip(expected.sections, sections, strict=True):
        rows = built_rows(element, style)
        if section.rows is not None:
            yield from _check_rows(entry, section, rows, (where[0], element.line), language.code)
        else:
            yield from _check_items(entry, section, rows, (where[0], element.line), language)
        yield from _check_descriptions(entry, section, rows, where[0], language)


def _check_rows(
    entry: ReferenceEntry, section: ItemSection, rows: list[BuiltRow], where: tuple[str, int], language: str
) -> Iterator[Finding]:
    """DG302: the Parameters rows against the signature."""
    assert section.rows is not None
    expected = {row.name: row for row in section.rows}
    shown = {row.row.name: row for row in rows}

    def target(name: str) -> str:
        return f"{language}:{entry.target.path}:parameter:{name.lstrip('*')}"

    def finding(line: int, message: str, name: str) -> Finding:
        return Finding(
            where[0], line, 1, PARAMETER_ROWS, f"{language}: {entry.identifier}: {message}", target(name)
        )

    for name, row in expected.items():
        if name not in shown:
            yield finding(where[1], f"no row for parameter {name} ({_describe(row)}); rebuild the site", name)
            continue
        found = shown[name]
        for field, wanted, got in (
            ("type", row.type, found.row.type),
            ("default", row.default, found.row.default),
        ):
            if _normal(wanted) != _normal(got):
                yield finding(
                    found.line,
                    f"the {field} of parameter {name} is {_quote(got)} where the signature says "
                    f"{_quote(wanted)}; rebuild the site",
                    name,
                )
    for name, found in shown.items():
        if name not in expected:
            yield finding(
                found.line, f"row {name} is not a parameter of the signature; rebuild the site", name
            )
    order = [name for name in shown if name in expected]
    if order != [name for name in expected if name in shown]:
        yield _at(
            where,
            PARAMETER_ROWS,
            f"{language}: {entry.identifier}: the rows are in the order {', '.join(order)}, the signature's "
            f"is {', '.join(expected)}; rebuild the site",
            f"{language}:{entry.target.path}:parameters",
        )


def _check_items(
    entry: ReferenceEntry,
    section: ItemSection,
    rows: list[BuiltRow],
    where: tuple[str, int],
    language: _Language,
) -> Iterator[Finding]:
    """DG303: the rows of a table other than a signature's: one per item of the section."""
    kind, code = section.kind.value, language.code
    gives = f"{language.against} give{'' if language.plural else 's'}"

    def finding(message: str, slot: str) -> Finding:
        return _at(
            where,
            RENDERED_TEXT,
            f"{code}: {entry.identifier}: the {kind} table {message}; rebuild the site",
            f"{code}:{slot}",
        )

    if not all(item.name for item in section.items):
        if len(rows) != len(section.items):
            yield finding(
                f"has {_count(len(rows), 'row')} where {gives} {len(section.items)}",
                f"{entry.target.path}:{kind.replace(' ', '-')}",
            )
        return
    names = {item.name for item in section.items}
    shown = {row.row.name for row in rows}
    for item in section.items:
        if item.name not in shown:
            yield finding(f"has no row for {item.name}, which {gives}", item.context)
    for row in rows:
        if row.row.name not in names:
            yield finding(
                f"has a row for {row.row.name}, which {language.against} "
                f"do{'' if language.plural else 'es'} not give",
                f"{entry.target.path}:{kind}",
            )


def _check_descriptions(
    entry: ReferenceEntry, section: ItemSection, rows: list[BuiltRow], path: str, language: _Language
) -> Iterator[Finding]:
    """DG303: each item's description against its text or translation."""
    named = all(item.name for item in section.items)
    by_name = {row.row.name: row for row in rows}
    for index, item in enumerate(section.items):
        row = by_name.get(item.name) if named else (rows[index] if index < len(rows) else None)
        if row is None:
            continue  # A missing row is reported with the table's rows.
        _, slot, name = item.context.split(":", 2)
        yield from _compare_region(
            item.description,
            row.description,
            where=(path, row.line),
            what=f"{entry.identifier}: the description of {slot.replace('-', ' ')} {name}",
            target=f"{language.code}:{item.context}",
            language=language,
        )


def _compare_region(
    expected: Region, shown: Region, *, where: tuple[str, int], what: str, target: str, language: _Language
) -> Iterator[Finding]:
    code = language.code
    if expected.text != shown.text:
        yield _at(
            where,
            RENDERED_TEXT,
            f"{code}: {what} differs from {language.against}: {_difference(expected.text, shown.text)}; "
            "rebuild the site",
            target,
        )
    for (context, state), count in sorted((expected.markers - shown.markers).items()):
        yield _at(
            where,
            RENDERED_TEXT,
            f"{code}: {what} lacks the {state} marker of {context}"
            f"{f' ({count} times)' if count > 1 else ''}; rebuild the site",
            f"{code}:{context}",
        )
    for (context, state), count in sorted((shown.markers - expected.markers).items()):
        yield _at(
            where,
            RENDERED_TEXT,
            f"{code}: {what} has a marker for {context} ({state}"
            f"{f', {count} times' if count > 1 else ''}) that {language.against} "
            f"do{'' if language.plural else 'es'} not call for; "
            "rebuild the site",
            f"{code}:{context}",
        )


def _at(where: tuple[str, int], code: str, message: str, target: str) -> Finding:
    """A finding on a line of a built page (`where`: its path and line)."""
    return Finding(where[0], where[1], 1, code, message, target)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _normal(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _quote(text: str | None) -> str:
    return "none" if text is None else repr(_normal(text))


def _describe(row: Row) -> str:
    parts = [f"type {row.type}" if row.type else "", f"default {row.default}" if row.default else ""]
    return ", ".join(part for part in parts if part) or "no type, no default"


def _difference(expected: str, shown: str) -> str:
    """Quote both texts from a little before where they first differ."""
    start = next(
        (index for index, (a, b) in enumerate(zip(expected, shown, strict=False)) if a != b),
        min(len(expected), len(shown)),
    )
    start = max(0, start - 12)

    def excerpt(text: str) -> str:
        part = text[start : start + _SHOWN]
        return f"{'…' if start else ''}{part}{'…' if start + _SHOWN < len(text) else ''}"

    return f"expected '{excerpt(expected)}', found '{excerpt(shown)}'"
