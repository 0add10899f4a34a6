"""One build at a time writes a site folder: a second build waits for the first, within a bound.

Two builds started together in one project both succeed, one after the other, and leave
the site a single build makes, byte for byte.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docglot.site import staging
from docglot.site.staging import SiteLock
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.bad_input.runs import COMMANDS, Run, copy_project, run, snapshot

SHOW_WAITING = (
    "import logging, runpy, sys; "
    "logging.basicConfig(format='%(levelname)-7s -  %(message)s', level=logging.WARNING); "
    "logging.getLogger('mkdocs.plugins.docglot').setLevel(logging.INFO); "
    "sys.argv = sys.argv[1:]; "
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)"
)
"""Runs a module as `python -m` does, with docglot's `INFO` lines shown (the `docglot`
command shows warnings only; MkDocs shows them anyway)."""


def waiting_line() -> str:
    return f"docglot: another build (process {os.getpid()}) is writing site; waiting for it to finish"


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site."))


def start(command: str, project: Path, output: Path) -> subprocess.Popen[bytes]:
    module, *arguments = COMMANDS[command][1:]
    with output.open("wb") as file:
        return subprocess.Popen(
            [sys.executable, "-c", SHOW_WAITING, module, *arguments],
            cwd=project,
            stdout=file,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )


def wait_for_line(outputs: list[Path], line: str, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not all(f"INFO    -  {line}" in output.read_text().splitlines() for output in outputs):
        if time.monotonic() > deadline:
            texts = "\n---\n".join(output.read_text() for output in outputs)
            raise AssertionError(f"the builds did not all wait for the lock:\n{texts}")
        time.sleep(0.1)


@pytest.mark.parametrize("command", ["mkdocs build", "docglot build --engine zensical"])
def test_two_builds_at_once_leave_the_site_of_one(tmp_path: Path, command: str) -> None:
    alone = copy_project(tmp_path / "alone")
    assert run(command, alone).returncode == 0
    project = copy_project(tmp_path / "project")
    assert run(command, project).returncode == 0  # The site both builds replace.
    (project / "site" / "stale.html").write_text("From a page deleted since.")
    outputs = [tmp_path / "first.txt", tmp_path / "second.txt"]

    # Both builds are held at their start, so that they really run at once once let go.
    lock = SiteLock(project / ".site.docglot-lock")
    lock.acquire(0, "")
    try:
        builds = [start(command, project, output) for output in outputs]
        wait_for_line(outputs, waiting_line())
    finally:
        lock.release()
    codes = [process.wait(timeout=300) for process in builds]

    results = [Run(code, output.read_text()) for code, output in zip(codes, outputs, strict=True)]
    assert [result.returncode for result in results] == [0, 0], [result.output for result in results]
    for result in results:
        if command == "mkdocs build":
            assert result.problem_lines() == [], result.output
        else:  # Zensical reports its progress; `docglot build` says where the site is, last.
            assert result.last_line() == "site: built with zensical", result.output
    assert snapshot(project / "site") == snapshot(alone / "site")
    assert leftovers(project) == []


def test_a_build_waits_for_the_other_one_within_a_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path / "project")
    assert run("mkdocs build", project).returncode == 0
    before = snapshot(project / "site")
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(staging, "LOCK_WAIT", 2.0)
    config = load_config("mkdocs.yml")

    lock = SiteLock(project / ".site.docglot-lock")
    lock.acquire(0, "")
    try:
        with caplog.at_level(logging.INFO), pytest.raises(Abort, match="Aborted with a BuildError!"):
            build(config)
    finally:
        lock.release()

    assert [record.getMessage() for record in caplog.records].count(waiting_line()) == 1
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == [
        f"docglot: another build (process {os.getpid()}) has been writing site for over 2 seconds; "
        "let it finish or stop it, then build again"
    ]
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_lock_left_by_a_killed_build_does_not_hold_the_next(tmp_path: Path) -> None:
    """The kernel releases a killed process's lock; its lock file alone is no lock."""
    project = copy_project(tmp_path / "project")
    (project / ".site.docglot-lock").write_text("999999\n")

    result = run("mkdocs build", project)

    assert (result.returncode, result.problem_lines()) == (0, []), result.output
    assert leftovers(project) == []


def test_the_lock_is_taken_again_once_released(tmp_path: Path) -> None:
    path = tmp_path / ".site.docglot-lock"
    first = SiteLock(path)
    first.acquire(0, "")
    assert path.read_text() == f"{os.getpid()}\n"
    with pytest.raises(staging.LockTimeout) as timeout:
        SiteLock(path).acquire(0, "")
    assert timeout.value.holder == str(os.getpid())

    first.release()
    assert not path.exists()
    second = SiteLock(path)
    second.acquire(0, "")
    second.release()
    assert not path.exists()
