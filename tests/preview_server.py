"""`docglot serve`'s rebuilds as MkDocs' server runs them, in this process and without the server."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from docglot.cli import _rebuilds_keep_the_last_site

URL = "http://127.0.0.1:8000/"
SHOWN = " saved: shown in "
"""What the server says when a saved catalog was shown without a whole build."""


@contextmanager
def preview_server(project: Path, site: Path, language: str = "de") -> Iterator[Callable[[], None]]:
    """Yield a rebuild: the first is the server's first build, each other one its rebuild after a change.

    As `mkdocs.commands.serve` does: the first configuration read gets `on_startup`, each
    rebuild reads the configuration again, and each build is given the server's URL.
    """
    from mkdocs.commands import serve as serving

    started = False

    def rebuild() -> None:
        nonlocal started
        config = serving.load_config(  # type: ignore[attr-defined]
            config_file=str(project / "mkdocs.yml"), site_dir=str(site)
        )
        if not started:
            config.plugins.on_startup(command="serve", dirty=False)
            started = True
        config.site_url = URL
        serving.build(config, serve_url=URL)  # type: ignore[attr-defined]

    with _rebuilds_keep_the_last_site(only=(language,)):
        yield rebuild


def whole_build(project: Path, site: Path, language: str = "de") -> None:
    """The site the server's first build writes: every page rendered."""
    with preview_server(project, site, language) as rebuild:
        rebuild()


def save_translation(
    catalog: Path, context: str, source: str, translation: str, *, fuzzy: bool = False
) -> None:
    """Give the entry of `source` at the place `context` a translation, as a PO editor saves it."""
    with catalog.open("rb") as file:
        read = read_po(file, locale=catalog.stem)
    entry = read.get(source, context=context)
    if entry is None or not entry.string:
        entry = read.get(source)
    assert entry is not None, f"no entry for {source!r}"
    entry.string = translation
    if fuzzy:
        entry.flags.add("fuzzy")
    else:
        entry.flags.discard("fuzzy")
    with catalog.open("wb") as file:
        write_po(file, read)


def lines(caplog: pytest.LogCaptureFixture, level: int = logging.INFO) -> list[str]:
    """What docglot said at `level` or above, line by line."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= level and record.name.startswith("mkdocs.plugins.docglot")
    ]
