"""Shared helpers: write a fixture package into `tmp_path`, load it with docglot, find sections."""

from __future__ import annotations

import logging
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import griffe
import pytest

Loader = Callable[..., griffe.Module]


def write_package(root: Path, name: str, files: dict[str, str]) -> None:
    """Write `{relative path: source}` under `root/name`, dedenting each source."""
    for relative, source in files.items():
        path = root / name / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip("\n"))


@pytest.fixture
def package_name(request: pytest.FixtureRequest) -> str:
    """A package name unique to the test, so no griffe or `sys.modules` cache is shared."""
    return "pkg_" + re.sub(r"\W", "_", request.node.name).lower()


@pytest.fixture
def load(tmp_path: Path, package_name: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Loader]:
    """Return `load(files, inspect=False)`: write the package, load it with the docglot extension.

    The working directory is `tmp_path`, so warnings name files as `pkg/mod.py:LINE`.
    """
    monkeypatch.chdir(tmp_path)

    def _load(files: dict[str, str], *, inspect: bool = False) -> griffe.Module:
        write_package(tmp_path, package_name, files)
        package = griffe.load(
            package_name,
            search_paths=[str(tmp_path), *sys.path],
            docstring_parser="google",
            extensions=griffe.load_extensions("docglot"),
            force_inspection=inspect,
        )
        assert isinstance(package, griffe.Module)
        return package

    yield _load
    for module in [m for m in sys.modules if m == package_name or m.startswith(package_name + ".")]:
        del sys.modules[module]


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """Return a function listing the messages griffe's logger emitted at WARNING or above.

    Once mkdocstrings has run in the process (an in-process build), griffe logs through
    `mkdocs.plugins.griffe` instead of `griffe`, with a `griffe: ` prefix: both count, alike.
    """
    caplog.set_level(logging.WARNING, logger="griffe")
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.griffe")

    def _messages() -> list[str]:
        return [
            record.getMessage().removeprefix("griffe: ")
            if record.name == "mkdocs.plugins.griffe"
            else record.getMessage()
            for record in caplog.records
            if record.name in {"griffe", "mkdocs.plugins.griffe"} and record.levelno >= logging.WARNING
        ]

    return _messages


def section(obj: griffe.Object | griffe.Alias, kind: griffe.DocstringSectionKind) -> griffe.DocstringSection:
    """Return the single docstring section of `kind`; fail if there are none or several."""
    assert obj.docstring is not None, f"{obj.path} has no docstring"
    found = [s for s in obj.docstring.parsed if s.kind is kind]
    assert len(found) == 1, f"{obj.path}: expected one {kind.value} section, found {len(found)}"
    return found[0]


def kinds(obj: griffe.Object | griffe.Alias) -> list[griffe.DocstringSectionKind]:
    """Return the kinds of an object's docstring sections (empty if it has no docstring)."""
    return [] if obj.docstring is None else [s.kind for s in obj.docstring.parsed]


def rows(obj: griffe.Object | griffe.Alias, kind: griffe.DocstringSectionKind) -> list[tuple]:
    """Return `(name, annotation, default, description)` for each item of the section of `kind`."""
    return [
        (
            item.name,
            None if item.annotation is None else str(item.annotation),
            None if getattr(item, "value", None) is None else str(item.value),
            item.description,
        )
        for item in section(obj, kind).value
    ]


def params(obj: griffe.Object | griffe.Alias) -> list[tuple]:
    """Rows of the Parameters section."""
    return rows(obj, griffe.DocstringSectionKind.parameters)


def descriptions(obj: griffe.Object | griffe.Alias, kind: griffe.DocstringSectionKind) -> dict[str, str]:
    """Return `{name: description}` for the items of the section of `kind`."""
    return {item.name: item.description for item in section(obj, kind).value}
