"""`docglot check --site` on pages of FastAPI's reference, whose modules import names from
packages the site does not load (`collections.abc.Callable`) or loads only for `:::` pages
(`starlette.status`): the build leaves those imports out, and so does the check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import lxml.html
import pytest
from docglot.cli import main

CONFIG = """
site_name: FastAPI pages
docs_dir: docs
theme:
  name: material
nav:
  - Models: models.md
  - Status: status.md
plugins:
  - search
  - docglot:
      languages: [en]
  - mkdocstrings:
      handlers:
        python:
          options:
            extensions: [docglot]
            docstring_style: google
            show_root_heading: true
            show_if_no_docstring: true
            preload_modules: [starlette]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of two FastAPI pages, built."""
    root = tmp_path_factory.mktemp("fastapi-pages")
    (root / "mkdocs.yml").write_text(textwrap.dedent(CONFIG).lstrip())
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "en" / "models.md").write_text("# Models\n\n::: fastapi.openapi.models\n")
    (root / "docs" / "en" / "status.md").write_text("# Status\n\n::: fastapi.status\n")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return root


def check(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list]:
    """`docglot check --site site`, in the project, in this process: the exit code and the findings."""
    monkeypatch.chdir(project)
    capsys.readouterr()
    code = main(["check", "--site", "site", "--output-format", "json"])
    captured = capsys.readouterr()
    return code, [(item["path"], item["code"], item["target"]) for item in json.loads(captured.out)]


def test_imports_from_packages_not_loaded_are_no_finding(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(project, monkeypatch, capsys) == (0, [])


def test_the_pages_are_checked_all_the_same(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A copy of the project whose models page lost the entry of one class.
    copy = tmp_path / "project"
    subprocess.run(["cp", "-R", str(project), str(copy)], check=True)
    page = copy / "site" / "models" / "index.html"
    document = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
    (heading,) = document.xpath('//*[@id="fastapi.openapi.models.Contact"]')
    entry = heading.getparent()
    entry.getparent().remove(entry)
    page.write_text(lxml.html.tostring(document, encoding="unicode", doctype="<!doctype html>"))

    code, findings = check(copy, monkeypatch, capsys)

    assert code == 1
    assert sorted(set(findings)) == [
        ("site/models/index.html", "DG301", f"en:fastapi.openapi.models.Contact{member}")
        for member in ("", ".email", ".name", ".url")
    ]
