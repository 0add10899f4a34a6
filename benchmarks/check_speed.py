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

import argparse
import ast
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tokenize
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

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


@dataclass(frozen=True)
class Timing:
    """One timed run: wall time and the CPU time (user and system) of the process."""

    wall: float
    cpu: float


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


def environment() -> dict[str, str]:
    """The tools' environment: bytecode caching on, as in a user's installation.

    A machine-wide `PYTHONDONTWRITEBYTECODE` would make every process recompile every
    module it imports, which measures the machine rather than the tools; the untimed first
    run of each tool writes the `.pyc` files.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("DOCGLOT_LANGUAGES", None)
    return env


def children_cpu() -> float:
    """CPU seconds (user and system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(tool: Tool, cwd: Path, *, capture: bool = False) -> tuple[Timing, int, str, str]:
    """Run a tool in a fresh process; return its times, exit code, output and error output.

    Tools run one at a time, so what the finished children used grows by this one's use.
    """
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    cpu = children_cpu()
    start = time.perf_counter()
    process = subprocess.run(
        tool.command, cwd=cwd, env=environment(), stdout=output, stderr=output, text=True, check=False
    )
    wall = time.perf_counter() - start
    timing = Timing(wall, children_cpu() - cpu)
    if process.returncode not in tool.exit_codes:
        raise SystemExit(f"{tool.name}: exit code {process.returncode}\n{process.stderr or ''}")
    return timing, process.returncode, process.stdout or "", process.stderr or ""


def warm_up(tools: list[Tool], cwd: Path) -> None:
    """Run each tool once, untimed, and show what it reported."""
    print("First run of each tool (not timed; writes bytecode caches):")
    for tool in tools:
        timing, code, out, err = run(tool, cwd, capture=True)
        last = next((line for line in reversed((out + err).splitlines()) if line.strip()), "")
        lines = len(out.splitlines())
        print(f"- {tool.name}: {timing.wall:.2f} s, exit {code}, {lines} lines of output; {last[:80]}")
    print()


def time_tools(tools: list[Tool], cwd: Path, runs: int) -> dict[str, list[Timing]]:
    """Run every tool `runs` times, round-robin, starting each round one tool later."""
    timings: dict[str, list[Timing]] = {tool.name: [] for tool in tools}
    for number in range(runs):
        shift = number % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            timings[tool.name].append(run(tool, cwd)[0])
        print(f"run {number + 1}/{runs} done", file=sys.stderr)
    return timings


# Report. ------------------------------------------------------------------------------------


def report(tools: list[Tool], timings: dict[str, list[Timing]], runs: int, package: Path) -> str:
    """Return the table of medians and the verdicts, in Markdown."""
    wall = {name: statistics.median(t.wall for t in values) for name, values in timings.items()}
    lines = [
        f"Whole-process times on {package.name} ({describe(package)}), median of {runs} runs:",
        "",
        "| Tool | Command | Wall median (s) | Wall min (s) | Wall max (s) | CPU median (s) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for tool in tools:
        values = timings[tool.name]
        command = " ".join(Path(part).name if os.sep in part else part for part in tool.command)
        lines.append(
            f"| {tool.name} | `{command}` | {wall[tool.name]:.2f} | {min(t.wall for t in values):.2f} "
            f"| {max(t.wall for t in values):.2f} | {statistics.median(t.cpu for t in values):.2f} |"
        )
    ratio = wall[DOCGLOT_LARGE] / wall[DOCGLOT]
    verdict = {True: "met", False: "NOT met"}
    lines += [
        "",
        "| Target | Value | |",
        "| --- | ---: | --- |",
        f"| docglot check on {package.name} <= {LIMIT_SECONDS} s | {wall[DOCGLOT]:.2f} s "
        f"| {verdict[wall[DOCGLOT] <= LIMIT_SECONDS]} |",
        f"| docglot {COPIES}x / 1x <= {COPIES} | {ratio:.2f} | {verdict[ratio <= COPIES]} |",
    ]
    return "\n".join(lines)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (default 5)")
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    return arguments


def main() -> None:
    arguments = parse_arguments()
    package = fastapi_folder()
    site_packages = package.parent
    root = Path(tempfile.mkdtemp(prefix="docglot-check-bench-"))
    try:
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
        timings = time_tools(tools, work, arguments.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(report(tools, timings, arguments.runs, package))


if __name__ == "__main__":
    main()
