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

import argparse
import copy
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

REPO = Path(__file__).resolve().parents[1]
SOURCE_LANGUAGE = "en"
LANGUAGE_SETS: dict[int, tuple[str, ...]] = {
    1: ("en",),
    8: ("en", "de", "es", "fr", "ja", "pt", "it", "zh"),
}
DOCGLOT = "docglot"
DOCGLOT_UNCACHED = "docglot without template cache"
"""docglot with `cache_dir: ""`: every build compiles its templates, as the other stack does."""
STATIC_I18N = "static-i18n"
STACKS = (DOCGLOT, DOCGLOT_UNCACHED, STATIC_I18N)
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$")
"""Top-level folders of `docs/` named like this hold one language's pages."""
PYTHON_TAG = "tag:yaml.org,2002:python/"


@dataclass(frozen=True)
class Ratio:
    """A ratio of two configurations' median build times, with its target if there is one."""

    name: str
    numerator: str
    denominator: str
    target: float | None


# YAML: keep `!!python/name:...` tags of mkdocs.yml as they are. -----------------------------


class PythonTag(str):
    """A scalar with a `!!python/...` tag, kept as text so the config can be written back."""

    tag: str


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonTag:
    value = PythonTag(loader.construct_scalar(node))
    value.tag = PYTHON_TAG + suffix
    return value


def _represent_python_tag(dumper: yaml.SafeDumper, data: PythonTag) -> yaml.Node:
    return dumper.represent_scalar(data.tag, str(data))


_Loader.add_multi_constructor(PYTHON_TAG, _construct_python_tag)
_Dumper.add_representer(PythonTag, _represent_python_tag)


def load_config(path: Path) -> dict[str, Any]:
    """Read an `mkdocs.yml`, keeping its Python tags."""
    config: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return config


def write_config(config: dict[str, Any], path: Path) -> None:
    """Write an `mkdocs.yml`."""
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


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


@dataclass(frozen=True)
class Project:
    """One configuration to time: a stack, its languages, and its folder."""

    stack: str
    languages: tuple[str, ...]
    folder: Path

    @property
    def name(self) -> str:
        count = len(self.languages)
        return f"{self.stack}, {count} language{'s' if count > 1 else ''}"

    @property
    def config_file(self) -> Path:
        return self.folder / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
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


def make_project(base: dict[str, Any], stack: str, languages: tuple[str, ...], root: Path) -> Project:
    """Write a project for a stack and languages under `root`."""
    project = Project(stack, languages, root / f"{stack.replace(' ', '-')}-{len(languages)}")
    copy_docs(languages, project.folder / "docs")
    catalogs = plugin_options(next(e for e in base["plugins"] if plugin_name(e) == DOCGLOT))
    locales = REPO / catalogs.get("catalogs", "locales")
    if locales.is_dir():
        shutil.copytree(locales, project.folder / locales.name)
    write_config(site_config(base, stack, languages), project.config_file)
    return project


def make_projects(root: Path) -> list[Project]:
    """Write every configuration's project under `root`."""
    base = load_config(REPO / "mkdocs.yml")
    return [
        make_project(base, stack, LANGUAGE_SETS[count], root)
        for count in sorted(LANGUAGE_SETS)
        for stack in STACKS
    ]


# Building and timing. -----------------------------------------------------------------------


def build_environment() -> dict[str, str]:
    """Return the environment of the builds: no MkDocs 2 notice, no docglot language filter.

    Bytecode caching is on, as in a user's installation (pip compiles at install time): a
    `PYTHONDONTWRITEBYTECODE` set on the machine would make every process of both stacks
    recompile every imported module, which measures the machine, not the stacks. The
    untimed warm-up builds write the `.pyc` files.
    """
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    environment.pop("DOCGLOT_LANGUAGES", None)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def build(project: Project, *, quiet: bool = True) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Build a project in a fresh process; return the wall time and the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.config_file)]
    command += ["-d", str(project.site_dir), *(["-q"] if quiet else [])]
    start = time.perf_counter()
    process = subprocess.run(
        command, cwd=project.folder, env=build_environment(), capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{project.name}: build failed ({process.returncode})\n{process.stderr}")
    return elapsed, process


def html_pages(site: Path) -> set[str]:
    """Return the site-relative paths of a site's HTML pages."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def warm_up(projects: list[Project]) -> None:
    """Build each project once, untimed, and report its warnings and pages."""
    print("Warm-up build of each configuration (not timed):")
    for project in projects:
        elapsed, process = build(project, quiet=False)
        warnings = [line for line in process.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
        pages = html_pages(project.site_dir)
        print(f"- {project.name}: {elapsed:.2f} s, {len(pages)} HTML pages, {len(warnings)} warnings")
        for warning in warnings:
            print(f"    {warning}")
    compare_pages(projects)
    print()


def compare_pages(projects: list[Project]) -> None:
    """Report pages that one stack builds and the other does not, for the same languages."""
    for count in sorted(LANGUAGE_SETS):
        same = [project for project in projects if len(project.languages) == count]
        first, *others = same
        for other in others:
            only_first = html_pages(first.site_dir) - html_pages(other.site_dir)
            only_other = html_pages(other.site_dir) - html_pages(first.site_dir)
            for name, pages in ((first.name, only_first), (other.name, only_other)):
                if pages:
                    print(f"  note: only {name} has {', '.join(sorted(pages))}")


def time_builds(projects: list[Project], runs: int) -> dict[str, list[float]]:
    """Build every project `runs` times, round-robin, starting each round one project later."""
    times: dict[str, list[float]] = {project.name: [] for project in projects}
    for run in range(runs):
        shift = run % len(projects)
        for project in projects[shift:] + projects[:shift]:
            elapsed, _ = build(project)
            times[project.name].append(elapsed)
        print(f"run {run + 1}/{runs} done", file=sys.stderr)
    return times


# Report. ------------------------------------------------------------------------------------


def project_name(stack: str, count: int) -> str:
    """Return the name of the configuration of a stack with `count` languages."""
    return Project(stack, LANGUAGE_SETS[count], Path()).name


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
    configurations: dict[str, dict[str, Any]] = {
        name: {
            "median_s": statistics.median(values),
            "min_s": min(values),
            "max_s": max(values),
            "times_s": values,
        }
        for name, values in times.items()
    }
    ratios: dict[str, dict[str, Any]] = {}
    for ratio in RATIOS:
        value = configurations[ratio.numerator]["median_s"] / configurations[ratio.denominator]["median_s"]
        met = None if ratio.target is None else value <= ratio.target
        ratios[ratio.name] = {"value": value, "target": ratio.target, "met": met}
    return {"configurations": configurations, "ratios": ratios}


def markdown_report(result: dict[str, Any], runs: int) -> str:
    """Return the table of times and the ratios, in Markdown."""
    lines = [
        f"Wall time of `mkdocs build`, {runs} runs per configuration:",
        "",
        "| Configuration | Median (s) | Min (s) | Max (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, stats in result["configurations"].items():
        lines.append(f"| {name} | {stats['median_s']:.2f} | {stats['min_s']:.2f} | {stats['max_s']:.2f} |")
    lines += ["", "| Ratio of medians | Value | Target |", "| --- | ---: | --- |"]
    for name, ratio in result["ratios"].items():
        target = "(reported)" if ratio["target"] is None else f"<= {ratio['target']}"
        verdict = "" if ratio["met"] is None else (" met" if ratio["met"] else " NOT met")
        lines.append(f"| {name} | {ratio['value']:.2f} | {target}{verdict} |")
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
    root = Path(tempfile.mkdtemp(prefix="docglot-bench-"))
    try:
        projects = make_projects(root)
        warm_up(projects)
        result = summary(time_builds(projects, arguments.runs))
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
