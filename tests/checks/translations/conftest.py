"""Fixtures: a small site in a temporary folder, and `docglot check` run in this process."""

from __future__ import annotations

from pathlib import Path

import pytest
from docglot.cli import main

from tests.checks.translations.project import CONFIG, Check, Result
from tests.mini_site import MiniSite


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site with German and French, no catalog yet; the working directory is its folder."""
    MiniSite().write(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    (tmp_path / "locales").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Check:
    """Return `check(*arguments)`: run `docglot check ARGUMENTS` as the command line does."""

    def run(*arguments: str) -> Result:
        code = main(["check", *arguments])
        captured = capsys.readouterr()
        return Result(code, captured.out.splitlines(), captured.err)

    return run
