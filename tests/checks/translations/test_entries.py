"""DG201 untranslated, DG202 fuzzy and DG203 obsolete entries, DG204 the translated share."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.checks.translations.project import Check, catalog, entry, obsolete

MIXED = catalog(
    entry("mkdocs.yml:nav", "API", "API"),  # msgid on line 6
    entry("mini.greet:docstring", "Greet someone."),  # line 10
    entry("mini.greet:docstring", "The greeting is polite.", "Der Gruß ist höflich.", fuzzy=True),  # 15
    entry("mini.greet:parameter:name", "The name of the person to greet."),  # line 19
    obsolete("mini.greet:return:0", "The greeting.", "Der Gruß."),  # `#~ msgid` on line 23
)

TRANSLATED = catalog(
    entry("mkdocs.yml:nav", "API", "API"),
    entry("mini.greet:docstring", "Greet someone.", "Jemanden grüßen."),
    entry("mini.greet:parameter:name", "The name of the person to greet.", "Der Name der Person."),
)


def test_each_untranslated_fuzzy_and_obsolete_entry_is_a_finding_at_its_line(
    project: Path, check: Check
) -> None:
    (project / "locales" / "de.po").write_text(MIXED, encoding="utf-8")

    result = check("--select", "DG201,DG202,DG203")

    assert result.lines == [
        'locales/de.po:10:1: DG201 no translation for "Greet someone." (mini.greet:docstring)',
        'locales/de.po:15:1: DG202 the translation of "The greeting is polite." (mini.greet:docstring) '
        "is fuzzy: it is marked as needing review; check it and remove the fuzzy flag",
        'locales/de.po:19:1: DG201 no translation for "The name of the person to greet." '
        "(mini.greet:parameter:name)",
        'locales/de.po:23:1: DG203 obsolete entry for "The greeting." (mini.greet:return:0): '
        "the reference no longer shows this text; delete the entry",
    ]
    assert result.code == 1
    assert result.stderr == "4 findings\n"


def test_targets_are_language_and_context_with_a_digest_when_the_context_repeats(
    project: Path, check: Check
) -> None:
    (project / "locales" / "de.po").write_text(MIXED, encoding="utf-8")

    result = check("--select", "DG201,DG202,DG203", "--output-format", "json")

    digest = hashlib.sha256(b"Greet someone.").hexdigest()[:8]
    assert [finding["target"] for finding in json.loads("\n".join(result.lines))] == [
        f"de:mini.greet:docstring:{digest}",
        f"de:mini.greet:docstring:{hashlib.sha256(b'The greeting is polite.').hexdigest()[:8]}",
        "de:mini.greet:parameter:name",
        "de:mini.greet:return:0",
    ]


def test_a_fully_translated_catalog_has_no_finding(project: Path, check: Check) -> None:
    (project / "locales" / "de.po").write_text(TRANSLATED, encoding="utf-8")
    (project / "locales" / "fr.po").write_text(TRANSLATED, encoding="utf-8")

    result = check("--select", "DG201,DG202,DG203,DG204")

    assert (result.code, result.lines, result.stderr) == (0, [], "0 findings\n")


def test_a_language_below_its_minimum_share_is_one_finding(project: Path, check: Check) -> None:
    one_of_three = catalog(
        entry("mkdocs.yml:nav", "API", "API"),
        entry("mini.greet:docstring", "Greet someone."),
        entry("mini.greet:docstring", "The greeting is polite.", "Der Gruß ist höflich.", fuzzy=True),
        obsolete("mini.greet:return:0", "The greeting.", "Der Gruß."),
    )
    (project / "locales" / "de.po").write_text(one_of_three, encoding="utf-8")
    (project / "locales" / "fr.po").write_text(one_of_three, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.docglot]\nmin-translated = { "*" = 50, fr = 33 }\n')

    result = check("--select", "DG204")

    # Obsolete entries do not count; fuzzy ones are not translated. French asks for less.
    assert result.lines == [
        "locales/de.po:0:1: DG204 de: 1 of 3 entries translated (33.3%), below the minimum of 50%",
    ]
    assert result.code == 1


def test_a_share_equal_to_the_minimum_is_enough(project: Path, check: Check) -> None:
    two_of_four = catalog(
        entry("mkdocs.yml:nav", "API", "API"),
        entry("mini.greet:docstring", "Greet someone.", "Jemanden grüßen."),
        entry("mini.greet:docstring", "The greeting is polite."),
        entry("mini.greet:parameter:name", "The name of the person to greet."),
    )
    (project / "locales" / "de.po").write_text(two_of_four, encoding="utf-8")
    (project / "pyproject.toml").write_text("[tool.docglot]\nmin-translated = 50\n")

    result = check("--select", "DG204")

    assert (result.code, result.lines) == (0, [])
