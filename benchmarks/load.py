"""`aftersend` under uvicorn: throughput and response times with quick, slow and raising tasks.

Runs the scenarios of `tests/library/test_under_load.py`, with its app, server and client:
uvicorn on 127.0.0.1 in a thread of this process, 1,000 GET requests per scenario, at most
50 in flight, each adding 5 tasks (3 `async def`, 2 `def`). Each scenario starts a new
server and stops it once all its tasks are done. The scenarios run round-robin, `--runs`
times, and the median of the runs is printed for every figure.

Run: `uv run --locked python benchmarks/load.py --runs 5`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

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
        "errors logged": len(outcome.errors),
        "client errors": len(load.client_errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")

    results: dict[str, list[dict[str, float]]] = {scenario.name: [] for scenario in SCENARIOS}
    lost: dict[str, list[list[tuple[str, str]]]] = {scenario.name: [] for scenario in SCENARIOS}
    for run in range(arguments.runs):
        # Round-robin, each round starting one scenario later, so noise falls on all alike.
        shift = run % len(SCENARIOS)
        for scenario in SCENARIOS[shift:] + SCENARIOS[:shift]:
            outcome = run_load(scenario.plan(), keep_alive=scenario.keep_alive)
            results[scenario.name].append(figures(scenario, outcome))
            lost[scenario.name].append(outcome.load.client_errors)
            print(f"run {run + 1}/{arguments.runs}: {scenario.name}", file=sys.stderr)

    print(
        f"{REQUESTS} requests per scenario, at most {IN_FLIGHT} in flight, {TASKS_PER_REQUEST} tasks each; "
        f"median of {arguments.runs} runs:"
    )
    print(f"| scenario | {' | '.join(COLUMNS)} |")
    print(f"| --- |{' ---: |' * len(COLUMNS)}")
    for scenario in SCENARIOS:
        runs = results[scenario.name]
        cells = [f"{statistics.median(run[column] for run in runs):.0f}" for column in COLUMNS]
        print(f"| {scenario.name} | {' | '.join(cells)} |")
    for scenario in SCENARIOS:
        errors = Counter(error for run in lost[scenario.name] for _, error in run)
        for error, count in sorted(errors.items()):
            print(f"{scenario.name}: {count} x {error!r} in {arguments.runs} runs")


if __name__ == "__main__":
    main()
