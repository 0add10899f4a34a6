"""`aftersend` under a real ASGI server: uvicorn on 127.0.0.1, 1,000 concurrent requests.

The server runs in this process, in a thread, with `uvicorn.Server` rather than in a
subprocess: the tests then read the task runs and uvicorn's log records as Python objects
(the exception itself, not a parsed traceback), the socket is bound here before the server
starts (no race for a free port), and stopping the server waits for every background task,
so nothing is polled. Client and server share one GIL on this machine's two cores, which
slows both alike: the latency assertions compare runs made in the same conditions.

`benchmarks/load.py` runs these scenarios and prints their figures.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import statistics
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import anyio.to_thread
import httpx2
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from aftersend import BackgroundTasks, with_background_tasks

REQUESTS = 1_000
IN_FLIGHT = 50
TASKS_PER_REQUEST = 5
SLOW_TASK_SECONDS = 0.1
SLOW_CHAIN_SECONDS = TASKS_PER_REQUEST * SLOW_TASK_SECONDS
"""A request's slow tasks run one after the other: a response sent after them waits this long."""
STARTUP_TIMEOUT_SECONDS = 10.0
SHUTDOWN_TIMEOUT_SECONDS = 60.0
ASYNC_ENDPOINTS = ("decorated", "direct")
DEF_ENDPOINTS = ("decorated-def",)
ASGI_ERROR = "Exception in ASGI application\n"
"""What uvicorn logs, with the traceback, when the app raises after the response was sent."""

TaskRun = tuple[int, int]
"""A task that ran: (request id, index of the task in its request)."""


# The app. -------------------------------------------------------------------------------


def failure(request_id: int, index: int) -> str:
    """The text of the exception that task `index` of request `request_id` raises."""
    return f"task {index} of request {request_id} failed"


def sync_task(runs: list[TaskRun], request_id: int, index: int, sleep: float, fail: bool) -> None:
    """A `def` task: Starlette runs it in a worker thread."""
    time.sleep(sleep)
    runs.append((request_id, index))
    if fail:
        raise RuntimeError(failure(request_id, index))


async def async_task(runs: list[TaskRun], request_id: int, index: int, sleep: float, fail: bool) -> None:
    """An `async def` task: Starlette awaits it on the event loop."""
    await asyncio.sleep(sleep)
    runs.append((request_id, index))
    if fail:
        raise RuntimeError(failure(request_id, index))


def add_tasks(runs: list[TaskRun], request: Request, background_tasks: BackgroundTasks) -> Response:
    """Add the request's tasks, `async def` and `def` in turn, as its query asks, and answer."""
    request_id = int(request.path_params["request_id"])
    sleep = float(request.query_params["sleep"])
    fail_at = int(request.query_params.get("fail_at", "-1"))
    for index in range(TASKS_PER_REQUEST):
        task = async_task if index % 2 == 0 else sync_task
        background_tasks.add_task(task, runs, request_id, index, sleep, index == fail_at)
    return PlainTextResponse(f"request {request_id}")


def make_app(runs: list[TaskRun]) -> Starlette:
    """An app whose endpoints add tasks that record their runs in `runs`.

    `/decorated/{id}` is an `async def` endpoint given its `BackgroundTasks` by
    `with_background_tasks`, `/decorated-def/{id}` the same as a `def` endpoint, and
    `/direct/{id}` an `async def` endpoint that creates a `BackgroundTasks` and passes it
    to its response.
    """

    @with_background_tasks
    async def decorated(request: Request, background_tasks: BackgroundTasks) -> Response:
        return add_tasks(runs, request, background_tasks)

    @with_background_tasks
    def decorated_def(request: Request, background_tasks: BackgroundTasks) -> Response:
        return add_tasks(runs, request, background_tasks)

    async def direct(request: Request) -> Response:
        background_tasks = BackgroundTasks()
        response = add_tasks(runs, request, background_tasks)
        response.background = background_tasks
        return response

    return Starlette(
        routes=[
            Route("/decorated/{request_id:int}", decorated),
            Route("/decorated-def/{request_id:int}", decorated_def),
            Route("/direct/{request_id:int}", direct),
        ]
    )


# The requests. --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedRequest:
    """One request of a load: its path and query, and the tasks it must run."""

    request_id: int
    path: str
    sleep: float
    fail_at: int | None

    @property
    def params(self) -> dict[str, str]:
        """The query that tells the endpoint how its tasks behave."""
        params = {"sleep": str(self.sleep)}
        if self.fail_at is not None:
            params["fail_at"] = str(self.fail_at)
        return params

    @property
    def expected_runs(self) -> list[int]:
        """The indices of the tasks that must run, in order: none after the one that raises."""
        last = TASKS_PER_REQUEST - 1 if self.fail_at is None else self.fail_at
        return list(range(last + 1))


def plan_requests(
    count: int, *, sleep: float, endpoints: Sequence[str] = ASYNC_ENDPOINTS, raising: bool = False
) -> list[PlannedRequest]:
    """Plan `count` requests spread over `endpoints` in turn.

    With `raising`, 1 request in 5 has a task that raises: task 2 (`async def`) or
    task 3 (`def`), on every endpoint.
    """
    planned: list[PlannedRequest] = []
    for request_id in range(count):
        fail_at = None
        if raising and request_id % 5 == 3:
            fail_at = 2 if request_id % 20 < 10 else 3
        endpoint = endpoints[request_id % len(endpoints)]
        planned.append(PlannedRequest(request_id, f"/{endpoint}/{request_id}", sleep, fail_at))
    return planned


# The server and the client. -----------------------------------------------------------


class RecordList(logging.Handler):
    """Keep the records of a logger, as they are, exception included."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def serve(app: ASGIApp) -> Iterator[tuple[str, list[logging.LogRecord]]]:
    """Serve `app` with uvicorn on a free port of 127.0.0.1, in a thread.

    Yields the base URL and the records uvicorn logs at ERROR level or above. On exit the
    server stops as on Ctrl+C, once every background task has finished.
    """
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    host, port = listening.getsockname()
    # `log_config=None` leaves this process's logging alone; no access log, as in production.
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, name="uvicorn")
    errors = RecordList(logging.ERROR)
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(errors)
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {host}:{port}")
            time.sleep(0.01)
        yield f"http://{host}:{port}", errors.records
    finally:
        server.should_exit = True
        thread.join(SHUTDOWN_TIMEOUT_SECONDS)
        logger.removeHandler(errors)
        listening.close()
    if thread.is_alive():
        raise RuntimeError(f"uvicorn did not stop within {SHUTDOWN_TIMEOUT_SECONDS} s")


@dataclass
class Load:
    """What the client saw of a load: response times, bodies, and (path, error) of lost requests."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    bodies: dict[int, str] = field(default_factory=dict)
    client_errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        """Requests answered per second, over the whole load."""
        return len(self.latencies) / self.seconds

    def percentile(self, percent: int) -> float:
        """The response time under which `percent` % of the responses came, in seconds."""
        if percent == 50:
            return statistics.median(self.latencies)
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1]


async def send_requests(url: str, planned: Sequence[PlannedRequest], *, keep_alive: bool = True) -> Load:
    """Send the planned GET requests, at most `IN_FLIGHT` at a time, and time each one.

    Without `keep_alive`, each request has its own connection.
    """
    load = Load()
    in_flight = asyncio.Semaphore(IN_FLIGHT)
    limits = httpx2.Limits(
        max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT if keep_alive else 0
    )

    async def send(client: httpx2.AsyncClient, request: PlannedRequest) -> None:
        async with in_flight:
            start = time.perf_counter()
            try:
                response = await client.get(request.path, params=request.params)
            except httpx2.TransportError as error:
                load.client_errors.append((request.path, f"{type(error).__name__}: {error}"))
                return
            load.latencies.append(time.perf_counter() - start)
            load.bodies[request.request_id] = f"{response.status_code} {response.text}"

    async with httpx2.AsyncClient(base_url=url, limits=limits, timeout=30.0, trust_env=False) as client:
        start = time.perf_counter()
        async with asyncio.TaskGroup() as group:
            for request in planned:
                group.create_task(send(client, request))
        load.seconds = time.perf_counter() - start
    return load


@dataclass(frozen=True)
class Outcome:
    """A load and what the server did: the tasks that ran, and what uvicorn logged."""

    load: Load
    runs: list[TaskRun]
    errors: list[logging.LogRecord]

    def runs_by_request(self) -> dict[int, list[int]]:
        """The indices of each request's tasks, in the order they ran."""
        by_request: dict[int, list[int]] = {}
        for request_id, index in self.runs:
            by_request.setdefault(request_id, []).append(index)
        return by_request


def run_load(planned: Sequence[PlannedRequest], *, keep_alive: bool = True) -> Outcome:
    """Serve a new app, send it the planned requests, and stop it once all tasks are done."""
    runs: list[TaskRun] = []
    with serve(make_app(runs)) as (url, errors):
        load = asyncio.run(send_requests(url, planned, keep_alive=keep_alive))
    return Outcome(load, runs, errors)


def expected_bodies(planned: Sequence[PlannedRequest]) -> dict[int, str]:
    """The status and body of each planned request's response."""
    return {request.request_id: f"200 request {request.request_id}" for request in planned}


# The tests. -----------------------------------------------------------------------------


def test_every_task_runs_once_in_order_after_the_response() -> None:
    """1,000 requests, 50 in flight, each with 5 tasks (3 `async def`, 2 `def`).

    Half the requests get their `BackgroundTasks` from `with_background_tasks`, half create
    one. Every task runs exactly once, each request's tasks in the order they were added,
    and the response does not wait for them: with tasks of 0.1 s the median response time
    stays below both the median with tasks of 0 s plus 0.25 s, and 0.5 s, the least a
    request would wait if its 5 tasks ran before its response.
    """
    quick = plan_requests(REQUESTS, sleep=0.0)
    slow = plan_requests(REQUESTS, sleep=SLOW_TASK_SECONDS)

    quick_outcome = run_load(quick)
    slow_outcome = run_load(slow)

    for planned, outcome in ((quick, quick_outcome), (slow, slow_outcome)):
        assert outcome.load.client_errors == []
        assert outcome.load.bodies == expected_bodies(planned)
        assert outcome.runs_by_request() == {request.request_id: request.expected_runs for request in planned}
        assert len(outcome.runs) == REQUESTS * TASKS_PER_REQUEST
        assert outcome.errors == []
    quick_median = quick_outcome.load.percentile(50)
    slow_median = slow_outcome.load.percentile(50)
    # Generous for a shared machine, yet a median at or above SLOW_CHAIN_SECONDS, which any
    # response sent after its tasks would reach, always fails.
    bound = min(quick_median + SLOW_CHAIN_SECONDS / 2, SLOW_CHAIN_SECONDS)
    assert slow_median < bound, f"median {slow_median:.3f} s with slow tasks, {quick_median:.3f} s without"


def test_a_raising_task_is_logged_and_skips_only_the_rest_of_its_request() -> None:
    """1,000 requests, of which 200 have a task that raises (task 2 `async def` or task 3 `def`).

    Starlette's `BackgroundTasks` awaits its tasks one after the other and does not catch:
    the tasks before the raising one have run, the raising one ran up to its `raise`, and
    the tasks after it never run. The exception leaves the app after the response was sent
    (the client got its 200), so uvicorn logs it on `uvicorn.error`, "Exception in ASGI
    application" with the exception, once per raising task, and closes the connection.
    Every task of the other 800 requests runs, once, in order.

    Each request has its own connection here: on a kept-alive connection, that close
    also cuts a later request being handled on it (see the test below).
    """
    planned = plan_requests(REQUESTS, sleep=0.0, raising=True)
    raising = [request for request in planned if request.fail_at is not None]

    outcome = run_load(planned, keep_alive=False)

    assert outcome.load.client_errors == []
    assert outcome.load.bodies == expected_bodies(planned)
    assert outcome.runs_by_request() == {request.request_id: request.expected_runs for request in planned}
    assert len(raising) == 200
    assert {(request.path.split("/")[1], request.fail_at) for request in raising} == {
        (endpoint, fail_at) for endpoint in ASYNC_ENDPOINTS for fail_at in (2, 3)
    }
    assert [record.getMessage() for record in outcome.errors] == [ASGI_ERROR] * len(raising)
    assert all(record.exc_info is not None for record in outcome.errors)
    logged = sorted(
        (type(record.exc_info[1]).__name__, str(record.exc_info[1]))
        for record in outcome.errors
        if record.exc_info is not None
    )
    assert logged == sorted(
        ("RuntimeError", failure(request.request_id, request.fail_at))
        for request in raising
        if request.fail_at is not None
    )


def test_a_raising_task_closes_the_connection_under_the_next_request() -> None:
    """uvicorn closes the connection of a request whose task raises, even if kept alive.

    The client sends the first request, gets its response, and sends the second on the
    same connection; the first request's task raises while the second is being handled.
    The second endpoint sees the client disconnect, its response is dropped, the client
    gets no response ("Server disconnected without sending a response."), and the
    second request's tasks still run. The next request gets a new connection.
    """
    events: list[str] = []
    clients: list[int] = []
    second_arrived = asyncio.Event()

    async def wait_then_raise() -> None:
        await asyncio.wait_for(second_arrived.wait(), STARTUP_TIMEOUT_SECONDS)
        events.append("first task raises")
        raise RuntimeError("first request's task failed")

    @with_background_tasks
    async def first(request: Request, background_tasks: BackgroundTasks) -> Response:
        assert request.client is not None
        clients.append(request.client.port)
        background_tasks.add_task(wait_then_raise)
        return PlainTextResponse("first")

    @with_background_tasks
    async def second(request: Request, background_tasks: BackgroundTasks) -> Response:
        assert request.client is not None
        clients.append(request.client.port)
        second_arrived.set()
        # The GET's (empty) body, then what the server says once the connection is closed.
        for _ in range(2):
            events.append(f"second endpoint received {(await request.receive())['type']}")
        background_tasks.add_task(events.append, "second task")
        return PlainTextResponse("second")

    async def third(request: Request) -> Response:
        return PlainTextResponse("third")

    async def send(url: str) -> list[str]:
        texts: list[str] = []
        limits = httpx2.Limits(max_connections=1)
        async with httpx2.AsyncClient(base_url=url, limits=limits, trust_env=False) as client:
            texts.append((await client.get("/first")).text)
            with pytest.raises(httpx2.RemoteProtocolError) as lost:
                await client.get("/second")
            texts.append(str(lost.value))
            texts.append((await client.get("/third")).text)
        return texts

    app = Starlette(routes=[Route("/first", first), Route("/second", second), Route("/third", third)])
    with serve(app) as (url, errors):
        texts = asyncio.run(send(url))

    assert texts == ["first", "Server disconnected without sending a response.", "third"]
    assert len(clients) == 2
    assert clients[0] == clients[1]
    assert events == [
        "second endpoint received http.request",
        "first task raises",
        "second endpoint received http.disconnect",
        "second task",
    ]
    assert [record.getMessage() for record in errors] == [ASGI_ERROR]
    assert errors[0].exc_info is not None
    assert repr(errors[0].exc_info[1]) == """RuntimeError("first request's task failed")"""


def test_def_tasks_can_hold_the_threads_def_endpoints_wait_for() -> None:
    """`def` tasks and `def` endpoints share Starlette's worker threads.

    Both run with `run_in_threadpool`, under anyio's default thread limiter: 40 threads
    per event loop. While `def` tasks hold all 40, an `async def` endpoint answers, but a
    `def` endpoint is not called until one of those tasks returns: with slow `def` tasks,
    the response time of `def` endpoints grows with the tasks' duration.
    """
    events: list[str] = []
    release = threading.Event()

    def hold() -> None:
        events.append("task holds a thread")
        release.wait(SHUTDOWN_TIMEOUT_SECONDS)
        events.append("task returns")

    async def threads(request: Request) -> Response:
        return PlainTextResponse(str(anyio.to_thread.current_default_thread_limiter().total_tokens))

    @with_background_tasks
    async def holding(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(hold)
        return PlainTextResponse("holding")

    @with_background_tasks
    def def_endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        events.append("def endpoint called")
        return PlainTextResponse("def")

    @with_background_tasks
    async def async_endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        return PlainTextResponse("async")

    async def send(url: str) -> list[str]:
        async with httpx2.AsyncClient(base_url=url, trust_env=False) as client:
            limit = int((await client.get("/threads")).text)
            held = await asyncio.gather(*(client.get("/holding") for _ in range(limit)))
            deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
            while events.count("task holds a thread") < limit and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            waiting = asyncio.create_task(client.get("/def"))
            texts = [str(limit), *{response.text for response in held}, (await client.get("/async")).text]
            # Time enough for the def endpoint to be called, if it had a thread.
            await asyncio.sleep(0.5)
            texts.append(f"def answered before a task returned: {waiting.done()}")
            release.set()
            texts.append((await waiting).text)
        return texts

    app = Starlette(
        routes=[
            Route("/threads", threads),
            Route("/holding", holding),
            Route("/def", def_endpoint),
            Route("/async", async_endpoint),
        ]
    )
    with serve(app) as (url, errors):
        texts = asyncio.run(send(url))

    assert texts == ["40", "holding", "async", "def answered before a task returned: False", "def"]
    assert events[:40] == ["task holds a thread"] * 40
    assert events[40] == "task returns"
    assert "def endpoint called" in events[41:]
    assert errors == []
