"""`[tool.docglot]` in `pyproject.toml`, and the command line, which wins."""

from __future__ import annotations

from pathlib import Path

import pytest
from docglot.checks.settings import SettingsError, read_settings

from tests.checks.metadata.conftest import Project, Run, undocumented

FILES = {
    "src/pkg/__init__.py": '''
    from typing import Annotated

    from annotated_doc import Doc


    def f(a: int, b: Annotated[int, Doc(documentation="B.")]) -> None:
        """F."""
    ''',
    "lib/other/__init__.py": """
    def g(c: int) -> None: ...
    """,
}
SRC_DG101 = ("src/pkg/__init__.py", 6, 1, "DG101", undocumented("a", "pkg.f"))
SRC_DG109 = (
    "src/pkg/__init__.py",
    6,
    1,
    "DG109",
    'Doc(documentation=...): pass the text as the only positional argument, Doc("...")',
)
LIB_DG101 = ("lib/other/__init__.py", 1, 1, "DG101", undocumented("c", "other.g"))


@pytest.fixture
def configured(project: Project) -> Project:
    """Two packages, `src/pkg` and `lib/other`, and settings that check the first for DG1 but DG109."""
    project.write(FILES)
    project.write({"pyproject.toml": '[tool.docglot]\npaths = ["src"]\nselect = ["DG1"]\nignore = "DG109"\n'})
    return project


def test_settings_apply(configured: Project) -> None:
    assert configured.findings() == [SRC_DG101]


def test_the_command_line_wins(configured: Project) -> None:
    assert configured.findings("lib") == [LIB_DG101]
    assert configured.findings("src", "lib") == [LIB_DG101, SRC_DG101]
    assert configured.findings("--select", "DG109") == []  # Selected, but still ignored by the settings.
    assert configured.findings("--select", "DG101", "--select", "DG109") == [SRC_DG101]


def test_the_command_line_ignores_rules_in_addition_to_the_settings(configured: Project) -> None:
    # As ruff's `--ignore`: the settings' `ignore = "DG109"` stays, the command line's adds to it.
    assert configured.findings("--ignore", "DG101") == []
    assert configured.findings("--ignore", "DG2") == [SRC_DG101]
    assert configured.findings("--select", "DG101", "--select", "DG109", "--ignore", "DG2") == [SRC_DG101]
    assert configured.findings("--select", "DG1", "--ignore", "DG101") == []


def test_another_settings_file(configured: Project) -> None:
    configured.write({"ci.toml": '[tool.docglot]\npaths = ["lib", "src"]\nselect = ["DG101,DG109"]\n'})
    assert configured.findings("--settings", "ci.toml") == [LIB_DG101, SRC_DG101, SRC_DG109]


def test_without_settings_every_rule_applies(project: Project) -> None:
    project.write(FILES)
    assert project.findings("src") == [SRC_DG101, SRC_DG109]
    assert project.check() == Run(
        2,
        "",
        "docglot: nothing to check: pass packages as PATH, "
        "or set 'paths' under [tool.docglot] in pyproject.toml\n",
    )


@pytest.mark.parametrize(
    ("value", "shares"),
    [
        ("80", {"*": 80.0}),
        ("92.5", {"*": 92.5}),
        ('{ "*" = 50, de = 100, pt-BR = 0 }', {"*": 50.0, "de": 100.0, "pt-BR": 0.0}),
    ],
)
def test_min_translated(tmp_path: Path, value: str, shares: dict[str, float]) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.docglot]\nmin-translated = {value}\n", encoding="utf-8")
    assert read_settings(pyproject).min_translated == shares


@pytest.mark.parametrize("value", ["true", "-1", "101", '"80%"', "{ de = true }", "[80]"])
def test_min_translated_errors(tmp_path: Path, value: str) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.docglot]\nmin-translated = {value}\n", encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        read_settings(pyproject)
    assert str(error.value) == (
        f"{pyproject} [tool.docglot]: "
        "'min-translated' must be a percentage (0-100) or a table of them by language"
    )


def test_defaults(tmp_path: Path) -> None:
    settings = read_settings(tmp_path / "pyproject.toml")
    assert (settings.paths, settings.ignore, settings.config_file, settings.baseline) == ([], [], None, None)
    assert (settings.docstring_style, settings.min_translated) == ("google", {})
    assert [code for code in settings.select if code.startswith("DG1")] == [f"DG1{n:02}" for n in range(11)]
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert read_settings(tmp_path / "pyproject.toml").config_file == str(tmp_path / "mkdocs.yml")


def test_docstring_style(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": '''
            def f(a: int) -> None:
                """F.

                Parameters
                ----------
                a
                    The a, in NumPy's style.
                """
            ''',
        }
    )
    assert project.findings("src") == [("src/pkg/__init__.py", 1, 1, "DG101", undocumented("a", "pkg.f"))]
    project.write({"pyproject.toml": '[tool.docglot]\ndocstring-style = "numpy"\n'})
    assert project.findings("src") == []
