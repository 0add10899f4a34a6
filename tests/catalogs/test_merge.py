"""`docglot catalog update` merges: new, changed, removed, renamed objects; nothing is lost."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from docglot.text.catalogs import parse_po, read_catalog
from docglot.text.lookup import Lookup, SiteCatalog, State, stats
from docglot.text.merge import Extracted, merge
from docglot.text.messages import Message
from docglot.text.writer import po_bytes

PARAM = "pkg.api.greet:parameter:name"
DOCSTRING = "pkg.api.greet:docstring"

POEDIT_HEADER = """\
# German translation of the mini API reference.
# Copyright (C) 2024 The mini authors
# Anna Translator <anna@example.org>, 2024.
#
msgid ""
msgstr ""
"Project-Id-Version: mini 1.0\\n"
"Report-Msgid-Bugs-To: bugs@example.org\\n"
"POT-Creation-Date: 2024-01-05 10:00+0000\\n"
"PO-Revision-Date: 2024-02-03 12:34+0100\\n"
"Last-Translator: Anna Translator <anna@example.org>\\n"
"Language-Team: German <de@example.org>\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.4\\n"
"X-Poedit-SourceCharset: UTF-8\\n"

#. pkg.api.greet:parameter:name
#: pkg/api.py:3
msgid "The name."
msgstr "Der Name."
"""


def extracted(*pairs: tuple[str, str]) -> list[Extracted]:
    return [Extracted(Message(context, source), (("pkg/api.py", 3),)) for context, source in pairs]


def catalog(*entries: tuple[str, str, str], fuzzy: bool = False) -> Catalog:
    """A German catalog with `(place, English, German)` entries, one entry per text listing its places."""
    result = Catalog(locale="de", project="test", fuzzy=False)
    for context, source, translation in entries:
        result.add(source, translation, auto_comments=[context], flags={"fuzzy"} if fuzzy else ())
    return result


def per_place_catalog(*entries: tuple[str, str, str], fuzzy: bool = False) -> Catalog:
    """A German catalog in the per-place format of earlier versions: each entry's msgctxt is its place."""
    result = Catalog(locale="de", project="test", fuzzy=False)
    for context, source, translation in entries:
        result.add(source, translation, context=context, flags={"fuzzy"} if fuzzy else ())
    return result


def reread(catalog: Catalog) -> Catalog:
    """Write the catalog as a PO file and read it back with Babel, as a translator's tool would."""
    return parse_po(po_bytes(catalog), "de")


def entry(catalog: Catalog, context: str, source: str) -> Lookup:
    return SiteCatalog(catalog).lookup(Message(context, source))


def test_a_new_object_becomes_an_untranslated_entry() -> None:
    new = reread(merge(catalog(), extracted((PARAM, "The name."))))

    assert entry(new, PARAM, "The name.") == Lookup(State.untranslated, "")
    message = new.get("The name.")
    assert message is not None
    assert (message.locations, message.auto_comments) == ([("pkg/api.py", 3)], [PARAM])


def test_a_changed_text_keeps_its_translation_marked_fuzzy_with_the_previous_text() -> None:
    old = catalog((PARAM, "The name.", "Der Name."))

    new = reread(merge(old, extracted((PARAM, "The person's name."))))

    assert entry(new, PARAM, "The person's name.") == Lookup(State.fuzzy, "Der Name.")
    message = new.get("The person's name.")
    assert message is not None
    assert message.previous_id == ["The name."]
    assert list(new.obsolete) == []


def test_a_removed_object_becomes_obsolete_with_its_translation() -> None:
    old = catalog((PARAM, "The name.", "Der Name."), ("pkg.api.gone:docstring", "Gone.", "Weg."))

    new = reread(merge(old, extracted((PARAM, "The name."))))

    assert [(m.context, m.id, m.string) for m in new.obsolete.values()] == [(None, "Gone.", "Weg.")]
    assert entry(new, PARAM, "The name.") == Lookup(State.translated, "Der Name.")


def test_a_renamed_object_keeps_the_translation_of_its_text() -> None:
    # The text is translated once, wherever it is shown: the entry lists its new place.
    old = catalog(("pkg.api.hello:parameter:name", "The name.", "Der Name."))

    new = reread(merge(old, extracted((PARAM, "The name."))))

    assert entry(new, PARAM, "The name.") == Lookup(State.translated, "Der Name.")
    assert [(m.auto_comments, m.string) for m in new if m.id] == [([PARAM], "Der Name.")]
    assert list(new.obsolete) == []


def test_a_renamed_object_starts_from_its_own_old_translation_marked_fuzzy() -> None:
    # A place's own translation (an override) goes obsolete with its place; a new place
    # whose text has no translation starts from it.
    old = catalog(("pkg.api.hello:parameter:name", "The name.", ""))
    old.add("The name.", "Der Name.", context="pkg.api.hello:parameter:name")

    new = reread(merge(old, extracted((PARAM, "The name."))))

    assert entry(new, PARAM, "The name.") == Lookup(State.fuzzy, "Der Name.")
    assert [(m.context, m.string) for m in new.obsolete.values()] == [
        ("pkg.api.hello:parameter:name", "Der Name.")
    ]


def test_an_object_that_comes_back_gets_its_translation_back() -> None:
    removed = merge(catalog((PARAM, "The name.", "Der Name.")), extracted())

    back = reread(merge(reread(removed), extracted((PARAM, "The name."))))

    assert entry(back, PARAM, "The name.") == Lookup(State.translated, "Der Name.")
    assert list(back.obsolete) == []


def test_the_same_text_in_two_places_can_be_translated_differently() -> None:
    other = "pkg.api.Shape:attribute:size"
    old = per_place_catalog((PARAM, "The size.", "Die Größe."), (other, "The size.", "Der Umfang."))

    new = reread(merge(old, extracted((PARAM, "The size."), (other, "The size."))))

    assert entry(new, PARAM, "The size.") == Lookup(State.translated, "Die Größe.")
    assert entry(new, other, "The size.") == Lookup(State.translated, "Der Umfang.")


def test_a_no_op_update_leaves_the_file_byte_identical() -> None:
    messages = extracted((PARAM, "The name."), ("pkg.api.greet:docstring", "Greet someone."))
    first = po_bytes(merge(catalog((PARAM, "The name.", "Der Name.")), messages))
    translator_copy = parse_po(first, "de")
    greeting = translator_copy.get("Greet someone.")
    assert greeting is not None
    greeting.string = "Jemanden grüßen."
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


def test_a_no_op_update_keeps_a_poedit_header_and_its_comment() -> None:
    # Babel alone would drop the `X-*` headers, re-order the others, lower-case the charset
    # and add `Generated-By`: the first update after a save in Poedit would rewrite it all.
    saved = POEDIT_HEADER.encode()

    again = po_bytes(merge(parse_po(saved, "de"), extracted((PARAM, "The name."))))

    assert again == po_bytes(parse_po(saved, "de"))
    # Babel ends the last entry with a blank line, which Poedit does not write.
    assert again == saved + b"\n"
    assert b'"X-Generator: Poedit 3.4\\n"' in again
    assert b'"Project-Id-Version: mini 1.0\\n"' in again


def test_a_project_id_version_without_a_version_is_kept_as_it_is() -> None:
    saved = POEDIT_HEADER.replace("mini 1.0", "mini").encode()

    again = po_bytes(merge(parse_po(saved, "de"), extracted((PARAM, "The name."))))

    assert b'"Project-Id-Version: mini\\n"' in again


def test_a_header_without_a_comment_gets_none() -> None:
    saved = POEDIT_HEADER[POEDIT_HEADER.index('msgid ""') :].encode()

    again = po_bytes(merge(parse_po(saved, "de"), extracted((PARAM, "The name."))))

    assert again.startswith(b'msgid ""\n')
    assert again == saved + b"\n"


def test_a_new_catalog_gets_babels_header() -> None:
    new = po_bytes(merge(Catalog(locale="de", project="API reference", fuzzy=False), extracted()))

    assert b'"Project-Id-Version: API reference' in new
    assert b'"Language: de\\n"' in new


def test_a_rewritten_parameter_description_keeps_its_translation_however_different() -> None:
    old = catalog((PARAM, "The name.", "Der Name."))

    new = reread(merge(old, extracted((PARAM, "Who to greet, as written on the envelope."))))

    assert entry(new, PARAM, "Who to greet, as written on the envelope.") == Lookup(State.fuzzy, "Der Name.")


def test_a_slightly_changed_paragraph_keeps_its_translation() -> None:
    old = catalog((DOCSTRING, "Greet someone by name.", "Jemanden mit Namen grüßen."))

    new = reread(merge(old, extracted((DOCSTRING, "Greet someone by their name."))))

    assert entry(new, DOCSTRING, "Greet someone by their name.") == Lookup(
        State.fuzzy, "Jemanden mit Namen grüßen."
    )


def test_a_new_paragraph_does_not_inherit_a_deleted_paragraphs_translation() -> None:
    old = catalog((DOCSTRING, "Greet someone by name.", "Jemanden mit Namen grüßen."))

    new = reread(merge(old, extracted((DOCSTRING, "Raises when the mailbox is full."))))

    assert entry(new, DOCSTRING, "Raises when the mailbox is full.") == Lookup(State.untranslated, "")
    assert [(m.id, m.string) for m in new.obsolete.values()] == [
        ("Greet someone by name.", "Jemanden mit Namen grüßen.")
    ]


def test_an_untranslated_text_that_changes_leaves_no_obsolete_entry() -> None:
    old = catalog((PARAM, "The name.", ""), ("pkg.api.gone:docstring", "Gone.", ""))

    new = reread(merge(old, extracted((PARAM, "The person's name."))))

    assert entry(new, PARAM, "The person's name.") == Lookup(State.untranslated, "")
    assert list(new.obsolete) == []


def test_an_untranslated_obsolete_entry_is_dropped() -> None:
    saved = b'#~ msgctxt "pkg.api.gone:docstring"\n#~ msgid "Gone."\n#~ msgstr ""\n'
    old = parse_po(saved, "de")
    assert len(old.obsolete) == 1

    new = reread(merge(old, extracted((PARAM, "The name."))))

    assert list(new.obsolete) == []


def test_a_translated_obsolete_entry_is_kept_through_every_update() -> None:
    current = catalog(("pkg.api.gone:docstring", "Gone.", "Weg."))

    for _ in range(3):
        current = reread(merge(current, extracted((PARAM, "The name."))))

    assert [(m.context, m.id, m.string) for m in current.obsolete.values()] == [(None, "Gone.", "Weg.")]


def test_a_catalog_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_bytes(b"\xef\xbb\xbf" + POEDIT_HEADER.encode())

    read = read_catalog(path, "de")

    assert entry(read, PARAM, "The name.") == Lookup(State.translated, "Der Name.")
    assert dict(read.mime_headers)["X-Generator"] == "Poedit 3.4"


def test_merging_leaves_the_old_catalog_as_it_was() -> None:
    obsolete = b'\n#~ msgctxt "pkg.api.gone:docstring"\n#~ msgid "Gone."\n#~ msgstr "Weg."\n'
    old = parse_po(POEDIT_HEADER.encode() + obsolete, "de")
    before = po_bytes(old)

    new = merge(old, extracted((PARAM, "The name."), (DOCSTRING, "Greet someone.")))

    assert po_bytes(old) == before
    assert [(m.id, m.string) for m in old if m.id] == [("The name.", "Der Name.")]
    assert [(m.id, m.string) for m in new if m.id] == [("The name.", "Der Name."), ("Greet someone.", "")]
    assert [(m.id, m.string) for m in new.obsolete.values()] == [("Gone.", "Weg.")]
    assert new.mime_headers == old.mime_headers
