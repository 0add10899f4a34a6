"""Copies of the repository's built site, edited with lxml, and `docglot check --site` run on them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from docglot.checks.settings import Settings
from docglot.checks.site.built_site import check_site
from docglot.checks.site.reference_pages import directives, load_rendered_packages, read_reference
from docglot.checks.site.site_config import read_site_config
from docglot.checks.source.packages import LoadedPackages
from docglot.cli import main

from tests.conftest import ROOT

Finding = tuple[str, int, str, str, str]
"""A finding as `(path, line, code, message, target)`."""

Check = Callable[..., list[Finding]]
"""`check(site, config=None)`: the findings of the site, held against a configuration."""


@dataclass(frozen=True)
class Site:
    """A copy of the built site that a test may edit."""

    root: Path

    def page(self, relative: str) -> Path:
        """A built page, by its path in the site (`de/reference/background/index.html`)."""
        return self.root / relative

    def edit(self, relative: str, change: Callable[[lxml.html.HtmlElement], None]) -> None:
        """Parse a page with lxml, change its tree, and write it back."""
        path = self.page(relative)
        document = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(lxml.html.tostring(document, encoding="unicode", doctype="<!doctype html>"))

    def line(self, relative: str, xpath: str) -> int:
        """The line where lxml finds the one element an XPath selects."""
        (element,) = lxml.html.parse(str(self.page(relative))).xpath(xpath)
        return int(element.sourceline)

    def shown(self, relative: str) -> str:
        """How findings name a page of this site (the working directory is the repository)."""
        return self.page(relative).resolve().as_posix()


@pytest.fixture
def site(built_site: Path, tmp_path: Path) -> Site:
    """A fresh copy of the repository's built site."""
    shutil.copytree(built_site, tmp_path / "site")
    return Site(tmp_path / "site")


@pytest.fixture(scope="module")
def packages() -> LoadedPackages:
    """The packages the site's pages render, found and loaded as `docglot check --site` does, once."""
    config = read_site_config(str(ROOT / "mkdocs.yml"))
    reference = read_reference(config)
    identifiers = [directive.identifier for directive in directives(reference, config.languages[0])]
    return load_rendered_packages(reference, identifiers, [], "google")


@pytest.fixture
def check(packages: LoadedPackages, monkeypatch: pytest.MonkeyPatch) -> Check:
    """Return `check(site, config)`: the findings of `docglot check --site`, sorted as the command sorts them.

    The packages are loaded once for the module; the command loads them on each run (see
    `run`).
    """
    monkeypatch.chdir(ROOT)

    def run(site: Site, config: str = "mkdocs.yml") -> list[Finding]:
        found = check_site(site.root, read_site_config(config), packages, Settings())
        return [(f.path, f.line, f.code, f.message, f.target) for f in sorted(set(found))]

    return run


@pytest.fixture
def command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[Site], tuple[int, list[Finding]]]:
    """Return `command(site)`: `docglot check --site SITE --select DG3` in the repository, in this process."""
    monkeypatch.chdir(ROOT)

    def run(site: Site) -> tuple[int, list[Finding]]:
        capsys.readouterr()
        code = main(["check", "--site", str(site.root), "--select", "DG3", "--output-format", "json"])
        captured = capsys.readouterr()
        assert code in {0, 1}, captured.err
        findings = [
            (item["path"], item["line"], item["code"], item["message"], item["target"])
            for item in json.loads(captured.out)
        ]
        return code, findings

    return run
