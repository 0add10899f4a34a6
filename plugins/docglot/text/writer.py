"""Catalogs written back as translators' tools expect, keeping the lines of what did not change.

An entry the update did not change keeps the lines it had in the file (see `write_catalog`),
and a catalog read from a file writes its PO header back as it was read; every catalog is
written to a temporary file next to it and swapped in, or not at all.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import math
import os
import re
import secrets
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import PoFileError, normalize, write_po

from docglot.paths import display_path
from docglot.text.catalogs import CatalogError, parse_po, place_comment, po_lines, shown_path

_NO_WRAP = 1_000_000
"""Babel's `width` that wraps no line: long lines stay whole, as `catalog update` writes them."""


def po_bytes(catalog: Catalog, previous: bytes | None = None) -> bytes:
    """Serialise a catalog the way `write_catalog` writes it.

    Given `previous`, the file's content before the update, the entries the update did not
    change keep the lines they had there (see `_as_written`).
    """
    data = _babel_po(catalog)
    # A file docglot wrote, which the update leaves as it is, needs no entry read again:
    # every one of its blocks is already as Babel writes it.
    if previous is None or data == previous:
        return data
    return _as_written(data, previous, catalog)


def _babel_po(catalog: Catalog, *, omit_header: bool = False) -> bytes:
    """The PO text Babel writes for a catalog, with previous texts and obsolete entries' fuzzy flags."""
    for message in [*catalog, *catalog.obsolete.values()]:
        # Extracted comments (`#.`, the places) as the catalog will read them back.
        message.auto_comments = [place_comment(comment) for comment in message.auto_comments]

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
    """An obsolete entry as Babel writes it, with its places and its fuzzy flag where gettext writes them.

    Babel writes obsolete entries without their flags: the fuzzy translation of an earlier
    text would come back as a valid one with its object. Nor does it write their extracted
    comments, which name the places an entry of a text was shown at. A plural entry keeps
    as many forms as the catalog's header declares.
    """
    alone = Catalog(charset=catalog.charset)
    alone.mime_headers = [("Plural-Forms", catalog.plural_forms)]
    alone.obsolete[str(message.id)] = message
    buffer = io.BytesIO()
    write_po(buffer, alone, width=_NO_WRAP, omit_header=True)
    lines = buffer.getvalue().splitlines(keepends=True)
    first = next(index for index, line in enumerate(lines) if line.startswith(b"#~"))
    if message.fuzzy:
        lines.insert(first, b"#, fuzzy\n")
    places = [
        f"#. {comment}\n".encode(catalog.charset, "backslashreplace") for comment in message.auto_comments
    ]
    lines[first:first] = places
    return b"".join(lines)


def _as_written(data: bytes, previous: bytes, catalog: Catalog) -> bytes:
    """Put back, as the file had them, the lines of each entry the update did not change.

    A translator's editor writes entries its own way (Babel wraps long strings at 76
    columns, a hand edit splits a string where the translator likes) and an update must not
    rewrite what it did not change: each block of the previous file (an entry, or the
    header) is read alone and written as Babel writes it; where the new file has that same
    text, the block goes back as it was. The file ends as it ended, with a blank line (as
    Babel writes) or without (as gettext's tools and Poedit write).

    A file that gettext's tools re-wrapped as a whole (`msgcat`, `msgmerge`, `msgattrib`,
    at any `--width`, or `--no-wrap`) is the exception (see `_wrapped_by_gettext`): the
    entries they only re-wrapped take docglot's lines again, and the file ends with a blank
    line, as before the tool ran.
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
    # Entries gettext's tools only re-wrapped take docglot's lines again, and the file its end.
    rewrapped = [written for written, block in as_written.items() if _rewrapped(block, written)]
    undone = bool(rewrapped) and _wrapped_by_gettext(previous)
    for written in rewrapped if undone else []:
        del as_written[written]
    blocks = [as_written.get(block, block) for block in _blocks(data)]
    ending = b"\n" if previous.endswith(b"\n\n") or undone else b""
    return b"\n".join(blocks) + ending


# The lines gettext's tools write: a field's first line (`msgid "..."`, `#~ msgstr "..."`,
# `#| msgid "..."`, `#~| msgid "..."`) and the strings continuing it (`"..."`, `#~ "..."`).
_FIELD = re.compile(r'(#~\| |#~ |#\| |)(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"')
_CONTINUED = re.compile(r'(#~\| |#~ |#\| |)"(.*)"')
# A `\n` escape (not `\\n`), after which gettext always starts a new line.
_NEWLINE = r"(?<!\\)(?:\\\\)*\\n"
_ENDS_LINE = re.compile(f"{_NEWLINE}$")
_INNER_NEWLINE = re.compile(f"{_NEWLINE}.")
# Where every line breaking algorithm may break, Unicode's (UAX #14) and so gettext's: after
# spaces that follow text (not an opening bracket, nor the start of a line) and come before a
# letter or digit. There are more places (after a hyphen, between ideographs...): those do
# not count here, which only makes the widths below less narrow.
_BREAK = re.compile(r"[^ (\[{] +[^\W_]")


def _columns(text: str) -> int:
    """The columns a text takes, as gettext counts them: wide East Asian characters take 2."""
    return sum(
        0
        if unicodedata.combining(character) or unicodedata.category(character) == "Cc"
        else 2
        if unicodedata.east_asian_width(character) in "WF"
        else 1
        for character in text
    )


def _within_word(before: str, after: str) -> bool:
    """Whether a break between two strings falls between two ASCII letters or digits."""
    return before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum()


@dataclass
class _PageWidths:
    """The page widths a file's lines are consistent with, as gettext's tools wrap lines."""

    least: float = 0
    """The widest string line that could have been broken: the page is at least as wide."""
    most: float = math.inf
    """Each broken string line with the next line's first word is wider than the page."""
    references_least: float = 0
    """`least` for lines of references, which gettext wraps even with `--no-wrap`."""
    references_most: float = math.inf
    """`most` for lines of references."""

    def consistent(self) -> bool:
        """Whether one page width fits every line, or strings are unwrapped and references fit one."""
        if self.least > self.most or self.references_least > self.references_most:
            return False
        least, most = max(self.least, self.references_least), min(self.most, self.references_most)
        return self.most == math.inf or least <= most

    def fit_field(self, lines: list[str]) -> bool:
        """Narrow the widths by one field's lines; `False` where gettext would not write them so."""
        first = _FIELD.fullmatch(lines[0])
        if first is None:
            return False
        prefix, content = first[1], first[2]
        if len(lines) == 1:
            if _INNER_NEWLINE.search(content):
                return False
            if _BREAK.search(content):
                self.least = max(self.least, _columns(lines[0]))
            return True
        if content:
            return False  # A broken string starts on a line of its own: `msgid ""`.
        contents = [line[len(prefix) + 1 : -1] for line in lines[1:]]
        portions: list[list[str]] = [[]]
        for content in contents:
            portions[-1].append(content)
            if _ENDS_LINE.search(content):
                portions.append([])
        portions = [portion for portion in portions if portion]
        if len(portions) == 1:
            # A single line of text is broken only where it did not fit after its keyword.
            whole = f'{lines[0].removesuffix(chr(34) * 2)}"{"".join(contents)}"'
            self.most = min(self.most, _columns(whole) - 1)
        for portion in portions:
            for index, content in enumerate(portion):
                line = f'{prefix}"{content}"'
                if _BREAK.search(content):
                    self.least = max(self.least, _columns(line))
                if index + 1 < len(portion):
                    following = portion[index + 1]
                    if _within_word(content, following):
                        return False
                    # Its first word ends where it may be broken, if it may (see `_BREAK`).
                    end = _BREAK.search(following)
                    word = following[: end.end() - 1] if end else following
                    self.most = min(self.most, _columns(line) + _columns(word) - 1)
        return True

    def fit_references(self, lines: list[str]) -> None:
        """Narrow the widths by a run of reference lines (`#: file:line file:line`)."""
        for index, line in enumerate(lines):
            if " " in line.removeprefix("#: "):
                self.references_least = max(self.references_least, _columns(line))
            if index + 1 < len(lines):
                following = lines[index + 1].removeprefix("#: ").split(" ")[0]
                self.references_most = min(self.references_most, _columns(line) + _columns(following))


def _unwrapped(block: bytes) -> bytes:
    """A block with each field's strings joined into its first line, and its references into one line."""
    lines: list[str] = []
    prefix: str | None = None
    for line in block.decode("utf-8", errors="surrogateescape").split("\n"):
        continued = _CONTINUED.fullmatch(line)
        if prefix is not None and continued is not None and continued[1] == prefix:
            lines[-1] = f'{lines[-1][:-1]}{continued[2]}"'
        elif line.startswith("#: ") and lines and lines[-1].startswith("#: "):
            lines[-1] = f"{lines[-1]} {line.removeprefix('#: ')}"
        else:
            lines.append(line)
        field = _FIELD.fullmatch(line)
        prefix = field[1] if field else prefix if continued else None
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def _rewrapped(block: bytes, rendered: bytes) -> bool:
    """Whether a block of the file is docglot's block `rendered`, with its lines broken elsewhere."""
    return block != rendered and _unwrapped(block) == _unwrapped(rendered)


def _wrapped_by_gettext(data: bytes) -> bool:
    """Whether PO data is laid out as gettext's tools lay out a whole file, at one page width.

    `msgcat`, `msgmerge` and `msgattrib` (and editors that save as they do) wrap every
    string of the file at the page width (79 columns, `--width`, or not at all with
    `--no-wrap`), start a new line after each `\n`, wrap references at the page width, and
    end the file without a blank line. No library reproduces their line breaking (the
    Unicode line breaking of libunistring, through gettext's own rules), so this reads
    what the breaks imply: a line is at most the page width unless it could not be
    broken; a line was broken because the next line's first word did not fit; a string
    left whole fits or cannot be broken; no break falls inside a word. A file a person
    edited (a string split where they liked, long lines left whole, a blank line at the
    end) fits no single page width, and keeps its lines.
    """
    if not data.endswith(b"\n") or data.endswith(b"\n\n"):
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    widths = _PageWidths()
    field: list[str] = []
    references: list[str] = []
    # Split at `\n` only, as `po_lines` does; the sentinel ends the last field.
    prefix: str | None = None
    for line in [*text.split("\n")[:-1], ""]:
        continued = _CONTINUED.fullmatch(line)
        if continued is not None and continued[1] == prefix:
            field.append(line)
            continue
        if field and not widths.fit_field(field):
            return False
        opening = _FIELD.fullmatch(line)
        field, prefix = ([line], opening[1]) if opening else ([], None)
        if line.startswith("#: "):
            references.append(line)
        else:
            widths.fit_references(references)
            references = []
    return widths.consistent()


def _blocks(data: bytes) -> list[bytes]:
    """The blocks of PO data: runs of non-blank lines, an entry or the header each."""
    blocks: list[bytes] = []
    current: list[bytes] = []
    for line in [*po_lines(data), b""]:
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
        f"{shown_path(path)}: cannot write the catalog ({error.strerror or error}); {kept}: "
        f"{fix}, then run docglot catalog update again"
    )
