"""Run a module of the project's environment (`docglot.cli`, `mkdocs`) in a project, as a user does.

One process per command, in the project's folder, its output captured, with MkDocs' notice
about its next major version and colours turned off, so that tests read plain lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def run_module(
    project: Path, module: str, *arguments: str, environment: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m MODULE ARGUMENTS...` in `project`, with `environment`'s variables set too;
    the caller checks its exit code."""
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(environment or {})},
        check=False,
    )
