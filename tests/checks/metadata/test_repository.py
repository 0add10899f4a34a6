"""The repository holds itself to its own metadata rules: `aftersend` and docglot are clean."""

from __future__ import annotations

import pytest

from tests.checks.metadata.conftest import Project, Run
from tests.conftest import ROOT


def test_the_repository_passes_its_metadata_rules(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    # The repository's mkdocs.yml is read too: DG108 holds the packages against its reference pages.
    assert Project(ROOT, capsys).check("src", "plugins", "--select", "DG1") == Run(0, "", "0 findings\n")
