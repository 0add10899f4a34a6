"""The search index made in a second process is the one Material makes in the build's process."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from docglot.engines.mkdocs import search_worker
from docglot.engines.mkdocs.plugin import DocglotPlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.mini_site import MiniSite

SITE = MiniSite(languages=("en", "de", "fr", "ja"), plugins=("search",))
INDEXES = ("search/search_index.json", "de/search/search_index.json", "fr/search/search_index.json")


def build_site(root: Path) -> tuple[dict[str, bytes], int]:
    """Build the site; return every file it wrote and how many pages went to the second process."""
    SITE.write(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config)
    files = {
        str(p.relative_to(root / "site")): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()
    }
    plugin = config.plugins["docglot"]
    assert isinstance(plugin, DocglotPlugin)
    return files, plugin._search.sent


def built_in_process(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The site with every page indexed in the build's process, as Material indexes it."""
    with monkeypatch.context() as here:
        here.setenv(search_worker.DISABLE, "1")
        files, _ = build_site(root)
    return files


def test_pages_indexed_in_a_second_process_make_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_worker, "BACKLOG", 100)  # Every page goes, however slow the process.
    elsewhere, sent = build_site(tmp_path / "elsewhere")
    monkeypatch.setenv(search_worker.DISABLE, "1")
    here, sent_here = build_site(tmp_path / "here")

    assert elsewhere == here
    assert [[entry["location"] for entry in json.loads(here[index])["docs"]] for index in INDEXES] == 3 * [
        ["", "api/", "api/#mini.greet"]
    ]
    # Two pages in each of the four languages; none with the variable set.
    assert (sent, sent_here) == (8, 0)


class _BrokenPool:
    """A second process that died: every page comes back without its entries."""

    def __init__(self, *arguments: Any, **options: Any) -> None:
        self.shut = False

    def submit(self, function: Any, *arguments: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("the process ended"))
        return future

    def shutdown(self, *, wait: bool, cancel_futures: bool) -> None:
        self.shut = True


def test_pages_that_come_back_without_entries_are_indexed_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = built_in_process(tmp_path / "here", monkeypatch)
    monkeypatch.setattr(search_worker, "ProcessPoolExecutor", _BrokenPool)

    broken, sent = build_site(tmp_path / "broken")

    assert broken == here
    assert sent == 8


class _Lagging(Future[Any]):
    """Entries that were still out when the index was written, and then never came."""

    def result(self, timeout: float | None = None) -> Any:
        raise BrokenProcessPool("the process ended")


class _LaggingPool(_BrokenPool):
    """A second process that returns nothing while the build writes its pages."""

    def submit(self, function: Any, *arguments: Any) -> Future[Any]:
        return _Lagging()


def test_pages_past_the_backlog_are_indexed_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = built_in_process(tmp_path / "here", monkeypatch)
    monkeypatch.setattr(search_worker, "ProcessPoolExecutor", _LaggingPool)
    monkeypatch.setattr(search_worker, "BACKLOG", 3)

    lagging, sent = build_site(tmp_path / "lagging")

    assert lagging == here
    # Three pages out, none back: the build's process indexed the other five as they came.
    assert sent == 3


def test_a_single_core_indexes_in_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_worker, "_cores", lambda: 1)

    _, sent = build_site(tmp_path / "one")

    assert sent == 0


SCRIPT = """\
from docglot.engines.mkdocs import search_worker
from mkdocs.commands.build import build
from mkdocs.config import load_config

search_worker.BACKLOG = 100  # Every page goes to the second process, however slow it is.
config = load_config("mkdocs.yml")
build(config)
print("built", config.plugins["docglot"]._search.sent)
"""
"""A build script without `if __name__ == "__main__":`, which the second process must not run again."""


def test_a_script_without_a_main_guard_builds_once(tmp_path: Path) -> None:
    SITE.write(tmp_path)
    (tmp_path / "build.py").write_text(SCRIPT)

    done = subprocess.run(
        [sys.executable, "build.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )

    assert (done.returncode, done.stdout) == (0, "built 8\n")
