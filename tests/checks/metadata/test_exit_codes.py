"""Exit codes: 0 when clean, 1 with findings, 2 with one line on what to fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.checks.metadata.conftest import Project, Run

RULE_LIST = (
    "DG100, DG101, DG102, DG103, DG104, DG105, DG106, DG107, DG108, DG109, DG110, "
    "DG201, DG202, DG203, DG204, DG205, DG206, DG207, DG301, DG302, DG303"
)
SETTING_LIST = "paths, select, ignore, config-file, docstring-style, min-translated, baseline"
NOT_A_BASELINE = "base.json: not a docglot baseline (version 1); write it with --write-baseline"


def docglot(cwd: Path, *arguments: str) -> Run:
    """Run `docglot` in its own process, as a user does."""
    result = subprocess.run(
        [sys.executable, "-m", "docglot.cli", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


@pytest.fixture
def package(project: Project) -> Project:
    """A project whose package `src/pkg` is clean."""
    project.write({"src/pkg/__init__.py": '"""Nothing to document."""\n'})
    return project


def test_clean(package: Project) -> None:
    assert package.check("src") == Run(0, "", "0 findings\n")


def test_findings(package: Project) -> None:
    package.write({"src/pkg/api.py": "def f(x: int) -> None: ...\n"})
    run = package.check("src")
    assert (run.code, run.err) == (1, "1 finding\n")


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (
            ["src", "--select", "DG999"],
            f"command line: unknown rule 'DG999' in 'select' (rules: {RULE_LIST})",
        ),
        (
            ["src", "--ignore", "DG101,XX1"],
            f"command line: unknown rule 'XX1' in '--ignore' (rules: {RULE_LIST})",
        ),
        (["src", "nowhere"], "nowhere: no such file or folder"),
        (["docs"], "docs: no Python package or module in this folder"),
        (["README.md"], "README.md: not a Python module, package or folder of packages"),
        (
            [],
            "nothing to check: pass packages as PATH, or set 'paths' under [tool.docglot] in pyproject.toml",
        ),
        (
            ["src", "--baseline", "missing.json"],
            "missing.json: no such baseline; write one with --write-baseline missing.json",
        ),
        (
            ["src", "--settings", "other.toml"],
            f"other.toml [tool.docglot]: unknown setting 'colour' (settings: {SETTING_LIST})",
        ),
    ],
)
def test_usage_errors(package: Project, arguments: list[str], error: str) -> None:
    package.write({"docs/index.md": "# Not Python\n", "README.md": "# Not Python\n"})
    package.write({"other.toml": '[tool.docglot]\ncolour = "red"\n'})
    assert package.check(*arguments) == Run(2, "", f"docglot: {error}\n")


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ('colour = "red"', f"unknown setting 'colour' (settings: {SETTING_LIST})"),
        ('select = ["DG1", "DG42"]', f"unknown rule 'DG42' in 'select' (rules: {RULE_LIST})"),
        ("ignore = [101]", "'ignore' must be a list of strings"),
        ('docstring-style = "javadoc"', "'docstring-style' must be google, numpy or sphinx"),
        (
            "min-translated = 120",
            "'min-translated' must be a percentage (0-100) or a table of them by language",
        ),
    ],
)
def test_setting_errors(package: Project, table: str, error: str) -> None:
    package.write({"pyproject.toml": f"[tool.docglot]\n{table}\n"})
    assert package.check("src") == Run(2, "", f"docglot: pyproject.toml [tool.docglot]: {error}\n")


def test_a_pyproject_that_is_not_toml(package: Project) -> None:
    package.write({"pyproject.toml": "[tool.docglot\n"})
    assert package.check("src") == Run(
        2,
        "",
        "docglot: pyproject.toml: Expected ']' at the end of a table declaration (at line 1, column 14)\n",
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "{\n  'findings': {}\n}\n",
            "base.json:2: not a docglot baseline (Expecting property name enclosed in double quotes)",
        ),
        ('{"version": 2, "findings": {}}\n', NOT_A_BASELINE),
        ('{"version": 1, "findings": {"DG101 pkg.f": "one"}}\n', NOT_A_BASELINE),
        ("[]\n", NOT_A_BASELINE),
    ],
)
def test_broken_baselines(package: Project, text: str, error: str) -> None:
    package.write({"base.json": text})
    assert package.check("src", "--baseline", "base.json") == Run(2, "", f"docglot: {error}\n")


@pytest.mark.parametrize(
    ("files", "error"),
    [
        (
            {"src/pkg/broken.py": "def f(:\n    pass\n"},
            "src/pkg/broken.py:1: invalid syntax",
        ),
        (
            {"src/pkg/__init__.py": '"""A package."""\n\nx = (\n'},
            "src/pkg/__init__.py:3: '(' was never closed",
        ),
    ],
)
def test_a_syntax_error_is_one_line_without_traceback(
    package: Project, files: dict[str, str], error: str
) -> None:
    package.write(files)
    run = docglot(package.root, "check", "src")
    assert run == Run(2, "", f"docglot: {error}; fix this line: the module cannot be loaded\n")


def test_argparse_errors_exit_with_2(package: Project) -> None:
    run = docglot(package.root, "check", "src", "--output-format", "xml")
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("usage: docglot check [-h]")
    assert run.err.endswith(
        "docglot check: error: argument --output-format: invalid choice: 'xml' "
        "(choose from 'text', 'json', 'github', 'sarif')\n"
    )
    with pytest.raises(SystemExit) as exit_:
        package.check("src", "--no-such-option")
    assert exit_.value.code == 2
