"""`docglot check` without code to check says so, on standard error, in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.mini_site import MiniSite

NOTE = (
    "docglot: checking the catalogs of mkdocs.yml only, no code: to check the code too, pass its packages "
    "as PATH, or set 'paths' under [tool.docglot] in pyproject.toml"
)
UNTRANSLATED = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgctxt "mini.greet:docstring"\nmsgid "Greet someone."\nmsgstr ""\n'
)
"""A German catalog of one untranslated entry: one DG201 finding on line 6."""
FINDING = 'locales/de.po:6:1: DG201 no translation for "Greet someone." (mini.greet:docstring)'


def docglot(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `docglot check` in its own process, in the project, as a user does.

    DG205 is left out: it builds the site, which these tests do not need.
    """
    return subprocess.run(
        [sys.executable, "-m", "docglot.cli", "check", "--ignore", "DG205", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site whose German catalog has one untranslated entry, and no `[tool.docglot]`."""
    MiniSite().write(tmp_path)
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "de.po").write_text(UNTRANSLATED, encoding="utf-8")
    return tmp_path


def test_a_check_of_the_catalogs_alone_says_that_no_code_is_checked(project: Path) -> None:
    result = docglot(project)

    assert (result.returncode, result.stdout.splitlines()) == (1, [FINDING])
    assert result.stderr.splitlines() == [NOTE, "1 finding"]


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_the_note_stays_out_of_machine_readable_output(project: Path, output_format: str) -> None:
    result = docglot(project, "--output-format", output_format)

    assert result.returncode == 1
    json.loads(result.stdout)  # Nothing but the findings' document on standard output.
    assert result.stderr.splitlines() == [NOTE]


def test_the_note_names_the_site_checked_too_and_the_settings_file(project: Path) -> None:
    (project / "settings.toml").write_text("[tool.docglot]\nselect = ['DG1', 'DG2']\n", encoding="utf-8")
    (project / "site").mkdir()

    result = docglot(project, "--settings", "settings.toml", "--site", "site", "--select", "DG1,DG201")

    assert result.stderr.splitlines()[0] == (
        "docglot: checking the catalogs of mkdocs.yml and the site in site only, no code: to check the code "
        "too, pass its packages as PATH, or set 'paths' under [tool.docglot] in settings.toml"
    )


@pytest.mark.parametrize(
    ("arguments", "pyproject"),
    [
        pytest.param(["src/mini"], None, id="a PATH"),
        pytest.param([], "[tool.docglot]\npaths = ['src/mini']\n", id="paths"),
        pytest.param(["--select", "DG2"], None, id="only rules on catalogs"),
    ],
)
def test_no_note_when_the_code_is_checked_or_not_asked_for(
    project: Path, arguments: list[str], pyproject: str | None
) -> None:
    if pyproject is not None:
        (project / "pyproject.toml").write_text(pyproject, encoding="utf-8")

    result = docglot(project, *arguments)

    assert (result.returncode, result.stdout.splitlines()) == (1, [FINDING])
    assert result.stderr.splitlines() == ["1 finding"]
