"""One language's translations, looked up by message, as a page may show them.

A catalog has one entry per English text (its extracted comments, `#.`, list the places
that show it) and, for a place that needs its own wording, an override: an entry whose
msgctxt is that place. A place shows its override when it has a translation, else the
text's entry. A catalog of the earlier per-place format (every entry an override) reads
the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage

from docglot.text.catalogs import read_catalog
from docglot.text.messages import Message, entry_context


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
    def load(
        cls, path: Path, language: str, project: Path | None = None, cache: Path | None = None
    ) -> SiteCatalog:
        """Read the catalog of a language, inside `project`, kept in `cache` (see `read_catalog`)."""
        return cls(read_catalog(path, language, project, cache))

    def lookup(self, message: Message) -> Lookup:
        """Return the entry of a message at its place; a message the catalog lacks is untranslated.

        The place's own entry (an override) wins when it has a translation; otherwise the
        entry of the English text.
        """
        own = self._entries.get((message.context, message.source))
        if own is not None and own.state is not State.untranslated:
            return own
        shared = self._entries.get((entry_context(message.context), message.source))
        return shared or own or Lookup(State.untranslated, "")

    def states(self) -> list[State]:
        """The state of each entry, in the catalog's order."""
        return [entry.state for entry in self._entries.values()]


# A place as an extracted comment names it: an object path (or a file) and a slot.
_PLACE = re.compile(r"^[^\s:]+:\S")


def places_of(po: PoMessage) -> list[str]:
    """The places an entry translates: its msgctxt, or those its extracted comments list."""
    if po.context:
        return [po.context]
    return [comment for comment in po.auto_comments if _PLACE.match(comment)]


def place_entries(catalog: Catalog) -> dict[tuple[str, str], PoMessage]:
    """The active entry each place shows, by `(place, English text)`, as `SiteCatalog.lookup` picks it.

    The text's entry for each place it lists, unless the place has an override with a
    translation; an entry without listed places (written by hand) stands for itself.
    """
    found: dict[tuple[str, str], PoMessage] = {}
    overrides: list[PoMessage] = []
    for po in catalog:
        if not po.id or not isinstance(po.id, str):
            continue
        if not _is_entry_of_text(po):
            overrides.append(po)
            continue
        for place in places_of(po) or [po.context or ""]:
            found[(place, po.id)] = po
    for po in overrides:
        key = (str(po.context), str(po.id))
        if po.string or key not in found:
            found[key] = po
    return found


def _is_entry_of_text(po: PoMessage) -> bool:
    """Whether an entry translates its text everywhere, rather than at one place (an override)."""
    return (po.context or "") == entry_context(po.context or "")


@dataclass(frozen=True)
class Stats:
    """Counts of one catalog's entries, and of what is left to translate."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    texts_left: int = 0
    """Entries still to translate (fuzzy or untranslated): distinct texts, and places' own translations."""
    words_left: int = 0
    """The words of their English texts."""


def stats(catalog: Catalog) -> Stats:
    """Count translated, fuzzy, untranslated and obsolete entries, and the texts and words left."""
    states = SiteCatalog(catalog).states()
    # Each entry is one piece of work: a distinct text, or a place's own translation.
    left = [
        str(po.id)
        for po in catalog
        # An override without a translation leaves its place to the text's entry.
        if po.id and isinstance(po.id, str) and (po.fuzzy if po.string else _is_entry_of_text(po))
    ]
    return Stats(
        translated=states.count(State.translated),
        fuzzy=states.count(State.fuzzy),
        untranslated=states.count(State.untranslated),
        obsolete=len(catalog.obsolete),
        texts_left=len(left),
        words_left=sum(len(text.split()) for text in left),
    )
