"""Time from saving a catalog to the rebuilt page, under `docglot serve --lang de`.

A copy of the project is served on 127.0.0.1. Each run changes the German translation of
one `Doc` text in `locales/de.po` (an atomic save, as editors do) and polls the German
reference page until it shows the new text. The median of the runs is reported.

Two sites: this repository's (`aftersend`, by default) and FastAPI's reference
(`--site fastapi`, `tests/corpus/fastapi/`), where the text is that of `BackgroundTasks.add_task`'s
`func` parameter on the German page of `fastapi.BackgroundTasks`.

Run: `uv run python benchmarks/serve_latency.py --runs 5 [--site fastapi]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from timing import environment, markdown_table, parse_arguments, scratch_folder, seconds, seconds_cells

REPO = Path(__file__).resolve().parents[1]
PAGE = "de/reference/background/"
"""The German page each run polls, on both sites."""
PLACES = {
    "aftersend": "aftersend.background.BackgroundTasks.add_task:parameter:func",
    "fastapi": "fastapi.background.BackgroundTasks.add_task:parameter:func",
}
"""The place whose German text each run changes: its entry lists it (`#.`), or is its override (`msgctxt`)."""
SITES = {"aftersend": REPO, "fastapi": REPO / "tests" / "corpus" / "fastapi"}
TIMEOUT_S = 60.0


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that is free now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_project(site: str, target: Path) -> None:
    """Copy what `docglot serve` reads and watches: the pages, catalogs, code and `mkdocs.yml`."""
    source = SITES[site]
    for folder in ("docs", "locales", "src", "plugins"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")


def fetch(url: str) -> str | None:
    """Return the text of a page, or `None` while the server does not answer."""
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


def save_translation(catalog: Path, token: str, place: str) -> None:
    """Put `token` at the start of the German text of `func`, and save atomically."""
    lines = catalog.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line in (f"#. {place}", f'msgctxt "{place}"'))
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


def site_option(parser: argparse.ArgumentParser) -> None:
    """Add `--site`: which site to serve."""
    parser.add_argument("--site", choices=sorted(SITES), default="aftersend", help="default: aftersend")


def main() -> None:
    """Time every save, and print the report."""
    arguments = parse_arguments(__doc__, runs="timed saves", options=site_option)
    with scratch_folder("docglot-serve-") as folder:
        copy_project(arguments.site, folder)
        port = free_port()
        url = f"http://127.0.0.1:{port}/{PAGE}"
        server = subprocess.Popen(
            [sys.executable, "-m", "docglot.cli", "serve", "--lang", "de", "-a", f"127.0.0.1:{port}"],
            cwd=folder,
            env=environment(NO_MKDOCS_2_WARNING="1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        latencies = []
        try:
            wait_for(url, "</html>", time.perf_counter() + TIMEOUT_S)
            for run in range(arguments.runs):
                token = f"v{run}-{time.time_ns()}"
                saved = time.perf_counter()
                save_translation(folder / "locales" / "de.po", token, PLACES[arguments.site])
                shown = wait_for(url, token, saved + TIMEOUT_S)
                latencies.append(shown - saved)
                time.sleep(1.0)  # Let the server settle before the next save.
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(f"{arguments.site}: save of locales/de.po to rebuilt /{PAGE}, {arguments.runs} runs (seconds):")
    print("\n".join(markdown_table(("median", "min", "max"), "rrr", [seconds_cells(seconds(latencies))])))
    print("runs:", ", ".join(f"{value:.2f}" for value in latencies))


if __name__ == "__main__":
    main()
