"""Gettext PO catalogs of API text, one per language, read and written with Babel.

The merge is ours rather than `babel.messages.catalog.Catalog.update` because Babel's
fuzzy matching ignores the message context: a changed `Doc` text could inherit the
translation of another object's text, while its own old translation went obsolete. Here a
changed text keeps the old translation of the same object and slot, marked fuzzy with the
previous text; no translation is ever dropped.

A catalog read from a file writes its PO header back as it was read (see `PoCatalog`), so
that an update does not rewrite the header a translator's tool wrote; the entries an update
does not change keep the lines they had too (see `write_catalog`).
"""

from __future__ import annotations

import codecs
import copy
import email.message
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import PoFileError, PoFileParser, unescape, write_po

from docglot.checks.findings import display_path
from docglot.text.messages import Message


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


class CatalogLineError(CatalogError):
    """A problem at one line of PO data; `read_catalog` adds the file's name."""

    def __init__(self, line: int, message: str) -> None:
        """Say what is wrong at a line (from 1), and what to fix."""
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message


class PoCatalog(Catalog):
    """A Babel catalog that writes its PO header back exactly as it was read.

    Babel keeps only the MIME headers it knows and writes them back in its own order, with
    the charset lower-cased, `Project-Id-Version` split and re-joined, and `Generated-By`
    added; it also replaces the words `PROJECT`, `VERSION`, `YEAR` and `ORGANIZATION` in the
    header comment. The first update after a translator saved the file in Poedit would
    then rewrite a header nobody changed and drop `X-Generator` and the other `X-*` headers.
    A catalog that has not read a header yet (a new one) gets Babel's header.
    """

    _kept_headers: list[tuple[str, str]] | None = None
    _kept_comment: str | None = None
    header_line: int | None = None
    """The line of the header entry (`msgid ""`) in the data read, if it has one."""

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        """The MIME headers as read, in their order, or Babel's for a new catalog."""
        if self._kept_headers is None:
            headers: list[tuple[str, str]] = super().mime_headers
            return headers
        return list(self._kept_headers)

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        kept = list(headers)
        # Babel still reads the headers it knows: charset, plural forms, language...
        Catalog.mime_headers.__set__(self, kept)
        if kept:
            # Babel ends the header text with a newline by putting it in the last value.
            name, value = kept[-1]
            kept[-1] = (name, f"{value}\n")
        self._kept_headers = kept

    @property
    def header_comment(self) -> str:
        """The header comment as read, or Babel's, with its placeholders filled in."""
        if self._kept_comment is None:
            comment: str = super().header_comment
            return comment
        return self._kept_comment

    @header_comment.setter
    def header_comment(self, comment: str | None) -> None:
        Catalog.header_comment.__set__(self, comment)
        self._kept_comment = comment


def catalog_path(directory: Path, language: str) -> Path:
    """Return where the catalog of a language lives: `DIRECTORY/LANGUAGE.po`."""
    return directory / f"{language}.po"


def read_catalog(path: Path, language: str) -> Catalog:
    """Read a PO file with Babel, or return an empty catalog if there is none yet.

    Raises:
        CatalogError: The file cannot be read as it is; the message names the file, the
            line and what to fix.
    """
    if not path.exists():
        return Catalog(locale=language, project="API reference", fuzzy=False)
    shown = display_path(path)
    data = path.read_bytes()
    problem = _syntax_problem(data)
    if problem:
        line, what = problem
        raise CatalogError(f"{shown}:{line}: {what}")
    try:
        catalog = parse_po(data, language)
    except CatalogLineError as error:
        raise CatalogError(f"{shown}:{error.line}: {error.message}") from None
    except PoFileError as error:
        raise CatalogError(f"{shown}:{error.lineno + 1}: {error}; fix this line") from None
    except Exception as error:  # An unknown charset, text not in the charset...
        raise CatalogError(f"{shown}: cannot read this PO file ({error}); fix its syntax") from None
    if not _declares_charset(catalog):
        content_type = r'"Content-Type: text/plain; charset=UTF-8\n"'
        if catalog.header_line is None:
            raise CatalogError(
                f'{shown}: no header entry declares the charset; start the file with msgid "" '
                f"and msgstr {content_type}"
            )
        raise CatalogError(
            f"{shown}:{catalog.header_line}: the header does not name the charset; add {content_type} to it"
        )
    return catalog


def _declares_charset(catalog: PoCatalog) -> bool:
    """Whether the header read names the charset (tools that read the file need it)."""
    for name, value in catalog._kept_headers or []:
        if name.lower() == "content-type":
            header = email.message.Message()
            header["Content-Type"] = value.strip()
            return bool(header.get_param("charset"))
    return False


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def _syntax_problem(data: bytes) -> tuple[int, str] | None:
    """Find the first line that is not a comment, a blank line or a well-quoted PO field.

    Babel reads a string with a missing closing quote without complaint, and the rest of
    the entry then silently goes wrong: we check the quoting first.
    """
    # `utf-8-sig`: Windows editors start a UTF-8 file with a byte order mark.
    for number, line in enumerate(data.decode("utf-8-sig", errors="replace").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            return (
                number,
                f"this line is not a PO keyword with a quoted string ({stripped[:40]}); fix its quotes",
            )
    return None


class _Parser(PoFileParser):
    """Babel's parser, noting the header's line and refusing an entry given twice.

    Babel keeps the last of two entries with the same `msgctxt` and `msgid`: one
    translation would silently be lost.
    """

    catalog: PoCatalog

    def _add_message(self) -> None:
        source = self.messages[0].denormalize()
        context = self.context.denormalize() if self.context else None
        line = self.offset + 1
        if not self.obsolete and not source and context is None:
            self.catalog.header_line = line
        elif not self.obsolete and (earlier := self.catalog.get(source, context=context)) is not None:
            raise CatalogLineError(
                line,
                f"this entry repeats the msgctxt and msgid of line {earlier.lineno}; keep one of the two",
            )
        super()._add_message()


def parse_po(data: bytes, language: str) -> PoCatalog:
    """Parse PO data with Babel, keeping the header as it is and the previous texts of fuzzy entries.

    Babel writes a fuzzy entry's previous text (`#| msgid "..."`) but does not read it
    back, so an update would drop it: we read those comments ourselves.

    Raises:
        CatalogLineError: An entry repeats the `msgctxt` and `msgid` of another.
        babel.messages.pofile.PoFileError: A line is not valid PO.
    """
    # Babel takes a byte order mark for an unknown keyword; it is written back without one.
    data = data.removeprefix(codecs.BOM_UTF8)
    catalog = PoCatalog(locale=language)
    # What `read_po` does, into a catalog that keeps its header.
    _Parser(catalog, abort_invalid=True).parse(io.BytesIO(data))
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
      slot, for a docstring of several paragraphs), fuzzy, with the previous text: the text the
      translation was written for, if it was already fuzzy;
    - a text whose slot is new but whose English text was translated elsewhere (a renamed or
      moved object) starts from that translation, fuzzy (with its previous text, if any);
    - a new text is untranslated;
    - a translated entry no longer extracted becomes obsolete, with its translation, and stays
      so; an untranslated one has nothing to keep and is dropped;
    - the header (MIME headers, comment) stays as it was.
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

    new = _without_entries(old)
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
        elif (same_slot := _closest(item.message, orphans.get(item.message.context, []))) is not None:
            orphans[item.message.context].remove(same_slot)
            po = _new_message(item, str(same_slot.string), fuzzy=True)
            # The previous text is the one the translation was written for. A fuzzy entry's
            # is its own previous text (a text changed twice before the translator came); an
            # obsolete fuzzy entry has none (its file keeps none), and none is made up.
            po.previous_id = list(same_slot.previous_id) if same_slot.fuzzy else [str(same_slot.id)]
            used.add((item.message.context, str(same_slot.id)))
        elif (same_text := by_source.get(item.message.source)) is not None:
            po = _new_message(item, str(same_text.string), fuzzy=True)
            po.previous_id = list(same_text.previous_id) if same_text.fuzzy else []
        else:
            po = _new_message(item)
        new[po.id] = po
        used.add(key)

    for (context, source), po in [*active.items(), *obsolete.items()]:
        # An entry without a translation has nothing to keep: edits to untranslated texts
        # would otherwise pile up obsolete entries.
        if (context, source) not in used and po.string:
            new.obsolete[(source, context) if context else source] = po
    return new


def _without_entries(catalog: Catalog) -> Catalog:
    """Return a copy of a catalog with its header (MIME headers, comment, flags) and no entries.

    Copying keeps every header field as it was; a new `Catalog` built from the old one's
    attributes would lose the headers Babel does not know, and Babel splits and re-joins
    `Project-Id-Version` ("mini" would come back as "PROJECT mini").
    """
    empty = copy.deepcopy(catalog)
    for po in list(empty):
        if po.id:
            empty.delete(po.id, context=po.context)
    empty.obsolete.clear()
    return empty


# Slots whose text is split into several messages (paragraphs, lists...): one gone and one
# new message there may be two different paragraphs.
_MULTI_MESSAGE_SLOTS = (":docstring", ":admonition", ":examples")
_SIMILAR = 0.5


def _closest(message: Message, candidates: list[PoMessage]) -> PoMessage | None:
    """Return the old entry a changed text most likely comes from, if any.

    A slot of one message (a parameter, a return value...) is the same text rewritten: its
    only old entry is taken however different. In a slot of several paragraphs, a new
    paragraph must not inherit a deleted paragraph's translation: only a close text counts.
    """
    if len(candidates) == 1 and not message.context.endswith(_MULTI_MESSAGE_SLOTS):
        return candidates[0]
    scored = [
        (SequenceMatcher(None, message.source, str(po.id)).ratio(), index)
        for index, po in enumerate(candidates)
    ]
    best = max(scored, default=(0.0, -1))
    return candidates[best[1]] if best[0] >= _SIMILAR else None


def po_bytes(catalog: Catalog, previous: bytes | None = None) -> bytes:
    """Serialise a catalog the way `write_catalog` writes it.

    Given `previous`, the file's content before the update, the entries the update did not
    change keep the lines they had there (see `_as_written`).
    """
    data = _babel_po(catalog)
    return data if previous is None else _as_written(data, previous, catalog)


def _babel_po(catalog: Catalog, *, omit_header: bool = False) -> bytes:
    """The PO text Babel writes for a catalog, with the fuzzy flags of obsolete entries."""
    buffer = io.BytesIO()
    # No wrapping: Babel wraps comments, `#| msgid` included, without quoting the rest.
    write_po(
        buffer,
        catalog,
        width=_NO_WRAP,
        include_previous=True,
        sort_output=False,
        omit_header=omit_header,
        ignore_obsolete=True,
    )
    for message in catalog.obsolete.values():
        buffer.write(_obsolete_entry(message, catalog.charset))
    data = buffer.getvalue()
    if not catalog.header_comment:
        # Babel writes an empty header comment as an empty first line, which a file
        # starting at `msgid ""` (as Poedit writes a new one) did not have.
        data = data.removeprefix(b"\n")
    return data


def _obsolete_entry(message: PoMessage, charset: str) -> bytes:
    """An obsolete entry as Babel writes it, with its fuzzy flag where gettext writes it.

    Babel writes obsolete entries without their flags: the fuzzy translation of an earlier
    text would come back as a valid one with its object.
    """
    alone = Catalog(charset=charset)
    alone.obsolete[str(message.id)] = message
    buffer = io.BytesIO()
    write_po(buffer, alone, width=_NO_WRAP, omit_header=True)
    lines = buffer.getvalue().splitlines(keepends=True)
    if message.fuzzy:
        first = next(index for index, line in enumerate(lines) if line.startswith(b"#~"))
        lines.insert(first, b"#, fuzzy\n")
    return b"".join(lines)


def _as_written(data: bytes, previous: bytes, catalog: Catalog) -> bytes:
    """Put back, as the file had them, the lines of each entry the update did not change.

    A translator's editor writes entries its own way (Poedit and Babel wrap long strings,
    at 79 and 76 columns) and an update must not rewrite what it did not change: each block
    of the previous file (an entry, or the header) is read alone and written as Babel
    writes it; where the new file has that same text, the block goes back as it was. The
    file ends as it ended, with a blank line (as Babel writes) or without (as gettext's
    tools and Poedit write).
    """
    if codecs.lookup(catalog.charset).name != "utf-8" or b"\r" in previous:
        # Blocks are read alone, without the header naming another charset; and Windows
        # line ends would end up mixed with Babel's.
        return data
    previous = previous.removeprefix(codecs.BOM_UTF8)
    # The language matters only to plural entries, which docglot does not write.
    language = catalog.locale_identifier or "en"
    as_written: dict[bytes, bytes] = {}
    for block in _blocks(previous):
        try:
            alone = parse_po(block, language)
        except (PoFileError, CatalogError, UnicodeDecodeError):
            continue
        entries = [*(message for message in alone if message.id), *alone.obsolete.values()]
        for message in entries:
            # Babel flags a text that looks like a format string by itself; a merge does not.
            message.flags.discard("python-format")
        rendered = _blocks(_babel_po(alone, omit_header=bool(entries)))
        if len(rendered) == 1:
            as_written.setdefault(rendered[0], block)
    blocks = [as_written.get(block, block) for block in _blocks(data)]
    ending = b"\n" if previous.endswith(b"\n\n") else b""
    return b"\n".join(blocks) + ending


def _blocks(data: bytes) -> list[bytes]:
    """The blocks of PO data: runs of non-blank lines, an entry or the header each."""
    blocks: list[bytes] = []
    current: list[bytes] = []
    for line in [*data.splitlines(keepends=True), b""]:
        if line.strip():
            current.append(line if line.endswith(b"\n") else line + b"\n")
        elif current:
            blocks.append(b"".join(current))
            current = []
    return blocks


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; return whether the file changed.

    The entries the update did not change keep the lines they had (see `po_bytes`).
    """
    previous = path.read_bytes() if path.exists() else None
    data = po_bytes(catalog, previous)
    if data == previous:
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
