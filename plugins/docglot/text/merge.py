"""The messages the reference renders, merged into a language's catalog.

A catalog has one entry per English text, listing every place that shows it (`#.` the
object path and slot, `#:` the file and line), and an override for a place that has a
translation of its own: an entry whose msgctxt is the place (see `docglot.text.lookup`).

The merge is ours rather than `babel.messages.catalog.Catalog.update` because Babel's
fuzzy matching ignores the places: a changed `Doc` text could inherit the translation of
another object's text, while its own old translation went obsolete. Here a changed text
keeps the old translation of the same place, marked fuzzy with the previous text, for that
place only; no translation is ever dropped.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage

from docglot.text.lookup import places_of
from docglot.text.messages import Message, entry_context

Key = tuple[str, str]
"""An entry's `(msgctxt, msgid)`, or a place and the text it shows."""


@dataclass(frozen=True)
class Extracted:
    """A message found in the rendered reference, with where its text is written."""

    message: Message
    locations: tuple[tuple[str, int], ...] = ()


def _new_message(
    source: str,
    context: str,
    locations: Iterable[tuple[str, int]],
    string: str = "",
    *,
    fuzzy: bool = False,
) -> PoMessage:
    flags = {"fuzzy"} if fuzzy else set()
    po = PoMessage(source, string, locations=list(locations), flags=flags, context=context or None)
    # Markdown such as "50% of" is not a Python format string.
    po.flags.discard("python-format")
    return po


def _carried(po: PoMessage, source: str, context: str, locations: Iterable[tuple[str, int]]) -> PoMessage:
    """The translation of an old entry, fuzzy, for a changed text: with the text it was written for.

    A fuzzy entry's previous text is its own (a text changed twice before the translator
    came); an obsolete fuzzy entry has none (its file keeps none), and none is made up.
    """
    new = _new_message(source, context, locations, str(po.string), fuzzy=True)
    new.previous_id = list(po.previous_id) if po.fuzzy else [str(po.id)]
    return new


def _kept(po: PoMessage, source: str, context: str, locations: Iterable[tuple[str, int]]) -> PoMessage:
    """An old entry as it was (translation, flags, comments), at its new locations."""
    new = _new_message(source, context, locations, str(po.string))
    new.flags = set(po.flags) - {"python-format"}
    new.user_comments = list(po.user_comments)
    new.previous_id = list(po.previous_id)
    return new


def _is_text_entry(key: Key) -> bool:
    """Whether an entry translates its text at every place, rather than at one (an override)."""
    return key[0] == entry_context(key[0])


def migrated(active: dict[Key, PoMessage]) -> dict[Key, PoMessage]:
    """Turn the entries of the per-place format of earlier versions into entries per text.

    Those are the entries with a place as msgctxt whose text has no entry of its own. Each
    text gets one entry with the most frequent translation (validated ones first, the first
    met on a tie) listing every place; a place translated otherwise keeps its translation
    as an override; an untranslated place, or one fuzzy with the same translation, joins the
    text's entry.
    """
    result: dict[Key, PoMessage] = {}
    per_place: dict[str, list[PoMessage]] = {}
    for key, po in active.items():
        if _is_text_entry(key) or (entry_context(key[0]), key[1]) in active:
            result[key] = po
        else:
            per_place.setdefault(key[1], []).append(po)
    for source, entries in per_place.items():
        pool = [po for po in entries if po.string and not po.fuzzy] or [po for po in entries if po.string]
        counts = Counter(str(po.string) for po in pool)
        chosen = next((po for po in pool if str(po.string) == max(counts, key=counts.__getitem__)), None)
        shared = _kept(chosen, source, "", []) if chosen else _new_message(source, "", [])
        shared.auto_comments = [str(po.context) for po in entries]
        shared.user_comments = list(dict.fromkeys(c for po in entries for c in po.user_comments))
        for po in entries:
            joins = not po.string or (po.string == shared.string and (shared.fuzzy or not po.fuzzy))
            if not joins:
                result[(str(po.context), source)] = po
        result[("", source)] = shared
    return result


def merge(old: Catalog, extracted: Iterable[Extracted]) -> Catalog:
    """Return the catalog updated to the extracted messages; no translation is lost.

    - each English text has one entry listing every place that shows it; a known text keeps
      its entry (translation, flags, comments); an override (an entry whose msgctxt is a
      place) stays while its place shows its text;
    - a place whose text changed keeps its old translation (the closest text gone from that
      place, for a docstring of several paragraphs), fuzzy, with the previous text: in the
      new text's entry when no other place shows that text and it has no translation yet,
      else in an override of that place, so that only that place is outdated. An override
      follows its place's text in the same way;
    - a new text whose English text was translated in an entry now obsolete (a renamed or
      moved object) starts from that translation, fuzzy (with its previous text, if any);
    - a new text is untranslated;
    - a translated entry no longer extracted, or an override whose place is gone, becomes
      obsolete, with its translation, and stays so; an untranslated one is dropped;
    - a catalog of the earlier per-place format is converted first (see `migrated`);
    - the header stays as it was, but for the placeholders translators' tools warn about.
    """
    extracted = list(extracted)
    # Plural entries (`msgid_plural`), which docglot never extracts, are kept as they are.
    plural = [po for po in [*old, *old.obsolete.values()] if po.id and not isinstance(po.id, str)]
    active = migrated({(po.context or "", str(po.id)): po for po in old if isinstance(po.id, str) and po.id})
    obsolete = {(po.context or "", str(po.id)): po for po in old.obsolete.values() if isinstance(po.id, str)}

    # What each place showed, and the entry that translated it there.
    had: dict[str, dict[str, tuple[Key, PoMessage]]] = {}
    for key, po in obsolete.items():
        for place in places_of(po):
            had.setdefault(place, {})[key[1]] = (key, po)
    for key, po in active.items():
        for place in places_of(po) if _is_text_entry(key) else []:
            had.setdefault(place, {})[key[1]] = (key, po)
    for key, po in active.items():
        if not _is_text_entry(key) and (po.string or key[1] not in had.get(key[0], {})):
            had.setdefault(key[0], {})[key[1]] = (key, po)

    # The places and locations of each text, in the order of the reference.
    wanted: dict[Key, Extracted] = {}
    for item in extracted:
        wanted.setdefault((item.message.context, item.message.source), item)
    texts: dict[Key, list[str]] = {}
    for place, source in wanted:
        texts.setdefault((entry_context(place), source), []).append(place)

    def locations(*places: Key) -> list[tuple[str, int]]:
        return list(dict.fromkeys(loc for place in places for loc in wanted[place].locations))

    def known(text: Key) -> PoMessage | None:
        return active.get(text) or obsolete.get(text)

    used: set[Key] = set()
    # Translated entries whose text is gone from a place: candidates for its changed texts.
    orphans: dict[str, list[tuple[Key, PoMessage]]] = {}
    for place, shown in had.items():
        for source, (key, po) in shown.items():
            if po.string and (place, source) not in wanted:
                orphans.setdefault(place, []).append((key, po))
    overrides: dict[Key, PoMessage] = {}
    # Places whose changed text takes the translation of their old text's entry.
    carried: dict[Key, tuple[Key, PoMessage]] = {}
    for place, source in wanted:
        text = (entry_context(place), source)
        if _is_text_entry((place, source)):
            if known(text) is not None:
                continue
        elif (override := active.get((place, source))) is not None:
            overrides[(place, source)] = _kept(override, source, place, locations((place, source)))
            used.add((place, source))
            continue
        elif source in had.get(place, {}):
            continue
        candidates = orphans.get(place, [])
        if (entry := known(text)) is not None and entry.string:
            # The text is translated: only an override follows its place's changed text.
            candidates = [candidate for candidate in candidates if not _is_text_entry(candidate[0])]
        found = _closest(Message(place, source), [po for _, po in candidates])
        if found is None:
            continue
        key, po = next(candidate for candidate in candidates if candidate[1] is found)
        orphans[place].remove((key, po))
        if _is_text_entry(key):
            carried[(place, source)] = (key, po)
        else:
            overrides[(place, source)] = _carried(po, source, place, locations((place, source)))
            used.add(key)

    # Entries gone from the reference whose text is back elsewhere (a renamed or moved object).
    by_source: dict[str, PoMessage] = {}
    for key, po in [*obsolete.items(), *active.items()]:
        if po.string and key not in wanted and key not in texts:
            by_source.setdefault(key[1], po)

    new = _without_entries(old)
    _fill_header(new)
    for text, places in texts.items():
        context, source = text
        where = locations(*((place, source) for place in places))
        entry = known(text)
        if entry is not None and entry.string:
            po = _kept(entry, source, context, where)
            used.add(text)
        else:
            po = (
                _new_message(source, context, where)
                if entry is None
                else _kept(entry, source, context, where)
            )
            # A place's own entry, obsolete since its object went, whose object is back.
            back = [
                (place, revived)
                for place in places
                if (place, source) not in overrides
                and (revived := obsolete.get((place, source))) is not None
                and revived.string
            ]
            waiting = [place for place in places if (place, source) not in overrides]
            inherited = [place for place in waiting if (place, source) in carried]
            if back:
                po = _kept(back[0][1], source, context, where)
            elif inherited and len(inherited) == len(waiting):
                key, first = carried.pop((inherited[0], source))
                po = _carried(first, source, context, where)
                used.add(key)
            elif not inherited and (same_text := by_source.get(source)) is not None:
                po = _new_message(source, context, where, str(same_text.string), fuzzy=True)
                po.previous_id = list(same_text.previous_id) if same_text.fuzzy else []
            for place, revived in back:
                used.add((place, source))
                if revived.string != po.string:
                    overrides[(place, source)] = _kept(revived, source, place, locations((place, source)))
        if not context:
            po.auto_comments = list(places)
        new[po.id] = po
        for place in places:
            if (place, source) in carried:
                key, orphan = carried.pop((place, source))
                used.add(key)
                if orphan.string != po.string or not po.fuzzy:
                    overrides[(place, source)] = _carried(orphan, source, place, locations((place, source)))
            if (override := overrides.get((place, source))) is not None:
                new[override.id] = override

    for key, po in [*active.items(), *obsolete.items()]:
        # An entry without a translation has nothing to keep: edits to untranslated texts
        # would otherwise pile up obsolete entries.
        if key not in used and key not in texts and po.string:
            new.obsolete[(key[1], key[0]) if key[0] else key[1]] = po
    for po in plural:
        if any(po.string):
            new.obsolete[new._key_for(po.id, po.context)] = po
    return new


_PLACEHOLDERS = {
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
}
"""Header values of a new catalog that GNU gettext's `msgfmt -c` warns about, left as Babel writes them."""


def _fill_header(catalog: Catalog) -> None:
    """Fill the header placeholders translators' tools warn about: nobody has translated yet.

    The revision date is the catalog's creation date (a translator's tool sets it when it
    saves), and the last translator is left empty; a value a translator wrote stays.
    """
    headers = list(catalog.mime_headers)
    created = next((value.strip() for name, value in headers if name == "POT-Creation-Date"), "")
    filled = {"PO-Revision-Date": created, "Last-Translator": ""}
    if not any(value.strip() == _PLACEHOLDERS.get(name) for name, value in headers):
        return
    catalog.mime_headers = [
        (name, filled[name] if value.strip() == _PLACEHOLDERS.get(name) else value.removesuffix("\n"))
        for name, value in headers
    ]


def _without_entries(catalog: Catalog) -> Catalog:
    """Return a copy of a catalog with its header (MIME headers, comment, flags) and no entries.

    Copying keeps every header field as it was; a new `Catalog` built from the old one's
    attributes would lose the headers Babel does not know, and Babel splits and re-joins
    `Project-Id-Version` ("mini" would come back as "PROJECT mini"). The entries are
    left out of the copy rather than copied and deleted: on a large reference, copying
    them was most of an update's merging. Babel keeps them in `_messages` and `obsolete`;
    `copy.deepcopy` takes an empty container for each (its `memo` maps an object to its copy).
    """
    entries = getattr(catalog, "_messages", None)
    memo: dict[int, object] = {id(catalog.obsolete): type(catalog.obsolete)()}
    if entries is not None:
        memo[id(entries)] = type(entries)()
    empty = copy.deepcopy(catalog, memo)
    for po in list(empty):  # Any entry Babel keeps elsewhere in another version.
        if po.id:
            empty.delete(po.id, context=po.context)
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
