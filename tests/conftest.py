"""Shared fixtures: the site is built once per test run, with the real `mkdocs build --strict`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def mkdocs_build(project: Path, site: Path) -> None:
    """Run `mkdocs build --strict` in its own process, as a user does; no warning is allowed."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site from the repository's `mkdocs.yml` into a temporary directory."""
    site = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT, site)
    return site
