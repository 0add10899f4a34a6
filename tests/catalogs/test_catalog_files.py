"""Catalog files as docglot reads and writes them: what it writes it reads back, and what it
cannot read as it is (a charset that does not fit, an entry Babel would misread, a file that
is not a catalog) is one line naming the file, the line and the fix.

GNU gettext's `msgfmt -c` (Debian's `gettext`) reads every file written here, as a
translator's tools would.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from docglot.text.catalogs import CatalogError, catalog_folder, printable, read_catalog
from docglot.text.lookup import SiteCatalog, State
from docglot.text.merge import Extracted, merge
from docglot.text.messages import Message
from docglot.text.writer import po_bytes, write_catalog

from tests.gettext import msgfmt_check

SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What Python's `str.splitlines` ends a line at, besides line feed and carriage return."""

HEADER = """\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset={charset}\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""
PARAM = "pkg.api.greet:parameter:name"
RETURN = "pkg.api.greet:return:0"


def extracted(*pairs: tuple[str, str]) -> list[Extracted]:
    return [Extracted(Message(context, source), (("pkg/api.py", 3),)) for context, source in pairs]


def msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    """`msgfmt -c` on a catalog (skipped where gettext is missing)."""
    return msgfmt_check(path)


def entries(catalog: Catalog) -> set[tuple[str | None, object, object, bool]]:
    return {(m.context, m.id, m.string, m.fuzzy) for m in catalog if m.id}


def obsolete(catalog: Catalog) -> set[tuple[str | None, object, object]]:
    return {(m.context, m.id, m.string) for m in catalog.obsolete.values()}


def error_of(path: Path, project: Path | None = None) -> str:
    with pytest.raises(CatalogError) as raised:
        read_catalog(path, "de", project)
    return str(raised.value)


# What is written is read back. ---------------------------------------------------------------

TEXTS = [
    *(f"One{c}two{c}" for c in SEPARATORS),
    *(f"{c}Starts with a separator." for c in SEPARATORS),
    f"Every separator: {SEPARATORS}.",
    'Carriage\rreturn and\nline feed, tab\t, quote " and backslash \\.',
]


def test_texts_with_line_separators_are_read_back_as_they_were_written(tmp_path: Path) -> None:
    # A form feed or U+2028 in a `Doc` text was written as it is (as gettext does), and the
    # file then read at lines Python's `splitlines` makes: every build failed at that line.
    path = tmp_path / "de.po"
    messages = extracted(*((f"{PARAM}{index}{text}", text) for index, text in enumerate(TEXTS)))
    catalog = merge(Catalog(locale="de", fuzzy=False), messages)
    for message in catalog:
        if message.id:
            message.string = f"Ü {message.id}"

    assert write_catalog(path, catalog) is True
    read = read_catalog(path, "de")

    assert entries(read) == entries(catalog)
    assert len(entries(read)) == len(TEXTS)
    assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    assert write_catalog(path, merge(read, messages)) is False


def test_previous_texts_and_obsolete_entries_with_separators_are_read_back(tmp_path: Path) -> None:
    # Babel wrapped the previous text (`#| msgid`) with `textwrap`, which made a form feed
    # or a vertical tab a space: the previous text came back changed.
    path = tmp_path / "de.po"
    first = extracted(*((f"{PARAM}{index}", text) for index, text in enumerate(TEXTS)))
    catalog = merge(Catalog(locale="de", fuzzy=False), first)
    for message in catalog:
        if message.id:
            message.string = f"Ü {message.id}"
    write_catalog(path, catalog)
    changed = extracted(*((f"{PARAM}{index}", f"{text}!") for index, text in enumerate(TEXTS[:10])))

    write_catalog(path, merge(read_catalog(path, "de"), changed))
    read = read_catalog(path, "de")

    # One entry per text, listing its place; the text's old entry, consumed, is not obsolete.
    entries = [m for m in read if m.id]
    assert {
        (m.context, tuple(m.auto_comments), m.id, m.string, m.fuzzy, tuple(m.previous_id)) for m in entries
    } == {
        (None, (f"{PARAM}{index}",), f"{text}!", f"Ü {text}", True, (text,))
        for index, text in enumerate(TEXTS[:10])
    }
    assert obsolete(read) == {(None, text, f"Ü {text}") for text in TEXTS[10:]}
    assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    assert write_catalog(path, merge(read, changed)) is False


def test_a_header_comment_with_a_separator_is_written_as_a_comment(tmp_path: Path) -> None:
    # Babel writes the header comment's lines as `splitlines` splits them: the words after
    # U+2028 came out on a line of their own, not a comment, and the file no longer parsed.
    path = tmp_path / "de.po"
    header = f"# German\u2028translation.\n{HEADER.format(charset='UTF-8')}"
    path.write_text(f'{header}\nmsgctxt "{PARAM}"\nmsgid "The name."\nmsgstr "Der Name."\n', encoding="utf-8")

    write_catalog(path, merge(read_catalog(path, "de"), extracted((PARAM, "The name."), (RETURN, "Hi."))))

    # The header the file had stays as it was; written anew, its comment is one line.
    assert path.read_text(encoding="utf-8").startswith(header)
    assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    assert po_bytes(read_catalog(path, "de")).startswith(b'# German translation.\nmsgid ""\n')


def test_control_characters_of_a_translation_never_reach_a_page() -> None:
    catalog = Catalog(locale="de")
    catalog.add("The name.", "Der\x00 \x1b[2JName\x85.\x0bGut\u2028\x0c\t.", context=PARAM)

    entry = SiteCatalog(catalog).lookup(Message(PARAM, "The name."))

    assert entry.state is State.translated
    assert entry.translation == "Der [2JName . Gut\u2028\x0c\t."


def test_a_quoted_text_shows_its_control_characters_as_escapes() -> None:
    assert printable("Gruß\x1b[31m\u2028\x85\x00.") == "Gruß\\x1b[31m\\u2028\\x85\\x00."


# Plural entries. -------------------------------------------------------------------------------

PLURAL = """\
#: pkg/api.py:3
msgctxt "pkg.api.greet:return:0"
msgid "The greeting."
msgid_plural "The greetings."
msgstr[0] "Der Gruß."
msgstr[1] "Die Grüße."
"""


def test_a_plural_entry_is_kept_intact_as_an_obsolete_entry(tmp_path: Path) -> None:
    # docglot never extracts a plural; its translation was taken for the changed text of
    # the slot, written as "('Der Gruß.', 'Die Grüße.')".
    path = tmp_path / "de.po"
    path.write_text(
        f'{HEADER.format(charset="UTF-8")}\n{PLURAL}\nmsgid "Untranslated."\nmsgid_plural "Untranslated."\n'
        'msgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    messages = extracted((RETURN, "The greeting!"))

    write_catalog(path, merge(read_catalog(path, "de"), messages))

    assert path.read_text(encoding="utf-8") == (
        f'{HEADER.format(charset="UTF-8")}\n#. {RETURN}\n#: pkg/api.py:3\nmsgid "The greeting!"\n'
        'msgstr ""\n\n' + "".join(f"#~ {line}\n" for line in PLURAL.splitlines()[1:])
    )
    assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    assert write_catalog(path, merge(read_catalog(path, "de"), messages)) is False


# Charsets. ------------------------------------------------------------------------------------


def test_a_latin_1_catalog_is_read_as_latin_1_and_written_back_in_latin_1(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    data = f'{HEADER.format(charset="ISO-8859-1")}\nmsgctxt "{PARAM}"\nmsgid "The name."\nmsgstr "Grüße."\n'
    path.write_bytes(data.encode("latin-1"))

    read = read_catalog(path, "de")
    write_catalog(path, merge(read, extracted((PARAM, "The name."), (RETURN, "Hi."))))

    assert entries(read) == {(PARAM, "The name.", "Grüße.", False)}
    assert path.read_bytes().decode("latin-1").count("Grüße.") == 1
    assert msgfmt(path).returncode == 0, msgfmt(path).stderr


@pytest.mark.parametrize(
    ("charset", "encoding", "expected"),
    [
        (
            "ISO-8859-1",
            "utf-8",
            "4: the header declares ISO-8859-1, but the file is written in UTF-8 (its text would show "
            'garbled); declare "Content-Type: text/plain; charset=UTF-8\\n"',
        ),
        (
            "UTF-8",
            "latin-1",
            "9: this line is not UTF-8 text, the charset the header declares (line 4); write the file in "
            "that charset, or declare the one it is written in",
        ),
        (
            "KOI9",
            "utf-8",
            "4: the header names an unknown charset, 'KOI9'; write the file in UTF-8 and declare "
            '"Content-Type: text/plain; charset=UTF-8\\n"',
        ),
        (
            "UTF-16",
            "utf-8",
            "4: the header names a charset a PO file cannot be written in, 'UTF-16'; write the file in "
            'UTF-8 and declare "Content-Type: text/plain; charset=UTF-8\\n"',
        ),
        (
            "utf-8-sig",
            "utf-8",
            "4: the header names a charset a PO file cannot be written in, 'utf-8-sig'; write the file in "
            'UTF-8 and declare "Content-Type: text/plain; charset=UTF-8\\n"',
        ),
    ],
)
def test_a_charset_that_does_not_fit_the_file_is_one_line(
    tmp_path: Path, charset: str, encoding: str, expected: str
) -> None:
    path = tmp_path / "de.po"
    data = f'{HEADER.format(charset=charset)}\nmsgctxt "{PARAM}"\nmsgid "The name."\nmsgstr "Grüße."\n'
    path.write_bytes(data.encode(encoding))

    assert error_of(path) == f"{path}:{expected}"


# Entries Babel would misread. --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            f'msgctxt "{PARAM}"\nmsgctxt "{RETURN}"\nmsgid "A."\nmsgstr "B."\n',
            "8: this entry has a second msgctxt (the first is on line 7); keep one of the two",
        ),
        ('msgid "A."\nmsgstr "B."\nmsgstr "C."\n', "9: this entry has a second msgstr; keep one of the two"),
        # After an entry, a msgstr is that entry's second, blank lines or not.
        (
            'msgid "A."\nmsgstr "B."\n\nmsgstr "C."\n',
            "10: this entry has a second msgstr; keep one of the two",
        ),
        (
            'msgid "A."\nmsgid_plural "As."\nmsgid_plural "Ass."\nmsgstr[0] "B."\n',
            "9: this msgid_plural is the entry's second; keep one",
        ),
        ('msgid "A."\nmsgid "B."\nmsgstr "C."\n', "7: this entry has no msgstr; add one after its msgid"),
        (
            'msgid "A."\nmsgid_plural "As."\nmsgstr[0] "B."\nmsgstr[1] "Bs."\nmsgstr[2] "Bss."\n',
            "7: this entry has more msgstr[N] than the 2 plural forms the header's Plural-Forms declares; "
            "fix one or the other",
        ),
        (
            '#~ msgid "A.\n#~ msgstr "B."\n',
            '7: this line is not a PO keyword with a quoted string (msgid "A.); fix its quotes',
        ),
    ],
)
def test_an_entry_babel_would_misread_is_one_line(tmp_path: Path, entry: str, expected: str) -> None:
    path = tmp_path / "de.po"
    path.write_text(f"{HEADER.format(charset='UTF-8')}\n{entry}", encoding="utf-8")

    assert error_of(path) == f"{path}:{expected}"


@pytest.mark.parametrize(
    ("comment", "refused"),
    [
        ("#. pkg.api.greet:parameter:name\x1b[31m", "001B"),
        ("#. pkg.api.greet:parameter:name\rmore", "000D"),
        ("#. pkg.api.greet:parameter:name\x85", "0085"),
        ("#. pkg.api.greet:parameter:name", None),
        ("# A translator's comment \x1b is no place.", None),
    ],
)
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_place_comment_with_a_control_character_is_refused_at_its_line(
    tmp_path: Path, comment: str, refused: str | None, line_end: str
) -> None:
    path = tmp_path / "de.po"
    entry = f'{comment}\nmsgid "A."\nmsgstr "B."\n\n#. {PARAM}\nmsgid "C."\nmsgstr "D."\n'
    path.write_bytes(f"{HEADER.format(charset='UTF-8')}\n{entry}".replace("\n", line_end).encode())

    if refused is None:
        assert {(m.id, m.string) for m in read_catalog(path, "de") if m.id} == {("A.", "B."), ("C.", "D.")}
    else:
        assert error_of(path) == (
            f"{path}:7: this place comment (#.) holds the control character U+{refused}; delete the "
            "comment: docglot catalog update writes each entry's places again"
        )


def test_each_fuzzy_entry_keeps_its_own_previous_text(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(
        f"{HEADER.format(charset='UTF-8')}\n"
        '#, fuzzy\n#| msgid "Old "\n#| "text."\nmsgctxt "a"\nmsgid "New text."\nmsgstr "Alt."\n\n'
        '# Checked.\nmsgctxt "b"\nmsgid "New text."\nmsgstr "Neu."\n\n'
        '#, fuzzy\n#| msgid "Other."\nmsgid "Else."\nmsgstr "Anders."\n',
        encoding="utf-8",
    )

    read = read_catalog(path, "de")

    assert {(m.context, m.id, tuple(m.previous_id), tuple(m.user_comments)) for m in read if m.id} == {
        ("a", "New text.", ("Old text.",), ()),
        ("b", "New text.", (), ("Checked.",)),
        (None, "Else.", ("Other.",), ()),
    }


# Files that are not catalogs. -----------------------------------------------------------------


def test_a_msgstr_that_starts_the_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(f'msgstr "B."\n{HEADER.format(charset="UTF-8")}', encoding="utf-8")

    assert error_of(path) == f"{path}:1: this msgstr follows no msgid; fix the entry"


def test_a_folder_in_place_of_a_catalog_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "locales" / "de.po").mkdir(parents=True)

    assert error_of(tmp_path / "locales" / "de.po", tmp_path) == (
        f"{tmp_path}/locales/de.po: a folder, where the catalog of 'de' should be; move the folder away "
        "(docglot creates the catalog there)"
    )


def test_a_link_out_of_the_project_is_refused_without_reading_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=hunter2\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "locales").mkdir(parents=True)
    (project / "locales" / "de.po").symlink_to(secret)

    message = error_of(project / "locales" / "de.po", project)

    assert message == (
        f"{project}/locales/de.po: a symbolic link to a file outside the project; docglot reads only "
        "catalogs inside the project: put the catalog itself there"
    )


def test_a_link_to_a_file_of_the_project_that_is_not_a_catalog_is_never_quoted(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TOKEN=hunter2\n", encoding="utf-8")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "de.po").symlink_to(tmp_path / ".env")

    assert error_of(tmp_path / "locales" / "de.po", tmp_path) == (
        f"{tmp_path}/locales/de.po:1: this line is not a PO keyword with a quoted string; fix its quotes"
    )


def test_a_link_to_nothing_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "de.po").symlink_to(tmp_path / "gone.po")

    assert error_of(tmp_path / "locales" / "de.po", tmp_path) == (
        f"{tmp_path}/locales/de.po: a symbolic link to a file that does not exist; "
        "put the catalog itself there"
    )


def test_a_catalog_linked_inside_the_project_is_read_and_updated_through_its_link(tmp_path: Path) -> None:
    (tmp_path / "translations").mkdir()
    real = tmp_path / "translations" / "de.po"
    real.write_text(
        f'{HEADER.format(charset="UTF-8")}\nmsgctxt "{PARAM}"\nmsgid "The name."\nmsgstr "Der Name."\n',
        encoding="utf-8",
    )
    (tmp_path / "locales").mkdir()
    link = tmp_path / "locales" / "de.po"
    link.symlink_to(Path("..") / "translations" / "de.po")

    write_catalog(
        link, merge(read_catalog(link, "de", tmp_path), extracted((PARAM, "The name."), (RETURN, "Hi.")))
    )

    assert link.is_symlink()
    assert entries(read_catalog(real, "de")) == {
        (None, "The name.", "Der Name.", False),
        (None, "Hi.", "", False),
    }


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "../../../../etc",
            "the catalogs folder '../../../../etc' is outside the project (the folder of mkdocs.yml); "
            "name a folder inside it, such as 'locales'",
        ),
        ("mkdocs.yml", "the catalogs folder 'mkdocs.yml' is a file; name a folder"),
        (
            "mkdocs.yml/locales",
            "the catalogs folder 'mkdocs.yml/locales' goes through mkdocs.yml, which is a file; "
            "name a folder",
        ),
    ],
)
def test_a_catalogs_folder_outside_the_project_or_through_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mkdocs.yml").write_text(f"plugins:\n  - docglot:\n      catalogs: {folder}\n", encoding="utf-8")

    with pytest.raises(CatalogError) as raised:
        catalog_folder(str(tmp_path / "mkdocs.yml"), folder)

    assert str(raised.value) == f"mkdocs.yml:3: {expected}"


def test_a_catalogs_folder_linked_out_of_the_project_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "locales").symlink_to(tmp_path)
    monkeypatch.chdir(project)
    Path("mkdocs.yml").write_text("plugins:\n  - docglot:\n      languages: [en, de]\n", encoding="utf-8")

    with pytest.raises(CatalogError) as raised:
        catalog_folder(str(project / "mkdocs.yml"), "locales")

    assert str(raised.value) == (
        "mkdocs.yml:2: the catalogs folder 'locales' is outside the project (the folder of mkdocs.yml); "
        "name a folder inside it, such as 'locales'"
    )


# Writing. --------------------------------------------------------------------------------------


def written(path: Path) -> tuple[bytes, list[str]]:
    """The catalog's bytes and every file of its folder."""
    return path.read_bytes(), sorted(child.name for child in path.parent.iterdir())


def update_catalog(path: Path) -> bool:
    return write_catalog(
        path, merge(read_catalog(path, "de"), extracted((PARAM, "The name."), (RETURN, "Hi.")))
    )


@pytest.fixture
def german(tmp_path: Path) -> Path:
    path = tmp_path / "locales" / "de.po"
    path.parent.mkdir()
    path.write_text(
        f'{HEADER.format(charset="UTF-8")}\nmsgctxt "{PARAM}"\nmsgid "The name."\nmsgstr "Der Name."\n',
        encoding="utf-8",
    )
    return path


def test_a_full_disk_leaves_the_catalog_as_it_was_and_no_temporary_file(
    german: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = written(german)
    real_write = os.write

    def full(descriptor: int, data: bytes | memoryview) -> int:
        if os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(german.parent)):
            # The first bytes fit; then the disk is full, as `write(2)` reports it.
            if len(data) > 10:
                return real_write(descriptor, bytes(data[:10]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(CatalogError) as raised:
        update_catalog(german)
    monkeypatch.undo()

    assert str(raised.value) == (
        f"{german}: cannot write the catalog (No space left on device); the catalog is as it was: "
        "free some disk space, then run docglot catalog update again"
    )
    assert written(german) == before


def test_a_read_only_folder_leaves_the_catalog_as_it_was(
    german: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, whom a read-only mode does not stop: the folder refuses as a
    # read-only one does, at the creation of a file in it.
    before = written(german)
    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, *arguments: int, **options: int) -> int:
        if flags & os.O_CREAT and Path(path).parent == german.parent:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *arguments, **options)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(CatalogError) as raised:
        update_catalog(german)
    monkeypatch.undo()

    assert str(raised.value) == (
        f"{german}: cannot write the catalog (Permission denied); the catalog is as it was: "
        f"make {german.parent} writable, then run docglot catalog update again"
    )
    assert written(german) == before


def test_a_catalogs_folder_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("not a folder\n", encoding="utf-8")
    path = tmp_path / "notes" / "locales" / "de.po"

    with pytest.raises(CatalogError) as raised:
        update_catalog(path)

    assert str(raised.value) == (
        f"{path}: cannot write the catalog (Not a directory); nothing was written: "
        f"{path.parent} must be a folder, then run docglot catalog update again"
    )
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "not a folder\n"


def test_an_updated_catalog_keeps_its_permissions(german: Path) -> None:
    german.chmod(0o640)

    assert update_catalog(german) is True

    assert german.stat().st_mode & 0o777 == 0o640
    assert sorted(child.name for child in german.parent.iterdir()) == ["de.po"]
