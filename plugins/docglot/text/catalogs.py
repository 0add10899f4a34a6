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
import contextlib
import copy
import email.message
import errno
import io
import os
import re
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import PoFileError, PoFileParser, normalize, unescape, write_po

from docglot.config_lines import where
from docglot.errors import DocglotError
from docglot.paths import display_path
from docglot.text.messages import Message


class State(StrEnum):
    """How far a message is translated."""

    translated = "translated"
    fuzzy = "fuzzy"
    untranslated = "untranslated"


@dataclass(frozen=True)
class Lookup:
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


class CatalogError(DocglotError):
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
        self._kept_headers = list(kept)
        if kept:
            # Babel ends the header text with a newline by putting it in the last value.
            name, value = kept[-1]
            self._kept_headers[-1] = (name, f"{value}\n")
        # Babel still reads the headers it knows: charset, plural forms, language...
        Catalog.mime_headers.__set__(self, kept)

    @property
    def header_comment(self) -> str:
        """The header comment as read, or Babel's, with its placeholders filled in.

        Babel writes the comment's lines as Python's `splitlines` splits it: at a form feed
        or U+2028 too, where the next line would then not start with `#`. Those separators
        are written as spaces.
        """
        if self._kept_comment is None:
            comment: str = super().header_comment
            return comment
        return "\n".join(" ".join(line.splitlines()) for line in self._kept_comment.split("\n"))

    @header_comment.setter
    def header_comment(self, comment: str | None) -> None:
        Catalog.header_comment.__set__(self, comment)
        self._kept_comment = comment


def catalog_path(directory: Path, language: str) -> Path:
    """Return where the catalog of a language lives: `DIRECTORY/LANGUAGE.po`."""
    return directory / f"{language}.po"


def catalog_folder(config_file: str, folder: str) -> Path:
    """Return the folder of the catalogs, `folder` relative to the folder of `mkdocs.yml`.

    The catalogs are the project's: `catalog update` writes there, and the builds quote
    the lines of what they read there. A folder outside the project (`../../etc`, or a
    symbolic link that leads out) is refused, and so is a path through a file.

    Raises:
        CatalogError: The folder is outside the project or is not a folder; the message
            names the `catalogs` option's line in `mkdocs.yml`.
    """
    project = Path(config_file).parent
    path = project / folder
    location = where(config_file, "catalogs")
    if not path.resolve().is_relative_to(project.resolve()):
        raise CatalogError(
            f"{location}: the catalogs folder {folder!r} is outside the project (the folder of "
            f"{Path(config_file).name}); name a folder inside it, such as 'locales'"
        )
    existing = next((candidate for candidate in (path, *path.parents) if candidate.exists()), None)
    if existing is not None and not existing.is_dir():
        through = "is" if existing == path else f"goes through {display_path(existing)}, which is"
        raise CatalogError(f"{location}: the catalogs folder {folder!r} {through} a file; name a folder")
    return path


def _shown(path: Path) -> str:
    """A catalog's path as messages name it: its own, not that of a file it is a link to."""
    folder = display_path(path.parent)
    return path.name if folder == "." else f"{folder}/{path.name}"


def printable(text: str) -> str:
    """Return a text with its control and other invisible characters written as escapes.

    A catalog's text quoted in a message must not drive the terminal (an escape sequence)
    or break the message's line (U+2028, form feed...).
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _project_file(path: Path, project: Path | None) -> bool | None:
    """Check the catalog file before reading it: `None` if there is none, else whether it may be quoted.

    Catalogs come from outside contributors. A catalog that is a symbolic link out of the
    project would have the build read (and quote in its errors) any file of the machine,
    a CI secret among them: it is refused. Lines are quoted only from a regular file
    inside the project, not reached through a link.

    Raises:
        CatalogError: The path is a folder, a link out of the project or to nothing, or
            cannot be read.
    """
    shown = _shown(path)
    link = path.is_symlink()
    inside = project is None or path.resolve().is_relative_to(project.resolve())
    if not inside:
        what = "a symbolic link to a file" if link else "a file"
        raise CatalogError(
            f"{shown}: {what} outside the project; docglot reads only catalogs inside the project: "
            "put the catalog itself there"
        )
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        if link:
            raise CatalogError(
                f"{shown}: a symbolic link to a file that does not exist; put the catalog itself there"
            ) from None
        return None
    except OSError as error:
        raise CatalogError(f"{shown}: cannot be read ({error.strerror}); check its permissions") from None
    if stat.S_ISDIR(mode):
        raise CatalogError(
            f"{shown}: a folder, where the catalog of {path.stem!r} should be; move the folder away "
            "(docglot creates the catalog there)"
        )
    if not stat.S_ISREG(mode):
        raise CatalogError(f"{shown}: not a regular file; put the catalog itself there")
    return not link


def read_catalog(path: Path, language: str, project: Path | None = None) -> Catalog:
    """Read a PO file with Babel, or return an empty catalog if there is none yet.

    `project`, the folder of `mkdocs.yml`, is where the catalog must be (see
    `catalog_folder`); without it, the caller has checked the folder (a build's
    `on_config` has). An error quotes the catalog's line only from a regular file there.

    Raises:
        CatalogError: The file cannot be read as it is; the message names the file, the
            line and what to fix.
    """
    quotable = _project_file(path, project)
    if quotable is None:
        return Catalog(locale=language, project="API reference", fuzzy=False)
    shown = _shown(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"{shown}: cannot be read ({error.strerror}); check its permissions") from None
    problem = _syntax_problem(data, quote=quotable)
    if problem:
        line, what = problem
        raise CatalogError(f"{shown}:{line}: {what}")
    try:
        header = _header(data)
    except CatalogLineError as error:
        raise CatalogError(f"{shown}:{error.line}: {error.message}") from None
    content_type = r'"Content-Type: text/plain; charset=UTF-8\n"'
    if header.line is None:
        raise CatalogError(
            f'{shown}: no header entry declares the charset; start the file with msgid "" '
            f"and msgstr {content_type}"
        )
    if header.charset is None:
        raise CatalogError(
            f"{shown}:{header.line}: the header does not name the charset; add {content_type} to it"
        )
    try:
        catalog = parse_po(data, language)
    except CatalogLineError as error:
        raise CatalogError(f"{shown}:{error.line}: {error.message}") from None
    except PoFileError as error:
        raise CatalogError(f"{shown}:{error.lineno + 1}: {printable(str(error))}; fix this line") from None
    except Exception as error:  # Babel's reading of a header value (a date, Plural-Forms...).
        raise CatalogError(
            f"{shown}:{header.line}: cannot read this header ({printable(str(error))[:80]}); fix it"
        ) from None
    return catalog


_PO_LINE = re.compile(rb'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')
_PREVIOUS = (b"#|", b"#~|")
"""A fuzzy entry's previous text, a comment that Babel does not read (see `parse_po`)."""


def _lines(data: bytes) -> list[bytes]:
    """The lines of PO data: a PO file's lines end with `\\n` only.

    Python's `splitlines` also ends a line at a form feed, U+2028, U+0085 and other
    separators, which a `Doc` text may hold and a PO string holds as they are.
    """
    return data.split(b"\n")


def _syntax_problem(data: bytes, *, quote: bool) -> tuple[int, str] | None:
    """Find the first line that is not a comment, a blank line or a well-quoted PO field.

    Babel reads a string with a missing closing quote without complaint, and the rest of
    the entry then silently goes wrong: we check the quoting first, obsolete entries'
    lines (`#~ msgid ...`) included. The bytes are checked: the keywords and quotes are
    ASCII in every charset a PO file can have. The line is quoted only if `quote`.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    for number, line in enumerate(_lines(data), start=1):
        stripped = line.strip()
        if stripped.startswith(b"#~") and not stripped.startswith(_PREVIOUS):
            stripped = stripped[2:].strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        if not _PO_LINE.match(stripped):
            shown = f" ({printable(stripped.decode('utf-8', errors='replace'))[:40]})" if quote else ""
            return number, f"this line is not a PO keyword with a quoted string{shown}; fix its quotes"
    return None


@dataclass(frozen=True)
class _Header:
    """What the header entry of PO data declares, read before the data is decoded."""

    line: int | None
    """The line of its `msgid ""`; `None` without a header entry."""
    charset: str | None
    """The charset its `Content-Type` names."""
    charset_line: int | None
    """The line that names it."""


class _Stop(Exception):
    """The header entry has been read."""


def _header(data: bytes) -> _Header:
    """Read the header entry of PO data, to know how to decode the rest.

    As gettext does, the header is read before its charset is known: decoded as
    Latin-1, which reads every byte, and the ASCII of a header is the same in any charset
    a PO file can have.
    """
    lines = data.removeprefix(codecs.BOM_UTF8).decode("latin-1").split("\n")
    catalog = PoCatalog()
    parser = _Parser(catalog, abort_invalid=True)
    parser.first_only = True
    # Babel's reading of a header value (a date, Plural-Forms...) fails once the headers
    # are kept (see `PoCatalog`): `parse_po` reports it.
    with contextlib.suppress(_Stop, ValueError, LookupError):
        parser.parse(lines)
    if catalog.header_line is None:
        return _Header(None, None, None)
    charset = None
    for name, value in catalog._kept_headers or []:
        if name.lower() == "content-type":
            header = email.message.Message()
            header["Content-Type"] = value.strip()
            found = header.get_param("charset")
            charset = str(found) if found else None
    line = catalog.header_line
    for number, text in enumerate(lines[catalog.header_line - 1 :], start=catalog.header_line):
        if not text.strip():
            break
        if "content-type:" in text.lower():
            line = number
            break
    return _Header(catalog.header_line, charset, line)


# Every printable ASCII character, a tab and a line end: a PO file's structure.
_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"


def _decode(data: bytes) -> str:
    """Decode PO data by the charset its header declares, as gettext does (UTF-8 without one).

    Raises:
        CatalogLineError: The charset is unknown, is not one a PO file can be written in,
            does not fit the bytes, or is Latin-1 (or another) while the file is UTF-8.
    """
    header = _header(data)
    data = data.removeprefix(codecs.BOM_UTF8)
    charset, line = header.charset or "utf-8", header.charset_line or 1
    declare = r'"Content-Type: text/plain; charset=UTF-8\n"'
    try:
        codec: codecs.CodecInfo | None = codecs.lookup(charset)
    except LookupError:
        codec = None
    try:
        # Neither UTF-16 nor a codec that writes a byte order mark (`utf-8-sig`): Babel
        # encodes the file line by line.
        ascii_compatible = _ASCII.decode(charset) == _ASCII.decode("ascii") and (
            _ASCII.decode("ascii").encode(charset) == _ASCII
        )
    except (LookupError, UnicodeError):
        ascii_compatible = False
    if codec is None or not ascii_compatible:
        what = "an unknown charset" if codec is None else "a charset a PO file cannot be written in"
        raise CatalogLineError(
            line,
            f"the header names {what}, {printable(charset)!r}; write the file in UTF-8 and declare {declare}",
        )
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as error:
        bad = data.count(b"\n", 0, error.start) + 1
        raise CatalogLineError(
            bad,
            f"this line is not {printable(charset)} text, the charset the header declares (line {line}); "
            "write the file in that charset, or declare the one it is written in",
        ) from None
    if codec.name != "utf-8" and not data.isascii():
        with contextlib.suppress(UnicodeDecodeError):
            data.decode("utf-8")
            # Text in Latin-1 (or another charset) is almost never valid UTF-8 as well: the
            # file was saved in UTF-8, and its header names the charset of another tool.
            raise CatalogLineError(
                line,
                f"the header declares {printable(charset)}, but the file is written in UTF-8 "
                f"(its text would show garbled); declare {declare}",
            )
    return text


class _Parser(PoFileParser):
    """Babel's parser, noting the header's line and refusing what Babel would silently misread.

    Babel keeps the last of two entries with the same `msgctxt` and `msgid` (one
    translation would silently be lost), the last of two `msgctxt` of an entry, the first of
    two `msgstr`, and gives a `msgstr` without a `msgid` to the next entry. Its own errors
    quote the entry's text; ours name the line.
    """

    catalog: PoCatalog
    first_only = False
    """Stop after the first entry (see `_header`)."""
    _context_line = 0

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
        if self.first_only:
            raise _Stop

    def _process_keyword_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        keyword = line.partition(" ")[0]
        if keyword == "msgctxt" and not self.messages and self.context is not None:
            raise CatalogLineError(
                lineno + 1,
                f"this entry has a second msgctxt (the first is on line {self._context_line}); "
                "keep one of the two",
            )
        if keyword == "msgid_plural" and len(self.messages) != 1:
            what = (
                "follows no msgid; fix the entry" if not self.messages else "is the entry's second; keep one"
            )
            raise CatalogLineError(lineno + 1, f"this msgid_plural {what}")
        if keyword.startswith("msgstr"):
            if not self.messages:
                raise CatalogLineError(lineno + 1, "this msgstr follows no msgid; fix the entry")
            index = keyword.partition("[")[2].rstrip("]")
            if any(str(known) == (index or "0") for known, _ in self.translations):
                raise CatalogLineError(lineno + 1, f"this entry has a second {keyword}; keep one of the two")
        super()._process_keyword_line(lineno, line, obsolete)
        if keyword == "msgctxt":
            self._context_line = lineno + 1

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        if msg.startswith("missing msgstr"):
            raise CatalogLineError(lineno + 1, "this entry has no msgstr; add one after its msgid")
        if msg.startswith("msg has more translations"):
            raise CatalogLineError(
                lineno + 1,
                f"this entry has more msgstr[N] than the {self.catalog.num_plurals} plural forms "
                "the header's Plural-Forms declares; fix one or the other",
            )
        raise CatalogLineError(lineno + 1, f"{msg.rstrip('.')}; fix this line")


def parse_po(data: bytes, language: str) -> PoCatalog:
    """Parse PO data with Babel, keeping the header as it is and the previous texts of fuzzy entries.

    The data is decoded by its header's charset first, and split into lines at `\\n`
    only (see `_lines`). Babel writes a fuzzy entry's previous text (`#| msgid "..."`) but
    does not read it back, so an update would drop it: we read those comments ourselves.

    Raises:
        CatalogLineError: An entry is misformed or given twice; the charset does not fit.
        babel.messages.pofile.PoFileError: A line is not valid PO.
    """
    # Babel takes a byte order mark for an unknown keyword; it is written back without one.
    text = _decode(data)
    catalog = PoCatalog(locale=language)
    # What `read_po` does, into a catalog that keeps its header.
    _Parser(catalog, abort_invalid=True).parse(text.split("\n"))
    for message in [*catalog, *catalog.obsolete.values()]:
        # Babel takes `#| msgid "..."` for a translator comment "| msgid ...".
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
    for (context, source), previous in _previous_ids(text).items():
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
    for line in [*text.split("\n"), ""]:
        line = line.rstrip("\r")
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


# Control characters have no place in a page: HTML forbids them but for tab, line feed, form
# feed and carriage return. Those that Python reads as line ends (a `Doc` text may hold them,
# and a translation copy them) become spaces; the others (NUL, escape...) go.
_SEPARATORS = "\x0b\x1c\x1d\x1e\x85"
_CONTROLS = {
    code: (" " if chr(code) in _SEPARATORS else None)
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]
    if chr(code) not in "\t\n\r\x0c"
}


def _displayable(translation: str) -> str:
    """A translation as a page may show it: without control characters (see `_CONTROLS`)."""
    return translation.translate(_CONTROLS)


class SiteCatalog:
    """One language's translations of the API text, looked up by message."""

    def __init__(self, catalog: Catalog) -> None:
        """Index a Babel catalog by `(context, source)`."""
        self.catalog = catalog
        self._entries: dict[tuple[str, str], Lookup] = {}
        for po in catalog:
            if not po.id or not isinstance(po.id, str):
                continue
            text = _displayable(po.string) if isinstance(po.string, str) else ""
            if not text:
                state = State.untranslated
            elif po.fuzzy:
                state = State.fuzzy
            else:
                state = State.translated
            self._entries[(po.context or "", po.id)] = Lookup(state, text)

    @classmethod
    def load(cls, path: Path, language: str, project: Path | None = None) -> SiteCatalog:
        """Read the catalog of a language, inside `project` (see `read_catalog`)."""
        return cls(read_catalog(path, language, project))

    def lookup(self, message: Message) -> Lookup:
        """Return the entry of a message; a message the catalog lacks is untranslated."""
        return self._entries.get((message.context, message.source), Lookup(State.untranslated, ""))


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
    # Plural entries (`msgid_plural`), which docglot never extracts, are kept as they are.
    plural = [po for po in [*old, *old.obsolete.values()] if po.id and not isinstance(po.id, str)]
    active = {(po.context or "", str(po.id)): po for po in old if isinstance(po.id, str) and po.id}
    obsolete = {(po.context or "", str(po.id)): po for po in old.obsolete.values() if isinstance(po.id, str)}
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
    for po in plural:
        if any(po.string):
            new.obsolete[new._key_for(po.id, po.context)] = po
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
    """The PO text Babel writes for a catalog, with previous texts and obsolete entries' fuzzy flags."""

    def babel_writes(*, include_previous: bool) -> bytes:
        buffer = io.BytesIO()
        # No wrapping: Babel wraps comments without quoting the rest.
        write_po(
            buffer,
            catalog,
            width=_NO_WRAP,
            include_previous=include_previous,
            sort_output=False,
            omit_header=omit_header,
            ignore_obsolete=True,
        )
        data = buffer.getvalue()
        # Babel writes an empty header comment as an empty first line, which a file
        # starting at `msgid ""` (as Poedit writes a new one) did not have.
        return data if catalog.header_comment else data.removeprefix(b"\n")

    # The previous texts are written by `_with_previous_texts`, or by Babel where it cannot.
    data = _with_previous_texts(babel_writes(include_previous=False), catalog, omit_header=omit_header)
    if data is None:
        data = babel_writes(include_previous=True)
    for message in catalog.obsolete.values():
        data += _obsolete_entry(message, catalog)
    return data


def _with_previous_texts(data: bytes, catalog: Catalog, *, omit_header: bool) -> bytes | None:
    """Add each fuzzy entry's previous text (`#| msgid "..."`) to the entries Babel wrote.

    Babel writes the previous text as a comment wrapped by `textwrap`, which turns a form
    feed or a vertical tab into a space: the text would not come back as it was. It is
    written here as gettext's tools write it, one `#| ` line a string. Babel writes each
    entry as a run of lines ended by a blank line, in the catalog's order; where it did
    not, `None` says so, and Babel writes the previous texts itself.
    """
    messages = [message for message in catalog if message.id]
    if not any(message.previous_id for message in messages):
        return data
    blocks = data.split(b"\n\n")
    entries = blocks[0 if omit_header else 1 :]
    if len(entries) != len(messages) + 1:  # The last "block" is what follows the last blank line.
        return None
    for index, message in enumerate(messages):
        if not message.previous_id:
            continue
        first, *rest = normalize(message.previous_id[0], width=_NO_WRAP).split("\n")
        previous = "".join([f"#| msgid {first}\n", *(f"#| {line}\n" for line in rest)])
        lines = entries[index].split(b"\n")
        at = next(i for i, line in enumerate(lines) if line.startswith((b"msgctxt ", b"msgid ")))
        lines.insert(at, previous.encode(catalog.charset, "backslashreplace").removesuffix(b"\n"))
        entries[index] = b"\n".join(lines)
    return b"\n\n".join([*blocks[: 0 if omit_header else 1], *entries])


def _obsolete_entry(message: PoMessage, catalog: Catalog) -> bytes:
    """An obsolete entry as Babel writes it, with its fuzzy flag where gettext writes it.

    Babel writes obsolete entries without their flags: the fuzzy translation of an earlier
    text would come back as a valid one with its object. A plural entry keeps as many
    forms as the catalog's header declares.
    """
    alone = Catalog(charset=catalog.charset)
    alone.mime_headers = [("Plural-Forms", catalog.plural_forms)]
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
    for line in [*_lines(data), b""]:
        if line.strip():
            current.append(line + b"\n")
        elif current:
            blocks.append(b"".join(current))
            current = []
    return blocks


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; return whether the file changed.

    The entries the update did not change keep the lines they had (see `po_bytes`). The
    new file is written next to the catalog under a temporary name, then takes its place:
    a full disk or a read-only folder leaves the catalog as it was, and no temporary file.

    Raises:
        CatalogError: The catalog cannot be written; the message names it and what to do.
    """
    # A catalog that is a link (inside the project: see `read_catalog`) stays a link.
    target = path.resolve() if path.is_symlink() else path
    try:
        previous = target.read_bytes() if target.exists() else None
    except OSError as error:
        raise CatalogError(_write_failure(path, error, written=True)) from None
    data = po_bytes(catalog, previous)
    if data == previous:
        return False
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Created as `open` creates a file (read and write, less the umask), for a new catalog.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise CatalogError(_write_failure(path, error, written=previous is not None)) from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if previous is not None:
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise CatalogError(_write_failure(path, error, written=previous is not None)) from None
    return True


def _write_failure(path: Path, error: OSError, *, written: bool) -> str:
    """The line that says a catalog could not be written, and what to do."""
    folder = display_path(path.parent)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some disk space"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = f"make {folder} writable"
    elif error.errno in (errno.ENOTDIR, errno.EEXIST):
        fix = f"{folder} must be a folder"
    else:
        fix = "fix that"
    kept = "the catalog is as it was" if written else "nothing was written"
    return (
        f"{_shown(path)}: cannot write the catalog ({error.strerror or error}); {kept}: "
        f"{fix}, then run docglot catalog update again"
    )


def stats(catalog: Catalog) -> Stats:
    """Count translated, fuzzy, untranslated and obsolete entries."""
    entries = SiteCatalog(catalog)._entries.values()
    return Stats(
        translated=sum(1 for entry in entries if entry.state is State.translated),
        fuzzy=sum(1 for entry in entries if entry.state is State.fuzzy),
        untranslated=sum(1 for entry in entries if entry.state is State.untranslated),
        obsolete=len(catalog.obsolete),
    )
