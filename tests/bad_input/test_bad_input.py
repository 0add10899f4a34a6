"""Bad input ends with one clear line, a non-zero exit, no traceback, and nothing changed.

Each folder of `cases/` is one bad input: its files replace or add to those of `project/`
(a small, correct site), and its `case.toml` says what is wrong (`about`), which commands
read it (`commands`, named as in `runs.COMMANDS`: adding one to a case is adding its name
there), and the line that must report it: exactly (`line`), or by its essential parts,
file:line and fix (`line_contains`), where another part of docglot words it.

"One clear line": of all a command prints, exactly one line reports a problem (see
`runs.Run.problem_lines` for MkDocs' and Zensical's own lines around it), and it is the
last one before the final `Aborted with ...!`; the exit code is 1 (for `docglot check`, 1
or 2) and no traceback is printed. Before each command the case's project holds a site
built from the correct project; after it, every file of the project is byte for byte as it
was, the site folder above all.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input.runs import COMMANDS, HERE, Run, copy_project, run, snapshot

CASES = HERE / "cases"


def load_case(name: str) -> dict[str, Any]:
    with (CASES / name / "case.toml").open("rb") as file:
        return tomllib.load(file)


NAMES = sorted(path.name for path in CASES.iterdir() if path.is_dir() and not path.name.startswith("."))
RUNS = [(name, command) for name in NAMES for command in load_case(name)["commands"]]


@dataclass(frozen=True)
class Outcome:
    """A command run on a case's project, and the project's files before and after."""

    run: Run
    before: dict[str, bytes | None]
    after: dict[str, bytes | None]


def prepare(name: str, command: str, good_site: Path, root: Path) -> Path:
    """The correct project with a site built, and the case's files over it."""
    project = copy_project(root / f"{name}-{command.replace(' ', '-')}")
    shutil.copytree(good_site, project / "site")
    for path in (CASES / name).rglob("*"):
        if path.is_file() and path.name != "case.toml":
            target = project / path.relative_to(CASES / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return project


def outcome(project: Path, command: str) -> Outcome:
    before = snapshot(project)
    result = run(command, project)
    return Outcome(result, before, snapshot(project))


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the correct project."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    result = run("mkdocs build", project)
    assert (result.returncode, result.problem_lines()) == (0, []), result.output
    return project / "site"


@pytest.fixture(scope="module")
def outcomes(good_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Outcome]:
    """Every case's commands, each on its own copy of the project, a few at a time."""
    root = tmp_path_factory.mktemp("cases")
    projects = {key: prepare(*key, good_site, root) for key in RUNS}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {key: pool.submit(outcome, project, key[1]) for key, project in projects.items()}
        return {key: future.result() for key, future in futures.items()}


def test_every_case_says_what_it_breaks_and_what_must_be_reported() -> None:
    for name in NAMES:
        case = load_case(name)
        assert set(case) <= {"about", "commands", "line", "line_contains"}, name
        assert case["about"], name
        assert case["commands"], name
        assert set(case["commands"]) <= set(COMMANDS), name
        assert ("line" in case) != ("line_contains" in case), name
        inputs = [path for path in (CASES / name).rglob("*") if path.is_file() and path.name != "case.toml"]
        assert inputs, name


@pytest.mark.parametrize(("name", "command"), RUNS, ids=[f"{name}: {command}" for name, command in RUNS])
def test_bad_input_is_one_clear_line_and_changes_nothing(
    outcomes: dict[tuple[str, str], Outcome], name: str, command: str
) -> None:
    case = load_case(name)
    result = outcomes[name, command]

    # `docglot check` exits 1 with findings, 2 when what it reads cannot be read.
    assert result.run.returncode in ((1, 2) if command == "docglot check" else (1,)), result.run.output
    assert "Traceback" not in result.run.output
    lines = result.run.problem_lines()
    assert len(lines) == 1, result.run.output
    (line,) = lines
    assert result.run.last_line() == line, result.run.output
    if "line" in case:
        assert line == case["line"], result.run.output
    else:
        assert [part for part in case["line_contains"] if part not in line] == [], line
    assert result.after == result.before
