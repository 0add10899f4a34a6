"""
Background tasks for Starlette, run after the response has been sent to the client.

Use `with_background_tasks` to give a Starlette endpoint a `BackgroundTasks`, and add
tasks to it with `add_task`.
"""

from aftersend.background import BackgroundTasks, with_background_tasks

__all__ = ["BackgroundTasks", "with_background_tasks"]
