"""The failing and passing examples of the rule pages, run with the real `docglot check` command.

Each example's titled code blocks are written into an empty project folder, the command
the page shows is run there, and what it prints must be what the page shows. Beyond the
page's own command, the failing example must give exactly one finding, of its rule, among
all the rules of its family, and none once the rule is ignored; the passing example must
give none at all.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Any

import docglot.reading.extension
import griffe
import pytest
from docglot.reading.extension import DocglotExtension
from docglot.rules import RULES, Family

from tests.checks.docs.pages import RULES_DIR, Example, RulePage, read_page
from tests.checks.docs.project import TRANSLATION_SITE, Project, write_files

METADATA = sorted(code for code, rule in RULES.items() if rule.family is Family.metadata)
TRANSLATIONS = sorted(code for code, rule in RULES.items() if rule.family is Family.translations)
RENDERING = "DG205"
"""The translation rule that renders the site: the others' examples leave it out, to stay fast."""


def page(code: str) -> RulePage:
    """The rule's page."""
    return read_page(RULES_DIR / f"{code}.md")


def setting_up(code: str, example: Example) -> dict[str, str]:
    """The files of an example's project: the family's site, then the example's own files."""
    base = TRANSLATION_SITE if RULES[code].family is Family.translations else {}
    return base | example.files


def every_rule(code: str, example: Example) -> list[str]:
    """The example's command, applying every rule of the rule's family."""
    if RULES[code].family is Family.metadata:
        family = METADATA
    else:
        family = [other for other in TRANSLATIONS if other != RENDERING or code == RENDERING]
    return [*example.arguments, "--select", ",".join(family)]


def settings(example: Example) -> dict[str, Any]:
    """The `[tool.docglot]` table of the example's `pyproject.toml`, if it has one."""
    table: dict[str, Any] = tomllib.loads(example.files.get("pyproject.toml", "")).get("tool", {})
    return table.get("docglot", {})


def cannot_read(*args: object, **kwargs: object) -> None:
    """Stand for a reader that fails, which no known code makes docglot's do (DG100)."""
    raise RecursionError("maximum recursion depth exceeded")


def fail_to_read_if_the_page_says_so(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DG100's page shows what docglot prints when reading an object fails: make it fail."""
    if code == "DG100":
        monkeypatch.setattr(docglot.reading.extension, "document_callable", cannot_read)


CHECKED = [*METADATA, *TRANSLATIONS]


@pytest.mark.parametrize("code", CHECKED)
def test_the_failing_example_prints_what_the_page_shows(
    code: str, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = page(code).example("Failing example")
    project.write(setting_up(code, example))
    fail_to_read_if_the_page_says_so(code, monkeypatch)

    run = project.run(example.arguments)

    assert run.lines == example.output
    assert run.code == 1


@pytest.mark.parametrize("code", CHECKED)
def test_the_failing_example_has_one_finding_of_its_rule_and_no_other(
    code: str, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = page(code).example("Failing example")
    project.write(setting_up(code, example))
    fail_to_read_if_the_page_says_so(code, monkeypatch)

    findings = project.findings(every_rule(code, example))

    assert [found for found, _, _ in findings] == [code]
    # `--ignore` leaves the rule out in addition to the `ignore` list of pyproject.toml.
    assert project.findings([*every_rule(code, example), "--ignore", code]) == []


@pytest.mark.parametrize(
    "code", [code for code in CHECKED if RULES[code].family is Family.metadata or code == RENDERING]
)
def test_a_comment_on_the_line_of_the_finding_ignores_it(
    code: str, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = page(code).example("Failing example")
    project.write(setting_up(code, example))
    fail_to_read_if_the_page_says_so(code, monkeypatch)
    [(_, path, line)] = project.findings(every_rule(code, example))

    source = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    source[line - 1] = f"{source[line - 1].rstrip()}  # docglot: ignore[{code}]\n"
    Path(path).write_text("".join(source), encoding="utf-8")

    assert project.findings(every_rule(code, example)) == []


@pytest.mark.parametrize("code", CHECKED)
def test_the_passing_example_prints_what_the_page_shows_and_has_no_finding(
    code: str, project: Project
) -> None:
    example = page(code).example("Passing example")
    project.write(setting_up(code, example))

    run = project.run(example.arguments)

    assert run.lines == example.output
    assert run.code == 0
    assert project.findings(every_rule(code, example)) == []


@pytest.mark.parametrize("code", METADATA)
def test_mkdocs_build_warns_about_the_failing_example_as_the_page_says(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rule_page = page(code)
    example = rule_page.example("Failing example")
    write_files(tmp_path, example.files)
    fail_to_read_if_the_page_says_so(code, monkeypatch)

    # What a build does: load the package with the extension and no findings sink.
    with caplog.at_level(logging.WARNING, logger="griffe"):
        griffe.load(
            "shop",
            search_paths=[tmp_path],
            extensions=griffe.Extensions(DocglotExtension()),
            docstring_parser=griffe.Parser.google,
            allow_inspection=False,
        )
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]

    says_it_warns = rule_page.paragraphs("In mkdocs build")[0].startswith("mkdocs build warns")
    assert bool(warnings) is says_it_warns, warnings
    if warnings:
        assert len(warnings) == 1
        assert f" {code} " in warnings[0]
