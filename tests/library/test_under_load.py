"""`aftersend` under a real ASGI server: uvicorn on 127.0.0.1, 1,000 concurrent requests.

The server runs in this process, in a thread, with `uvicorn.Server` rather than in a
subprocess: the tests then read the task runs and the log records of uvicorn and `aftersend`
as Python objects (the exception itself, not a parsed traceback), the socket is bound here
before the server starts (no race for a free port), and stopping the server waits for every
background task, so nothing is polled. Client and server share one GIL on this machine's two
cores, which slows both alike: the latency assertions compare runs made in the same conditions.

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

import anyio
import anyio.to_thread
import httpx2
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
DISCONNECT_WAIT_SECONDS = 0.5
"""How long an endpoint waits for a disconnect: uvicorn closed a connection within milliseconds."""
ASYNC_ENDPOINTS = ("decorated", "direct")
DEF_ENDPOINTS = ("decorated-def",)

TaskRun = tuple[int, int]
"""A task that ran: (request id, index of the task in its request)."""
Client = tuple[str, int]
"""The host and port of a client connection, as the server sees them."""


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


def add_tasks(
    runs: list[TaskRun], clients: set[Client], request: Request, background_tasks: BackgroundTasks
) -> Response:
    """Note the request's connection, add its tasks as its query asks, and answer.

    The tasks are `async def` and `def` in turn.
    """
    assert request.client is not None
    clients.add((request.client.host, request.client.port))
    request_id = int(request.path_params["request_id"])
    sleep = float(request.query_params["sleep"])
    fail_at = int(request.query_params.get("fail_at", "-1"))
    for index in range(TASKS_PER_REQUEST):
        task = async_task if index % 2 == 0 else sync_task
        background_tasks.add_task(task, runs, request_id, index, sleep, index == fail_at)
    return PlainTextResponse(f"request {request_id}")


def make_app(runs: list[TaskRun], clients: set[Client]) -> Starlette:
    """An app whose endpoints add tasks that record their runs in `runs`.

    Each endpoint notes the connection of its request in `clients`.

    `/decorated/{id}` is an `async def` endpoint given its `BackgroundTasks` by
    `with_background_tasks`, `/decorated-def/{id}` the same as a `def` endpoint, and
    `/direct/{id}` an `async def` endpoint that creates a `BackgroundTasks` and passes it
    to its response.
    """

    @with_background_tasks
    async def decorated(request: Request, background_tasks: BackgroundTasks) -> Response:
        return add_tasks(runs, clients, request, background_tasks)

    @with_background_tasks
    def decorated_def(request: Request, background_tasks: BackgroundTasks) -> Response:
        return add_tasks(runs, clients, request, background_tasks)

    async def direct(request: Request) -> Response:
        background_tasks = BackgroundTasks()
        response = add_tasks(runs, clients, request, background_tasks)
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
        """The indices of the tasks that must run, in order: all of them, raising or not."""
        return list(range(TASKS_PER_REQUEST))


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
def recording(name: str) -> Iterator[list[logging.LogRecord]]:
    """Keep the records that the logger `name` gets at ERROR level or above, while in the block."""
    handler = RecordList(logging.ERROR)
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


@dataclass(frozen=True)
class Logs:
    """What was logged at ERROR level or above while a server ran, record by record."""

    server: list[logging.LogRecord]
    """uvicorn's records (`uvicorn.error`): "Exception in ASGI application" when the app raises."""
    tasks: list[logging.LogRecord]
    """`aftersend`'s records: "background task ... raised" for each task that raised."""


@contextmanager
def serve(app: ASGIApp) -> Iterator[tuple[str, Logs]]:
    """Serve `app` with uvicorn on a free port of 127.0.0.1, in a thread.

    Yields the base URL and what uvicorn and `aftersend` log at ERROR level or above. On
    exit the server stops as on Ctrl+C, once every background task has finished.
    """
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    host, port = listening.getsockname()
    # `log_config=None` leaves this process's logging alone; no access log, as in production.
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, name="uvicorn")
    with recording("uvicorn.error") as server_records, recording("aftersend") as task_records:
        thread.start()
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn did not start on {host}:{port}")
                time.sleep(0.01)
            yield f"http://{host}:{port}", Logs(server_records, task_records)
        finally:
            server.should_exit = True
            thread.join(SHUTDOWN_TIMEOUT_SECONDS)
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
    """A load and what the server did: the tasks that ran, the connections, what was logged."""

    load: Load
    runs: list[TaskRun]
    clients: set[Client]
    """The connections the requests came on."""
    logs: Logs

    def runs_by_request(self) -> dict[int, list[int]]:
        """The indices of each request's tasks, in the order they ran."""
        by_request: dict[int, list[int]] = {}
        for request_id, index in self.runs:
            by_request.setdefault(request_id, []).append(index)
        return by_request


def run_load(planned: Sequence[PlannedRequest], *, keep_alive: bool = True) -> Outcome:
    """Serve a new app, send it the planned requests, and stop it once all tasks are done."""
    runs: list[TaskRun] = []
    clients: set[Client] = set()
    with serve(make_app(runs, clients)) as (url, logs):
        load = asyncio.run(send_requests(url, planned, keep_alive=keep_alive))
    return Outcome(load, runs, clients, logs)


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
        assert outcome.logs.server == []
        assert outcome.logs.tasks == []
    quick_median = quick_outcome.load.percentile(50)
    slow_median = slow_outcome.load.percentile(50)
    # Generous for a shared machine, yet a median at or above SLOW_CHAIN_SECONDS, which any
    # response sent after its tasks would reach, always fails.
    bound = min(quick_median + SLOW_CHAIN_SECONDS / 2, SLOW_CHAIN_SECONDS)
    assert slow_median < bound, f"median {slow_median:.3f} s with slow tasks, {quick_median:.3f} s without"


RAISING_TASKS = {2: "async_task", 3: "sync_task"}
"""The function of each task that raises, by its index: what `aftersend` names in its log."""


def test_a_raising_task_is_logged_and_every_other_task_still_runs() -> None:
    """1,000 requests, of which 200 have a task that raises (task 2 `async def` or task 3 `def`).

    The client keeps its connections alive, as clients do. Every task of every request runs
    exactly once, in order: the raising one up to its `raise`, and the ones after it too.
    Each failure is logged once on the `aftersend` logger, with its exception, and goes no
    further: uvicorn logs no "Exception in ASGI application" and closes no connection, so
    every request gets its response, on one of the client's 50 connections at most.

    With Starlette's `BackgroundTasks`, the tasks after a raising one never ran, and the
    exception reached uvicorn, which logged it and closed the connection: of the 5,000
    tasks added, 4,700 were expected to run and 4,690 ran; about 2 requests in 1,000 got
    no response, and the client opened some 230 connections.
    """
    planned = plan_requests(REQUESTS, sleep=0.0, raising=True)
    raising = [request for request in planned if request.fail_at is not None]

    outcome = run_load(planned)

    assert len(raising) == 200
    assert {(request.path.split("/")[1], request.fail_at) for request in raising} == {
        (endpoint, fail_at) for endpoint in ASYNC_ENDPOINTS for fail_at in RAISING_TASKS
    }
    assert outcome.load.client_errors == []
    assert outcome.load.bodies == expected_bodies(planned)
    assert outcome.runs_by_request() == {request.request_id: [0, 1, 2, 3, 4] for request in planned}
    assert len(outcome.runs) == REQUESTS * TASKS_PER_REQUEST
    assert [record.getMessage() for record in outcome.logs.server] == []
    assert len(outcome.clients) <= IN_FLIGHT
    logged = sorted(
        (
            record.name,
            record.levelname,
            record.getMessage(),
            type(record.exc_info[1]).__name__,
            str(record.exc_info[1]),
        )
        for record in outcome.logs.tasks
        if record.exc_info is not None
    )
    assert len(logged) == len(outcome.logs.tasks)
    assert logged == sorted(
        (
            "aftersend",
            "ERROR",
            f"background task {RAISING_TASKS[request.fail_at]} raised",
            "RuntimeError",
            failure(request.request_id, request.fail_at),
        )
        for request in raising
        if request.fail_at is not None
    )


def test_a_raising_task_leaves_its_connection_to_the_next_request() -> None:
    """A task that raises does not close its kept-alive connection.

    The client sends the first request, gets its response, and sends the second on the
    same connection; the first request's task raises while the second is being handled.
    The failure is logged on `aftersend` and the first request's next task runs. The
    second endpoint gets no disconnect, the client gets the second response, the second
    request's task runs, and a third request goes on the same connection.

    With Starlette's `BackgroundTasks`, the exception reached uvicorn, which closed the
    connection: the second endpoint received `http.disconnect` at once, and the client got
    no response ("Server disconnected without sending a response.").
    """
    events: list[str] = []
    clients: list[Client] = []
    second_arrived = asyncio.Event()
    first_raised = asyncio.Event()

    async def wait_then_raise() -> None:
        await asyncio.wait_for(second_arrived.wait(), STARTUP_TIMEOUT_SECONDS)
        events.append("first task raises")
        first_raised.set()
        raise RuntimeError("first request's task failed")

    async def after_the_raise() -> None:
        events.append("first request's next task")

    @with_background_tasks
    async def first(request: Request, background_tasks: BackgroundTasks) -> Response:
        assert request.client is not None
        clients.append((request.client.host, request.client.port))
        background_tasks.add_task(wait_then_raise)
        background_tasks.add_task(after_the_raise)
        return PlainTextResponse("first")

    @with_background_tasks
    async def second(request: Request, background_tasks: BackgroundTasks) -> Response:
        assert request.client is not None
        clients.append((request.client.host, request.client.port))
        # The GET's (empty) body; then, once the first task has raised, a disconnect if
        # the server closes the connection.
        events.append(f"second endpoint received {(await request.receive())['type']}")
        second_arrived.set()
        await asyncio.wait_for(first_raised.wait(), STARTUP_TIMEOUT_SECONDS)
        with anyio.move_on_after(DISCONNECT_WAIT_SECONDS) as waiting:
            events.append(f"second endpoint received {(await request.receive())['type']}")
        if waiting.cancelled_caught:
            events.append(f"second endpoint received nothing in {DISCONNECT_WAIT_SECONDS} s")
        background_tasks.add_task(events.append, "second task")
        return PlainTextResponse("second")

    async def third(request: Request) -> Response:
        assert request.client is not None
        clients.append((request.client.host, request.client.port))
        return PlainTextResponse("third")

    async def send(url: str) -> list[str]:
        limits = httpx2.Limits(max_connections=1)
        async with httpx2.AsyncClient(base_url=url, limits=limits, trust_env=False) as client:
            return [(await client.get(path)).text for path in ("/first", "/second", "/third")]

    app = Starlette(routes=[Route("/first", first), Route("/second", second), Route("/third", third)])
    with serve(app) as (url, logs):
        texts = asyncio.run(send(url))

    assert texts == ["first", "second", "third"]
    assert len(clients) == 3
    assert len(set(clients)) == 1
    assert events == [
        "second endpoint received http.request",
        "first task raises",
        "first request's next task",
        f"second endpoint received nothing in {DISCONNECT_WAIT_SECONDS} s",
        "second task",
    ]
    assert logs.server == []
    (record,) = logs.tasks
    assert record.name == "aftersend"
    assert record.getMessage() == (
        "background task "
        "test_a_raising_task_leaves_its_connection_to_the_next_request.<locals>.wait_then_raise raised"
    )
    assert record.exc_info is not None
    assert repr(record.exc_info[1]) == """RuntimeError("first request's task failed")"""


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
    with serve(app) as (url, logs):
        texts = asyncio.run(send(url))

    assert texts == ["40", "holding", "async", "def answered before a task returned: False", "def"]
    assert events[:40] == ["task holds a thread"] * 40
    assert events[40] == "task returns"
    assert "def endpoint called" in events[41:]
    assert logs.server == []
    assert logs.tasks == []
