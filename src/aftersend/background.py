import functools
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, ParamSpec

from annotated_doc import Doc
from starlette.background import BackgroundTasks as StarletteBackgroundTasks
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

P = ParamSpec("P")

logger = logging.getLogger("aftersend")


class BackgroundTasks(StarletteBackgroundTasks):
    """
    A collection of background tasks that will be called after a response has been
    sent to the client.

    Get one in a Starlette endpoint with the [`with_background_tasks`][aftersend.with_background_tasks]
    decorator.

    Read more about it in the
    [Starlette docs for Background Tasks](https://www.starlette.io/background/).

    ## Example

    ```python
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from aftersend import BackgroundTasks, with_background_tasks


    def write_notification(email: str, message=""):
        with open("log.txt", mode="w") as email_file:
            content = f"notification for {email}: {message}"
            email_file.write(content)


    @with_background_tasks
    async def send_notification(request: Request, background_tasks: BackgroundTasks):
        email = request.path_params["email"]
        background_tasks.add_task(write_notification, email, message="some notification")
        return JSONResponse({"message": "Notification sent in the background"})


    app = Starlette(
        routes=[Route("/send-notification/{email}", send_notification, methods=["POST"])]
    )
    ```
    """

    def add_task(
        self,
        func: Annotated[
            Callable[P, Any],
            Doc(
                """
                The function to call after the response is sent.

                It can be a regular `def` function or an `async def` function.
                """
            ),
        ],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        """
        Add a function to be called in the background after the response is sent.

        Read more about it in the
        [Starlette docs for Background Tasks](https://www.starlette.io/background/).
        """
        return super().add_task(func, *args, **kwargs)

    async def __call__(self) -> None:
        # Starlette stops at the first task that raises and lets the exception reach the
        # server, which logs it and closes the connection: a request already sent on that
        # kept-alive connection never gets an answer, and its tasks never run. Here every
        # task runs once, in order, whatever the others do, and a failure is logged.
        for task in self.tasks:
            try:
                await task()
            except Exception:
                function = getattr(task, "func", task)
                logger.exception("background task %s raised", getattr(function, "__qualname__", function))


def with_background_tasks(
    endpoint: Annotated[
        Callable[[Request, BackgroundTasks], Awaitable[Response] | Response],
        Doc(
            """
            The endpoint to wrap. It receives the `Request` and a new `BackgroundTasks`
            for each request, and returns a `Response`.

            It can be an `async def` function or a regular `def` function. A regular
            `def` function is run in a threadpool, like any other sync Starlette endpoint.
            """
        ),
    ],
) -> Annotated[
    Callable[[Request], Awaitable[Response]],
    Doc(
        """
        A regular Starlette endpoint that takes only the `Request`, ready to be used
        in a `Route`.
        """
    ),
]:
    """
    Give a Starlette endpoint a `BackgroundTasks` to add tasks to.

    Starlette has no dependency injection, so this decorator creates a new
    `BackgroundTasks` for each request and passes it to the endpoint after the
    `Request`.

    After the endpoint returns, the tasks added to it are attached to the response, to
    be run after the response is sent. If the response already has a `background`, the
    tasks added with `add_task` run first, in the order they were added, and then the
    response's own background task or tasks. If no task was added, the response is
    returned untouched.

    ## Example

    ```python
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from aftersend import BackgroundTasks, with_background_tasks


    def log_visit(path: str):
        print(f"visited {path}")


    @with_background_tasks
    def homepage(request: Request, background_tasks: BackgroundTasks):
        background_tasks.add_task(log_visit, request.url.path)
        return PlainTextResponse("Hello")


    app = Starlette(routes=[Route("/", homepage)])
    ```
    """
    is_async = inspect.iscoroutinefunction(endpoint)

    @functools.wraps(endpoint)
    async def wrapper(request: Request) -> Response:
        background_tasks = BackgroundTasks()
        if is_async:
            result = endpoint(request, background_tasks)
        else:
            result = await run_in_threadpool(endpoint, request, background_tasks)
        response = result if isinstance(result, Response) else await result
        if background_tasks.tasks:
            own = response.background
            if isinstance(own, StarletteBackgroundTasks):
                # Its tasks one by one: each then runs even if one before it raises.
                background_tasks.tasks.extend(own.tasks)
            elif own is not None:
                background_tasks.tasks.append(own)
            response.background = background_tasks
        return response

    return wrapper
