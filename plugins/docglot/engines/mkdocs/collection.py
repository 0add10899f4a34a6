"""A `:::` directive whose object cannot be collected, or loses part of what it renders: one line.

griffe skips what it cannot load (a module Python cannot parse, an import of a missing
name), and mkdocstrings would then say only that an object "could not be found", or render
a page without the member. The Python handler's `collect` is wrapped so that the build
stops with the line naming the file and line to fix, and the directive that needed it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import griffe
from mkdocs.exceptions import PluginError
from mkdocstrings import CollectionError

from docglot.engines.handler import collection_problem
from docglot.reading.griffe_logs import directive_problem, load_failures_muted


def explain_collection_failures(handler: Any, place: Callable[[str], str]) -> None:
    """Wrap `handler.collect`, once; `place(identifier)` gives the `FILE:LINE` of its directive."""
    collect = handler.collect
    if getattr(collect, "__name__", "") == "collect_or_explain":
        return

    def collect_or_explain(identifier: str, options: Any) -> Any:
        """Collect an object; when it, or part of what it renders, cannot be, raise one line
        saying where and why (griffe skips what it cannot load, and a page would lose it)."""
        try:
            with load_failures_muted():
                collected = collect(identifier, options)
        # griffe reads a package's `__init__.py` as UTF-8 before it loads it, and
        # mkdocstrings-python reads the docstring of an alias it collects again.
        except (
            griffe.LoadingError,
            CollectionError,
            UnicodeDecodeError,
            griffe.AliasResolutionError,
            griffe.CyclicAliasError,
        ) as error:
            problem = code_problem(handler, identifier, options, place)
            raise PluginError(problem or collection_problem(place(identifier), identifier, error)) from None
        problem = code_problem(handler, identifier, options, place)
        if problem is not None:
            raise PluginError(problem)
        return collected

    handler.collect = collect_or_explain


def code_problem(handler: Any, identifier: str, options: Any, place: Callable[[str], str]) -> str | None:
    """The one line naming the file and line that keeps `::: identifier` from rendering all it should."""
    # mkdocstrings-python keeps its search paths and loaded packages in these attributes.
    problem = directive_problem(
        handler._modules_collection,
        identifier,
        handler._paths,
        submodules=bool(getattr(options, "show_submodules", False)),
    )
    if problem is None:
        return None
    return f"docglot: {problem} for '::: {identifier}' ({place(identifier)})"
