"""Time `docglot catalog update` and `docglot check` on FastAPI's reference, beside a build.

Both commands need the messages of the source-language pages. Right after a build they take
those the build kept (its inputs unchanged); otherwise they read the pages again, without
writing a site. This benchmark times, on a copy of the FastAPI corpus (`tests/corpus/fastapi/`,
eight languages), side by side, round-robin:

- `mkdocs build` of the eight languages, and of English alone (the same pages, `languages: [en]`);
- `docglot catalog update` and `docglot check` right after a build (`after a build`);
- the same with the kept messages out of date (`cold`): the cache file is removed first, as
  when a page, a module or `mkdocs.yml` changed.

It prints the medians and the ratios the targets are about: an update or a check after a
build, in seconds; a cold update or check against the English and the eight-language build.

Run: `uv run --group bench python benchmarks/extraction_speed.py --runs 5`.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from timing import (
    Finished,
    environment,
    markdown_table,
    parse_arguments,
    publish,
    round_robin,
    run_timed,
    scratch_folder,
    seconds,
    seconds_cells,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus" / "fastapi"
CACHE = Path(".cache") / "docglot" / "messages.json"
ENV = environment(NO_MKDOCS_2_WARNING="1")


@dataclass(frozen=True)
class Step:
    """One command on one copy of the corpus."""

    name: str
    project: Path
    command: tuple[str, ...]
    cold: bool = False
    """Remove the kept messages first, as a change of the pages or the code would make them stale."""
    exit_codes: frozenset[int] = frozenset({0})


def copy_corpus(target: Path, *, english_only: bool = False) -> Path:
    """Copy the corpus; `english_only` declares English alone and drops the other languages."""
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns(".cache", "site"))
    if english_only:
        config = target / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace("languages: [en, de, es, fr, ja, ko, pt, zh]", "languages: [en]"), encoding="utf-8"
        )
        for folder in (target / "docs").iterdir():
            if folder.name != "en":
                shutil.rmtree(folder)
        shutil.rmtree(target / "locales")
    return target


def measure(step: Step) -> Finished:
    if step.cold:
        (step.project / CACHE).unlink(missing_ok=True)
    return run_timed(step.name, step.command, cwd=step.project, env=ENV, exit_codes=step.exit_codes)


def main() -> None:
    arguments = parse_arguments(__doc__, runs="timed runs per command", outputs=True)
    python = sys.executable
    build = (python, "-m", "mkdocs", "build", "-q")
    update = (python, "-m", "docglot.cli", "catalog", "update")
    # `check` exits with 1: the corpus's catalogs are translated in part, on purpose.
    check = (python, "-m", "docglot.cli", "check", "--output-format", "json")
    with scratch_folder("docglot-extraction-", keep=arguments.keep) as scratch:
        eight = copy_corpus(scratch / "eight")
        english = copy_corpus(scratch / "english", english_only=True)
        cold = copy_corpus(scratch / "cold")
        steps = [
            Step("build, 8 languages", eight, build),
            Step("build, English", english, build),
            Step("catalog update, after a build", eight, update),
            Step("check, after a build", eight, check, exit_codes=frozenset({0, 1})),
            Step("catalog update, cold", cold, update, cold=True),
            Step("check, cold", cold, check, cold=True, exit_codes=frozenset({0, 1})),
        ]
        for step in steps:  # Untimed: bytecode, template caches, and the first kept messages.
            measure(step)
        # A round starts with either build; the steps after a build find its messages kept.
        results = round_robin(steps, arguments.runs, measure)
    summary = {name: seconds(finished.wall for finished in runs) for name, runs in results.items()}
    median = {name: figures["median_s"] for name, figures in summary.items()}
    rows = [[name, *seconds_cells(figures)] for name, figures in summary.items()]
    ratios = [
        ["catalog update after a build", f"{median['catalog update, after a build']:.2f} s", "<= 1.5 s"],
        ["check after a build", f"{median['check, after a build']:.2f} s", "<= 1.5 s"],
        *(
            [
                f"{command} cold / build, {size}",
                f"{median[f'{command}, cold'] / median[f'build, {size}']:.2f}",
                "<= 0.5",
            ]
            for command in ("catalog update", "check")
            for size in ("English", "8 languages")
        ),
    ]
    report = "\n".join(
        [
            "## docglot catalog update and check on FastAPI's reference",
            "",
            *markdown_table(["Command", "Median (s)", "Min", "Max"], "lrrr", rows),
            "",
            *markdown_table(["Ratio", "Value", "Target"], "lrl", ratios),
        ]
    )
    publish(report, {"seconds": summary}, arguments)


if __name__ == "__main__":
    main()
