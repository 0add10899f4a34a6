"""One language's translations, looked up by message, as a page may show them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog

from docglot.text.catalogs import read_catalog
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

    def states(self) -> list[State]:
        """The state of each entry, in the catalog's order."""
        return [entry.state for entry in self._entries.values()]


@dataclass(frozen=True)
class Stats:
    """Counts of one catalog's entries."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int


def stats(catalog: Catalog) -> Stats:
    """Count translated, fuzzy, untranslated and obsolete entries."""
    states = SiteCatalog(catalog).states()
    return Stats(
        translated=states.count(State.translated),
        fuzzy=states.count(State.fuzzy),
        untranslated=states.count(State.untranslated),
        obsolete=len(catalog.obsolete),
    )
