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
import os
import secrets
import stat
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
    return data if previous is None else _as_written(data, previous, catalog)


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
