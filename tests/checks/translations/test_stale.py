"""DG205: a catalog out of date with the code, held against what `docglot catalog update` extracts."""

from __future__ import annotations

from pathlib import Path

import pytest
from docglot.cli import main

from tests.checks.translations.project import GREET_LINE, Check, catalog, entry


def test_texts_without_entries_and_entries_without_texts_are_findings(project: Path, check: Check) -> None:
    (project / "locales" / "de.po").write_text(
        catalog(
            entry("mini.greet:docstring", "Greet someone.", "Jemanden grüßen."),
            entry("mini.greet:docstring", "The greeting is polite.", "Der Gruß ist höflich."),
            entry("mini.greet:parameter:name", "The name of the person to greet."),
            entry("mini.gone:docstring", "Gone.", "Weg."),  # msgid on line 18
        ),
        encoding="utf-8",
    )

    result = check("--select", "DG205")

    assert result.lines == [
        # The navigation's titles have no line in the code: the catalog is named.
        'locales/de.po:0:1: DG205 "API" (mkdocs.yml:nav) has no entry in locales/de.po: '
        "run docglot catalog update",
        'locales/de.po:0:1: DG205 "Greeting" (mkdocs.yml:nav) has no entry in locales/de.po: '
        "run docglot catalog update",
        'locales/de.po:0:1: DG205 "Home" (mkdocs.yml:nav) has no entry in locales/de.po: '
        "run docglot catalog update",
        'locales/de.po:18:1: DG205 the entry for "Gone." (mini.gone:docstring) is no longer in the '
        "reference: run docglot catalog update",
        "locales/fr.po:0:1: DG205 no catalog for fr: run docglot catalog update",
        f'src/mini/__init__.py:{GREET_LINE}:1: DG205 "Shout the greeting." (mini.greet:parameter:loud) '
        "has no entry in locales/de.po: run docglot catalog update",
        f'src/mini/__init__.py:{GREET_LINE}:1: DG205 "The greeting." (mini.greet:return:0) '
        "has no entry in locales/de.po: run docglot catalog update",
    ]
    assert result.code == 1


def test_catalogs_just_updated_are_current(
    project: Path, check: Check, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "locales" / "de.po").write_text(
        catalog(entry("mini.gone:docstring", "Gone.", "Weg.")), encoding="utf-8"
    )
    assert main(["catalog", "update"]) == 0
    capsys.readouterr()

    result = check("--select", "DG203,DG205")

    # The gone text's translation is kept as an obsolete entry: that is DG203, not a stale catalog.
    line = (project / "locales" / "de.po").read_text(encoding="utf-8").splitlines().index('#~ msgid "Gone."')
    assert result.lines == [
        f'locales/de.po:{line + 1}:1: DG203 obsolete entry for "Gone." (mini.gone:docstring): '
        "the reference no longer shows this text; delete the entry",
    ]
