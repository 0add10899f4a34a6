import asyncio
import threading
import traceback

import pytest
from starlette.applications import Starlette
from starlette.background import BackgroundTask as StarletteBackgroundTask
from starlette.background import BackgroundTasks as StarletteBackgroundTasks
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aftersend import BackgroundTasks, with_background_tasks


def record_response_sent(app: ASGIApp, events: list[str]) -> ASGIApp:
    """Wrap an ASGI app to record "response sent" once the last body message is sent."""

    async def recording_app(scope: Scope, receive: Receive, send: Send) -> None:
        async def recording_send(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                events.append("response sent")

        await app(scope, receive, recording_send)

    return recording_app


def make_client(*routes: Route) -> TestClient:
    return TestClient(Starlette(routes=list(routes)))


def test_tasks_run_after_response_is_sent() -> None:
    events: list[str] = []

    def sync_task() -> None:
        events.append("sync task")

    async def async_task() -> None:
        events.append("async task")

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(sync_task)
        background_tasks.add_task(async_task)
        events.append("endpoint returned")
        return PlainTextResponse("done")

    app = Starlette(routes=[Route("/", endpoint)])
    with TestClient(record_response_sent(app, events)) as client:
        response = client.get("/")

    assert response.status_code == 200
    assert response.text == "done"
    assert events == ["endpoint returned", "response sent", "sync task", "async task"]


def test_tasks_run_in_registration_order_with_args_and_kwargs() -> None:
    calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []

    def first(a: int, b: str, *, flag: bool = False) -> None:
        calls.append(("first", (a, b), {"flag": flag}))

    async def second(name: str, count: int = 0) -> None:
        calls.append(("second", (name,), {"count": count}))

    def third() -> None:
        calls.append(("third", (), {}))

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(first, 1, "two", flag=True)
        background_tasks.add_task(second, "x", count=3)
        background_tasks.add_task(third)
        background_tasks.add_task(first, 4, "five")
        return PlainTextResponse("ok")

    response = make_client(Route("/", endpoint)).get("/")

    assert response.text == "ok"
    assert calls == [
        ("first", (1, "two"), {"flag": True}),
        ("second", ("x",), {"count": 3}),
        ("third", (), {}),
        ("first", (4, "five"), {"flag": False}),
    ]


def test_sync_tasks_run_in_a_worker_thread_and_async_tasks_on_the_event_loop() -> None:
    threads: dict[str, int] = {}
    loops: list[asyncio.AbstractEventLoop] = []

    def sync_task() -> None:
        threads["sync task"] = threading.get_ident()

    async def async_task() -> None:
        threads["async task"] = threading.get_ident()
        loops.append(asyncio.get_running_loop())

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        threads["endpoint"] = threading.get_ident()
        loops.append(asyncio.get_running_loop())
        background_tasks.add_task(sync_task)
        background_tasks.add_task(async_task)
        return PlainTextResponse("ok")

    make_client(Route("/", endpoint)).get("/")

    assert threads["sync task"] != threads["endpoint"]
    assert threads["async task"] == threads["endpoint"]
    assert len(loops) == 2
    assert loops[0] is loops[1]


def test_sync_endpoint_runs_in_a_worker_thread() -> None:
    threads: dict[str, int] = {}
    events: list[str] = []

    async def async_task(message: str) -> None:
        threads["event loop"] = threading.get_ident()
        events.append(message)

    @with_background_tasks
    def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        threads["endpoint"] = threading.get_ident()
        background_tasks.add_task(async_task, message="from sync endpoint")
        return JSONResponse({"sync": True})

    response = make_client(Route("/", endpoint)).get("/")

    assert response.json() == {"sync": True}
    assert events == ["from sync endpoint"]
    assert threads["endpoint"] != threads["event loop"]


def test_added_tasks_run_before_the_response_background_task() -> None:
    events: list[str] = []

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(events.append, "added 1")
        background_tasks.add_task(events.append, "added 2")
        background = StarletteBackgroundTask(events.append, "response task")
        return PlainTextResponse("ok", background=background)

    make_client(Route("/", endpoint)).get("/")

    assert events == ["added 1", "added 2", "response task"]


def test_added_tasks_run_before_the_response_background_tasks() -> None:
    events: list[str] = []

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(events.append, "added")
        background = StarletteBackgroundTasks()
        background.add_task(events.append, "response task 1")
        background.add_task(events.append, "response task 2")
        return PlainTextResponse("ok", background=background)

    make_client(Route("/", endpoint)).get("/")

    assert events == ["added", "response task 1", "response task 2"]


def test_response_is_untouched_when_no_task_is_added() -> None:
    events: list[str] = []
    background = StarletteBackgroundTask(events.append, "response task")
    returned: list[Response] = []

    async def with_own_background(request: Request, background_tasks: BackgroundTasks) -> Response:
        response = PlainTextResponse("own", background=background)
        returned.append(response)
        return response

    def without_background(request: Request, background_tasks: BackgroundTasks) -> Response:
        response = PlainTextResponse("none")
        returned.append(response)
        return response

    client = make_client(
        Route("/own", with_background_tasks(with_own_background)),
        Route("/none", with_background_tasks(without_background)),
    )

    assert client.get("/own").text == "own"
    assert client.get("/none").text == "none"
    assert returned[0].background is background
    assert returned[1].background is None
    assert events == ["response task"]


def test_wrapper_keeps_the_endpoint_name_and_docstring() -> None:
    async def my_endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        """My docstring."""
        return PlainTextResponse("ok")

    wrapped = with_background_tasks(my_endpoint)

    assert wrapped.__name__ == "my_endpoint"
    assert wrapped.__doc__ == "My docstring."


def test_background_tasks_is_a_starlette_background_tasks() -> None:
    assert issubclass(BackgroundTasks, StarletteBackgroundTasks)

    background_tasks = BackgroundTasks()
    result = background_tasks.add_task(print, "unused")  # type: ignore[func-returns-value]

    assert result is None
    assert len(background_tasks.tasks) == 1


# A task that raises. ------------------------------------------------------------------------

Failure = tuple[str, str, str, type[BaseException] | None, str, str]
"""A log record of a failed task: logger, level, message, the exception's type and text, and
the function of the traceback's last frame (where it was raised)."""


def fail(events: list[str], name: str) -> None:
    """A `def` task that records its run, then raises."""
    events.append(name)
    raise ValueError(f"{name} failed")


async def fail_async(events: list[str], name: str) -> None:
    """An `async def` task that records its run, then raises."""
    events.append(name)
    raise LookupError(f"{name} failed")


class Mailer:
    """An object whose method is a task."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def send(self, name: str) -> None:
        """A task that is a bound method: records its run, then raises."""
        self.events.append(name)
        raise ConnectionError(f"{name} failed")


def failures(caplog: pytest.LogCaptureFixture) -> list[Failure]:
    """What the `aftersend` logger logged, record by record."""
    found: list[Failure] = []
    for record in caplog.records:
        if record.name != "aftersend":
            continue
        assert record.exc_info is not None, record.getMessage()
        kind, error, trace = record.exc_info
        frame = traceback.extract_tb(trace)[-1].name
        found.append((record.name, record.levelname, record.getMessage(), kind, str(error), frame))
    return found


def test_tasks_after_a_raising_task_still_run_in_order(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(events.append, "first")
        background_tasks.add_task(fail, events, "second")
        background_tasks.add_task(fail_async, events, "third")
        background_tasks.add_task(events.append, "fourth")
        return PlainTextResponse("done")

    app = Starlette(routes=[Route("/", endpoint)])
    # The test client raises what the app raises: the failures stop in `BackgroundTasks`.
    with TestClient(record_response_sent(app, events), raise_server_exceptions=True) as client:
        response = client.get("/")

    assert response.status_code == 200
    assert response.text == "done"
    assert events == ["response sent", "first", "second", "third", "fourth"]
    assert failures(caplog) == [
        ("aftersend", "ERROR", "background task fail raised", ValueError, "second failed", "fail"),
        (
            "aftersend",
            "ERROR",
            "background task fail_async raised",
            LookupError,
            "third failed",
            "fail_async",
        ),
    ]


def test_a_failure_is_logged_with_the_qualified_name_of_the_tasks_function(
    caplog: pytest.LogCaptureFixture,
) -> None:
    events: list[str] = []

    async def nested(name: str) -> None:
        events.append(name)
        raise KeyError(name)

    @with_background_tasks
    def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(Mailer(events).send, "method")
        background_tasks.add_task(nested, "nested")
        background_tasks.add_task(events.append, "last")
        return PlainTextResponse("done")

    response = make_client(Route("/", endpoint)).get("/")

    assert response.text == "done"
    assert events == ["method", "nested", "last"]
    nested_name = "test_a_failure_is_logged_with_the_qualified_name_of_the_tasks_function.<locals>.nested"
    assert failures(caplog) == [
        (
            "aftersend",
            "ERROR",
            "background task Mailer.send raised",
            ConnectionError,
            "method failed",
            "send",
        ),
        ("aftersend", "ERROR", f"background task {nested_name} raised", KeyError, "'nested'", "nested"),
    ]


def test_a_raising_response_background_is_logged_after_the_added_tasks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    events: list[str] = []

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(events.append, "added 1")
        background_tasks.add_task(fail, events, "added 2")
        background_tasks.add_task(events.append, "added 3")
        background = StarletteBackgroundTask(fail_async, events, "response task")
        return PlainTextResponse("ok", background=background)

    client = make_client(Route("/", endpoint))

    assert client.get("/").text == "ok"
    assert events == ["added 1", "added 2", "added 3", "response task"]
    # A second request runs all its tasks again: one failure does not stop the next request.
    assert client.get("/").text == "ok"
    assert events[4:] == ["added 1", "added 2", "added 3", "response task"]
    assert failures(caplog) == 2 * [
        ("aftersend", "ERROR", "background task fail raised", ValueError, "added 2 failed", "fail"),
        (
            "aftersend",
            "ERROR",
            "background task fail_async raised",
            LookupError,
            "response task failed",
            "fail_async",
        ),
    ]


def test_each_task_of_a_response_background_tasks_runs_even_after_one_raises(
    caplog: pytest.LogCaptureFixture,
) -> None:
    events: list[str] = []

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(events.append, "added")
        own = StarletteBackgroundTasks()
        own.add_task(fail, events, "own 1")
        own.add_task(events.append, "own 2")
        return PlainTextResponse("ok", background=own)

    assert make_client(Route("/", endpoint)).get("/").text == "ok"

    # Starlette's own `BackgroundTasks` would stop at "own 1"; its tasks are run one by one.
    assert events == ["added", "own 1", "own 2"]
    assert failures(caplog) == [
        ("aftersend", "ERROR", "background task fail raised", ValueError, "own 1 failed", "fail")
    ]


def test_tasks_without_failure_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []

    @with_background_tasks
    async def endpoint(request: Request, background_tasks: BackgroundTasks) -> Response:
        background_tasks.add_task(events.append, "only")
        return PlainTextResponse("ok")

    make_client(Route("/", endpoint)).get("/")

    assert events == ["only"]
    assert failures(caplog) == []
