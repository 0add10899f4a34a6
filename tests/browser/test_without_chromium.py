"""On a machine without Chromium the browser tests are skipped, naming the install command; CI fails them.

The browser tests run in a pytest of their own, pointed at a Chromium that does not exist
(`DOCGLOT_CHROMIUM`): the README's test command must pass on a fresh machine, and `.ci/run`
(`DOCGLOT_REQUIRE_BROWSER=1`) must not pass without having used the browser.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

HERE = Path(__file__).parent
REASON = "Chromium is missing: the browser tests need Debian's `chromium` (apt-get install chromium)"


@dataclass(frozen=True)
class Outcome:
    """How one test ended: `skipped`, `error` or `passed`, and the message it ended with."""

    name: str
    result: str
    message: str


def run_browser_tests(tmp_path: Path, **environment: str) -> tuple[int, str, list[Outcome]]:
    """Run this folder's other tests without Chromium; the exit code, the output, each test's outcome."""
    report = tmp_path / "report.xml"
    env = {key: value for key, value in os.environ.items() if key != "DOCGLOT_REQUIRE_BROWSER"}
    env.update(DOCGLOT_CHROMIUM=str(tmp_path / "no-chromium-here"), **environment)
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", str(HERE), "--ignore", __file__),
            *("-p", "no:cacheprovider", "-q", "-rs", "--junitxml", str(report)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    outcomes = []
    for case in ET.parse(report).getroot().iter("testcase"):
        ending = next(iter(case), None)
        outcomes.append(
            Outcome(
                name=case.get("name", ""),
                result="passed" if ending is None else ending.tag,
                message="" if ending is None else ending.get("message", ""),
            )
        )
    return result.returncode, result.stdout, outcomes


def test_every_browser_test_is_skipped_with_the_install_command(tmp_path: Path) -> None:
    code, output, outcomes = run_browser_tests(tmp_path)

    assert code == 0, output
    assert len(outcomes) > 1
    assert {(outcome.result, outcome.message) for outcome in outcomes} == {("skipped", REASON)}
    # The reason is printed in the summary, once for all of them.
    assert f"SKIPPED [{len(outcomes)}] tests/browser/conftest.py" in output
    assert output.count(REASON) == 1


def test_every_browser_test_fails_when_the_browser_is_required(tmp_path: Path) -> None:
    code, output, outcomes = run_browser_tests(tmp_path, DOCGLOT_REQUIRE_BROWSER="1")

    assert code == 1, output
    assert len(outcomes) > 1
    assert {(outcome.result, outcome.message) for outcome in outcomes} == {
        ("error", f'failed on setup with "Failed: {REASON}, and DOCGLOT_REQUIRE_BROWSER is set"')
    }
