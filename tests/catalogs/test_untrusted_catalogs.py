"""Catalogs from outside contributors, through every command that reads them.

The project is the bad-input corpus's small site (`tests/bad_input/project/`), run as a user
runs it. What the corpus's folders cannot hold is here: a catalog that is a symbolic link,
and catalogs whose pages are read back.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.bad_input.runs import copy_project, run, snapshot

COMMANDS = ("mkdocs build", "docglot catalog update", "docglot check", "docglot build --engine zensical")
SECRET = "CI_TOKEN=ghp_do-not-print-me"


def stats(project: Path) -> tuple[int, str]:
    """`docglot catalog stats` in the project: its exit code and all it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "docglot.cli", "catalog", "stats"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def linked_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, with `locales/de.po` a link to a secret file outside it."""
    root = tmp_path_factory.mktemp("linked-out")
    (root / "secrets.env").write_text(f'msgstr "{SECRET}\n', encoding="utf-8")
    project = copy_project(root / "project")
    (project / "locales" / "de.po").unlink()
    (project / "locales" / "de.po").symlink_to(root / "secrets.env")
    return project


@pytest.mark.parametrize("command", COMMANDS)
def test_a_catalog_linked_out_of_the_project_is_refused_and_never_quoted(
    linked_out: Path, command: str
) -> None:
    # The error printed the first 40 characters of the file the link led to: a contributed
    # pull request could print a CI secret into the log.
    before = snapshot(linked_out)
    result = run(command, linked_out)

    assert result.returncode == (2 if command == "docglot check" else 1), result.output
    assert result.problem_lines() == [
        "docglot: locales/de.po: a symbolic link to a file outside the project; docglot reads only "
        "catalogs inside the project: put the catalog itself there"
    ]
    assert SECRET not in result.output
    assert "Traceback" not in result.output
    assert snapshot(linked_out) == before
    assert (linked_out / "locales" / "de.po").is_symlink()


def test_catalog_stats_refuses_a_catalog_linked_out_of_the_project(linked_out: Path) -> None:
    assert stats(linked_out) == (
        1,
        "docglot: locales/de.po: a symbolic link to a file outside the project; docglot reads only "
        "catalogs inside the project: put the catalog itself there\n",
    )


@pytest.fixture(scope="module")
def linked_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, with `locales/de.po` a link to a file of the project that is not a catalog."""
    project = copy_project(tmp_path_factory.mktemp("linked-in") / "project")
    (project / ".env").write_text(f'msgstr "{SECRET}\n', encoding="utf-8")
    (project / "locales" / "de.po").unlink()
    (project / "locales" / "de.po").symlink_to(Path("..") / ".env")
    return project


@pytest.mark.parametrize("command", COMMANDS)
def test_a_catalog_linked_to_another_file_of_the_project_is_not_quoted(linked_in: Path, command: str) -> None:
    result = run(command, linked_in)

    assert result.returncode == (2 if command == "docglot check" else 1), result.output
    assert result.problem_lines() == [
        "docglot: locales/de.po:1: this line is not a PO keyword with a quoted string; fix its quotes"
    ]
    assert SECRET not in result.output


def test_catalog_stats_with_a_catalogs_folder_outside_the_project_is_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      languages: [en, de]\n", "      languages: [en, de]\n      catalogs: ../../../../etc\n"
        ),
        encoding="utf-8",
    )

    assert stats(project) == (
        1,
        "docglot: mkdocs.yml:12: the catalogs folder '../../../../etc' is outside the project (the folder "
        "of mkdocs.yml); name a folder inside it, such as 'locales'\n",
    )


@pytest.mark.parametrize("command", ["mkdocs build", "docglot build --engine zensical"])
def test_control_characters_of_a_translation_never_reach_the_page(tmp_path: Path, command: str) -> None:
    project = copy_project(tmp_path / "project")
    catalog = project / "locales" / "de.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            'msgstr "Der Gruß."', 'msgstr "Der\x00 \x1b[31mGruß\x85\x7f\x9b."'
        ),
        encoding="utf-8",
    )

    result = run(command, project)

    assert result.returncode == 0, result.output
    page = BeautifulSoup((project / "site" / "de" / "api" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert [paragraph.get_text() for paragraph in page.select("div.doc-contents p")] == [
        "Jemanden grüßen.",
        "Parameter:",
        "Der Name der Person, die gegrüßt wird.",
        "Rückgabe:",
        "Der [31mGruß .",
    ]
