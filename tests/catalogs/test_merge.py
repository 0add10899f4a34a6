"""`docglot catalog update` merges: new, changed, removed, renamed objects; nothing is lost."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from docglot.catalogs import Entry, Extracted, SiteCatalog, State, merge, parse_po, po_bytes, stats
from docglot.messages import Message

PARAM = "pkg.api.greet:parameter:name"


def extracted(*pairs: tuple[str, str]) -> list[Extracted]:
    return [Extracted(Message(context, source), (("pkg/api.py", 3),)) for context, source in pairs]


def catalog(*entries: tuple[str, str, str], fuzzy: bool = False) -> Catalog:
    """A German catalog with `(context, English, German)` entries."""
    result = Catalog(locale="de", project="test", fuzzy=False)
    for context, source, translation in entries:
        result.add(source, translation, context=context, flags={"fuzzy"} if fuzzy else ())
    return result


def reread(catalog: Catalog) -> Catalog:
    """Write the catalog as a PO file and read it back with Babel, as a translator's tool would."""
    return parse_po(po_bytes(catalog), "de")


def entry(catalog: Catalog, context: str, source: str) -> Entry:
    return SiteCatalog(catalog).lookup(Message(context, source))


def test_a_new_object_becomes_an_untranslated_entry() -> None:
    new = reread(merge(catalog(), extracted((PARAM, "The name."))))

    assert entry(new, PARAM, "The name.") == Entry(State.untranslated, "")
    assert new.get("The name.", context=PARAM).locations == [("pkg/api.py", 3)]


def test_a_changed_text_keeps_its_translation_marked_fuzzy_with_the_previous_text() -> None:
    old = catalog((PARAM, "The name.", "Der Name."))

    new = reread(merge(old, extracted((PARAM, "The person's name."))))

    assert entry(new, PARAM, "The person's name.") == Entry(State.fuzzy, "Der Name.")
    assert new.get("The person's name.", context=PARAM).previous_id == ["The name."]
    assert list(new.obsolete) == []


def test_a_removed_object_becomes_obsolete_with_its_translation() -> None:
    old = catalog((PARAM, "The name.", "Der Name."), ("pkg.api.gone:docstring", "Gone.", "Weg."))

    new = reread(merge(old, extracted((PARAM, "The name."))))

    assert [(m.context, m.id, m.string) for m in new.obsolete.values()] == [
        ("pkg.api.gone:docstring", "Gone.", "Weg.")
    ]
    assert entry(new, PARAM, "The name.") == Entry(State.translated, "Der Name.")


def test_a_renamed_object_starts_from_its_old_translation_marked_fuzzy() -> None:
    old = catalog(("pkg.api.hello:parameter:name", "The name.", "Der Name."))

    new = reread(merge(old, extracted((PARAM, "The name."))))

    assert entry(new, PARAM, "The name.") == Entry(State.fuzzy, "Der Name.")
    assert [(m.context, m.string) for m in new.obsolete.values()] == [
        ("pkg.api.hello:parameter:name", "Der Name.")
    ]


def test_an_object_that_comes_back_gets_its_translation_back() -> None:
    removed = merge(catalog((PARAM, "The name.", "Der Name.")), extracted())

    back = reread(merge(reread(removed), extracted((PARAM, "The name."))))

    assert entry(back, PARAM, "The name.") == Entry(State.translated, "Der Name.")
    assert list(back.obsolete) == []


def test_the_same_text_in_two_places_can_be_translated_differently() -> None:
    other = "pkg.api.Shape:attribute:size"
    old = catalog((PARAM, "The size.", "Die Größe."), (other, "The size.", "Der Umfang."))

    new = reread(merge(old, extracted((PARAM, "The size."), (other, "The size."))))

    assert entry(new, PARAM, "The size.") == Entry(State.translated, "Die Größe.")
    assert entry(new, other, "The size.") == Entry(State.translated, "Der Umfang.")


def test_a_no_op_update_leaves_the_file_byte_identical() -> None:
    messages = extracted((PARAM, "The name."), ("pkg.api.greet:docstring", "Greet someone."))
    first = po_bytes(merge(catalog((PARAM, "The name.", "Der Name.")), messages))
    translator_copy = parse_po(first, "de")
    translator_copy.get("Greet someone.", context="pkg.api.greet:docstring").string = "Jemanden grüßen."
    translated = po_bytes(translator_copy)

    again = po_bytes(merge(parse_po(translated, "de"), messages))

    assert again == translated


def test_a_fuzzy_entry_keeps_its_previous_text_through_a_no_op_update() -> None:
    messages = extracted((PARAM, "The person's name."))
    fuzzy = po_bytes(merge(catalog((PARAM, "The name.", "Der Name.")), messages))

    again = po_bytes(merge(parse_po(fuzzy, "de"), messages))

    assert again == fuzzy
    assert b'#| msgid "The name."' in again


def test_stats_count_each_state() -> None:
    old = catalog((PARAM, "The name.", "Der Name."), ("pkg.api.gone:docstring", "Gone.", "Weg."))
    new = merge(old, extracted((PARAM, "The person's name."), ("pkg.api.greet:return:0", "A greeting.")))

    assert stats(new) == stats(reread(new))
    assert (stats(new).translated, stats(new).fuzzy, stats(new).untranslated, stats(new).obsolete) == (
        0,
        1,
        1,
        1,
    )
