"""The `project` fixture: an empty project folder, made the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.docs.project import Project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Project:
    """An empty project folder, made the working directory."""
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path, capsys)
