"""A catalog that gettext's tools re-wrapped comes back, from `catalog update`, as docglot wrote it.

`msgcat` (and `msgmerge`, `msgattrib`, Poedit) wraps every string, the previous texts
(`#| msgid`) and the references of a file at its page width, and ends the file without a
blank line. The next update undoes that for the entries it does not change, at any
`--width` and with `--no-wrap`; a file a person edited keeps its lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docglot.cli import main
from docglot.text.catalogs import read_catalog
from docglot.text.merge import Extracted, merge
from docglot.text.messages import Message
from docglot.text.writer import write_catalog

from tests.mini_site import GREET_LINE, MiniSite

FIELDS = "mini.a_rather_long_module_name.with.folders.api.a_rather_long_function_name:parameter:the_name"
REFERENCES = " ".join(
    f"mini/a_rather_long_module_name/with/folders/{name}" for name in ("api.py:3", "other.py:12")
)
WRITTEN = f"""\
# German translations for mini.
msgid ""
msgstr ""
"Project-Id-Version: mini\\n"
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

# Checked by Anna, who read the whole paragraph twice and compared it with the English text.
#: {REFERENCES}
#, fuzzy
#| msgid "The previous English text, which was long enough to be wrapped at seventy-nine columns."
msgctxt "{FIELDS}"
msgid "The current English text, which is long enough to be wrapped at seventy-nine columns too."
msgstr "Der vorige deutsche Text, der lang genug ist, um bei neunundsiebzig Spalten umbrochen zu werden."

#: mini/api.py:3
msgctxt "mini.greet:docstring"
msgid ""
"First line, and a `code span` with \\"quotes\\".\\n"
"Second line, which is long enough to go past the width of a line in msgcat's output."
msgstr ""
"Erste Zeile, und ein `code span` mit \\"Anführungszeichen\\".\\n"
"Zweite Zeile, die lang genug ist, um über die Breite einer Zeile von msgcat hinauszugehen."

#: mini/api.py:3
msgctxt "mini.greet:parameter:name"
msgid "The name of the person to greet, which the greeting says out loud before anything else."
msgstr "挨拶の前に声に出して言う、挨拶する相手の名前。これは折り返されるのに十分な長さの日本語の文です。"

#~ msgctxt "mini.gone:docstring"
#~ msgid "An obsolete text, long enough to be wrapped at seventy-nine columns by msgcat's writer."
#~ msgstr "Ein veralteter Text, lang genug, um bei neunundsiebzig Spalten von msgcat umbrochen zu werden."

"""
"""A catalog as `catalog update` writes it: every field on one line (but after `\\n`), the
references on one line, a blank line at the end; a fuzzy entry with its previous text, a
translator comment, a Japanese translation (two columns a character) and an obsolete entry."""

MISSING = "GNU gettext is missing: these tests re-wrap catalogs with msgcat (apt-get install gettext)"


def msgcat(path: Path, *options: str) -> None:
    """Re-write a catalog with GNU gettext's `msgcat`, as a translator's tools do."""
    if shutil.which("msgcat") is None:
        if os.environ.get("DOCGLOT_REQUIRE_GETTEXT", "") not in ("", "0"):
            pytest.fail(f"{MISSING}, and DOCGLOT_REQUIRE_GETTEXT is set", pytrace=False)
        pytest.skip(MISSING)
    subprocess.run(["msgcat", *options, "-o", str(path), str(path)], check=True, capture_output=True)


def update(path: Path, changed: dict[str, str] | None = None) -> bool:
    """Merge the catalog's own active messages back into it, as `catalog update` does with no code change.

    `changed` maps an English text to the text the code now has instead.
    """
    changed = changed or {}
    extracted = [
        Extracted(Message(po.context or "", changed.get(str(po.id), str(po.id))), tuple(po.locations))
        for po in read_catalog(path, "de")
        if po.id
    ]
    return write_catalog(path, merge(read_catalog(path, "de"), extracted))


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "de.po"
    path.write_text(WRITTEN, encoding="utf-8")
    assert update(path) is False  # `WRITTEN` is what docglot writes.
    return path


@pytest.mark.parametrize("options", [(), ("--width=40",), ("--width=20",), ("--no-wrap",)])
def test_an_update_undoes_msgcats_wrapping(catalog: Path, options: tuple[str, ...]) -> None:
    msgcat(catalog, *options)
    rewrapped = catalog.read_text(encoding="utf-8")
    assert rewrapped != WRITTEN

    assert update(catalog) is True
    assert catalog.read_text(encoding="utf-8") == WRITTEN


def test_msgcat_wraps_every_kind_of_line_the_update_unwraps(catalog: Path) -> None:
    msgcat(catalog, "--width=40")

    text = catalog.read_text(encoding="utf-8")
    assert '#| msgid ""\n#| "The previous English text, which "\n' in text
    assert 'msgctxt ""\n"mini.a_rather_long_module_name.with."\n' in text
    assert "#: mini/a_rather_long_module_name/with/folders/api.py:3\n#: mini/" in text
    assert '#~ msgid ""\n#~ "An obsolete text, long enough to "\n' in text
    assert 'msgstr ""\n"挨拶の前に声に出して言う、挨拶する相手"\n' in text  # 40 columns.
    assert '"Plural-Forms: nplurals=2; plural=(n !"\n"= 1);\\n"\n' in text
    assert text.endswith('#~ "msgcat umbrochen zu werden."\n')


def test_an_entry_the_update_changes_is_written_as_docglot_writes_it_and_the_others_come_back(
    catalog: Path,
) -> None:
    msgcat(catalog)

    update(
        catalog,
        {"The name of the person to greet, which the greeting says out loud before anything else.": "Who."},
    )

    assert catalog.read_text(encoding="utf-8") == WRITTEN.replace(
        '#: mini/api.py:3\nmsgctxt "mini.greet:parameter:name"\n'
        'msgid "The name of the person to greet, which the greeting says out loud before anything else."\n',
        "#: mini/api.py:3\n#, fuzzy\n"
        '#| msgid "The name of the person to greet, which the greeting says out loud before anything else."\n'
        'msgctxt "mini.greet:parameter:name"\nmsgid "Who."\n',
    )


HAND_SPLIT = WRITTEN.replace(
    'msgstr "Der vorige deutsche Text, der lang genug ist, um bei neunundsiebzig Spalten '
    'umbrochen zu werden."\n',
    'msgstr ""\n"Der vorige deutsche Text, der lang genug ist, um bei neunundsiebzig Spalten "\n'
    '"umbrochen zu werden."\n',
).removesuffix("\n")
"""One entry split as msgcat splits it, the others left whole, and no blank line at the end."""


def test_a_file_a_person_edited_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(HAND_SPLIT, encoding="utf-8")

    assert update(path) is False
    assert path.read_text(encoding="utf-8") == HAND_SPLIT


def test_catalog_update_undoes_msgcats_wrapping_of_a_sites_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    MiniSite(languages=("en", "de")).write(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["catalog", "update"]) == 0
    path = tmp_path / "locales" / "de.po"
    # A long translation, and a long previous text, as a translator's tool writes them.
    text = path.read_text(encoding="utf-8").replace(
        'msgid "The greeting is polite."\nmsgstr ""',
        'msgid "The greeting is polite."\nmsgstr "Der Gruß ist höflich, wie es sich gehört, '
        'auch wenn die Zeile dafür länger als neunundsiebzig Spalten werden muss."',
    )
    path.write_text(text, encoding="utf-8")
    assert main(["catalog", "update"]) == 0
    written = path.read_bytes()
    assert f"#: mini/__init__.py:{GREET_LINE}\n".encode() in written

    msgcat(path)
    assert path.read_bytes() != written
    assert main(["catalog", "update"]) == 0

    assert path.read_bytes() == written
