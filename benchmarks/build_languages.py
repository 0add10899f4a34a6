"""Time `mkdocs build` of the same docs in 1 and 8 languages: docglot against mkdocs-static-i18n.

docglot builds every language in one MkDocs build; the usual alternative, mkdocs-static-i18n
with mkdocstrings-python and griffe-typingdoc, builds the site once per language. Two sites
are built side by side: this repository's (`aftersend`) and FastAPI's reference pages
(`tests/corpus/fastapi/`), which FastAPI itself builds with mkdocstrings-python and
griffe-typingdoc alone (its "own stack", timed too). Every stack gets the site's pages,
theme, Markdown extensions and mkdocstrings options; only the i18n plugin and the griffe
extension differ. Each configuration is a separate project in a temporary directory, built
by a fresh `python -m mkdocs build` process whose wall time and peak memory are measured.
The configurations are run round-robin so machine noise hits all of them alike.

Run: `uv run --group bench python benchmarks/build_languages.py --runs 5 [--site NAME] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from babel import Locale
from docglot.engines.zensical.build import read_config, write_config
from timing import (
    Finished,
    Ratio,
    environment,
    markdown_table,
    parse_arguments,
    peaks,
    peaks_table,
    publish,
    round_robin,
    run_timed,
    scratch_folder,
    seconds,
    times_report,
)

REPO = Path(__file__).resolve().parents[1]
DOCGLOT = "docglot"
DOCGLOT_UNCACHED = "docglot without template cache"
"""docglot with `cache_dir: ""`: every build compiles its templates, as the other stack does."""
STATIC_I18N = "static-i18n"
OWN_STACK = "own stack"
"""mkdocstrings-python with griffe-typingdoc and no i18n plugin, the source pages alone: how
FastAPI builds its reference."""
TYPINGDOC_STACKS = (STATIC_I18N, OWN_STACK)
"""The stacks that read `Doc` with griffe-typingdoc rather than docglot."""
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$")
"""Top-level folders of `docs/` named like this hold one language's pages."""


@dataclass(frozen=True)
class Site:
    """A docs site to build: where its `mkdocs.yml`, `docs/` and catalogs are, and its configurations."""

    name: str
    folder: Path
    language_sets: Mapping[int, tuple[str, ...]]
    """The languages of the site's variants, by their number; the first is the source language."""
    configurations: tuple[tuple[str, int], ...]
    """The stacks to build, each with its number of languages."""


LANGUAGE_SETS: dict[int, tuple[str, ...]] = {
    1: ("en",),
    8: ("en", "de", "es", "fr", "ja", "pt", "it", "zh"),
}
"""The languages of `aftersend`'s variants: `it` and `zh` have no pages and no catalogs."""
AFTERSEND = Site(
    "aftersend",
    REPO,
    LANGUAGE_SETS,
    tuple((stack, count) for count in (1, 8) for stack in (DOCGLOT, DOCGLOT_UNCACHED, STATIC_I18N)),
)
FASTAPI = Site(
    "FastAPI",
    REPO / "tests" / "corpus" / "fastapi",
    {1: ("en",), 8: ("en", "de", "es", "fr", "ja", "ko", "pt", "zh")},
    ((OWN_STACK, 1), (DOCGLOT, 1), (DOCGLOT, 8), (STATIC_I18N, 8)),
)
SITES = {site.name.lower(): site for site in (AFTERSEND, FASTAPI)}


# Generated configurations. ------------------------------------------------------------------


def plugin_name(entry: str | dict[str, Any]) -> str:
    """Return the name of an entry of `plugins:`."""
    return entry if isinstance(entry, str) else next(iter(entry))


def plugin_options(entry: str | dict[str, Any]) -> dict[str, Any]:
    """Return the options of an entry of `plugins:`."""
    return {} if isinstance(entry, str) else dict(entry[plugin_name(entry)] or {})


def language_name(code: str) -> str:
    """Return a language's name, written in that language."""
    return Locale.parse(code).get_display_name() or code


def i18n_plugin(languages: tuple[str, ...]) -> dict[str, Any]:
    """Return the mkdocs-static-i18n entry of `plugins:` for the languages (the first is default)."""
    return {
        "i18n": {
            "docs_structure": "folder",
            "fallback_to_default": True,
            "languages": [
                {"locale": code, "name": language_name(code), "build": True, "default": code == languages[0]}
                for code in languages
            ],
        }
    }


def mkdocstrings_plugin(entry: dict[str, Any], stack: str, site: Site) -> dict[str, Any]:
    """Return the mkdocstrings entry with absolute paths and the stack's griffe extension."""
    entry = copy.deepcopy(entry)
    python = entry["mkdocstrings"]["handlers"]["python"]
    if "paths" in python:
        python["paths"] = [str((site.folder / path).resolve()) for path in python["paths"]]
    if stack in TYPINGDOC_STACKS:
        options = python.setdefault("options", {})
        options["extensions"] = [
            "griffe_typingdoc" if plugin_name(extension) == DOCGLOT else extension
            for extension in options.get("extensions", [])
        ]
    return entry


def site_config(base: dict[str, Any], stack: str, languages: tuple[str, ...], site: Site) -> dict[str, Any]:
    """Return the site's `mkdocs.yml` adapted to a stack and a set of languages."""
    config = copy.deepcopy(base)
    config.pop("watch", None)  # Serving only; its paths are relative to the site's folder.
    config["docs_dir"] = "docs"
    if stack == STATIC_I18N:
        config["strict"] = False  # Warnings are reported by the warm-up run instead.
    plugins: list[str | dict[str, Any]] = []
    for entry in config.get("plugins", []):
        name = plugin_name(entry)
        if name == DOCGLOT and stack in (DOCGLOT, DOCGLOT_UNCACHED):
            options = {**plugin_options(entry), "languages": list(languages)}
            if stack == DOCGLOT_UNCACHED:
                options["cache_dir"] = ""
            plugins.append({DOCGLOT: options})
        elif name == DOCGLOT and stack == STATIC_I18N:
            plugins.append(i18n_plugin(languages))
        elif name == DOCGLOT:
            continue  # The own stack: a site in one language, without an i18n plugin.
        elif name == "mkdocstrings" and isinstance(entry, dict):
            plugins.append(mkdocstrings_plugin(entry, stack, site))
        else:
            plugins.append(entry)
    config["plugins"] = plugins
    return config


# Projects on disk. --------------------------------------------------------------------------


def configuration_name(what: str, count: int) -> str:
    """Return the name of a configuration: what builds (a stack, an engine) and how many languages."""
    return f"{what}, {count} language{'s' if count > 1 else ''}"


@dataclass(frozen=True)
class Project:
    """One configuration to time: a stack, its languages, its folder, and the site it builds."""

    stack: str
    languages: tuple[str, ...]
    folder: Path
    site: Site = field(default=AFTERSEND)

    @property
    def name(self) -> str:
        """The configuration's name: the site, the stack and the number of languages."""
        return project_name(self.site, self.stack, len(self.languages))

    @property
    def config_file(self) -> Path:
        """The project's `mkdocs.yml`."""
        return self.folder / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        """Where the project's site is built."""
        return self.folder / "site"


def project_name(site: Site, stack: str, count: int) -> str:
    """Return the name of the configuration of a site's stack with `count` languages."""
    return f"{site.name}: {configuration_name(stack, count)}"


def copy_docs(languages: tuple[str, ...], target: Path, site: Site = AFTERSEND, stack: str = DOCGLOT) -> None:
    """Copy the site's `docs/`: the languages' folders (empty if the site has none) and shared files.

    The own stack gets the source language's folder as its whole `docs/`.
    """
    source = site.folder / "docs"
    if stack == OWN_STACK:
        shutil.copytree(source / languages[0], target)
        return
    target.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.is_dir() and LANGUAGE_FOLDER.match(entry.name):
            if entry.name in languages:
                shutil.copytree(entry, target / entry.name)
        elif entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)
    for language in languages:
        (target / language).mkdir(exist_ok=True)


def copy_catalogs(source: Path, languages: tuple[str, ...], target: Path) -> None:
    """Copy the catalogs of the translations, `languages[1:]`, that the site has.

    docglot refuses a catalog named after a language the site does not declare, or after
    its source language, so the catalogs of the languages left out stay behind. A
    translation without a catalog (`it` and `zh` of `aftersend`) is built untranslated.
    """
    target.mkdir(parents=True)
    for language in languages[1:]:
        catalog = source / f"{language}.po"
        if catalog.is_file():
            shutil.copy2(catalog, target / catalog.name)


def make_project(
    base: dict[str, Any], stack: str, languages: tuple[str, ...], root: Path, site: Site = AFTERSEND
) -> Project:
    """Write a project for a site's stack and languages under `root`."""
    slug = f"{site.name}-{stack}-{len(languages)}".lower().replace(" ", "-").replace("'", "")
    project = Project(stack, languages, root / slug, site)
    copy_docs(languages, project.folder / "docs", site, stack)
    options = plugin_options(next(e for e in base["plugins"] if plugin_name(e) == DOCGLOT))
    folder = options.get("catalogs", "locales")
    if stack != OWN_STACK and (site.folder / folder).is_dir():
        copy_catalogs(site.folder / folder, languages, project.folder / folder)
    write_config(site_config(base, stack, languages, site), project.config_file)
    return project


def make_projects(root: Path, sites: list[Site]) -> list[Project]:
    """Write every configuration's project of the sites under `root`."""
    projects = []
    for site in sites:
        base = read_config(site.folder / "mkdocs.yml")
        projects += [
            make_project(base, stack, site.language_sets[count], root, site)
            for stack, count in site.configurations
        ]
    return projects


# Building and timing. -----------------------------------------------------------------------


class Built(Protocol):
    """A configuration that builds a site."""

    @property
    def name(self) -> str:
        """The configuration's name."""
        ...

    @property
    def site_dir(self) -> Path:
        """Where its site is built."""
        ...


def build(project: Project, *, quiet: bool = True) -> Finished:
    """Build a project in a fresh process; return the finished process, its times and peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.config_file)]
    command += ["-d", str(project.site_dir), *(["-q"] if quiet else [])]
    return run_timed(project.name, command, cwd=project.folder, env=environment(NO_MKDOCS_2_WARNING="1"))


def html_pages(site: Path) -> set[str]:
    """Return the site-relative paths of a site's HTML pages."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


SHOWN_WARNINGS = 5
"""The warnings printed for one warm-up build; the others are counted."""


def print_build(configuration: Built, finished: Finished, warnings: list[str]) -> None:
    """Print a warm-up build's time, its number of pages, and its first warnings."""
    pages = html_pages(configuration.site_dir)
    print(f"- {configuration.name}: {finished.wall:.2f} s, {len(pages)} HTML pages, {len(warnings)} warnings")
    for warning in warnings[:SHOWN_WARNINGS]:
        print(f"    {warning}")
    if len(warnings) > SHOWN_WARNINGS:
        print(f"    ... and {len(warnings) - SHOWN_WARNINGS} more")


def print_page_differences(first: Built, other: Built) -> None:
    """Print the HTML pages that one of two configurations builds and the other does not."""
    only_first = html_pages(first.site_dir) - html_pages(other.site_dir)
    only_other = html_pages(other.site_dir) - html_pages(first.site_dir)
    for name, pages in ((first.name, only_first), (other.name, only_other)):
        if pages:
            print(f"  note: only {name} has {', '.join(sorted(pages))}")


def warm_up(projects: list[Project]) -> None:
    """Build each project once, untimed, and report its warnings and pages."""
    print("Warm-up build of each configuration (not timed):")
    for project in projects:
        finished = build(project, quiet=False)
        warnings = [line for line in finished.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
        print_build(project, finished, warnings)
    # Pages that one stack builds and the other does not, for the same site and languages.
    groups: dict[tuple[str, int], list[Project]] = {}
    for project in projects:
        groups.setdefault((project.site.name, len(project.languages)), []).append(project)
    for first, *others in groups.values():
        for other in others:
            print_page_differences(first, other)
    print()


# Report. ------------------------------------------------------------------------------------


def _aftersend(stack: str, count: int) -> str:
    return project_name(AFTERSEND, stack, count)


def _fastapi(stack: str, count: int) -> str:
    return project_name(FASTAPI, stack, count)


RATIOS = (
    Ratio("aftersend: docglot 8 / docglot 1", _aftersend(DOCGLOT, 8), _aftersend(DOCGLOT, 1), 2.0),
    Ratio("aftersend: static-i18n 8 / static-i18n 1", _aftersend(STATIC_I18N, 8), _aftersend(STATIC_I18N, 1)),
    Ratio("aftersend: docglot 8 / static-i18n 8", _aftersend(DOCGLOT, 8), _aftersend(STATIC_I18N, 8), 0.35),
    Ratio(
        "aftersend: docglot without template cache 8 / 1",
        _aftersend(DOCGLOT_UNCACHED, 8),
        _aftersend(DOCGLOT_UNCACHED, 1),
        2.0,
    ),
    Ratio(
        "aftersend: docglot without template cache 8 / static-i18n 8",
        _aftersend(DOCGLOT_UNCACHED, 8),
        _aftersend(STATIC_I18N, 8),
        0.35,
    ),
    Ratio(
        "aftersend: docglot 8 / docglot 1, peak memory",
        _aftersend(DOCGLOT, 8),
        _aftersend(DOCGLOT, 1),
        memory=True,
    ),
    Ratio("FastAPI: docglot 1 / own stack 1", _fastapi(DOCGLOT, 1), _fastapi(OWN_STACK, 1), 1.0),
    Ratio("FastAPI: docglot 8 / docglot 1", _fastapi(DOCGLOT, 8), _fastapi(DOCGLOT, 1), 2.0, aim=1.5),
    Ratio("FastAPI: docglot 8 / static-i18n 8", _fastapi(DOCGLOT, 8), _fastapi(STATIC_I18N, 8), 0.3),
    Ratio(
        "FastAPI: docglot 8 / docglot 1, peak memory",
        _fastapi(DOCGLOT, 8),
        _fastapi(DOCGLOT, 1),
        1.5,
        memory=True,
    ),
)


def summary(results: dict[str, list[Finished]]) -> dict[str, Any]:
    """Return the medians and extremes of the times and peak memory, and the ratios of those measured."""
    configurations = {name: seconds(run.wall for run in runs) for name, runs in results.items()}
    memory = {name: peaks(run.max_rss for run in runs) for name, runs in results.items()}
    ratios: dict[str, dict[str, Any]] = {}
    for ratio in RATIOS:
        if not ratio.involves(results):
            continue
        value = ratio.of(configurations, memory)
        met = None if ratio.target is None else value <= ratio.target
        ratios[ratio.name] = {"value": value, "target": ratio.target, "aim": ratio.aim, "met": met}
    return {"configurations": configurations, "memory": memory, "ratios": ratios}


def markdown_report(result: dict[str, Any], runs: int) -> str:
    """Return the tables of times and peak memory, and the ratios, in Markdown."""
    rows = []
    for name, ratio in result["ratios"].items():
        target = "(reported)" if ratio["target"] is None else f"<= {ratio['target']}"
        if ratio["aim"] is not None:
            target += f" (aim {ratio['aim']})"
        verdict = "" if ratio["met"] is None else (" met" if ratio["met"] else " NOT met")
        rows.append([name, f"{ratio['value']:.2f}", f"{target}{verdict}"])
    heading = f"Wall time of `mkdocs build`, {runs} runs per configuration:"
    memory = ["Peak memory (largest resident set) of the same builds:", "", *peaks_table(result["memory"])]
    return times_report(
        heading,
        result["configurations"],
        [*memory, "", *markdown_table(("Ratio of medians", "Value", "Target"), "lrl", rows)],
    )


def site_option(parser: argparse.ArgumentParser) -> None:
    """Add `--site`: which sites to build (both unless given)."""
    parser.add_argument(
        "--site",
        action="append",
        choices=sorted(SITES),
        help="build only this site (repeat for several; default: all of them)",
    )


def main() -> None:
    """Time the builds of every configuration and print the report."""
    arguments = parse_arguments(
        __doc__, runs="timed builds per configuration", outputs=True, options=site_option
    )
    sites = [SITES[name] for name in dict.fromkeys(arguments.site or SITES)]
    with scratch_folder("docglot-bench-", keep=arguments.keep) as root:
        projects = make_projects(root, sites)
        warm_up(projects)
        result = summary(round_robin(projects, arguments.runs, build))
    publish(markdown_report(result, arguments.runs), result, arguments)


if __name__ == "__main__":
    main()
