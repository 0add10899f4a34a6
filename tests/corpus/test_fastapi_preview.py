"""`docglot serve --lang de` on FastAPI's reference: a saved catalog is written on its pages alone."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.corpus.test_fastapi_site import copy_corpus
from tests.preview_server import SHOWN, lines, preview_server, save_translation, whole_build
from tests.site_files import differing, site_files


def text_at(catalog: Path, place: str) -> str:
    """The English text the entry listing `place` translates."""
    with catalog.open("rb") as file:
        (text,) = [entry.id for entry in read_po(file) if place in entry.auto_comments]
    return str(text)


@pytest.mark.parametrize(
    ("place", "pages"),
    [
        (
            "fastapi.background.BackgroundTasks.add_task:parameter:func",
            ["de/reference/background/index.html"],
        ),
        # An untranslated text that 20 places show, on the pages of `FastAPI` and of `APIRouter`.
        (
            "fastapi.applications.FastAPI.get:parameter:generate_unique_id_function",
            ["de/reference/apirouter/index.html", "de/reference/fastapi/index.html"],
        ),
    ],
    ids=["one page", "a text on two pages"],
)
def test_a_saved_text_is_written_on_its_pages_as_a_whole_build_writes_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, place: str, pages: list[str]
) -> None:
    project, site = copy_corpus(tmp_path), tmp_path / "site"
    catalog = project / "locales" / "de.po"
    with preview_server(project, site) as rebuild:
        rebuild()
        before = site_files(site)
        save_translation(catalog, place, text_at(catalog, place), "Neu übersetzt, mit `Code`.")
        caplog.clear()
        with caplog.at_level(logging.INFO):
            rebuild()
        after = site_files(site)

    assert len([line for line in lines(caplog) if SHOWN in line]) == 1
    assert differing(before, after) == [*pages, "de/search/search_index.json"]
    whole_build(project, tmp_path / "whole")
    assert differing(after, site_files(tmp_path / "whole")) == []
