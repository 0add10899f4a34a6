"""Catalogs as they were last read, kept under the digest of their bytes.

Every build reads every translation's catalog, and so do `docglot check` and `docglot catalog
update`: on FastAPI's reference, Babel's parser and docglot's checks of the lines take a
fifth of a check run right after a build (0.3 s of its 1.6 s for seven catalogs). A
catalog read once is kept in the site's cache folder (`cache_dir`) as the entries Babel
made of it, with a digest of the file's bytes, of the code that read it and of Babel's
version; the next reader of the same bytes takes the entries without parsing them again.

What is kept is what the reader gave after every check of the file passed: a file that
differs in one byte is read and checked again. The cache holds no code, only texts and
numbers, read with `json` and checked for their types: a cache file that is not one of
ours (hand-edited, truncated, of another layout) is ignored, as if there were none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message

from docglot.cache_files import write_cache_file

FORMAT = 1
"""The layout of a cache file; a file of another layout is ignored."""


@dataclass(frozen=True)
class KeptCatalog:
    """A catalog's header and entries, as its reader last gave them."""

    headers: list[tuple[str, str]]
    """The MIME headers of the header entry, in their order."""
    comment: str | None
    """The header entry's comment."""
    fuzzy: bool
    """Whether the header entry is fuzzy."""
    header_line: int | None
    """The line of the header entry."""
    messages: list[Message]
    """The entries, in the file's order."""
    obsolete: list[Message]
    """The obsolete entries (`#~`), in the file's order."""


def folder(config_file: str | Path, cache_dir: str) -> Path | None:
    """Where a site keeps its catalogs as read; `None` when it keeps no cache (`cache_dir: ""`)."""
    if not cache_dir:
        return None
    return Path(config_file).parent / cache_dir / "catalogs"


def save(path: Path, key: str, kept: KeptCatalog) -> None:
    """Keep a catalog's entries at `path`, under `key` (not at all if the cache cannot be written)."""
    record = {
        "format": FORMAT,
        "key": key,
        "headers": kept.headers,
        "comment": kept.comment,
        "fuzzy": kept.fuzzy,
        "header_line": kept.header_line,
        "messages": [_entry(message) for message in kept.messages],
        "obsolete": [_entry(message) for message in kept.obsolete],
    }
    write_cache_file(path, record)


def load(path: Path, key: str) -> KeptCatalog | None:
    """The entries kept at `path` under `key`; `None` if there are none, or none of ours."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != key:
            return None
        return KeptCatalog(
            headers=[(_text(name), _text(value)) for name, value in record["headers"]],
            comment=_optional_text(record["comment"]),
            fuzzy=_flag(record["fuzzy"]),
            header_line=_optional_number(record["header_line"]),
            messages=[_message(entry) for entry in record["messages"]],
            obsolete=[_message(entry) for entry in record["obsolete"]],
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):  # Unreadable or not ours.
        return None


def entries(catalog: Catalog) -> list[Message]:
    """A catalog's entries but its header, in its order (Babel's iteration makes a header first)."""
    return list(islice(catalog, 1, None))


def _entry(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "string": message.string,
        "context": message.context,
        "locations": message.locations,
        "flags": sorted(message.flags),
        "auto_comments": message.auto_comments,
        "user_comments": message.user_comments,
        "previous_id": message.previous_id,
        "lineno": message.lineno,
    }


def _message(entry: dict[str, Any]) -> Message:
    # A location without a line (`#: file`) has `None` for it, as Babel's parser gives it.
    locations: list[Any] = [(_text(file), _optional_number(line)) for file, line in entry["locations"]]
    return Message(
        _text_or_texts(entry["id"]),
        _text_or_texts(entry["string"]),
        locations=locations,
        flags=[_text(flag) for flag in entry["flags"]],
        auto_comments=[_text(comment) for comment in entry["auto_comments"]],
        user_comments=[_text(comment) for comment in entry["user_comments"]],
        previous_id=[_text(text) for text in entry["previous_id"]],
        lineno=_optional_number(entry["lineno"]),
        context=_optional_text(entry["context"]),
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _text_or_texts(value: object) -> str | tuple[str, ...]:
    """A singular entry's text, or a plural entry's texts (a JSON list)."""
    if isinstance(value, list):
        return tuple(_text(item) for item in value)
    return _text(value)


def _optional_number(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value
