"""A catalog, a setting or a site that cannot be used is a configuration error: one line, exit code 2.

A `Doc` that cannot be read is not one: the site builds without its text, and it is a finding.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from docglot.cli import main

from tests.checks.translations.project import GREET_LINE, Check, catalog, entry


def test_a_broken_catalog_is_one_line_and_exit_code_2(project: Path, check: Check) -> None:
    text = catalog(entry("mini.greet:docstring", "Greet someone.", "Jemanden grüßen."))
    (project / "locales" / "de.po").write_text(text.replace('"Greet someone."', '"Greet someone.'))

    result = check("--select", "DG2")

    assert (result.code, result.lines) == (2, [])
    assert result.stderr == (
        "docglot: locales/de.po:6: this line is not a PO keyword with a quoted string "
        '(msgid "Greet someone.); fix its quotes\n'
    )


def test_a_minimum_share_for_a_language_the_site_lacks_is_one_line_and_exit_code_2(
    project: Path, check: Check
) -> None:
    (project / "pyproject.toml").write_text("[tool.docglot]\nmin-translated = { de = 80, it = 50 }\n")

    result = check("--select", "DG204")

    assert (result.code, result.lines) == (2, [])
    assert result.stderr == (
        "docglot: 'min-translated': it is not a translation of mkdocs.yml (de, fr); "
        "use those languages or '*'\n"
    )


def test_a_source_site_that_does_not_build_is_one_line_and_exit_code_2(
    project: Path, check: Check, caplog: pytest.LogCaptureFixture
) -> None:
    # A `:::` directive naming an object that does not exist: no page of the site can show it.
    api = project / "docs" / "en" / "api.md"
    api.write_text(api.read_text().replace("::: mini.greet", "::: mini.farewell"))

    result = check("--select", "DG205")

    assert (result.code, result.lines) == (2, [])
    # MkDocs logs the page, then docglot's one line that says what to fix; its last words close.
    assert logged(caplog) == [
        ("ERROR", "Error reading page 'en/api.md':"),
        (
            "ERROR",
            "docglot: docs/en/api.md:3: '::: mini.farewell': mini.farewell could not be found; "
            "check the object's path, and that its package is in the Python handler's 'paths'",
        ),
    ]
    assert result.stderr == "docglot: Aborted with a BuildError!\n"


def test_a_doc_that_cannot_be_read_is_a_finding_not_a_site_that_does_not_build(
    project: Path, check: Check, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalog", "update"]) == 0
    capsys.readouterr()
    module = project / "src" / "mini" / "__init__.py"
    module.write_text(module.read_text().replace('Doc("Shout the greeting.")', "Doc(123)"))
    caplog.clear()

    result = check("--select", "DG102,DG205", "src")

    # The site builds without the text: DG102 says why, DG205 that the catalogs now hold it in vain.
    stale = (
        'the entry for "Shout the greeting." (mini.greet:parameter:loud) is no longer in the reference: '
        "run docglot catalog update"
    )
    assert result.lines == [
        *(f"locales/{lang}.po:{msgid_line(project, lang)}:1: DG205 {stale}" for lang in ("de", "fr")),
        f"src/mini/__init__.py:{GREET_LINE + 2}:1: DG102 Doc(123): the argument is not a string literal; "
        "write the text as a string literal",
    ]
    assert result.code == 1
    # The finding is the only report: the build, quiet, logs no warning of its own.
    assert (logged(caplog), result.stderr) == ([], "3 findings\n")


def msgid_line(project: Path, language: str) -> int:
    """The line of `msgid "Shout the greeting."` in a language's catalog, counted from 1."""
    lines = (project / "locales" / f"{language}.po").read_text(encoding="utf-8").splitlines()
    return lines.index('msgid "Shout the greeting."') + 1


def logged(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    """The warnings and errors logged, as `(level, message)`: what a terminal shows on stderr."""
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.levelno >= logging.WARNING]
