"""Gettext PO catalogs of API text, one per language, read and written with Babel.

The merge is ours rather than `babel.messages.catalog.Catalog.update` because Babel's
fuzzy matching ignores the message context: a changed `Doc` text could inherit the
translation of another object's text, while its own old translation went obsolete. Here a
changed text keeps the old translation of the same object and slot, marked fuzzy with the
previous text; nothing is ever dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import read_po, unescape, write_po

from docglot.messages import Message


class State(StrEnum):
    """How far a message is translated."""

    translated = "translated"
    fuzzy = "fuzzy"
    untranslated = "untranslated"


@dataclass(frozen=True)
class Entry:
    """What a catalog holds for one message."""

    state: State
    translation: str
    """The translation; for a fuzzy entry, the translation of an earlier English text."""


@dataclass(frozen=True)
class Extracted:
    """A message found in the rendered reference, with where its text is written."""

    message: Message
    locations: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Stats:
    """Counts of one catalog's entries."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int


class CatalogError(Exception):
    """A catalog cannot be read; the message names the file and what to fix."""


def catalog_path(directory: Path, language: str) -> Path:
    """Return where the catalog of a language lives: `DIRECTORY/LANGUAGE.po`."""
    return directory / f"{language}.po"


def read_catalog(path: Path, language: str) -> Catalog:
    """Read a PO file with Babel, or return an empty catalog if there is none yet."""
    if not path.exists():
        return Catalog(locale=language, project="API reference", fuzzy=False)
    data = path.read_bytes()
    problem = _syntax_problem(data)
    if problem:
        line, what = problem
        raise CatalogError(f"{path}:{line}: {what}")
    try:
        return parse_po(data, language)
    except Exception as error:
        raise CatalogError(f"{path}: cannot read this PO file ({error}); fix its syntax") from error


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def _syntax_problem(data: bytes) -> tuple[int, str] | None:
    """Find the first line that is not a comment, a blank line or a well-quoted PO field.

    Babel reads a string with a missing closing quote without complaint, and the rest of
    the entry then silently goes wrong: we check the quoting first.
    """
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            return number, f"this line is not a quoted PO string ({stripped[:40]}); close its quotes"
    return None


def parse_po(data: bytes, language: str) -> Catalog:
    """Parse PO data with Babel, keeping the previous texts of fuzzy entries.

    Babel writes a fuzzy entry's previous text (`#| msgid "..."`) but does not read it
    back, so an update would drop it: we read those comments ourselves.
    """
    catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
    for message in [*catalog, *catalog.obsolete.values()]:
        # Babel takes `#| msgid "..."` for a translator comment "| msgid ...".
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
    for (context, source), previous in _previous_ids(data.decode(catalog.charset or "utf-8")).items():
        message = catalog.get(source, context=context or None)
        if message is not None:
            message.previous_id = [previous]
    return catalog


_NO_WRAP = 1_000_000
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _join(lines: list[str]) -> str:
    """The text of a PO field written on one or several lines, as one or several strings."""
    return "".join(unescape(f'"{part}"') for line in lines for part in _STRING.findall(line))


def _previous_ids(text: str) -> dict[tuple[str, str], str]:
    """Map `(msgctxt, msgid)` of each entry to the text of its `#| msgid` comment."""
    found: dict[tuple[str, str], str] = {}
    previous: list[str] = []
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in [*text.splitlines(), ""]:
        if line.startswith("#| msgid "):
            previous = [line.removeprefix("#| msgid ")]
        elif line.startswith('#| "') and previous:
            previous.append(line.removeprefix("#| "))
        elif line.startswith(("msgctxt ", "msgid ", "msgstr ")):
            keyword, _, value = line.partition(" ")
            current = fields.setdefault(keyword, [])
            current.append(value)
        elif line.startswith('"') and current is not None:
            current.append(line)
        elif not line.strip():
            if previous and "msgid" in fields:
                context = _join(fields["msgctxt"]) if "msgctxt" in fields else ""
                found[(context, _join(fields["msgid"]))] = _join(previous)
            previous, fields, current = [], {}, None
    return found


class SiteCatalog:
    """One language's translations of the API text, looked up by message."""

    def __init__(self, catalog: Catalog) -> None:
        """Index a Babel catalog by `(context, source)`."""
        self.catalog = catalog
        self._entries: dict[tuple[str, str], Entry] = {}
        for po in catalog:
            if not po.id or not isinstance(po.id, str):
                continue
            text = po.string if isinstance(po.string, str) else ""
            if not text:
                state = State.untranslated
            elif po.fuzzy:
                state = State.fuzzy
            else:
                state = State.translated
            self._entries[(po.context or "", po.id)] = Entry(state, text)

    @classmethod
    def load(cls, path: Path, language: str) -> SiteCatalog:
        """Read the catalog of a language."""
        return cls(read_catalog(path, language))

    def lookup(self, message: Message) -> Entry:
        """Return the entry of a message; a message the catalog lacks is untranslated."""
        return self._entries.get((message.context, message.source), Entry(State.untranslated, ""))


def _new_message(extracted: Extracted, string: str = "", *, fuzzy: bool = False) -> PoMessage:
    flags = {"fuzzy"} if fuzzy else set()
    po = PoMessage(
        extracted.message.source,
        string,
        locations=list(extracted.locations),
        flags=flags,
        context=extracted.message.context,
    )
    # Markdown such as "50% of" is not a Python format string.
    po.flags.discard("python-format")
    return po


def merge(old: Catalog, extracted: Iterable[Extracted]) -> Catalog:
    """Return the catalog updated to the extracted messages; no translation is lost.

    - a known message keeps its entry (translation, flags, comments);
    - a changed text keeps the old translation of the same slot (the closest text gone from that
      slot, for a docstring of several paragraphs), fuzzy, with the previous text;
    - a text whose slot is new but whose English text was translated elsewhere (a renamed or
      moved object) starts from that translation, fuzzy;
    - a new text is untranslated;
    - an entry no longer extracted becomes obsolete, with its translation.
    """
    extracted = list(extracted)
    wanted = {(item.message.context, item.message.source) for item in extracted}
    active = {(po.context or "", str(po.id)): po for po in old if po.id}
    obsolete = {(po.context or "", str(po.id)): po for po in old.obsolete.values()}
    # Translated entries whose text is gone: candidates for the changed texts of their slot.
    orphans: dict[str, list[PoMessage]] = {}
    by_source: dict[str, PoMessage] = {}
    for key, po in [*obsolete.items(), *active.items()]:
        if po.string:
            by_source.setdefault(key[1], po)
            if key not in wanted:
                orphans.setdefault(key[0], []).append(po)

    new = Catalog(
        locale=old.locale,
        project=old.project,
        version=old.version,
        header_comment=old.header_comment,
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        last_translator=old.last_translator,
        language_team=old.language_team,
        fuzzy=old.fuzzy,
    )
    used: set[tuple[str, str]] = set()
    for item in extracted:
        key = (item.message.context, item.message.source)
        if key in used:
            continue
        known = active.get(key) or obsolete.get(key)
        if known is not None:
            po = _new_message(item, str(known.string))
            po.flags = set(known.flags) - {"python-format"}
            po.user_comments = list(known.user_comments)
            po.previous_id = list(known.previous_id)
        elif (same_slot := _closest(item.message.source, orphans.get(item.message.context, []))) is not None:
            orphans[item.message.context].remove(same_slot)
            po = _new_message(item, str(same_slot.string), fuzzy=True)
            po.previous_id = [str(same_slot.id)]
            used.add((item.message.context, str(same_slot.id)))
        elif (same_text := by_source.get(item.message.source)) is not None:
            po = _new_message(item, str(same_text.string), fuzzy=True)
        else:
            po = _new_message(item)
        new[po.id] = po
        used.add(key)

    for (context, source), po in [*active.items(), *obsolete.items()]:
        if (context, source) not in used:
            new.obsolete[(source, context) if context else source] = po
    return new


def _closest(source: str, candidates: list[PoMessage]) -> PoMessage | None:
    """Return the old entry a changed text most likely comes from: the only one, or a close one."""
    if len(candidates) == 1:
        return candidates[0]
    scored = [
        (SequenceMatcher(None, source, str(po.id)).ratio(), index) for index, po in enumerate(candidates)
    ]
    best = max(scored, default=(0.0, -1))
    return candidates[best[1]] if best[0] >= 0.5 else None


def po_bytes(catalog: Catalog) -> bytes:
    """Serialise a catalog the way `write_catalog` writes it."""
    buffer = io.BytesIO()
    # No wrapping: Babel wraps comments, `#| msgid` included, without quoting the rest.
    write_po(buffer, catalog, width=_NO_WRAP, include_previous=True, sort_output=False)
    return buffer.getvalue()


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; return whether the file changed."""
    data = po_bytes(catalog)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".po.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def stats(catalog: Catalog) -> Stats:
    """Count translated, fuzzy, untranslated and obsolete entries."""
    entries = SiteCatalog(catalog)._entries.values()
    return Stats(
        translated=sum(1 for entry in entries if entry.state is State.translated),
        fuzzy=sum(1 for entry in entries if entry.state is State.fuzzy),
        untranslated=sum(1 for entry in entries if entry.state is State.untranslated),
        obsolete=len(catalog.obsolete),
    )
