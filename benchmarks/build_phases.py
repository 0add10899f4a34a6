"""Where an 8-language build of FastAPI's reference spends its time, next to the English build.

Each build runs in a fresh process (`python build_phases.py --child SITE_DIR` in the
project), which times MkDocs' and the plugins' steps with `time.perf_counter` around them
and prints the totals as JSON: reading the pages (`_populate_page`, which holds the `:::`
blocks: `AutoDocProcessor.run`, of which docglot's recording and replaying of blocks and the
Markdown conversions they run), the search index (Material's `on_page_context`), autorefs'
`on_env`, and writing the pages (`_build_page`, which holds the search index). The parent
builds the FastAPI corpus in 8 languages and in English alone, `--runs` times each,
round-robin, and prints each phase's median, and what each extra language adds to it.

Run: `uv run --locked --group bench python benchmarks/build_phases.py --runs 5`.
"""

from __future__ import annotations

import functools
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_languages import FASTAPI, make_project
from docglot.engines.zensical.build import read_config
from timing import environment, markdown_table, parse_arguments, round_robin, scratch_folder

PHASES = (
    ("whole build", "mkdocs.commands.build", "build"),
    ("reading the pages", "mkdocs.commands.build", "_populate_page"),
    ("- the ::: blocks", "mkdocstrings._internal.extension", "AutoDocProcessor.run"),
    ("  - recording blocks", "docglot.engines.render_once", "_record"),
    ("  - replaying blocks", "docglot.engines.render_once", "_replay"),
    ("    - their conversions", "docglot.engines.render_once", "_converted"),
    ("autorefs' on_env", "mkdocs_autorefs._internal.plugin", "AutorefsPlugin.on_env"),
    ("writing the pages", "mkdocs.commands.build", "_build_page"),
    ("- the search index", "material.plugins.search.plugin", "SearchPlugin.on_page_context"),
)
"""Each phase: its name in the report, and the function timed (module, then name in it)."""


def child(site_dir: str) -> None:
    """Build the project in this folder, timing each phase; print the totals as JSON."""
    import importlib

    totals: dict[str, float] = {}
    for name, module_name, qualified in PHASES:
        module = importlib.import_module(module_name)
        owner: Any = module
        *path, attribute = qualified.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, attribute, _timed(getattr(owner, attribute), name, totals))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config("mkdocs.yml", site_dir=site_dir))
    print(json.dumps(dict(totals)))


def _timed(function: Callable[..., Any], name: str, totals: dict[str, float]) -> Callable[..., Any]:
    depth = 0

    @functools.wraps(function)  # Keeps what MkDocs reads on an event (its priority).
    def timed(*args: Any, **kwargs: Any) -> Any:
        nonlocal depth
        depth += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            depth -= 1
            if depth == 0:  # A recursive call is in its caller's time already.
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - start

    return timed


@dataclass(frozen=True)
class Build:
    """The corpus in some languages, in its own folder."""

    name: str
    folder: Path

    def run(self) -> dict[str, float]:
        """Build it in a fresh process; return the time of each phase."""
        command = [sys.executable, str(Path(__file__).resolve()), "--child", str(self.folder / "site")]
        result = subprocess.run(
            command,
            cwd=self.folder,
            env=environment(NO_MKDOCS_2_WARNING="1"),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"{self.name}: failed\n{result.stderr}")
        return dict(json.loads(result.stdout.splitlines()[-1]))


def main() -> None:
    """Time each phase of both builds, and print the medians."""
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return
    arguments = parse_arguments(__doc__, runs="timed builds per configuration")
    base = read_config(FASTAPI.folder / "mkdocs.yml")
    with scratch_folder("docglot-phases-") as root:
        builds = [
            Build(
                f"{count} language{'s' if count > 1 else ''}",
                make_project(base, "docglot", languages, root, FASTAPI).folder,
            )
            for count, languages in sorted(FASTAPI.language_sets.items())
        ]
        for build in builds:
            build.run()  # Untimed: writes the template cache and the bytecode.
        results = round_robin(builds, arguments.runs, Build.run)
    english, every = (results[build.name] for build in builds)
    extra = len(FASTAPI.language_sets[8]) - 1
    rows = []
    for name, _, _ in PHASES:
        one = statistics.median(run.get(name, 0.0) for run in english)
        eight = statistics.median(run.get(name, 0.0) for run in every)
        rows.append([name, f"{one:.2f}", f"{eight:.2f}", f"{(eight - one) / extra:.2f}"])
    print(
        f"FastAPI's reference, phases of a build in a fresh process, medians of {arguments.runs} (seconds):\n"
    )
    header = ("Phase", "English", "8 languages", "each extra language")
    print("\n".join(markdown_table(header, "lrrr", rows)))


if __name__ == "__main__":
    main()
