"""While pages are rendered, Python's garbage collector runs at docglot's thresholds; after a
build, failed or not, at those it had before; at exit, not on what the build left. A docglot
command other than `serve` runs at docglot's thresholds from its start to its end."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docglot import cli
from docglot.engines.collector import RENDERING_THRESHOLDS
from docglot.errors import DocglotError
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocstrings_handlers.python import PythonHandler

from tests.commands import run_module
from tests.mini_site import MiniSite

ENGINES = ("mkdocs", "zensical")
BEFORE = (1234, 5, 6)
"""Thresholds no build sets: the host process's own."""


@pytest.fixture(autouse=True)
def host_thresholds() -> Iterator[None]:
    kept = gc.get_threshold()
    gc.set_threshold(*BEFORE)
    yield
    gc.set_threshold(*kept)


def thresholds_while_rendering(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The collector's thresholds each time a block goes through the templates, from now on."""
    seen: list[tuple[int, ...]] = []
    real = PythonHandler.render

    def recorded(self: PythonHandler, *arguments: Any, **options: Any) -> Any:
        seen.append(gc.get_threshold())
        return real(self, *arguments, **options)

    monkeypatch.setattr(PythonHandler, "render", recorded)
    return seen


def build_with(engine: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Build the project in this process; return whether the build succeeded."""
    if engine == "mkdocs":
        try:
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
        except MkDocsException:
            return False
        return True
    with monkeypatch.context() as inside:
        inside.chdir(project)
        return cli.main(["build", "--engine", "zensical"]) == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_pages_are_rendered_at_the_rendering_thresholds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    project = MiniSite().write(tmp_path)
    seen = thresholds_while_rendering(monkeypatch)

    assert build_with(engine, project, monkeypatch)

    assert set(seen) == {RENDERING_THRESHOLDS}
    assert gc.get_threshold() == BEFORE


@pytest.mark.parametrize("engine", ENGINES)
def test_a_failed_build_sets_the_thresholds_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    pages = {"en/index.md": "# Mini\n", "en/api.md": "# Greeting\n\n::: mini.greet\n\n::: mini.gone\n"}
    project = MiniSite(pages=pages).write(tmp_path)
    seen = thresholds_while_rendering(monkeypatch)

    assert not build_with(engine, project, monkeypatch)

    assert set(seen) == {RENDERING_THRESHOLDS}
    assert gc.get_threshold() == BEFORE


BUILD_THEN_EXIT = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
if sys.argv[1] == "mkdocs":
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config("mkdocs.yml"))
else:
    from docglot import cli
    assert cli.main(["build", "--engine", "zensical"]) == 0
print("frozen after the build:", gc.get_freeze_count() > 0)
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_what_a_build_leaves_is_not_collected_at_exit(tmp_path: Path, engine: str) -> None:
    """The interpreter's last full collection is skipped, at exit only: after the build, the
    process collects as before."""
    project = MiniSite().write(tmp_path)
    (project / "build_then_exit.py").write_text(BUILD_THEN_EXIT, encoding="utf-8")
    result = run_module(project, "build_then_exit", engine)
    assert result.returncode == 0, result.stderr
    # Zensical writes its own lines on standard output too.
    said = [line for line in result.stdout.splitlines() if line.startswith("frozen")]
    assert said == ["frozen after the build: False", "frozen at exit: True"]


def test_a_catalog_command_collects_less_and_sets_the_thresholds_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A docglot command that ends with its work collects at docglot's thresholds all through it."""
    seen: list[tuple[int, int, int]] = []

    def stats(config_file: str) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(cli, "catalog_stats", stats)

    assert cli.main(["catalog", "stats", "-f", "site/mkdocs.yml"]) == 0
    assert seen == [RENDERING_THRESHOLDS]
    assert gc.get_threshold() == BEFORE


def test_a_failed_command_sets_the_thresholds_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def update(config_file: str) -> int:
        raise DocglotError(f"{config_file}: no catalog")

    monkeypatch.setattr(cli, "catalog_update", update)

    assert cli.main(["catalog", "update", "-f", "site/mkdocs.yml"]) == 1
    assert gc.get_threshold() == BEFORE


def test_serve_collects_as_the_process_did(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` goes on after its builds: between them it collects as the process did."""
    seen: list[tuple[int, int, int]] = []

    def serve(config_file: str, language: str, address: str) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(cli, "serve", serve)

    assert cli.main(["serve", "--lang", "de"]) == 0
    assert seen == [BEFORE]
