"""Time the same docglot site built with MkDocs and with Zensical, in 1 and 8 languages.

MkDocs builds every language in one `mkdocs build` (the docglot plugin); Zensical runs no
MkDocs plugin, so `docglot build --engine zensical` runs one Zensical build per language
and puts them together. Both engines build the same project: the repository's
`mkdocs.yml`, `docs/` and `locales/`, with 1 language (`en`) or 8 (`en de es fr ja pt it
zh`), made as `build_languages.py` makes them. Each build is a fresh process whose wall
time is measured; the configurations run round-robin so machine noise hits all alike.

Run: `uv run python benchmarks/build_engines.py --runs 5 [--json PATH] [--keep]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_languages import (
    DOCGLOT,
    LANGUAGE_SETS,
    REPO,
    Project,
    build_environment,
    html_pages,
    load_config,
    make_project,
)

MKDOCS = "mkdocs build"
ZENSICAL = "docglot build --engine zensical"
ENGINES = (MKDOCS, ZENSICAL)


@dataclass(frozen=True)
class Configuration:
    """One engine building one project."""

    engine: str
    project: Project

    @property
    def count(self) -> int:
        return len(self.project.languages)

    @property
    def name(self) -> str:
        return f"{self.engine}, {self.count} language{'s' if self.count > 1 else ''}"

    @property
    def site_dir(self) -> Path:
        return self.project.folder / ("site-mkdocs" if self.engine == MKDOCS else "site-zensical")

    def command(self, *, quiet: bool) -> list[str]:
        config, site = str(self.project.config_file), str(self.site_dir)
        if self.engine == MKDOCS:
            return [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-f",
                config,
                "-d",
                site,
                *(["-q"] if quiet else []),
            ]
        return [
            sys.executable,
            "-m",
            "docglot.cli",
            "-f",
            config,
            "build",
            "--engine",
            "zensical",
            "-d",
            site,
        ]


def make_configurations(root: Path) -> list[Configuration]:
    """Write one project per language set; each is built by both engines."""
    base = load_config(REPO / "mkdocs.yml")
    projects = [make_project(base, DOCGLOT, LANGUAGE_SETS[count], root) for count in sorted(LANGUAGE_SETS)]
    for project in projects:
        # A catalog of a language the site does not declare is an error for docglot.
        for catalog in (project.folder / "locales").glob("*.po"):
            if catalog.stem not in project.languages:
                catalog.unlink()
    return [Configuration(engine, project) for project in projects for engine in ENGINES]


def build(
    configuration: Configuration, *, quiet: bool = True
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Build in a fresh process; return the wall time and the finished process."""
    start = time.perf_counter()
    process = subprocess.run(
        configuration.command(quiet=quiet),
        cwd=configuration.project.folder,
        env={**build_environment(), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{configuration.name}: build failed ({process.returncode})\n{process.stderr}")
    return elapsed, process


def warm_up(configurations: list[Configuration]) -> None:
    """Build each configuration once, untimed; report its pages and warnings, and compare the engines."""
    print("Warm-up build of each configuration (not timed):")
    for configuration in configurations:
        elapsed, process = build(configuration, quiet=False)
        output = (process.stdout + process.stderr).splitlines()
        warnings = [line for line in output if line.startswith(("WARNING", "ERROR", "Warning", "Error"))]
        pages = html_pages(configuration.site_dir)
        print(f"- {configuration.name}: {elapsed:.2f} s, {len(pages)} HTML pages, {len(warnings)} warnings")
        for warning in warnings:
            print(f"    {warning}")
    for count in sorted(LANGUAGE_SETS):
        mkdocs, zensical = (c for c in configurations if c.count == count)
        # The search index and the 404 page are each engine's own; the pages are the site's.
        only_mkdocs = html_pages(mkdocs.site_dir) - html_pages(zensical.site_dir)
        only_zensical = html_pages(zensical.site_dir) - html_pages(mkdocs.site_dir)
        for name, pages in ((mkdocs.name, only_mkdocs), (zensical.name, only_zensical)):
            if pages:
                print(f"  note: only {name} has {', '.join(sorted(pages))}")
    print()


def time_builds(configurations: list[Configuration], runs: int) -> dict[str, list[float]]:
    """Build every configuration `runs` times, round-robin, starting each round one later."""
    times: dict[str, list[float]] = {configuration.name: [] for configuration in configurations}
    for run in range(runs):
        shift = run % len(configurations)
        for configuration in configurations[shift:] + configurations[:shift]:
            elapsed, _ = build(configuration)
            times[configuration.name].append(elapsed)
        print(f"run {run + 1}/{runs} done", file=sys.stderr)
    return times


def name_of(engine: str, count: int) -> str:
    return Configuration(engine, Project(DOCGLOT, LANGUAGE_SETS[count], Path())).name


RATIOS = (
    ("Zensical / MkDocs, 1 language", name_of(ZENSICAL, 1), name_of(MKDOCS, 1)),
    ("Zensical / MkDocs, 8 languages", name_of(ZENSICAL, 8), name_of(MKDOCS, 8)),
    ("MkDocs 8 / 1 languages", name_of(MKDOCS, 8), name_of(MKDOCS, 1)),
    ("Zensical 8 / 1 languages", name_of(ZENSICAL, 8), name_of(ZENSICAL, 1)),
)


def summary(times: dict[str, list[float]]) -> dict[str, Any]:
    """Return the medians, extremes and ratios of the measured times."""
    configurations = {
        name: {
            "median_s": statistics.median(values),
            "min_s": min(values),
            "max_s": max(values),
            "times_s": values,
        }
        for name, values in times.items()
    }
    ratios = {
        label: configurations[numerator]["median_s"] / configurations[denominator]["median_s"]
        for label, numerator, denominator in RATIOS
    }
    return {"configurations": configurations, "ratios": ratios}


def markdown_report(result: dict[str, Any], runs: int) -> str:
    """Return the table of times and the ratios, in Markdown."""
    lines = [
        f"Wall time of a whole-site build in a fresh process, {runs} runs per configuration:",
        "",
        "| Configuration | Median (s) | Min (s) | Max (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, stats in result["configurations"].items():
        lines.append(f"| {name} | {stats['median_s']:.2f} | {stats['min_s']:.2f} | {stats['max_s']:.2f} |")
    lines += ["", "| Ratio of medians | Value |", "| --- | ---: |"]
    for label, value in result["ratios"].items():
        lines.append(f"| {label} | {value:.2f} |")
    return "\n".join(lines)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed builds per configuration (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    return arguments


def main() -> None:
    arguments = parse_arguments()
    root = Path(tempfile.mkdtemp(prefix="docglot-engines-"))
    try:
        configurations = make_configurations(root)
        warm_up(configurations)
        result = summary(time_builds(configurations, arguments.runs))
    finally:
        if arguments.keep:
            print(f"Projects kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(markdown_report(result, arguments.runs))
    if arguments.json:
        result = {"runs": arguments.runs, "python": sys.version.split()[0], **result}
        arguments.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
