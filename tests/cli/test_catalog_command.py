"""`docglot catalog update` and `docglot catalog stats` on a small project of their own."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from docglot.cli import main

from tests.mini_site import MiniSite


def docglot(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the `docglot` command in its own process, as a user does."""
    return subprocess.run(
        [sys.executable, "-m", "docglot.cli", *arguments], capture_output=True, text=True, check=False
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    MiniSite().write(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def entries(path: Path) -> tuple[list[tuple[str | None, str, str, bool]], list[tuple[str | None, str, str]]]:
    """Active entries `(place, English, translation, fuzzy)` and obsolete ones, read with Babel.

    An entry's place is its msgctxt (a navigation title, or an override of one place); an
    entry of a text has none, and counts once for each place its extracted comments list.
    """
    with path.open("rb") as file:
        catalog = read_po(file)
    active = [
        (place, str(m.id), str(m.string), m.fuzzy) for m in catalog if m.id for place in places(m.context, m)
    ]
    obsolete = [
        (place, str(m.id), str(m.string)) for m in catalog.obsolete.values() for place in places(m.context, m)
    ]
    return active, obsolete


def places(context: str | None, message: Message) -> list[str | None]:
    """The places an entry translates: its msgctxt, or the places it lists (an API text has no msgctxt)."""
    if context:
        return [context]
    assert message.auto_comments, f"the entry of {message.id!r} lists no place"
    return list(message.auto_comments)


def contexts(path: Path) -> list[str | None]:
    """The msgctxt of each active entry."""
    with path.open("rb") as file:
        return [m.context for m in read_po(file) if m.id]


def update() -> str:
    result = docglot("catalog", "update")
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit_module(project: Path, old: str, new: str) -> None:
    path = project / "src" / "mini" / "__init__.py"
    path.write_text(path.read_text().replace(old, new))


def translate(path: Path, translations: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for source, translation in translations.items():
        text = text.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{translation}"')
    path.write_text(text, encoding="utf-8")


def test_update_creates_one_catalog_per_language_with_every_rendered_text(project: Path) -> None:
    output = update()

    expected = [
        ("mkdocs.yml:nav", "Home", "", False),
        ("mkdocs.yml:nav", "API", "", False),
        ("mkdocs.yml:nav", "Greeting", "", False),
        ("mini.greet:docstring", "Greet someone.", "", False),
        ("mini.greet:docstring", "The greeting is polite.", "", False),
        ("mini.greet:parameter:name", "The name of the person to greet.", "", False),
        ("mini.greet:parameter:loud", "Shout the greeting.", "", False),
        ("mini.greet:return:0", "The greeting.", "", False),
    ]
    assert entries(project / "locales" / "de.po") == (expected, [])
    assert entries(project / "locales" / "fr.po") == (expected, [])
    # Each API text is one entry, without msgctxt; navigation titles keep theirs.
    assert contexts(project / "locales" / "de.po") == [*["mkdocs.yml:nav"] * 3, None, None, None, None, None]
    assert output.splitlines() == [
        f"{project / 'locales' / language}.po: updated, 8 entries for 8 messages "
        "(0 translated, 0 fuzzy, 8 untranslated, 0 obsolete)"
        for language in ("de", "fr")
    ]


def test_update_keeps_every_translation_through_changes(project: Path) -> None:
    update()
    german = project / "locales" / "de.po"
    translate(german, {"Shout the greeting.": "Den Gruß rufen.", "The greeting.": "Der Gruß."})
    translated = german.read_bytes()

    assert "unchanged" in update()
    assert german.read_bytes() == translated

    edit_module(project, "Shout the greeting.", "Shout the greeting, in capitals.")
    edit_module(project, ') -> Annotated[str, Doc("The greeting.")]:', ") -> str:")
    update()
    active, obsolete = entries(german)

    assert (
        "mini.greet:parameter:loud",
        "Shout the greeting, in capitals.",
        "Den Gruß rufen.",
        True,
    ) in active
    assert obsolete == [("mini.greet:return:0", "The greeting.", "Der Gruß.")]
    assert b'#| msgid "Shout the greeting."' in german.read_bytes()


def test_stats_counts_each_language(project: Path) -> None:
    update()
    translate(project / "locales" / "de.po", {"API": "API", "Greet someone.": "Jemanden grüßen."})

    result = docglot("catalog", "stats")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "language    translated   fuzzy  untranslated  obsolete  texts left  words left",
        "de                   2       0             6         0           6          18",
        "fr                   0       0             8         0           8          21",
    ]


def test_a_missing_configuration_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    result = docglot("catalog", "stats")
    assert result.returncode == 2
    assert result.stderr == (
        "docglot: mkdocs.yml: no such file; run docglot where mkdocs.yml is, or pass --config-file\n"
    )


def test_a_broken_catalog_is_one_clear_error(project: Path) -> None:
    (project / "locales").mkdir()
    (project / "locales" / "de.po").write_text('msgid "open\nmsgstr "x"\n', encoding="utf-8")

    result = docglot("catalog", "stats")
    assert result.returncode == 1
    assert result.stderr == (
        "docglot: locales/de.po:1: this line is not a PO keyword with a quoted "
        'string (msgid "open); fix its quotes\n'
    )


def test_a_full_disk_during_an_update_is_one_line_and_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    update()
    german = project / "locales" / "de.po"
    translate(german, {"The greeting.": "Der Gruß."})
    before = {path.name: path.read_bytes() for path in (project / "locales").iterdir()}
    edit_module(project, "Shout the greeting.", "Shout the greeting, in capitals.")
    real_write = os.write

    def full(descriptor: int, data: bytes | memoryview) -> int:
        if os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(project / "locales")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", full)
    code = main(["catalog", "update"])
    monkeypatch.undo()

    assert code == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "docglot: locales/de.po: cannot write the catalog (No space left on device); the catalog is as it "
        "was: free some disk space, then run docglot catalog update again"
    )
    assert {path.name: path.read_bytes() for path in (project / "locales").iterdir()} == before


def test_a_read_only_catalogs_folder_during_an_update_is_one_line_and_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    update()
    before = {path.name: path.read_bytes() for path in (project / "locales").iterdir()}
    edit_module(project, "Shout the greeting.", "Shout the greeting, in capitals.")
    real_open = os.open

    # Tests run as root, whom a read-only mode does not stop: the folder refuses new files
    # as a read-only one does.
    def read_only(path: str | os.PathLike[str], flags: int, *arguments: int, **options: int) -> int:
        if flags & os.O_CREAT and Path(path).parent == project / "locales":
            raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *arguments, **options)

    monkeypatch.setattr(os, "open", read_only)
    code = main(["catalog", "update"])
    monkeypatch.undo()

    assert code == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "docglot: locales/de.po: cannot write the catalog (Read-only file system); the catalog is as it was: "
        "make locales writable, then run docglot catalog update again"
    )
    assert {path.name: path.read_bytes() for path in (project / "locales").iterdir()} == before


def test_places_that_the_reference_lacks_are_named_shortened_and_dropped_by_the_update(project: Path) -> None:
    update()
    german = project / "locales" / "de.po"
    written = german.read_bytes()
    long_place = "mini.greet:parameter:" + "name" * 25_000
    german.write_bytes(
        written.replace(
            b"#. mini.greet:docstring\n",
            f"#. mini.greet:docstring\n#. nowhere.at.all:parameter:ghost\n#. {long_place}\n".encode(),
            1,
        )
    )

    check = docglot("check", "src", "--select", "DG205")
    shortened = f"{long_place[:200]}…"
    assert (check.returncode, check.stdout.splitlines(), check.stderr) == (
        1,
        [
            f'locales/de.po:37:1: DG205 the entry for "Greet someone." ({shortened}) is no longer in the '
            "reference: run docglot catalog update",
            'locales/de.po:37:1: DG205 the entry for "Greet someone." (nowhere.at.all:parameter:ghost) is no '
            "longer in the reference: run docglot catalog update",
        ],
        "2 findings\n",
    )
    assert "updated" in update()
    assert german.read_bytes() == written
