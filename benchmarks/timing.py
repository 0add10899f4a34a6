"""What the benchmarks share: fresh processes timed round-robin, and their times in Markdown tables.

Each benchmark measures whole processes (start-up and imports included) or whole requests,
runs its configurations round-robin so that the noise of a shared machine falls on all of
them alike, and prints the median, minimum and maximum of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TypedDict, TypeVar

# Processes. ---------------------------------------------------------------------------------


def environment(**variables: str) -> dict[str, str]:
    """Return the environment of a measured process: this one's, with `variables` set.

    Bytecode caching is on, as in a user's installation (pip compiles at install time): a
    machine-wide `PYTHONDONTWRITEBYTECODE` would make every process recompile every module
    it imports, which measures the machine, not the tools; the untimed warm-up runs write
    the `.pyc` files. `DOCGLOT_LANGUAGES` is removed, so that docglot builds every language.

    Args:
        **variables: Variables to set, such as `NO_MKDOCS_2_WARNING="1"`.

    Returns:
        A new mapping of the variables.
    """
    result = dict(os.environ, **variables)
    result.pop("PYTHONDONTWRITEBYTECODE", None)
    result.pop("DOCGLOT_LANGUAGES", None)
    return result


@dataclass(frozen=True)
class Finished:
    """A process that ran to its end, the time it took, and what it wrote."""

    wall: float
    """Wall time, in seconds, from the start of the process to its end."""
    cpu: float
    """CPU time (user and system), in seconds, that the process used."""
    max_rss: int
    """Its peak memory: the largest resident set size it reached, in bytes."""
    returncode: int
    """Its exit code."""
    stdout: str
    """Its output; empty unless it was captured."""
    stderr: str
    """Its error output; empty unless it was captured."""


def run_timed(
    name: str,
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    capture: bool = True,
    exit_codes: Collection[int] = frozenset({0}),
) -> Finished:
    """Run a command in a fresh process; time it and measure its peak memory.

    The process is waited for with `os.wait4`, which gives the resource usage of that
    process alone (and of the children it waited for): its CPU time and its largest
    resident set size. Its output goes to temporary files rather than pipes, so that
    waiting for it cannot block on a full pipe.

    Args:
        name: What runs, for the error message.
        command: The program and its arguments.
        cwd: The working directory of the process.
        env: Its environment.
        capture: Keep its output and error output, rather than discarding them.
        exit_codes: The exit codes of a run that worked: linters exit with 1 when they find something.

    Returns:
        The finished process, its times and its peak memory.

    Raises:
        SystemExit: The process exited with another code; the message holds its error output.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=out if capture else subprocess.DEVNULL,
            stderr=err if capture else subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # Reaped here: Popen must not wait again.
        stdout, stderr = (_read(file) for file in (out, err))
    # Linux counts `ru_maxrss` in kibibytes, macOS in bytes.
    max_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    if process.returncode not in exit_codes:
        raise SystemExit(f"{name}: failed with exit code {process.returncode}\n{stderr}")
    return Finished(wall, usage.ru_utime + usage.ru_stime, max_rss, process.returncode, stdout, stderr)


def _read(file: IO[bytes]) -> str:
    """Return what a process wrote to a temporary file, as text."""
    file.seek(0)
    return file.read().decode("utf-8", errors="replace")


class Named(Protocol):
    """Something measured: a configuration, a tool, a scenario."""

    @property
    def name(self) -> str:
        """Its name in the progress lines and the results."""
        ...


ItemT = TypeVar("ItemT", bound=Named)
ResultT = TypeVar("ResultT")


def round_robin(
    items: Sequence[ItemT],
    runs: int,
    measure: Callable[[ItemT], ResultT],
    *,
    progress: Literal["rounds", "items"] = "rounds",
) -> dict[str, list[ResultT]]:
    """Measure every item `runs` times, round-robin, starting each round one item later.

    One round measures each item once, so the noise of a shared machine falls on all items
    alike, and no item is always measured first (or right after the same other one).

    Args:
        items: What to measure, each with its own name.
        runs: How many rounds.
        measure: Measures one item once.
        progress: Print a line on standard error after each round, or after each item.

    Returns:
        The results of each item, by name, in the order of the rounds.
    """
    results: dict[str, list[ResultT]] = {item.name: [] for item in items}
    for run in range(runs):
        shift = run % len(items)
        for item in [*items[shift:], *items[:shift]]:
            results[item.name].append(measure(item))
            if progress == "items":
                print(f"run {run + 1}/{runs}: {item.name}", file=sys.stderr)
        if progress == "rounds":
            print(f"run {run + 1}/{runs} done", file=sys.stderr)
    return results


@contextmanager
def scratch_folder(prefix: str, *, keep: bool = False) -> Iterator[Path]:
    """Make a temporary folder, and remove it with all it holds on leaving, unless `keep`.

    Args:
        prefix: The start of the folder's name.
        keep: Leave the folder in place, and say where it is on standard error.

    Yields:
        The folder.
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        if keep:
            print(f"Projects kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


# Figures. -----------------------------------------------------------------------------------


class Seconds(TypedDict):
    """The times of one configuration, as the results hold them (and their JSON)."""

    median_s: float
    min_s: float
    max_s: float
    times_s: list[float]


def seconds(times: Iterable[float]) -> Seconds:
    """Return the median and the extremes of some times, with the times themselves.

    Args:
        times: Measured times, in seconds; at least one.

    Returns:
        The summary of the times.
    """
    values = list(times)
    return {
        "median_s": statistics.median(values),
        "min_s": min(values),
        "max_s": max(values),
        "times_s": values,
    }


class Peaks(TypedDict):
    """The peak memory of one configuration's processes, as the results hold them (and their JSON)."""

    median_mb: float
    min_mb: float
    max_mb: float
    peaks_mb: list[float]


def peaks(values: Iterable[int]) -> Peaks:
    """Return the median and the extremes of some processes' peak memory, given in bytes, in MB.

    Args:
        values: Largest resident set sizes, in bytes; at least one.

    Returns:
        The summary, in megabytes (10**6 bytes).
    """
    megabytes = [value / 1e6 for value in values]
    return {
        "median_mb": statistics.median(megabytes),
        "min_mb": min(megabytes),
        "max_mb": max(megabytes),
        "peaks_mb": megabytes,
    }


def peaks_table(configurations: Mapping[str, Peaks]) -> list[str]:
    """Return the table of the median, minimum and maximum peak memory of each configuration."""
    rows = (
        [name, *(f"{summary[key]:.0f}" for key in ("median_mb", "min_mb", "max_mb"))]
        for name, summary in configurations.items()
    )
    return markdown_table(("Configuration", "Median (MB)", "Min (MB)", "Max (MB)"), "lrrr", rows)


def seconds_cells(summary: Seconds) -> list[str]:
    """Return the median, minimum and maximum, in this order, as table cells (two decimals)."""
    return [f"{summary[key]:.2f}" for key in ("median_s", "min_s", "max_s")]


@dataclass(frozen=True)
class Ratio:
    """A ratio of two configurations' median times (or peak memory), with its target if there is one."""

    name: str
    numerator: str
    """The name of the configuration above the line."""
    denominator: str
    """The name of the configuration below the line."""
    target: float | None = None
    """The most the ratio should be; `None` for a ratio that is only reported."""
    aim: float | None = None
    """A lower value to aim at, below the target, reported beside it."""
    memory: bool = False
    """A ratio of the median peak memory rather than of the median time."""

    def of(self, configurations: Mapping[str, Seconds], memory: Mapping[str, Peaks] | None = None) -> float:
        """Return the ratio of the two configurations' median times, or of their peak memory."""
        if self.memory:
            if memory is None:
                raise ValueError(f"{self.name}: a ratio of peak memory needs the peaks")
            return memory[self.numerator]["median_mb"] / memory[self.denominator]["median_mb"]
        return configurations[self.numerator]["median_s"] / configurations[self.denominator]["median_s"]

    def involves(self, names: Collection[str]) -> bool:
        """Whether both configurations of the ratio are among `names`."""
        return self.numerator in names and self.denominator in names


# Report. ------------------------------------------------------------------------------------


def markdown_table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """Return the lines of a Markdown table.

    Args:
        header: The titles of the columns.
        align: One letter a column: `l` for text, aligned left, `r` for figures, aligned right.
        rows: The cells of each row, as text.

    Returns:
        The header line, the alignment line and one line a row.

    Raises:
        ValueError: `align` has not one letter, `l` or `r`, a column.
    """
    if len(align) != len(header) or set(align) - {"l", "r"}:
        raise ValueError(f"align {align!r}: write one letter, l or r, for each of {len(header)} columns")
    markers = ["---:" if letter == "r" else "---" for letter in align]
    return [_table_line(cells) for cells in (header, markers, *rows)]


def _table_line(cells: Sequence[str]) -> str:
    """Return one line of a Markdown table; an empty cell is written `| |`."""
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def seconds_table(configurations: Mapping[str, Seconds]) -> list[str]:
    """Return the table of the median, minimum and maximum times of each configuration."""
    rows = ([name, *seconds_cells(summary)] for name, summary in configurations.items())
    return markdown_table(("Configuration", "Median (s)", "Min (s)", "Max (s)"), "lrrr", rows)


def times_report(heading: str, configurations: Mapping[str, Seconds], ratios: Sequence[str]) -> str:
    """Return a report in Markdown: its heading, the table of each configuration's times, and `ratios`.

    Args:
        heading: What was timed, and how many times.
        configurations: The times of each configuration, by name.
        ratios: The lines of the table of the ratios.

    Returns:
        The report's lines, joined.
    """
    return "\n".join([heading, "", *seconds_table(configurations), "", *ratios])


def publish(report: str, result: Mapping[str, Any], arguments: argparse.Namespace) -> None:
    """Print the report, and write the results as JSON where `--json` asks to.

    The JSON holds the results, the number of runs and Python's version.
    """
    print(report)
    if arguments.json:
        data = {"runs": arguments.runs, "python": sys.version.split()[0], **result}
        arguments.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# Options. -----------------------------------------------------------------------------------


def parse_arguments(
    doc: str | None,
    *,
    runs: str,
    outputs: bool = False,
    options: Callable[[argparse.ArgumentParser], object] | None = None,
) -> argparse.Namespace:
    """Read the options of a benchmark: `--runs`, and `--json` and `--keep` if it writes projects.

    Args:
        doc: The benchmark's docstring; its first line describes it in `--help`.
        runs: What `--runs` counts, as `--help` says it ("timed builds per configuration").
        outputs: Also offer `--json PATH` and `--keep`.
        options: Adds the benchmark's own options to the parser.

    Returns:
        The options; `runs` is at least 1 (argparse stops with a usage error otherwise).
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--runs", type=int, default=5, help=f"{runs} (default 5)")
    if outputs:
        parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
        parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    if options is not None:
        options(parser)
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    return arguments
