"""Each English text is translated once: one entry listing its places, overrides per place.

The catalogs `catalog update` writes are read by translators' tools as they are: GNU
gettext (`msgfmt -c`, and the `.mo` Python's `gettext` reads), Babel's `pybabel compile`,
and translate-toolkit, each seeing every text once.
"""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from docglot.text.catalogs import parse_po, read_catalog
from docglot.text.lookup import Lookup, SiteCatalog, State, stats
from docglot.text.merge import Extracted, merge
from docglot.text.messages import Message
from docglot.text.writer import po_bytes, write_catalog
from translate.storage import po as toolkit_po

from tests.gettext import msgfmt_check

A = "pkg.api.greet:parameter:name"
B = "pkg.api.wave:parameter:name"
C = "pkg.api.Shape:attribute:name"
EXAMPLE = "pkg.api.greet:docstring"


def extracted(*items: tuple[str, str, int]) -> list[Extracted]:
    return [Extracted(Message(place, source), (("pkg/api.py", line),)) for place, source, line in items]


def update(path: Path, *items: tuple[str, str, int]) -> Catalog:
    write_catalog(path, merge(read_catalog(path, "de"), extracted(*items)))
    return read_catalog(path, "de")


def translate(path: Path, source: str, translation: str, context: str | None = None) -> None:
    catalog = read_catalog(path, "de")
    message = catalog.get(source, context=context)
    assert message is not None
    message.string = translation
    message.flags.discard("fuzzy")
    message.previous_id = []
    path.write_bytes(po_bytes(catalog, path.read_bytes()))


def shown(catalog: Catalog, place: str, source: str) -> Lookup:
    return SiteCatalog(catalog).lookup(Message(place, source))


THREE = (A, "The name.", 3), (B, "The name.", 9), (C, "The name.", 20)


def test_a_text_shown_in_three_places_is_one_entry_listing_them(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    update(path, *THREE, (EXAMPLE, "## Example", 3))

    text = path.read_text(encoding="utf-8")

    assert text.rstrip("\n").split("\n\n")[1:] == [
        f'#. {A}\n#. {B}\n#. {C}\n#: pkg/api.py:3 pkg/api.py:9 pkg/api.py:20\nmsgid "The name."\nmsgstr ""',
        f'#. {EXAMPLE}\n#: pkg/api.py:3\nmsgid "## Example"\nmsgstr ""',
    ]
    translate(path, "The name.", "Der Name.")
    catalog = read_catalog(path, "de")
    assert [shown(catalog, place, "The name.") for place, _, _ in THREE] == [
        Lookup(State.translated, "Der Name.")
    ] * 3


def test_an_override_wins_at_its_place_is_kept_follows_its_text_and_goes_with_its_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "de.po"
    update(path, *THREE)
    translate(path, "The name.", "Der Name.")
    path.write_text(
        path.read_text(encoding="utf-8") + f'\nmsgctxt "{C}"\nmsgid "The name."\nmsgstr "Die Bezeichnung."\n',
        encoding="utf-8",
    )

    kept = update(path, *THREE)
    assert [shown(kept, place, "The name.").translation for place, _, _ in THREE] == [
        "Der Name.",
        "Der Name.",
        "Die Bezeichnung.",
    ]
    saved = path.read_bytes()
    update(path, *THREE)
    assert path.read_bytes() == saved

    changed = update(path, THREE[0], THREE[1], (C, "The shape's name.", 20))
    override = changed.get("The shape's name.", context=C)
    assert override is not None
    assert (override.string, override.fuzzy, override.previous_id) == (
        "Die Bezeichnung.",
        True,
        ["The name."],
    )
    assert shown(changed, C, "The shape's name.") == Lookup(State.fuzzy, "Die Bezeichnung.")
    assert shown(changed, A, "The name.") == Lookup(State.translated, "Der Name.")

    gone = update(path, THREE[0], THREE[1])
    assert [(m.context, m.id, m.string) for m in gone.obsolete.values()] == [
        (C, "The shape's name.", "Die Bezeichnung.")
    ]


def test_a_changed_place_alone_is_outdated(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    update(path, *THREE)
    translate(path, "The name.", "Der Name.")

    catalog = update(path, THREE[0], (B, "The person's name.", 9), THREE[2])

    assert shown(catalog, B, "The person's name.") == Lookup(State.fuzzy, "Der Name.")
    assert shown(catalog, A, "The name.") == Lookup(State.translated, "Der Name.")
    assert shown(catalog, C, "The name.") == Lookup(State.translated, "Der Name.")
    changed = catalog.get("The person's name.")
    assert changed is not None
    assert (changed.fuzzy, changed.previous_id, changed.auto_comments) == (True, ["The name."], [B])


PER_PLACE = f"""\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "{A}"
msgid "The name."
msgstr "Der Name."

msgctxt "{B}"
msgid "The name."
msgstr "Der Name."

msgctxt "{C}"
msgid "The name."
msgstr "Die Bezeichnung."

msgctxt "{EXAMPLE}"
msgid "Greet."
msgstr ""

msgctxt "pkg.api.wave:docstring"
msgid "Greet."
msgstr "Grüßen."
"""


def test_a_catalog_of_the_per_place_format_is_converted_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(PER_PLACE, encoding="utf-8")

    catalog = update(path, *THREE, (EXAMPLE, "Greet.", 3), ("pkg.api.wave:docstring", "Greet.", 9))

    assert [(m.context, m.id, m.string, m.auto_comments) for m in catalog if m.id] == [
        (None, "The name.", "Der Name.", [A, B, C]),
        (C, "The name.", "Die Bezeichnung.", []),
        (None, "Greet.", "Grüßen.", [EXAMPLE, "pkg.api.wave:docstring"]),
    ]
    assert shown(catalog, EXAMPLE, "Greet.") == Lookup(State.translated, "Grüßen.")
    assert shown(catalog, C, "The name.") == Lookup(State.translated, "Die Bezeichnung.")
    assert list(catalog.obsolete) == []


def test_gettext_babel_and_translate_toolkit_read_each_text_once(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    update(path, *THREE, (EXAMPLE, "Greet.", 3))
    translate(path, "The name.", "Der Name.")
    translate(path, "Greet.", "Grüßen.")
    path.write_text(
        path.read_text(encoding="utf-8") + f'\nmsgctxt "{C}"\nmsgid "The name."\nmsgstr "Die Bezeichnung."\n',
        encoding="utf-8",
    )
    catalog = update(path, *THREE, (EXAMPLE, "Greet.", 3))

    checked = msgfmt_check(path)
    assert (checked.returncode, checked.stderr) == (0, "")
    compiled = subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "compile",
            "-i",
            str(path),
            "-o",
            str(tmp_path / "de.mo"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    with (tmp_path / "de.mo").open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    # A gettext program looks a text up by its place (an override), then by the text alone.
    site = SiteCatalog(catalog)
    for place, source in [(A, "The name."), (B, "The name."), (C, "The name."), (EXAMPLE, "Greet.")]:
        own = translations.pgettext(place, source)
        looked_up = own if own != source else translations.gettext(source)
        assert looked_up == site.lookup(Message(place, source)).translation
    assert (translations.gettext("The name."), translations.pgettext(C, "The name.")) == (
        "Der Name.",
        "Die Bezeichnung.",
    )
    assert translations.pgettext(A, "The name.") == "The name."

    store = toolkit_po.pofile.parsefile(str(path))
    units = [(unit.getcontext(), unit.source) for unit in store.units if not unit.isheader()]
    assert units == [("", "The name."), (C, "The name."), ("", "Greet.")]
    assert store.units[1].getlocations() == ["pkg/api.py:3", "pkg/api.py:9", "pkg/api.py:20"]
    counts = stats(parse_po(path.read_bytes(), "de"))
    assert (counts.translated, counts.texts_left, counts.words_left) == (3, 0, 0)


def test_a_new_catalog_has_no_header_placeholders_msgfmt_warns_about(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    update(path, *THREE)

    headers = dict(read_catalog(path, "de").mime_headers)

    assert (headers["PO-Revision-Date"], headers["Last-Translator"]) == (headers["POT-Creation-Date"], "")
    checked = msgfmt_check(path)
    assert (checked.returncode, checked.stderr) == (0, "")
    counts = stats(read_catalog(path, "de"))
    assert (counts.untranslated, counts.texts_left, counts.words_left) == (1, 1, 2)
