"""Baselines: accepted findings stay accepted through edits; new ones are reported."""

from __future__ import annotations

import json

import pytest

from tests.checks.metadata.conftest import Project, Run, undocumented

MODULE = '''
from typing import Annotated

from annotated_doc import Doc

UNIT = "seconds"


def wait(
    delay: Annotated[float, Doc(f"How long to wait, in {UNIT}.")],
    reason: Annotated[str, Doc("")],
    quiet: bool = False,
) -> None:
    """Wait."""
'''
"""Three findings: an f-string Doc (DG102), an empty Doc (DG103), an undocumented parameter (DG101)."""

BASELINE = {
    "version": 1,
    "findings": {
        "DG101 pkg.wait:parameter:quiet": 1,
        "DG102 pkg.wait": 1,
        "DG103 pkg.wait": 1,
    },
}


@pytest.fixture
def accepted(project: Project) -> Project:
    """A project with three findings, all written to `baseline.json`."""
    project.write({"src/pkg/__init__.py": MODULE})
    assert [row[3] for row in project.findings("src")] == ["DG102", "DG103", "DG101"]
    assert project.check("src", "--write-baseline", "baseline.json") == Run(
        0, "", "baseline.json: 3 findings accepted\n"
    )
    return project


def test_written_baseline(accepted: Project) -> None:
    text = (accepted.root / "baseline.json").read_text(encoding="utf-8")
    assert json.loads(text) == BASELINE
    assert text == json.dumps(BASELINE, indent=2) + "\n"


def test_a_baseline_accepts_what_it_lists(accepted: Project) -> None:
    assert accepted.check("src", "--baseline", "baseline.json") == Run(0, "", "0 findings\n")


def test_edited_texts_and_moved_lines_stay_accepted(accepted: Project) -> None:
    # The texts change (so do the messages), and every line moves down by two.
    edited = (
        MODULE.replace('UNIT = "seconds"', '"""Waiting."""\n\nUNIT = "seconds"')
        .replace('f"How long to wait, in {UNIT}."', 'f"The delay, in {UNIT}."')
        .replace('Doc("")', 'Doc("   ")')
    )
    accepted.write({"src/pkg/__init__.py": edited})
    assert [row[1] for row in accepted.findings("src")] == [11, 12, 13]
    assert accepted.check("src", "--baseline", "baseline.json") == Run(0, "", "0 findings\n")


def test_new_findings_are_reported(accepted: Project) -> None:
    # One empty Doc is fixed while another is made: still one DG103 of pkg.wait, accepted.
    # A new parameter is undocumented: that is new.
    edited = MODULE.replace('Doc("")', 'Doc("Why.")').replace(
        "    quiet: bool = False,\n",
        '    quiet: Annotated[bool, Doc("")] = False,\n    retries: int = 0,\n',
    )
    accepted.write({"src/pkg/__init__.py": edited})
    where = "src/pkg/__init__.py"
    assert accepted.findings("src", "--baseline", "baseline.json") == [
        (where, 12, 1, "DG101", undocumented("retries", "pkg.wait")),
    ]
    # A second empty Doc in the function: the baseline accepted one DG103 of pkg.wait, not two.
    second = edited.replace("retries: int = 0", 'retries: Annotated[int, Doc("")] = 0')
    accepted.write({"src/pkg/__init__.py": second})
    assert accepted.findings("src", "--baseline", "baseline.json") == [
        (where, 12, 1, "DG103", "Doc text is empty; write what the value is for, or remove the Doc"),
    ]


def test_baseline_from_the_settings(accepted: Project) -> None:
    accepted.write({"pyproject.toml": '[tool.docglot]\npaths = ["src"]\nbaseline = "baseline.json"\n'})
    assert accepted.check() == Run(0, "", "0 findings\n")
    # The command line names another baseline: it wins.
    accepted.write({"partial.json": '{"version": 1, "findings": {"DG102 pkg.wait": 1}}\n'})
    assert [row[3] for row in accepted.findings("--baseline", "partial.json")] == ["DG103", "DG101"]
    # Writing a baseline ignores the configured one: every finding is written.
    assert accepted.check("--write-baseline", "again.json") == Run(0, "", "again.json: 3 findings accepted\n")
    assert json.loads((accepted.root / "again.json").read_text(encoding="utf-8")) == BASELINE


def test_an_unread_doc_stays_accepted_when_it_moves(project: Project) -> None:
    project.write({"src/pkg/__init__.py": 'from annotated_doc import Doc\n\nHELP = Doc("Help.")\n'})
    assert project.check("src", "--write-baseline", "baseline.json").code == 0
    assert json.loads((project.root / "baseline.json").read_text(encoding="utf-8"))["findings"] == {
        "DG105 pkg.HELP": 1
    }
    project.write(
        {"src/pkg/__init__.py": 'from annotated_doc import Doc\n\nX = 1\n\nHELP = Doc("More help.")\n'}
    )
    assert project.check("src", "--baseline", "baseline.json") == Run(0, "", "0 findings\n")
