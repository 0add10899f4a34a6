"""`aftersend` under uvicorn: throughput and response times with quick, slow and raising tasks.

Runs the scenarios of `tests/library/test_under_load.py`, with its app, server and client:
uvicorn on 127.0.0.1 in a thread of this process, 1,000 GET requests per scenario, at most
50 in flight, each adding 5 tasks (3 `async def`, 2 `def`). Each scenario starts a new
server and stops it once all its tasks are done. A raising task is logged on the
`aftersend` logger and the request's later tasks still run, so every task added is expected
to run. The scenarios run round-robin, `--runs` times, and the median of the runs is printed
for every figure.

Run: `uv run --locked python benchmarks/load.py --runs 5`.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from timing import markdown_table, parse_arguments, round_robin

REPO = Path(__file__).resolve().parents[1]
# The scenarios are the tests' own; `tests` is a package of the repository, not installed.
sys.path.insert(0, str(REPO))

from tests.library.test_under_load import (  # noqa: E402
    ASYNC_ENDPOINTS,
    DEF_ENDPOINTS,
    IN_FLIGHT,
    REQUESTS,
    SLOW_TASK_SECONDS,
    TASKS_PER_REQUEST,
    Outcome,
    PlannedRequest,
    plan_requests,
    run_load,
)


@dataclass(frozen=True)
class Scenario:
    """A load to send: which endpoints, how long each task sleeps, whether some raise."""

    name: str
    endpoints: tuple[str, ...]
    sleep: float
    raising: bool = False
    keep_alive: bool = True

    def plan(self) -> list[PlannedRequest]:
        """The scenario's requests, as the tests plan them."""
        return plan_requests(REQUESTS, sleep=self.sleep, endpoints=self.endpoints, raising=self.raising)


SLOW = f"{SLOW_TASK_SECONDS:g} s"
SCENARIOS = (
    Scenario("async endpoints, tasks 0 s", ASYNC_ENDPOINTS, 0.0),
    Scenario(f"async endpoints, tasks {SLOW}", ASYNC_ENDPOINTS, SLOW_TASK_SECONDS),
    Scenario("def endpoint, tasks 0 s", DEF_ENDPOINTS, 0.0),
    Scenario(f"def endpoint, tasks {SLOW}", DEF_ENDPOINTS, SLOW_TASK_SECONDS),
    Scenario("async endpoints, tasks 0 s, 1 in 5 raises", ASYNC_ENDPOINTS, 0.0, raising=True),
    Scenario(
        "async endpoints, tasks 0 s, 1 in 5 raises, a connection per request",
        ASYNC_ENDPOINTS,
        0.0,
        raising=True,
        keep_alive=False,
    ),
)
COLUMNS = (
    "requests/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "tasks run",
    "tasks expected",
    "errors logged",
    "uvicorn errors",
    "connections",
    "client errors",
)


def figures(scenario: Scenario, outcome: Outcome) -> dict[str, float]:
    """The figures of one run of a scenario, by column."""
    load = outcome.load
    return {
        "requests/s": load.requests_per_second,
        "p50 ms": load.percentile(50) * 1000,
        "p95 ms": load.percentile(95) * 1000,
        "p99 ms": load.percentile(99) * 1000,
        "tasks run": len(outcome.runs),
        "tasks expected": sum(len(request.expected_runs) for request in scenario.plan()),
        "errors logged": len(outcome.logs.tasks),
        "uvicorn errors": len(outcome.logs.server),
        "connections": len(outcome.clients),
        "client errors": len(load.client_errors),
    }


@dataclass(frozen=True)
class Measured:
    """One run of a scenario."""

    figures: dict[str, float]
    """The run's figures, by column."""
    client_errors: list[tuple[str, str]]
    """The path and the error of each request that got no response."""


def measure(scenario: Scenario) -> Measured:
    """Run a scenario once, with a new server."""
    outcome = run_load(scenario.plan(), keep_alive=scenario.keep_alive)
    return Measured(figures(scenario, outcome), outcome.load.client_errors)


def main() -> None:
    """Run every scenario and print the median figures."""
    arguments = parse_arguments(__doc__, runs="runs of every scenario")
    results = round_robin(SCENARIOS, arguments.runs, measure, progress="items")
    rows = []
    for scenario in SCENARIOS:
        runs = [run.figures for run in results[scenario.name]]
        medians = (statistics.median(run[column] for run in runs) for column in COLUMNS)
        rows.append([scenario.name, *(f"{median:.0f}" for median in medians)])
    print(
        f"{REQUESTS} requests per scenario, at most {IN_FLIGHT} in flight, {TASKS_PER_REQUEST} tasks each; "
        f"median of {arguments.runs} runs:"
    )
    print("\n".join(markdown_table(("scenario", *COLUMNS), "l" + "r" * len(COLUMNS), rows)))
    for scenario in SCENARIOS:
        errors = Counter(error for run in results[scenario.name] for _, error in run.client_errors)
        for error, count in sorted(errors.items()):
            print(f"{scenario.name}: {count} x {error!r} in {arguments.runs} runs")


if __name__ == "__main__":
    main()
