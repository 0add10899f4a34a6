"""The repository's site built with `docglot build --engine zensical`, as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from tests.commands import run_module
from tests.conftest import ROOT, mkdocs_build
from tests.rendered.site import FUNC_CONTEXT, FUNC_TEXT, TRANSLATIONS, entry_at

SUMMARY = "aftersend.background.with_background_tasks:docstring"
SUMMARY_TEXT = "Give a Starlette endpoint a `BackgroundTasks` to add tasks to."
ADD_TASK = "aftersend.background.BackgroundTasks.add_task:docstring"
ADD_TASK_TEXT = "Add a function to be called in the background after the response is sent."
HOSTILE = 'Fügt <script>alert(1)</script> eine Funktion <b onclick="steal()">hinzu</b>.'


def docglot(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the `docglot` command in `project`, in its own process, as a user does."""
    return run_module(project, "docglot.cli", *arguments)


def zensical_build(project: Path, site: Path) -> None:
    """Run `docglot build --engine zensical --strict`; no warning is allowed."""
    result = docglot(project, "build", "--engine", "zensical", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert result.stderr.count("No issues found") == len(TRANSLATIONS) + 1, result.stderr


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built with Zensical from its own `mkdocs.yml`, pages and catalogs."""
    site = tmp_path_factory.mktemp("zensical") / "site"
    zensical_build(ROOT, site)
    return site


@pytest.fixture(scope="session")
def edited_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A copy of the project built with each engine, from catalogs that lost some work.

    In every language `func`'s text is untranslated and the summary's translation is
    outdated (shown, badged, with `fuzzy: translation`); the German translation of
    `add_task`'s summary holds script.
    """
    project = tmp_path_factory.mktemp("edited")
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "catalogs: locales\n" in config
    (project / "mkdocs.yml").write_text(
        config.replace("catalogs: locales\n", "catalogs: locales\n      fuzzy: translation\n")
    )
    for language in TRANSLATIONS:
        path = project / "locales" / f"{language}.po"
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        func = entry_at(catalog, FUNC_CONTEXT, FUNC_TEXT)
        summary = entry_at(catalog, SUMMARY, SUMMARY_TEXT)
        func.string = ""
        summary.flags.add("fuzzy")
        if language == "de":
            entry_at(catalog, ADD_TASK, ADD_TASK_TEXT).string = HOSTILE
        with path.open("wb") as file:
            write_po(file, catalog)
    sites = {"mkdocs": project / "site-mkdocs", "zensical": project / "site-zensical"}
    mkdocs_build(project, sites["mkdocs"])
    zensical_build(project, sites["zensical"])
    return sites
