"""The messages the reference renders, merged into a language's catalog.

The merge is ours rather than `babel.messages.catalog.Catalog.update` because Babel's
fuzzy matching ignores the message context: a changed `Doc` text could inherit the
translation of another object's text, while its own old translation went obsolete. Here a
changed text keeps the old translation of the same object and slot, marked fuzzy with the
previous text; no translation is ever dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage

from docglot.text.messages import Message


@dataclass(frozen=True)
class Extracted:
    """A message found in the rendered reference, with where its text is written."""

    message: Message
    locations: tuple[tuple[str, int], ...] = ()


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
