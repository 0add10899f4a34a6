"""`docglot serve` on an address it cannot listen on: one line, exit 1, before any build."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.bad_input.runs import copy_project


def serve(project: Path, address: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docglot.cli", "serve", "--lang", "de", "--dev-addr", address],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
        check=False,
    )


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"

        result = serve(project, address)

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"docglot: {address} is in use; stop the server listening there, "
        "or use --dev-addr HOST:PORT with a free port\n",
    )
    assert sorted(path.name for path in project.iterdir()) == sorted(
        path.name for path in copy_project(tmp_path / "untouched").iterdir()
    )  # Refused before the first build, which would have written a cache.


def test_an_address_of_another_machine_is_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")

    result = serve(project, "192.0.2.1:8000")  # TEST-NET-1: no machine's own address.

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "docglot: cannot serve on 192.0.2.1:8000: Cannot assign requested address; "
        "use --dev-addr HOST:PORT with an address of this machine\n",
    )
