"""A template cache that cannot be written only costs time: the build goes on without it, and says so.

Tests run as root, for whom a read-only folder is writable: a cache folder under a file,
or a write that fails as on a full disk, stand for what a user meets.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import IO, Any

import pytest
from docglot.engines.handler import cache_templates
from jinja2 import DictLoader, Environment
from jinja2.bccache import Bucket

from tests.bad_input.runs import copy_project, run

UNWRITABLE = (
    "docglot: cannot keep compiled templates in {folder}: {reason}; building without them "
    '(set cache_dir to a folder that can be written, or to "" to keep none)'
)


def blocked_project(tmp_path: Path) -> Path:
    """The correct project, with its template cache set under a file."""
    project = copy_project(tmp_path / "project")
    (project / "blocked").write_text("A file, where the cache folder's parent should be.\n")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "languages: [en, de]", "languages: [en, de]\n      cache_dir: blocked/cache"
        )
    )
    return project


def test_a_cache_folder_that_cannot_be_created_is_done_without(tmp_path: Path) -> None:
    project = blocked_project(tmp_path)

    result = run("mkdocs build", project)

    assert (result.returncode, result.problem_lines()) == (0, []), result.output
    info = f"INFO    -  {UNWRITABLE.format(folder='blocked/cache/templates', reason='Not a directory')}"
    assert result.output.splitlines().count(info) == 1, result.output
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "de" / "api" / "index.html").is_file()


def test_a_cache_folder_that_cannot_be_created_is_done_without_by_zensical(tmp_path: Path) -> None:
    project = blocked_project(tmp_path)

    result = run("docglot build --engine zensical", project)

    assert (result.returncode, result.last_line()) == (0, "site: built with zensical"), result.output
    assert (project / "site" / "de" / "api" / "index.html").is_file()


def render(env: Environment) -> list[str]:
    return [env.get_template(name).render() for name in ("one.html", "two.html")]


TEMPLATES = {"one.html": "{{ 1 + 1 }}", "two.html": "{{ 2 + 2 }}"}


def test_a_cache_folder_that_stops_being_one_is_done_without(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "cache"
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    cache_templates(env, folder)
    folder.rmdir()
    folder.write_text("Not a folder any more.\n")

    with caplog.at_level(logging.INFO):
        assert render(env) == ["2", "4"]

    assert [record.getMessage() for record in caplog.records] == [
        UNWRITABLE.format(folder=folder.as_posix(), reason="Not a directory")
    ]


def test_a_full_disk_under_the_cache_is_done_without(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    cache_templates(env, folder)

    def write_bytecode(self: Bucket, file: IO[bytes], *args: Any) -> None:
        file.write(b"half a template")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Bucket, "write_bytecode", write_bytecode)
    with caplog.at_level(logging.INFO):
        assert render(env) == ["2", "4"]

    assert [record.getMessage() for record in caplog.records] == [
        UNWRITABLE.format(folder=folder.as_posix(), reason="No space left on device")
    ]
    assert list(folder.iterdir()) == []  # No half-written file is left to be read next time.


def test_a_writable_cache_keeps_the_compiled_templates(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "cache"
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    cache_templates(env, folder)

    with caplog.at_level(logging.INFO):
        assert render(env) == ["2", "4"]

    assert caplog.records == []
    assert len([path for path in folder.iterdir() if path.suffix == ".cache"]) == 2
