"""Rules on translations (DG201-DG207): each language's catalog, held against the English text.

- DG201, DG202, DG203: an untranslated, fuzzy or obsolete entry;
- DG204: a language whose share of translated entries is below its `min-translated`;
- DG205: a catalog out of date with the code: held against the messages that `docglot
  catalog update` extracts, which builds the source-language site (only when selected);
- DG206, DG207: a translation whose markup differs from its English text's, or that adds
  HTML, script or link targets (see `docglot.checks.catalogs.markup`). Untranslated and fuzzy
  entries are left out: their translation is missing, or is of an older English text.

Every finding is located at its entry's line in the PO file (Babel's `Message.lineno`, the
`msgid` line) and targeted per place, as `LANGUAGE:PLACE` (the object path and slot: an
override's msgctxt, or one of the places an entry lists), followed by a digest of the
English text when several texts of the catalog share the place (the paragraphs of one
docstring). An untranslated or fuzzy text is a finding at each place that shows it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage

from docglot.checks.catalogs.extraction import Extraction, extract_messages
from docglot.checks.catalogs.markup import MarkupReader, SiteLinks, broken_markup, unsafe_additions
from docglot.checks.settings import Settings, SettingsError
from docglot.checks.site.site_config import SiteConfig
from docglot.findings import Finding
from docglot.paths import display_path
from docglot.rules import (
    BROKEN_MARKUP,
    FUZZY_ENTRY,
    OBSOLETE_ENTRY,
    STALE_CATALOG,
    TRANSLATED_SHARE,
    UNSAFE_TRANSLATION,
    UNTRANSLATED_ENTRY,
)
from docglot.text.catalogs import catalog_path, printable
from docglot.text.lookup import SiteCatalog, State, place_entries, places_of, stats
from docglot.text.messages import Message

Key = tuple[str, str]
"""A place and the English text it shows: `(msgctxt, msgid)` of an override or a per-place entry."""


def check_translations(site: SiteConfig, settings: Settings) -> list[Finding]:
    """Apply the translation rules to every catalog of the site.

    Raises:
        SiteConfigError: A catalog cannot be read; the message names the file, the line and what to fix.
        SettingsError: `min-translated` names a language that the site does not translate.
    """
    translations = site.languages[1:]
    unknown = sorted(set(settings.min_translated) - {"*", *translations})
    if unknown:
        raise SettingsError(
            f"'min-translated': {', '.join(unknown)} is not a translation of {site.config_file} "
            f"({', '.join(translations) or 'none'}); use those languages or '*'"
        )
    # Every catalog was read with the site's configuration: a broken one stopped the check
    # there, before the site is built, as it stops a build.
    catalogs = site.translations
    # Extracting builds the source-language site: only when the rule that needs it is selected.
    extraction = extract_messages(site) if settings.selects(STALE_CATALOG) else None
    reader: MarkupReader | None = None
    links = SiteLinks(tuple(site.languages), site.docs_dir)
    if settings.selects(BROKEN_MARKUP) or settings.selects(UNSAFE_TRANSLATION):
        config = extraction.config if extraction else site.mkdocs
        reader = MarkupReader(config.markdown_extensions, config.mdx_configs)
        links = SiteLinks(tuple(site.languages), site.docs_dir, config.site_url or "")

    findings: list[Finding] = []
    for language, catalog in catalogs.items():
        path = catalog_path(site.catalogs, language)
        findings.extend(_entries(language, path, catalog, reader, links))
        minimum = settings.min_translated.get(language, settings.min_translated.get("*"))
        if minimum is not None:
            findings.extend(_share(language, path, catalog, minimum))
        if extraction is not None:
            findings.extend(_stale(language, path, catalog, extraction))
    return findings


def _active(catalog: Catalog) -> list[PoMessage]:
    return [po for po in catalog if isinstance(po.id, str) and po.id]


def _obsolete(catalog: Catalog) -> list[PoMessage]:
    return [po for po in catalog.obsolete.values() if isinstance(po.id, str) and po.id]


def _targets(language: str, keys: Iterable[Key]) -> dict[Key, str]:
    """The finding target of each entry: `LANGUAGE:msgctxt`, with a digest if the context repeats."""
    keys = list(keys)
    contexts = Counter(context for context, _ in keys)
    return {
        (context, source): f"{language}:{context}"
        + (f":{hashlib.sha256(source.encode()).hexdigest()[:8]}" if contexts[context] > 1 else "")
        for context, source in keys
    }


def _quote(text: str) -> str:
    """The start of a text, on one line, to name an entry in a message (control characters escaped)."""
    lines = text.strip().splitlines() or [""]
    first = printable(lines[0])
    return f'"{first[:50]}…"' if len(first) > 50 or len(lines) > 1 else f'"{first}"'


def _named(key: Key) -> str:
    context, source = key
    # The place comes from the catalog too: an override's msgctxt, or a place an entry lists.
    place = printable(context)
    return f"{_quote(source)} ({place[:200]}…)" if len(place) > 200 else f"{_quote(source)} ({place})"


def _why_fuzzy(po: PoMessage) -> str:
    """Why an entry is fuzzy, as far as its file tells.

    Only a previous text (`#| msgid`) other than the English text shows that the English
    text changed; without one, the flag was set by hand (or the entry came from a renamed
    object's translation, which `catalog update` does not tell apart in the file).
    """
    previous = po.previous_id[0] if po.previous_id else None
    if previous is not None and previous != po.id:
        return "the English text changed since it was translated"
    return "it is marked as needing review"


def _problems(
    po: PoMessage, key: Key, state: State, reader: MarkupReader | None, links: SiteLinks, language: str
) -> list[tuple[str, str]]:
    """`(code, message)` of what is wrong with one active entry of `language`'s catalog, at one place."""
    named = _named(key)
    if state is State.untranslated:
        return [(UNTRANSLATED_ENTRY, f"no translation for {named}")]
    if state is State.fuzzy:
        return [
            (
                FUZZY_ENTRY,
                f"the translation of {named} is fuzzy: {_why_fuzzy(po)}; check it and remove the fuzzy flag",
            )
        ]
    if reader is None:
        return []
    english, translation = reader.read(str(po.id)), reader.read(str(po.string))
    localised = links.equivalents(english, language)
    problems = []
    if broken := broken_markup(english, translation, localised, language):
        problems.append((BROKEN_MARKUP, f"the translation of {named} breaks its markup: {'; '.join(broken)}"))
    if unsafe := unsafe_additions(english, translation, key[0], localised):
        problems.append(
            (
                UNSAFE_TRANSLATION,
                f"the translation of {named} adds what the English text does not have: {'; '.join(unsafe)}",
            )
        )
    return problems


def _obsolete_places(catalog: Catalog) -> list[tuple[Key, PoMessage]]:
    """Each obsolete entry with its places (its msgctxt; an entry of a text keeps none)."""
    return [((place, str(po.id)), po) for po in _obsolete(catalog) for place in places_of(po) or [""]]


def _entries(
    language: str, path: Path, catalog: Catalog, reader: MarkupReader | None, links: SiteLinks
) -> list[Finding]:
    """DG201, DG202 at each place, DG203 for each obsolete entry; DG206, DG207 for each translated one."""
    file = display_path(path)
    places = place_entries(catalog)
    obsolete = _obsolete_places(catalog)
    targets = _targets(language, [*places, *(key for key, _ in obsolete)])
    lookup = SiteCatalog(catalog)
    findings: list[Finding] = []
    checked: set[int] = set()
    for key, po in places.items():
        state = lookup.lookup(Message(*key)).state
        # The markup of a translation is checked once, at the first place that shows it.
        markup = reader if state is State.translated and id(po) not in checked else None
        checked.add(id(po))
        findings.extend(
            Finding(file, po.lineno or 0, 1, code, message, targets[key])
            for code, message in _problems(po, key, state, markup, links, language)
        )
    findings.extend(
        Finding(
            file,
            po.lineno or 0,
            1,
            OBSOLETE_ENTRY,
            f"obsolete entry for {_named(key)}: the reference no longer shows this text; delete the entry",
            targets[key],
        )
        for key, po in obsolete
    )
    return findings


def _share(language: str, path: Path, catalog: Catalog, minimum: float) -> list[Finding]:
    """DG204: the language's share of translated entries, if it is below its minimum."""
    counts = stats(catalog)
    total = counts.translated + counts.fuzzy + counts.untranslated
    if not total or counts.translated * 100 >= minimum * total:
        return []
    share = counts.translated * 100 / total
    return [
        Finding(
            display_path(path),
            0,
            1,
            TRANSLATED_SHARE,
            f"{language}: {counts.translated} of {total} entries translated ({share:.1f}%), "
            f"below the minimum of {minimum:g}%",
            language,
        )
    ]


def _stale(language: str, path: Path, catalog: Catalog, extraction: Extraction) -> list[Finding]:
    """DG205: extracted messages without an entry, and entries no longer extracted."""
    file = display_path(path)
    if not path.exists():
        if not extraction.messages:
            return []
        return [
            Finding(
                file,
                0,
                1,
                STALE_CATALOG,
                f"no catalog for {language}: run docglot catalog update",
                language,
            )
        ]
    findings: list[Finding] = []
    active = place_entries(catalog)
    missing = [key for key in extraction.messages if key not in active]
    missing_targets = _targets(language, extraction.messages)
    for key in missing:
        source, line = extraction.source_of(key) or (file, 0)
        findings.append(
            Finding(
                source,
                line,
                1,
                STALE_CATALOG,
                f"{_named(key)} has no entry in {file}: run docglot catalog update",
                missing_targets[key],
            )
        )
    targets = _targets(language, [*active, *(key for key, _ in _obsolete_places(catalog))])
    for key, po in active.items():
        if key not in extraction.messages:
            findings.append(
                Finding(
                    file,
                    po.lineno or 0,
                    1,
                    STALE_CATALOG,
                    f"the entry for {_named(key)} is no longer in the reference: run docglot catalog update",
                    targets[key],
                )
            )
    return findings
