"""`.pre-commit-hooks.yaml`: the hooks other projects run, with the real `docglot` console script."""

from __future__ import annotations

import importlib
import shlex
import tomllib
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.

from tests.checks.docs.pages import RULES_DIR, read_page
from tests.checks.docs.project import TRANSLATION_SITE, Project
from tests.conftest import ROOT

REQUIRED = {"id", "name", "entry", "language"}
"""The keys pre-commit requires of a hook."""
OPTIONAL = {
    "additional_dependencies",
    "alias",
    "always_run",
    "args",
    "description",
    "exclude",
    "exclude_types",
    "fail_fast",
    "files",
    "language_version",
    "log_file",
    "minimum_pre_commit_version",
    "pass_filenames",
    "require_serial",
    "stages",
    "types",
    "types_or",
    "verbose",
}
"""The other keys pre-commit knows."""


def hooks() -> dict[str, dict[str, Any]]:
    """The hooks of `.pre-commit-hooks.yaml`, by id."""
    loaded = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    by_id = {hook["id"]: hook for hook in loaded}
    assert len(by_id) == len(loaded), "two hooks have the same id"
    return by_id


def test_every_hook_has_the_keys_pre_commit_requires_and_no_unknown_key() -> None:
    for hook_id, hook in hooks().items():
        assert hook.keys() >= REQUIRED, hook_id
        assert hook.keys() <= REQUIRED | OPTIONAL, hook_id
        assert all(isinstance(hook[key], str) and hook[key] for key in REQUIRED), hook_id


def test_the_hooks_install_docglot_and_run_the_console_script_it_declares() -> None:
    # pre-commit runs `pip install . ADDITIONAL_DEPENDENCIES` in its clone of the repository:
    # the root project is the documented library, docglot is the project in plugins/.
    root = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    docglot = tomllib.loads((ROOT / "plugins" / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (root["name"], docglot["name"]) == ("aftersend", "docglot")
    assert "scripts" not in root
    scripts = docglot["scripts"]

    for hook_id, hook in hooks().items():
        assert hook["additional_dependencies"] == ["./plugins"], hook_id
        command, subcommand, *_ = shlex.split(hook["entry"])
        assert command in scripts, hook_id
        assert subcommand == "check", hook_id
        module, _, function = scripts[command].partition(":")
        assert callable(getattr(importlib.import_module(module), function))


def test_docglot_check_runs_once_on_the_packages_when_python_files_change() -> None:
    hook = hooks()["docglot-check"]

    assert hook["entry"] == "docglot check"
    assert hook["language"] == "python"
    assert hook["types"] == ["python"]
    assert hook["pass_filenames"] is False


def test_docglot_catalogs_runs_the_translation_rules_when_catalogs_change() -> None:
    hook = hooks()["docglot-catalogs"]

    assert hook["entry"] == "docglot check --select DG2"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.po$"
    assert hook["pass_filenames"] is False


@pytest.mark.parametrize(("section", "status"), [("Failing example", 1), ("Passing example", 0)])
def test_the_check_hook_checks_the_packages_of_the_settings(
    project: Project, section: str, status: int
) -> None:
    example = read_page(RULES_DIR / "DG101.md").example(section)
    project.write({**example.files, "pyproject.toml": '[tool.docglot]\npaths = ["shop"]\n'})

    run = project.run(shlex.split(hooks()["docglot-check"]["entry"])[1:])

    # The same findings as the page's `docglot check shop`, from the settings' paths.
    assert run.lines == example.output
    assert run.code == status


@pytest.mark.parametrize(("section", "status"), [("Failing example", 1), ("Passing example", 0)])
def test_the_catalogs_hook_checks_the_catalogs_against_the_site(
    project: Project, section: str, status: int
) -> None:
    example = read_page(RULES_DIR / "DG201.md").example(section)
    project.write(TRANSLATION_SITE | example.files)

    run = project.run(shlex.split(hooks()["docglot-catalogs"]["entry"])[1:])

    assert run.lines == example.output
    assert run.code == status
