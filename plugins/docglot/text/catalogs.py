"""Gettext PO catalogs of API text, one per language, read with Babel as gettext reads them.

Where the catalogs are (inside the project), how their bytes are decoded (their declared
charset), split (at `\n` only) and checked line by line, so that every problem names its
line. A catalog read from a file writes its PO header back as it was read (see
`PoCatalog`), so that an update does not rewrite the header a translator's tool wrote.
"""

from __future__ import annotations

import codecs
import contextlib
import email.message
import hashlib
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import babel
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, PoFileParser, unescape

from docglot.config_lines import where
from docglot.errors import DocglotError
from docglot.paths import display_path
from docglot.text import catalog_cache


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
    headers_read: tuple[tuple[str, str], ...] = ()
    """The MIME headers the header entry was read with, as `mime_headers` was set to them."""
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
        self.headers_read = tuple(kept)
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


def shown_path(path: Path) -> str:
    """A catalog's path as messages name it: its own, not that of a file it is a link to."""
    folder = display_path(path.parent)
    return path.name if folder == "." else f"{folder}/{path.name}"


def printable(text: str) -> str:
    """Return a text with its control and other invisible characters written as escapes.

    A catalog's text quoted in a message must not drive the terminal (an escape sequence)
    or break the message's line (U+2028, form feed...).
    """
    if text.isprintable():  # Most texts, checked at C speed rather than a character at a time.
        return text
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
    shown = shown_path(path)
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


def read_catalog(
    path: Path, language: str, project: Path | None = None, cache: Path | None = None
) -> Catalog:
    """Read a PO file with Babel, or return an empty catalog if there is none yet.

    `project`, the folder of `mkdocs.yml`, is where the catalog must be (see
    `catalog_folder`); without it, the caller has checked the folder (a build's
    `on_config` has). An error quotes the catalog's line only from a regular file there.
    With a `cache` folder, a file read before with the same bytes is not parsed again
    (`catalog_cache`).

    Raises:
        CatalogError: The file cannot be read as it is; the message names the file, the
            line and what to fix.
    """
    quotable = _project_file(path, project)
    if quotable is None:
        return Catalog(locale=language, project="API reference", fuzzy=False)
    shown = shown_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"{shown}: cannot be read ({error.strerror}); check its permissions") from None
    kept_at = cache / f"{path.name}.json" if cache is not None else None
    key = _cache_key(data, language) if kept_at is not None else ""
    if kept_at is not None and (kept := catalog_cache.load(kept_at, key)) is not None:
        return _restored(kept, language)
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
    if kept_at is not None:  # Every check of the file passed: the next reader of these bytes skips them.
        catalog_cache.save(kept_at, key, _kept(catalog))
    return catalog


def _cache_key(data: bytes, language: str) -> str:
    """The digest a catalog is kept under: its bytes, its language, this reader's code, Babel's version."""
    digest = hashlib.sha256()
    for part in (_READER, babel.__version__.encode(), language.encode(), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


_READER = Path(__file__).read_bytes() + Path(catalog_cache.__file__).read_bytes()
"""The code that reads a catalog and keeps it: another may read the same bytes otherwise."""


def _kept(catalog: PoCatalog) -> catalog_cache.KeptCatalog:
    """What `catalog_cache` keeps of a catalog read from a file."""
    return catalog_cache.KeptCatalog(
        headers=list(catalog.headers_read),
        comment=catalog._kept_comment,
        fuzzy=catalog.fuzzy,
        header_line=catalog.header_line,
        messages=catalog_cache.entries(catalog),
        obsolete=list(catalog.obsolete.values()),
    )


def _restored(kept: catalog_cache.KeptCatalog, language: str) -> PoCatalog:
    """The catalog that reading the kept file gave: its entries added as Babel's parser adds them."""
    catalog = PoCatalog(locale=language)
    # The header entry, as `Catalog.__setitem__` reads it.
    catalog.mime_headers = kept.headers
    catalog.header_comment = kept.comment
    catalog.fuzzy = kept.fuzzy
    catalog.header_line = kept.header_line
    for message in kept.messages:
        catalog[message.id] = message
    for message in kept.obsolete:
        catalog.obsolete[catalog._key_for(message.id, message.context)] = message
    return catalog


_PO_LINE = re.compile(rb'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')
_PREVIOUS = (b"#|", b"#~|")
"""A fuzzy entry's previous text, a comment that Babel does not read (see `parse_po`)."""


def po_lines(data: bytes) -> list[bytes]:
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
    for number, line in enumerate(po_lines(data), start=1):
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
    only (see `po_lines`). Babel writes a fuzzy entry's previous text (`#| msgid "..."`) but
    does not read it back, so an update would drop it: we read those comments ourselves.

    Raises:
        CatalogLineError: An entry is misformed or given twice; the charset does not fit.
        babel.messages.pofile.PoFileError: A line is not valid PO.
    """
    # Babel takes a byte order mark for an unknown keyword; it is written back without one.
    text = _decode(data)
    _check_place_comments(text)
    catalog = PoCatalog(locale=language)
    # What `read_po` does, into a catalog that keeps its header.
    _Parser(catalog, abort_invalid=True).parse(text.split("\n"))
    for message in catalog:
        if (previous := _previous_id(message.user_comments)) is not None:
            message.previous_id = [previous]
    for message in [*catalog, *catalog.obsolete.values()]:
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
    return catalog


# A control character (tab aside): no place of the reference has one, and a terminal or a
# log reader would run it as a command (ESC) when a finding names the place.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def place_comment(comment: str) -> str:
    """An extracted comment as it is written: its control characters (tab aside) as escapes.

    `read_catalog` refuses them raw (see `_check_place_comments`), and a newline would end
    the comment. No place of real code holds one; escaped, a file reads back as written.
    """
    return _CONTROL.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), comment)


# A control character (`_CONTROL`) in a line that starts with `#.`. Lines end at `\n` only
# (`po_lines`), and a `\r` right before one (or at the end) is a CRLF line end, not the comment's.
_PLACE_COMMENT_CONTROL = re.compile(
    r"^\#\.[^\n]*?([\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n|\Z))", re.MULTILINE
)


def _check_place_comments(text: str) -> None:
    """Refuse an extracted comment (`#.`, where an entry lists its places) holding a control character.

    `catalog update` writes these comments and `docglot check` names the places they list;
    an entry's places come from the code, so such a character was put there by hand.

    Raises:
        CatalogLineError: A `#.` comment holds a control character.
    """
    # One search of the whole text, not a loop over its lines: a catalog has thousands.
    if (found := _PLACE_COMMENT_CONTROL.search(text)) is not None:
        raise CatalogLineError(
            text.count("\n", 0, found.start()) + 1,
            f"this place comment (#.) holds the control character U+{ord(found[1]):04X}; delete the "
            "comment: docglot catalog update writes each entry's places again",
        )


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _join(lines: list[str]) -> str:
    """The text of a PO field written on one or several lines, as one or several strings."""
    return "".join(unescape(f'"{part}"') for line in lines for part in _STRING.findall(line))


def _previous_id(comments: list[str]) -> str | None:
    """The text of an entry's `#| msgid` comment, which Babel reads as translator comments.

    Babel gives the entry `#| msgid "..."` and each `#| "..."` after it as the comments
    `| msgid "..."` and `| "..."`, in the file's order.
    """
    lines: list[str] = []
    for comment in comments:
        if comment.startswith("| msgid "):
            lines = [comment.removeprefix("| msgid ")]
        elif comment.startswith('| "') and lines:
            lines.append(comment.removeprefix("| "))
    return _join(lines) if lines else None
