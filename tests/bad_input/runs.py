"""Run the commands a user runs, in their own process, and read what they print."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
PROJECT = HERE / "project"
"""A small, correct site: `mini`, in English and German, with a German catalog."""

COMMANDS: dict[str, tuple[str, ...]] = {
    "mkdocs build": ("-m", "mkdocs", "build", "--strict"),
    "mkdocs build, not strict": ("-m", "mkdocs", "build"),
    "docglot catalog update": ("-m", "docglot.cli", "catalog", "update"),
    # Without DG205: a `Doc` that cannot be read also leaves its catalog entry stale, a
    # second finding that is true but not the one a case is about.
    "docglot check": ("-m", "docglot.cli", "check", "src", "--ignore", "DG205"),
    "docglot build --engine zensical": ("-m", "docglot.cli", "build", "--engine", "zensical", "--strict"),
}
"""The commands a case can name in its `case.toml`, as run in the case's project."""

_LOGGED = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) +-  (?P<text>.*)$")
_ABORTED = re.compile(r"^(?:docglot: )?Aborted with .+!$")
_FINDINGS_COUNT = re.compile(r"^\d+ findings?$")
"""The count that `docglot check` prints after its findings."""
_PAGE_HEADER = re.compile(r"^Error (?:reading|building) page '[^']+':$")
_ZENSICAL_STATUS = re.compile(r"^(?:Build started|Build finished in [\d.]+m?s|No issues found)$")
"""What Zensical prints of each build it runs, as MkDocs prints `INFO` lines: no problem report."""


@dataclass(frozen=True)
class Run:
    """What a command did."""

    returncode: int
    output: str
    """Its standard error and standard output, interleaved as printed."""

    def problem_lines(self) -> list[str]:
        """The lines that report a problem, without their level (`ERROR   -  `).

        Every other line is MkDocs' own: an `INFO` line, a blank line, the header
        `Error reading page 'PAGE':` that MkDocs logs before an error raised while a page is
        read (the error itself follows on its own line), and the final `Aborted with ...!`,
        which the `docglot` command prints as `docglot: Aborted with ...!`; the count
        of findings that `docglot check` prints last; and Zensical's status of each build
        (`Build started`, `No issues found`, `Build finished in ...`).
        """
        found = []
        for line in self.output.splitlines():
            logged = _LOGGED.match(line)
            level, text = (logged["level"], logged["text"]) if logged else (None, line)
            if not line.strip() or level in ("DEBUG", "INFO") or _ABORTED.match(line):
                continue
            if _ZENSICAL_STATUS.match(line):
                continue
            if _FINDINGS_COUNT.match(line):
                continue
            if level == "ERROR" and _PAGE_HEADER.match(text):
                continue
            found.append(text)
        return found

    def last_line(self) -> str:
        """The last line printed, without its level, but for a final `Aborted with ...!` and blank lines."""
        lines = [
            line
            for line in self.output.splitlines()
            if line.strip()
            and not _ABORTED.match(line)
            and not _FINDINGS_COUNT.match(line)
            and not _ZENSICAL_STATUS.match(line)
        ]
        logged = _LOGGED.match(lines[-1]) if lines else None
        return logged["text"] if logged else (lines[-1] if lines else "")


def run(command: str, project: Path, *options: str, env: dict[str, str] | None = None) -> Run:
    """Run one of `COMMANDS` in a project, as a user does, with more options and variables."""
    result = subprocess.run(
        [sys.executable, *COMMANDS[command], *options],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
    )
    return Run(result.returncode, result.stdout)


def copy_project(target: Path) -> Path:
    """Copy the correct project to `target`."""
    shutil.copytree(PROJECT, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes (and every folder, as `None`) under a folder, by relative path.

    Compiled templates (`.cache/`) are left out: a build may keep them, whatever happens.
    """
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if ".cache" not in path.relative_to(folder).parts
    }
