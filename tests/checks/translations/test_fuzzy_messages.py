"""DG202 says why an entry is fuzzy: its English text changed, or it is marked as needing review."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import escape

from tests.checks.translations.project import HEADER, Check

CONTEXT = "mini.greet:parameter:name"
ENGLISH = "The name of the person to greet."
NAMED = f'"{ENGLISH}" ({CONTEXT})'


def fuzzy_entry(previous: str | None) -> str:
    """A German catalog of one fuzzy entry, with a previous text (`#| msgid`) or none; `msgid` on line 8."""
    lines = ["#, fuzzy", f"#| msgid {escape(previous)}" if previous is not None else "# Checked by Anna."]
    lines += [f"msgctxt {escape(CONTEXT)}", f"msgid {escape(ENGLISH)}", 'msgstr "Der Name."']
    return HEADER + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("previous", "why"),
    [
        pytest.param("The name.", "the English text changed since it was translated", id="English changed"),
        pytest.param(None, "it is marked as needing review", id="marked by hand"),
        pytest.param(ENGLISH, "it is marked as needing review", id="previous text is the English text"),
    ],
)
def test_a_fuzzy_entry_says_why_it_is_fuzzy(
    project: Path, check: Check, previous: str | None, why: str
) -> None:
    (project / "locales" / "de.po").write_text(fuzzy_entry(previous), encoding="utf-8")

    result = check("--select", "DG202")

    assert result.code == 1
    assert result.lines == [
        f"locales/de.po:8:1: DG202 the translation of {NAMED} is fuzzy: {why}; "
        "check it and remove the fuzzy flag"
    ]
