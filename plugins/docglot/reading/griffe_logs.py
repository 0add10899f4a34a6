"""griffe's log while a package loads.

griffe logs a traceback when a package cannot be loaded (a syntax error in its
`__init__.py`); docglot reports that failure itself, in one line naming the file and line,
so the traceback is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import griffe


class _LoadFailureFilter(logging.Filter):
    """Drop griffe's traceback of a module that failed to load: docglot reports it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but the report of a load failure."""
        return not (record.exc_info and isinstance(record.exc_info[1], griffe.LoadingError))


@contextmanager
def load_failures_muted() -> Iterator[None]:
    """Within this block, griffe does not log the tracebacks of packages that fail to load."""
    # mkdocstrings-python sends griffe's records to a logger of its own, through an adapter.
    adapted = getattr(griffe.logger, "logger", None)
    logger = adapted if isinstance(adapted, logging.Logger) else logging.getLogger("griffe")
    muted = _LoadFailureFilter()
    logger.addFilter(muted)
    try:
        yield
    finally:
        logger.removeFilter(muted)
