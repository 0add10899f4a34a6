"""Shared fixtures: the site is built once per test run, with the real `mkdocs build --strict`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TESTS = ROOT / "tests"

SLOW = (
    "bad_input",  # builds a site for each case
    "browser",  # builds sites and reads them in Chromium
    "catalogs/test_update_properties.py",  # hypothesis: many catalog updates
    "checks/site",  # builds the sites it checks
    "cli",  # runs `docglot` in processes of its own, `serve` included
    "corpus/test_fastapi_preview.py",  # serves FastAPI's reference and builds it again
    "corpus/test_fastapi_site.py",  # builds FastAPI's reference in eight languages, with MkDocs and Zensical
    "corpus/test_fastapi_stack.py",  # builds FastAPI's reference twice, with docglot and griffe-typingdoc
    "distribution",  # builds the wheel and installs it from PyPI
    "library/test_under_load.py",  # uvicorn under 1,000 concurrent requests
    "rendered",  # builds the site several ways
    "zensical",  # builds the site with Zensical
)
"""Folders and modules of `tests/` whose tests are marked `slow`, new tests in them included.

`pytest -m "not slow"` runs the others, the inner loop's quick subset; a full run runs all.
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` the tests of the `SLOW` folders and modules, and any that builds the site."""
    slow = [TESTS / path for path in SLOW]
    # A folder renamed or moved would silently bring its slow tests into the quick subset.
    if missing := [str(path.relative_to(ROOT)) for path in slow if not path.exists()]:
        raise pytest.UsageError(f"tests/conftest.py SLOW names what does not exist: {', '.join(missing)}")
    for item in items:
        in_slow_path = any(item.path.is_relative_to(path) for path in slow)
        if in_slow_path or "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


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
