"""A project in a temporary folder, checked with the real `docglot check` command, in-process."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from docglot.cli import main

Row = tuple[str, int, int, str, str]
"""A finding as `(path, line, column, code, message)`."""


@dataclass(frozen=True)
class Run:
    """What one `docglot check` printed, and its exit code."""

    code: int
    out: str
    err: str


class Project:
    """A project folder, which is the working directory while the test runs."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self._capsys = capsys

    def write(self, files: dict[str, str]) -> None:
        """Write `{relative path: text}`, each text dedented, starting at its first line."""
        for relative, text in files.items():
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")

    def check(self, *arguments: str) -> Run:
        """Run `docglot check ARGUMENTS` as the command line does, and capture its output."""
        self._capsys.readouterr()
        code = main(["check", *arguments])
        captured = self._capsys.readouterr()
        return Run(code, captured.out, captured.err)

    def findings(self, *arguments: str) -> list[Row]:
        """The findings of `docglot check ARGUMENTS`, read from its JSON output."""
        run = self.check(*arguments, "--output-format", "json")
        assert run.code == (1 if json.loads(run.out) else 0), run.err
        return [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in json.loads(run.out)]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Project:
    """An empty project folder, made the working directory."""
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path, capsys)


def undocumented(parameter: str, function: str) -> str:
    """The message of DG101."""
    return (
        f"parameter '{parameter}' of {function} is not documented; "
        'add Annotated[..., Doc("...")] or an entry in the docstring'
    )
