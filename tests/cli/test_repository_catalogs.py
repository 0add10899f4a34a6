"""This site's own catalogs are current with the code and fully translated."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LANGUAGES = ("de", "es", "fr", "ja", "pt")


def test_catalog_update_changes_nothing_and_every_entry_is_translated(tmp_path: Path) -> None:
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")

    result = subprocess.run(
        [sys.executable, "-m", "docglot.cli", "catalog", "update"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        path = Path("locales") / f"{language}.po"
        assert (tmp_path / path).read_bytes() == (ROOT / path).read_bytes(), f"{path} is out of date"
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'locales' / language}.po: unchanged, 47 entries for 66 messages "
        "(47 translated, 0 fuzzy, 0 untranslated, 0 obsolete)"
        for language in LANGUAGES
    ]
