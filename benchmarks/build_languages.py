"""Time `mkdocs build` of the same docs in 1 and 8 languages: docglot against mkdocs-static-i18n.

docglot builds every language in one MkDocs build; the usual alternative, mkdocs-static-i18n
with mkdocstrings-python and griffe-typingdoc, builds the site once per language. Both stacks
get the repository's pages, theme, Markdown extensions and mkdocstrings options; only the
i18n plugin and the griffe extension differ. Each configuration is a separate project in a
temporary directory, built by a fresh `python -m mkdocs build` process whose wall time is
measured. The configurations are run round-robin so machine noise hits all of them alike.

Run: `uv run --group bench python benchmarks/build_languages.py --runs 5 [--json PATH]`.
"""

from __future__ import annotations

import copy
import re
import shutil
import sys
from dataclasses import dataclass
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
    publish,
    round_robin,
    run_timed,
    scratch_folder,
    seconds,
    times_report,
)

REPO = Path(__file__).resolve().parents[1]
LANGUAGE_SETS: dict[int, tuple[str, ...]] = {
    1: ("en",),
    8: ("en", "de", "es", "fr", "ja", "pt", "it", "zh"),
}
"""The languages of the site's variants, by their number; the first is the source language."""
DOCGLOT = "docglot"
DOCGLOT_UNCACHED = "docglot without template cache"
"""docglot with `cache_dir: ""`: every build compiles its templates, as the other stack does."""
STATIC_I18N = "static-i18n"
STACKS = (DOCGLOT, DOCGLOT_UNCACHED, STATIC_I18N)
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$")
"""Top-level folders of `docs/` named like this hold one language's pages."""


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


def mkdocstrings_plugin(entry: dict[str, Any], stack: str) -> dict[str, Any]:
    """Return the mkdocstrings entry with absolute paths and the stack's griffe extension."""
    entry = copy.deepcopy(entry)
    python = entry["mkdocstrings"]["handlers"]["python"]
    python["paths"] = [str((REPO / path).resolve()) for path in python.get("paths", ["."])]
    if stack == STATIC_I18N:
        options = python.setdefault("options", {})
        options["extensions"] = [
            "griffe_typingdoc" if plugin_name(extension) == DOCGLOT else extension
            for extension in options.get("extensions", [])
        ]
    return entry


def site_config(base: dict[str, Any], stack: str, languages: tuple[str, ...]) -> dict[str, Any]:
    """Return the repository's `mkdocs.yml` adapted to a stack and a set of languages."""
    config = copy.deepcopy(base)
    config.pop("watch", None)  # Serving only; its paths are relative to the repository.
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
        elif name == DOCGLOT:
            plugins.append(i18n_plugin(languages))
        elif name == "mkdocstrings" and isinstance(entry, dict):
            plugins.append(mkdocstrings_plugin(entry, stack))
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
    """One configuration to time: a stack, its languages, and its folder."""

    stack: str
    languages: tuple[str, ...]
    folder: Path

    @property
    def name(self) -> str:
        """The configuration's name: the stack and the number of languages."""
        return configuration_name(self.stack, len(self.languages))

    @property
    def config_file(self) -> Path:
        """The project's `mkdocs.yml`."""
        return self.folder / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        """Where the project's site is built."""
        return self.folder / "site"


def copy_docs(languages: tuple[str, ...], target: Path) -> None:
    """Copy `docs/`: the languages' folders (empty if the repository has none) and shared files."""
    source = REPO / "docs"
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
    """Copy the catalogs of the translations, `languages[1:]`, that the repository has.

    docglot refuses a catalog named after a language the site does not declare, or after
    its source language, so the catalogs of the languages left out stay behind. A
    translation without a catalog (`it` and `zh` here) is built untranslated.
    """
    target.mkdir(parents=True)
    for language in languages[1:]:
        catalog = source / f"{language}.po"
        if catalog.is_file():
            shutil.copy2(catalog, target / catalog.name)


def make_project(base: dict[str, Any], stack: str, languages: tuple[str, ...], root: Path) -> Project:
    """Write a project for a stack and languages under `root`."""
    project = Project(stack, languages, root / f"{stack.replace(' ', '-')}-{len(languages)}")
    copy_docs(languages, project.folder / "docs")
    catalogs = plugin_options(next(e for e in base["plugins"] if plugin_name(e) == DOCGLOT))
    folder = catalogs.get("catalogs", "locales")
    if (REPO / folder).is_dir():
        copy_catalogs(REPO / folder, languages, project.folder / folder)
    write_config(site_config(base, stack, languages), project.config_file)
    return project


def make_projects(root: Path) -> list[Project]:
    """Write every configuration's project under `root`."""
    base = read_config(REPO / "mkdocs.yml")
    return [
        make_project(base, stack, LANGUAGE_SETS[count], root)
        for count in sorted(LANGUAGE_SETS)
        for stack in STACKS
    ]


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
    """Build a project in a fresh process; return the finished process and its times."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.config_file)]
    command += ["-d", str(project.site_dir), *(["-q"] if quiet else [])]
    return run_timed(project.name, command, cwd=project.folder, env=environment(NO_MKDOCS_2_WARNING="1"))


def html_pages(site: Path) -> set[str]:
    """Return the site-relative paths of a site's HTML pages."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def print_build(configuration: Built, finished: Finished, warnings: list[str]) -> None:
    """Print a warm-up build's time, its number of pages, and its warnings."""
    pages = html_pages(configuration.site_dir)
    print(f"- {configuration.name}: {finished.wall:.2f} s, {len(pages)} HTML pages, {len(warnings)} warnings")
    for warning in warnings:
        print(f"    {warning}")


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
    # Pages that one stack builds and the other does not, for the same languages.
    for count in sorted(LANGUAGE_SETS):
        first, *others = [project for project in projects if len(project.languages) == count]
        for other in others:
            print_page_differences(first, other)
    print()


# Report. ------------------------------------------------------------------------------------


def project_name(stack: str, count: int) -> str:
    """Return the name of the configuration of a stack with `count` languages."""
    return configuration_name(stack, len(LANGUAGE_SETS[count]))


RATIOS = (
    Ratio("docglot 8 / docglot 1", project_name(DOCGLOT, 8), project_name(DOCGLOT, 1), 2.0),
    Ratio("static-i18n 8 / static-i18n 1", project_name(STATIC_I18N, 8), project_name(STATIC_I18N, 1), None),
    Ratio("docglot 8 / static-i18n 8", project_name(DOCGLOT, 8), project_name(STATIC_I18N, 8), 0.35),
    Ratio(
        "docglot without template cache 8 / 1",
        project_name(DOCGLOT_UNCACHED, 8),
        project_name(DOCGLOT_UNCACHED, 1),
        2.0,
    ),
    Ratio(
        "docglot without template cache 8 / static-i18n 8",
        project_name(DOCGLOT_UNCACHED, 8),
        project_name(STATIC_I18N, 8),
        0.35,
    ),
)


def summary(times: dict[str, list[float]]) -> dict[str, Any]:
    """Return the medians, extremes and ratios of the measured times."""
    configurations = {name: seconds(values) for name, values in times.items()}
    ratios: dict[str, dict[str, Any]] = {}
    for ratio in RATIOS:
        value = ratio.of(configurations)
        met = None if ratio.target is None else value <= ratio.target
        ratios[ratio.name] = {"value": value, "target": ratio.target, "met": met}
    return {"configurations": configurations, "ratios": ratios}


def markdown_report(result: dict[str, Any], runs: int) -> str:
    """Return the table of times and the ratios, in Markdown."""
    rows = []
    for name, ratio in result["ratios"].items():
        target = "(reported)" if ratio["target"] is None else f"<= {ratio['target']}"
        verdict = "" if ratio["met"] is None else (" met" if ratio["met"] else " NOT met")
        rows.append([name, f"{ratio['value']:.2f}", f"{target}{verdict}"])
    heading = f"Wall time of `mkdocs build`, {runs} runs per configuration:"
    return times_report(
        heading,
        result["configurations"],
        markdown_table(("Ratio of medians", "Value", "Target"), "lrl", rows),
    )


def main() -> None:
    """Time the builds of every configuration and print the report."""
    arguments = parse_arguments(__doc__, runs="timed builds per configuration", outputs=True)
    with scratch_folder("docglot-bench-", keep=arguments.keep) as root:
        projects = make_projects(root)
        warm_up(projects)
        result = summary(round_robin(projects, arguments.runs, lambda project: build(project).wall))
    publish(markdown_report(result, arguments.runs), result, arguments)


if __name__ == "__main__":
    main()
