"""Time the same docglot site built with MkDocs and with Zensical, in 1 and 8 languages.

MkDocs builds every language in one `mkdocs build` (the docglot plugin); Zensical runs no
MkDocs plugin, so `docglot build --engine zensical` runs one Zensical build per language
and puts them together. Both engines build the same project: the repository's
`mkdocs.yml`, `docs/` and `locales/` (or, with `--site fastapi`, FastAPI's reference,
`tests/corpus/fastapi/`), in 1 language (`en`) or 8, made as `build_languages.py` makes
them. Each build is a fresh process whose wall time is measured; the configurations run
round-robin so machine noise hits all alike.

Run: `uv run python benchmarks/build_engines.py --runs 5 [--site fastapi] [--json PATH] [--keep]`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_languages import (
    DOCGLOT,
    LANGUAGE_SETS,
    SITES,
    Project,
    Site,
    configuration_name,
    make_project,
    print_build,
    print_page_differences,
)
from docglot.engines.zensical.build import read_config
from timing import (
    Finished,
    Ratio,
    environment,
    markdown_table,
    parse_arguments,
    publish,
    round_robin,
    run_timed,
    scratch_folder,
    seconds,
    times_report,
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
        """The number of the project's languages."""
        return len(self.project.languages)

    @property
    def name(self) -> str:
        """The configuration's name: the engine and the number of languages."""
        return configuration_name(self.engine, self.count)

    @property
    def site_dir(self) -> Path:
        """Where the engine builds the site; each engine has its own folder."""
        return self.project.folder / ("site-mkdocs" if self.engine == MKDOCS else "site-zensical")

    def command(self, *, quiet: bool) -> list[str]:
        """The command that builds the site, with the engine's own messages unless `quiet`."""
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


def make_configurations(root: Path, site: Site) -> list[Configuration]:
    """Write one project of the site per language set; each is built by both engines."""
    base = read_config(site.folder / "mkdocs.yml")
    projects = [
        make_project(base, DOCGLOT, site.language_sets[count], root, site) for count in sorted(LANGUAGE_SETS)
    ]
    return [Configuration(engine, project) for project in projects for engine in ENGINES]


def build(configuration: Configuration, *, quiet: bool = True) -> Finished:
    """Build in a fresh process; return the finished process and its times."""
    return run_timed(
        configuration.name,
        configuration.command(quiet=quiet),
        cwd=configuration.project.folder,
        env=environment(NO_MKDOCS_2_WARNING="1", NO_COLOR="1"),
    )


def warm_up(configurations: list[Configuration]) -> None:
    """Build each configuration once, untimed; report its pages and warnings, and compare the engines."""
    print("Warm-up build of each configuration (not timed):")
    for configuration in configurations:
        finished = build(configuration, quiet=False)
        output = (finished.stdout + finished.stderr).splitlines()
        warnings = [line for line in output if line.startswith(("WARNING", "ERROR", "Warning", "Error"))]
        print_build(configuration, finished, warnings)
    for count in sorted(LANGUAGE_SETS):
        mkdocs, zensical = (c for c in configurations if c.count == count)
        # The search index and the 404 page are each engine's own; the pages are the site's.
        print_page_differences(mkdocs, zensical)
    print()


def name_of(engine: str, count: int) -> str:
    """Return the name of the configuration of an engine with `count` languages."""
    return configuration_name(engine, len(LANGUAGE_SETS[count]))


RATIOS = (
    Ratio("Zensical / MkDocs, 1 language", name_of(ZENSICAL, 1), name_of(MKDOCS, 1)),
    Ratio("Zensical / MkDocs, 8 languages", name_of(ZENSICAL, 8), name_of(MKDOCS, 8)),
    Ratio("MkDocs 8 / 1 languages", name_of(MKDOCS, 8), name_of(MKDOCS, 1)),
    Ratio("Zensical 8 / 1 languages", name_of(ZENSICAL, 8), name_of(ZENSICAL, 1)),
)


def summary(times: dict[str, list[float]]) -> dict[str, Any]:
    """Return the medians, extremes and ratios of the measured times."""
    configurations = {name: seconds(values) for name, values in times.items()}
    ratios = {ratio.name: ratio.of(configurations) for ratio in RATIOS}
    return {"configurations": configurations, "ratios": ratios}


def markdown_report(result: dict[str, Any], runs: int) -> str:
    """Return the table of times and the ratios, in Markdown."""
    rows = [[label, f"{value:.2f}"] for label, value in result["ratios"].items()]
    heading = f"Wall time of a whole-site build in a fresh process, {runs} runs per configuration:"
    return times_report(
        heading, result["configurations"], markdown_table(("Ratio of medians", "Value"), "lr", rows)
    )


def site_option(parser: argparse.ArgumentParser) -> None:
    """Add `--site`: which site both engines build."""
    parser.add_argument("--site", choices=sorted(SITES), default="aftersend", help="default: aftersend")


def main() -> None:
    """Time the builds of every configuration and print the report."""
    arguments = parse_arguments(
        __doc__, runs="timed builds per configuration", outputs=True, options=site_option
    )
    with scratch_folder("docglot-engines-", keep=arguments.keep) as root:
        configurations = make_configurations(root, SITES[arguments.site])
        warm_up(configurations)
        times = round_robin(configurations, arguments.runs, lambda configuration: build(configuration).wall)
        result = summary(times)
    publish(markdown_report(result, arguments.runs), result, arguments)


if __name__ == "__main__":
    main()
