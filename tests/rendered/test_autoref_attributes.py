"""autorefs reads each distinct cross-reference's attributes once, and resolves them as before."""

from __future__ import annotations

from typing import Any

import pytest
from docglot.engines.mkdocs.autorefs import read_attributes_once
from mkdocs_autorefs._internal import references

GREET = (
    '<a class="autorefs autorefs-internal" title="&lt;code&gt;mini.greet&lt;/code&gt;" '
    'href="api/#mini.greet">'
)
"""How autorefs writes the link to `mini.greet`: its title is the identifier, as code."""
PAGE = (
    '<p><autoref identifier="mini.greet" optional hover>greet</autoref> and '
    '<autoref identifier="mini.greet" optional hover>greet</autoref>, '
    '<autoref identifier="mini.Missing" optional>Missing</autoref>, '
    '<autoref identifier="mini.part" class="extra" slug="part-slug">part</autoref></p>'
)
URLS = {"mini.greet": "api/#mini.greet", "part-slug": "api/#part"}


def resolve(html: str) -> tuple[str, list[Any]]:
    def url(identifier: str) -> tuple[str, str | None]:
        return URLS[identifier], None

    return references.fix_refs(html, url)


def test_each_distinct_reference_is_read_once_and_resolves_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = references._html_attrs_parser
    monkeypatch.setattr(reader, "parse", reader.parse)  # Put back as it was after the test.
    before = resolve(PAGE)
    read: list[str] = []
    parse = reader.parse

    def counted(html: str) -> Any:
        read.append(html)
        return parse(html)

    monkeypatch.setattr(reader, "parse", counted)
    read_attributes_once()
    once = resolve(PAGE)
    again = resolve(PAGE)

    assert (
        once
        == again
        == before
        == (
            f"<p>{GREET}greet</a> and {GREET}greet</a>, "
            '<span title="mini.Missing">Missing</span>, '
            '<a class="autorefs autorefs-internal extra" href="api/#part">part</a></p>',
            [],
        )
    )
    assert read == [
        '<a identifier="mini.greet" optional hover>',
        '<a identifier="mini.Missing" optional>',
        '<a identifier="mini.part" class="extra" slug="part-slug">',
    ]


def test_each_reader_gets_its_own_attributes(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = references._html_attrs_parser
    monkeypatch.setattr(reader, "parse", reader.parse)
    read_attributes_once()

    first = reader.parse('<a identifier="mini.greet">')
    first["identifier"] = "changed"
    second = reader.parse('<a identifier="mini.greet">')

    assert (type(second), second) == (references._AutorefsAttrs, {"identifier": "mini.greet"})


def test_wrapped_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = references._html_attrs_parser
    monkeypatch.setattr(reader, "parse", reader.parse)
    read_attributes_once()
    wrapped = reader.parse
    read_attributes_once()

    assert reader.parse is wrapped
