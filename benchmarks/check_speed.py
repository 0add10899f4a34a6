"""Time `docglot check` on FastAPI next to pydoclint, interrogate and `griffe dump -e griffe_typingdoc`.

Every tool reads the installed FastAPI package in a fresh process, started from an empty
temporary working directory (no `pyproject.toml` or `mkdocs.yml`: docglot checks the `Doc`
metadata only, and no tool picks up a configuration). Each tool runs once untimed, which
also writes its bytecode caches, then `--runs` times, round-robin, starting each round one
tool later so that the noise of a shared machine falls on all tools alike. The wall time of
the whole process is measured (start-up and imports included), with the CPU time that the
process used beside it.

docglot also checks a package ten times as large, made of ten copies of FastAPI under other
names (their `fastapi` imports rewritten, so each copy is self-contained): its time should
grow at most ten-fold.

Run: `uv run --group bench python benchmarks/check_speed.py --runs 5`.
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import statistics
import sys
import tokenize
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from timing import (
    Finished,
    environment,
    markdown_table,
    parse_arguments,
    round_robin,
    run_timed,
    scratch_folder,
    seconds,
    seconds_cells,
)

COPIES = 10
"""How many copies of FastAPI make the larger package."""
LIMIT_SECONDS = 1.0
"""The most `docglot check` may take on FastAPI (median wall time)."""
DOCGLOT = "docglot check"
DOCGLOT_LARGE = f"docglot check, {COPIES}x"


@dataclass(frozen=True)
class Tool:
    """One command to time."""

    name: str
    command: tuple[str, ...]
    exit_codes: frozenset[int]
    """The exit codes of a run that worked: linters exit with 1 when they find something."""


def script(name: str) -> str:
    """Return the console script `name` of this environment."""
    path = Path(sys.executable).parent / name
    if not path.is_file():
        raise SystemExit(f"{path}: not installed; run with `uv run --group bench python {sys.argv[0]}`")
    return str(path)


def fastapi_folder() -> Path:
    """Return the folder of the installed FastAPI package, without importing it."""
    spec = find_spec("fastapi")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("FastAPI is not installed; run with `uv run --group bench ...`")
    return Path(next(iter(spec.submodule_search_locations)))


def describe(package: Path) -> str:
    """Count the files, lines and `Doc(...)` calls of a package."""
    files = sorted(package.rglob("*.py"))
    lines = docs = 0
    for file in files:
        source = file.read_text(encoding="utf-8")
        lines += len(source.splitlines())
        docs += sum(
            1
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call)
            and (getattr(node.func, "id", None) == "Doc" or getattr(node.func, "attr", None) == "Doc")
        )
    return f"{len(files)} files, {lines} lines, {docs} Doc uses"


# The larger package. ------------------------------------------------------------------------


def renamed(source: str, old: str, new: str) -> str:
    """Rename the identifier `old` to `new` in Python source: imports and attribute access.

    Identifiers are found as tokens, so strings and comments (FastAPI's documentation
    links, for one) stay as they are.
    """
    places = [
        token.start
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.NAME and token.string == old
    ]
    lines = source.splitlines(keepends=True)
    for row, column in reversed(places):
        line = lines[row - 1]
        lines[row - 1] = line[:column] + new + line[column + len(old) :]
    return "".join(lines)


def make_large_package(package: Path, root: Path) -> Path:
    """Write `COPIES` copies of a package under `root/<package name>_<i>`, each importing itself."""
    folder = root / "packages"
    for index in range(COPIES):
        name = f"{package.name}_{index}"
        target = folder / name
        shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__"))
        for file in target.rglob("*.py"):
            file.write_text(renamed(file.read_text(encoding="utf-8"), package.name, name), encoding="utf-8")
    return folder


# Running and timing. ------------------------------------------------------------------------


def run(tool: Tool, cwd: Path, *, capture: bool = False) -> Finished:
    """Run a tool in a fresh process; return it finished, with its times."""
    return run_timed(
        tool.name, tool.command, cwd=cwd, env=environment(), capture=capture, exit_codes=tool.exit_codes
    )


def warm_up(tools: list[Tool], cwd: Path) -> None:
    """Run each tool once, untimed, and show what it reported."""
    print("First run of each tool (not timed; writes bytecode caches):")
    for tool in tools:
        finished = run(tool, cwd, capture=True)
        output = finished.stdout + finished.stderr
        last = next((line for line in reversed(output.splitlines()) if line.strip()), "")
        lines = len(finished.stdout.splitlines())
        print(
            f"- {tool.name}: {finished.wall:.2f} s, exit {finished.returncode}, {lines} lines of output; "
            f"{last[:80]}"
        )
    print()


# Report. ------------------------------------------------------------------------------------


def report(tools: list[Tool], timings: dict[str, list[Finished]], runs: int, package: Path) -> str:
    """Return the table of medians and the verdicts, in Markdown."""
    wall = {name: seconds(t.wall for t in values) for name, values in timings.items()}
    rows = []
    for tool in tools:
        command = " ".join(Path(part).name if os.sep in part else part for part in tool.command)
        cpu = statistics.median(t.cpu for t in timings[tool.name])
        rows.append([tool.name, f"`{command}`", *seconds_cells(wall[tool.name]), f"{cpu:.2f}"])
    one, large = wall[DOCGLOT]["median_s"], wall[DOCGLOT_LARGE]["median_s"]
    ratio = large / one
    verdict = {True: "met", False: "NOT met"}
    targets = [
        [
            f"docglot check on {package.name} <= {LIMIT_SECONDS} s",
            f"{one:.2f} s",
            verdict[one <= LIMIT_SECONDS],
        ],
        [f"docglot {COPIES}x / 1x <= {COPIES}", f"{ratio:.2f}", verdict[ratio <= COPIES]],
    ]
    header = ("Tool", "Command", "Wall median (s)", "Wall min (s)", "Wall max (s)", "CPU median (s)")
    return "\n".join(
        [
            f"Whole-process times on {package.name} ({describe(package)}), median of {runs} runs:",
            "",
            *markdown_table(header, "llrrrr", rows),
            "",
            *markdown_table(("Target", "Value", ""), "lrl", targets),
        ]
    )


def main() -> None:
    """Time every tool and print the report."""
    arguments = parse_arguments(__doc__, runs="timed runs per tool")
    package = fastapi_folder()
    site_packages = package.parent
    with scratch_folder("docglot-check-bench-") as root:
        work = root / "work"
        work.mkdir()
        large = make_large_package(package, root)
        found = frozenset({0, 1})
        griffe_dump = (script("griffecli"), "dump", package.name, "-e", "griffe_typingdoc", "-s")
        tools = [
            Tool(DOCGLOT, (script("docglot"), "check", str(package)), found),
            Tool("pydoclint", (script("pydoclint"), "--style=google", str(package)), found),
            Tool("interrogate", (script("interrogate"), str(package)), found),
            Tool(
                "griffe dump -e griffe_typingdoc",
                (*griffe_dump, str(site_packages)),
                frozenset({0}),
            ),
            Tool(DOCGLOT_LARGE, (script("docglot"), "check", str(large)), found),
        ]
        print(f"{COPIES}x package: {large} ({describe(large)})\n")
        warm_up(tools, work)
        timings = round_robin(tools, arguments.runs, lambda tool: run(tool, work))
    print(report(tools, timings, arguments.runs, package))


if __name__ == "__main__":
    main()
