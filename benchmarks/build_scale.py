"""Time docglot's 8-language build of FastAPI's reference at 1x, 2x and 4x its size.

The site is the FastAPI corpus (`tests/corpus/fastapi/`: 24 pages, 844 objects, languages
`en de es fr ja ko pt zh`, its catalogs), and the same site with one and three renamed
copies of FastAPI beside it. Copy N is FastAPI's installed package copied to `src/` as
`fastapi_N`, every `fastapi` module name in its code renamed, documented by a copy of the
reference pages under `reference_N/` (their `:::` directives renamed) in a navigation
section of its own: new objects, new pages and new texts, none shared with another copy.
The catalogs are the corpus's: an entry is an English text, so it translates that text in
every copy, as a catalog of a larger package would.

Each size is built by a fresh `python -m mkdocs build -q` process, `--runs` times,
round-robin. The report gives the median times and peak memory, and the ratios of the
larger sites to the corpus, which should be at most their size (time that grows at most
linearly with the site).

Run: `uv run --locked --group bench python benchmarks/build_scale.py --runs 5 [--json PATH]`.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastapi
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
CORPUS = REPO / "tests" / "corpus" / "fastapi"
SIZES = (1, 2, 4)
"""How many copies of FastAPI each site documents (the corpus is the first)."""
MODULE = re.compile(r"\bfastapi\b")
"""FastAPI's module name, wherever it stands in its code, its pages or their paths."""


@dataclass(frozen=True)
class Project:
    """One size of the site, in its own folder."""

    size: int
    folder: Path

    @property
    def name(self) -> str:
        """The configuration's name in the report."""
        return f"{self.size}x the corpus"

    @property
    def site_dir(self) -> Path:
        """Where its site is built."""
        return self.folder / "site"


def copy_package(target: Path, copy: int) -> None:
    """Copy the installed FastAPI to `target/fastapi_COPY`, every `fastapi` module name renamed."""
    package = Path(fastapi.__file__).parent
    renamed = target / f"fastapi_{copy}"
    shutil.copytree(package, renamed, ignore=shutil.ignore_patterns("__pycache__"))
    for path in renamed.rglob("*.py"):
        path.write_text(MODULE.sub(f"fastapi_{copy}", path.read_text(encoding="utf-8")), encoding="utf-8")


def renamed_nav(entries: Any, copy: int) -> Any:
    """The reference's navigation with each page path and section title of copy `copy`."""
    if isinstance(entries, str):
        return entries.replace("reference/", f"reference_{copy}/", 1)
    if isinstance(entries, list):
        return [renamed_nav(entry, copy) for entry in entries]
    return {f"{title} {copy}": renamed_nav(value, copy) for title, value in entries.items()}


def make_project(root: Path, size: int) -> Project:
    """Write the corpus with `size - 1` renamed copies of FastAPI beside it."""
    folder = root / f"size-{size}"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns(".cache"))
    config = read_config(folder / "mkdocs.yml")
    mkdocstrings = next(
        entry for entry in config["plugins"] if isinstance(entry, dict) and "mkdocstrings" in entry
    )
    python = mkdocstrings["mkdocstrings"]["handlers"]["python"]
    python["paths"] = ["src", "."]
    (folder / "src").mkdir()
    for copy in range(2, size + 1):
        copy_package(folder / "src", copy)
        for language in (folder / "docs").iterdir():
            pages = language / "reference"
            for page in pages.rglob("*.md"):
                target = language / f"reference_{copy}" / page.relative_to(pages)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(MODULE.sub(f"fastapi_{copy}", page.read_text(encoding="utf-8")))
        config["nav"].append(renamed_nav({"FastAPI": "reference/index.md"}, copy))
        config["nav"].append(renamed_nav(config["nav"][1], copy))
    write_config(config, folder / "mkdocs.yml")
    return Project(size, folder)


def build(project: Project) -> Finished:
    """Build a project in a fresh process; return its times and peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project.site_dir)]
    return run_timed(project.name, command, cwd=project.folder, env=environment(NO_MKDOCS_2_WARNING="1"))


RATIOS = [
    Ratio(f"{size}x the corpus / the corpus", f"{size}x the corpus", "1x the corpus", target=float(size))
    for size in SIZES[1:]
]


def main() -> None:
    """Build each size, untimed once and then `--runs` times, and print the report."""
    arguments = parse_arguments(__doc__, runs="timed builds per size", outputs=True)
    with scratch_folder("docglot-scale-", keep=arguments.keep) as root:
        projects = [make_project(root, size) for size in SIZES]
        print("Warm-up build of each size (not timed):")
        for project in projects:
            finished = build(project)
            pages = sum(1 for _ in project.site_dir.rglob("*.html"))
            print(f"- {project.name}: {finished.wall:.2f} s, {pages} HTML pages")
        print()
        results = round_robin(projects, arguments.runs, build)
    configurations = {name: seconds(run.wall for run in runs) for name, runs in results.items()}
    memory = {name: peaks(run.max_rss for run in runs) for name, runs in results.items()}
    rows = []
    ratios: dict[str, dict[str, Any]] = {}
    for ratio in RATIOS:
        value = ratio.of(configurations)
        met = ratio.target is not None and value <= ratio.target
        ratios[ratio.name] = {"value": value, "target": ratio.target, "met": met}
        rows.append([ratio.name, f"{value:.2f}", f"<= {ratio.target:.1f}", "met" if met else "NOT met"])
    table = markdown_table(("Ratio of median times", "Value", "Target", ""), "lrrl", rows)
    heading = f"docglot, 8 languages, FastAPI's reference at 1x, 2x and 4x, {arguments.runs} runs each"
    report = times_report(heading, configurations, table)
    report += "\n\nPeak memory (MB):\n\n" + "\n".join(peaks_table(memory))
    publish(report, {"configurations": configurations, "memory": memory, "ratios": ratios}, arguments)


if __name__ == "__main__":
    main()
