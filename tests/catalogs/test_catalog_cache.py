"""A catalog read again with the same bytes is taken from the cache, exactly as parsing gave it.

Each catalog is read three times: without a cache, into an empty cache (parsed, then kept),
and from the cache (not parsed: Babel's parser is never called). The three are the same
catalog, entry by entry and header by header, and write back the same bytes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from docglot.text import catalogs
from docglot.text.catalogs import CatalogError, read_catalog
from docglot.text.writer import po_bytes

from tests.conftest import ROOT

RICH = """\
# German translation of the API reference.
# Anna <anna@example.org>, 2026.
#
msgid ""
msgstr ""
"Project-Id-Version: mini 1.0\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset={charset}\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.4\\n"

#. pkg.api.greet:parameter:name
#: pkg/api.py:3
msgid "The name of the person."
msgstr "Der Name der Person, Größe egal."

# Checked by Anna.
#. pkg.api.greet:return:0
#: pkg/api.py:7 pkg/other.py
#, fuzzy
#| msgid "The old "
#| "greeting."
msgid "The greeting."
msgstr "Die Begrüßung."

msgctxt "pkg.api.greet:docstring"
msgid "Greet someone."
msgstr "Jemanden grüßen."

#, python-format
msgid "%(count)s item"
msgid_plural "%(count)s items"
msgstr[0] "%(count)s Ding"
msgstr[1] "%(count)s Dinge"

msgid "Untranslated."
msgstr ""

#~ msgid "Gone."
#~ msgstr "Weg."

#~ msgctxt "pkg.old:docstring"
#~ msgid "Also gone."
#~ msgstr "Auch weg."
"""


def catalogs_to_read() -> list[tuple[str, bytes]]:
    """This site's catalogs, FastAPI's, and one with every kind of entry, in UTF-8 and Latin-1."""
    files = [
        *(ROOT / "locales").glob("*.po"),
        *(ROOT / "tests" / "corpus" / "fastapi" / "locales").glob("*.po"),
    ]
    read = [(path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in sorted(files)]
    read.append(("rich UTF-8", RICH.format(charset="UTF-8").encode("utf-8")))
    read.append(("rich Latin-1", RICH.format(charset="ISO-8859-1").encode("latin-1")))
    return read


def parses_of(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The data Babel's parser is given from now on."""
    parses: list[bytes] = []
    real = catalogs.parse_po

    def parse_po(data: bytes, language: str) -> Any:
        parses.append(data)
        return real(data, language)

    monkeypatch.setattr(catalogs, "parse_po", parse_po)
    return parses


def state(catalog: Catalog) -> dict[str, Any]:
    """Everything a reader of the catalog can see of it."""
    entries = [
        (
            m.id,
            m.string,
            m.context,
            sorted(m.flags),
            m.locations,
            m.auto_comments,
            m.user_comments,
            m.previous_id,
            m.lineno,
            m.fuzzy,
        )
        for m in [*catalog, *catalog.obsolete.values()]
    ]
    return {
        "entries": entries,
        "headers": catalog.mime_headers,
        "comment": catalog.header_comment,
        "fuzzy": catalog.fuzzy,
        "header_line": getattr(catalog, "header_line", None),
        "plurals": (catalog.num_plurals, catalog.plural_expr),
        "locale": str(catalog.locale),
        "charset": catalog.charset,
    }


@pytest.mark.parametrize(
    ("name", "data"), catalogs_to_read(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_a_kept_catalog_is_the_catalog_that_parsing_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    path = tmp_path / "de.po"
    path.write_bytes(data)
    cache = tmp_path / ".cache" / "docglot" / "catalogs"

    parsed = read_catalog(path, "de", tmp_path)
    kept_now = read_catalog(path, "de", tmp_path, cache)
    assert json.loads((cache / "de.po.json").read_text(encoding="utf-8"))["format"] == 1
    parses = parses_of(monkeypatch)
    from_cache = read_catalog(path, "de", tmp_path, cache)

    assert parses == []
    assert state(from_cache) == state(kept_now) == state(parsed)
    assert po_bytes(from_cache, data) == po_bytes(parsed, data)
    assert po_bytes(from_cache) == po_bytes(parsed)


def test_the_rich_catalog_keeps_what_it_was_read_with(tmp_path: Path) -> None:
    """The comparison above sees every kind of entry: the rich catalog has them all."""
    path = tmp_path / "de.po"
    path.write_text(RICH.format(charset="UTF-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    read_catalog(path, "de", tmp_path, cache)

    catalog = read_catalog(path, "de", tmp_path, cache)

    greeting, plural = catalog.get("The greeting."), catalog.get("%(count)s item")
    docstring = catalog.get("Greet someone.", context="pkg.api.greet:docstring")
    assert greeting is not None
    assert plural is not None
    assert docstring is not None
    assert greeting.previous_id == ["The old greeting."]
    assert greeting.user_comments == ["Checked by Anna."]
    assert greeting.locations == [("pkg/api.py", 7), ("pkg/other.py", None)]
    assert plural.string == ("%(count)s Ding", "%(count)s Dinge")
    assert docstring.string == "Jemanden grüßen."
    assert [(m.context, m.id) for m in catalog.obsolete.values()] == [
        (None, "Gone."),
        ("pkg.old:docstring", "Also gone."),
    ]
    assert ("X-Generator", "Poedit 3.4\n") in catalog.mime_headers


def test_a_changed_byte_is_read_and_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(RICH.format(charset="UTF-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    read_catalog(path, "de", tmp_path, cache)

    path.write_text(RICH.format(charset="UTF-8").replace('msgstr "Weg."', 'msgstr "Weg.'), encoding="utf-8")

    with pytest.raises(CatalogError) as raised:
        read_catalog(path, "de", tmp_path, cache)
    line = RICH.split("\n").index('#~ msgstr "Weg."') + 1
    assert str(raised.value) == (
        f'{path}:{line}: this line is not a PO keyword with a quoted string (msgstr "Weg.); fix its quotes'
    )


@pytest.mark.parametrize(
    "kept",
    [
        "not JSON {",
        "[]",
        '{"format": 1}',
        "@KEY@",
        '{"format": 2, "key": "@KEY@"}',
    ],
)
def test_a_cache_file_that_is_not_ours_is_ignored_and_replaced(tmp_path: Path, kept: str) -> None:
    path = tmp_path / "de.po"
    path.write_text(RICH.format(charset="UTF-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    read_catalog(path, "de", tmp_path, cache)
    written = (cache / "de.po.json").read_text(encoding="utf-8")
    record = json.loads(written)
    if kept == "@KEY@":
        # One of ours, but with a number where a text should be.
        record["messages"][0]["string"] = 7
        kept = json.dumps(record)
    (cache / "de.po.json").write_text(kept.replace("@KEY@", record["key"]), encoding="utf-8")

    catalog = read_catalog(path, "de", tmp_path, cache)

    assert state(catalog) == state(read_catalog(path, "de", tmp_path))
    assert (cache / "de.po.json").read_text(encoding="utf-8") == written


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(RICH.format(charset="UTF-8"), encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")

    catalog = read_catalog(path, "de", tmp_path, blocked / "catalogs")

    assert state(catalog) == state(read_catalog(path, "de", tmp_path))
    assert blocked.read_text(encoding="utf-8") == "a file where the cache folder would be"


def test_a_build_keeps_the_catalogs_and_a_check_reads_them_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docglot import cli
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tests.mini_site import MiniSite

    project = MiniSite(languages=("en", "de", "fr")).write(tmp_path / "project")
    (project / "locales").mkdir()
    shutil.copy(ROOT / "tests" / "corpus" / "fastapi" / "locales" / "de.po", project / "locales" / "de.po")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    kept = project / ".cache" / "docglot" / "catalogs"
    assert sorted(path.name for path in kept.iterdir()) == ["de.po.json"]

    parses = parses_of(monkeypatch)
    monkeypatch.chdir(project)
    cli.main(["check", "--select", "DG201"])

    assert parses == []
