"""The `Doc` texts griffe reads from the source equal those Python sees at runtime."""

from __future__ import annotations

import inspect
import typing

import griffe

from tests.rendered.test_reference_pages import documented_callables, signature_target


def runtime_docs(function: typing.Callable[..., object]) -> dict[str, str]:
    """Each documented slot's `Doc` text, from `typing.get_type_hints(..., include_extras=True)`."""
    texts = {}
    for name, hint in typing.get_type_hints(function, include_extras=True).items():
        docs = [m for m in getattr(hint, "__metadata__", ()) if type(m).__name__ == "Doc"]
        if docs:
            texts[name] = inspect.cleandoc(docs[-1].documentation)
    return texts


def static_docs(obj: griffe.Object | griffe.Alias) -> dict[str, str]:
    """Each documented slot's text, from the sections our extension wrote."""
    texts: dict[str, str] = {}
    for section in obj.docstring.parsed if obj.docstring else []:
        if section.kind is griffe.DocstringSectionKind.parameters:
            texts |= {item.name.lstrip("*"): item.description for item in section.value if item.description}
        elif section.kind is griffe.DocstringSectionKind.returns:
            (returned,) = section.value
            texts["return"] = returned.description
    return texts


def test_doc_texts_read_statically_equal_those_read_at_runtime() -> None:
    loader = griffe.GriffeLoader(
        search_paths=["src"], docstring_parser="google", extensions=griffe.load_extensions("docglot")
    )
    loader.load("aftersend")
    loader.load("starlette")  # Where the inherited `__init__` is defined.
    compared = 0
    for identifier, obj in documented_callables().items():
        function = signature_target(obj)
        static = loader.modules_collection.get_member(f"{function.__module__}.{function.__qualname__}")
        assert static_docs(static) == runtime_docs(function), identifier
        compared += len(runtime_docs(function))

    assert compared == 3  # add_task's func, with_background_tasks's endpoint and return value.
