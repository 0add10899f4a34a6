"""Time from saving a catalog to the rebuilt page, under `docglot serve --lang de`.

A copy of the project is served on 127.0.0.1. Each run changes the German translation of
one `Doc` text in `locales/de.po` (an atomic save, as editors do) and polls the German
reference page until it shows the new text. The median of the runs is reported.

Run: `uv run python benchmarks/serve_latency.py --runs 5`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = "de/reference/background/"
CONTEXT = 'msgctxt "aftersend.background.BackgroundTasks.add_task:parameter:func"'
TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_project(target: Path) -> None:
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, token: str, deadline: float) -> float:
    """Poll a page every 10 ms until it holds `token`; return the time it did."""
    while time.perf_counter() < deadline:
        body = fetch(url)
        if body is not None and token in body:
            return time.perf_counter()
        time.sleep(0.01)
    raise SystemExit(f"{url} did not show {token!r} within {TIMEOUT_S} s")


def save_translation(catalog: Path, token: str) -> None:
    """Put `token` at the start of the German text of `func`, and save atomically."""
    lines = catalog.read_text(encoding="utf-8").split("\n")
    start = lines.index(CONTEXT)
    index = next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr "))
    line = lines[index]
    if line == 'msgstr ""':
        index += 1
        line = lines[index]
    quote = line.index('"') + 1
    body = line[quote:]
    if body.startswith("[v"):
        body = body[body.index("] ") + 2 :]
    lines[index] = f"{line[:quote]}[{token}] {body}"
    temporary = catalog.with_suffix(".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    os.replace(temporary, catalog)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="docglot-serve-"))
    copy_project(folder)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "docglot.cli", "serve", "--lang", "de", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    latencies = []
    try:
        wait_for(url, "</html>", time.perf_counter() + TIMEOUT_S)
        for run in range(arguments.runs):
            token = f"v{run}-{time.time_ns()}"
            saved = time.perf_counter()
            save_translation(folder / "locales" / "de.po", token)
            shown = wait_for(url, token, saved + TIMEOUT_S)
            latencies.append(shown - saved)
            time.sleep(1.0)  # Let the server settle before the next save.
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"Save of locales/de.po to rebuilt /{PAGE}, {arguments.runs} runs (seconds):")
    print("| median | min | max |")
    print("| ---: | ---: | ---: |")
    print(f"| {statistics.median(latencies):.2f} | {min(latencies):.2f} | {max(latencies):.2f} |")
    print("runs:", ", ".join(f"{value:.2f}" for value in latencies))


if __name__ == "__main__":
    main()
