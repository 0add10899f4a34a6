"""Dynamic analysis (`force_inspection=True`) gives the same texts as static analysis."""

import pytest
from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import descriptions, params

BASIC = {
    "__init__.py": '''
    from collections.abc import Generator
    from typing import Annotated, TypedDict, Unpack

    from annotated_doc import Doc

    from .types import UserName

    class Options(TypedDict, total=False):
        retries: Annotated[int, Doc("How many tries.")]

    def greet(
        name: UserName,
        /,
        greeting: Annotated[str, Doc("""
            The greeting.

            Said first.
        """)] = "Hello",
        *args: Annotated[int, Doc("Extra numbers.")],
        loud: Annotated[bool, Doc("Shout")] = False,
        **kwargs: Unpack[Options],
    ) -> Annotated[str, Doc("The greeting text.")]:
        """Greet someone."""
        return greeting

    def count() -> Generator[Annotated[int, Doc("Each number.")], Annotated[str, Doc("A command.")], None]:
        yield 1

    class Greeter:
        def __init__(self, name: Annotated[str, Doc("Who to greet.")]) -> None:
            self.name = name

        def greet(self, times: Annotated[int, Doc("How often.")] = 1) -> None: ...
    ''',
    "types.py": """
    from typing import Annotated

    from annotated_doc import Doc

    UserName = Annotated[str, Doc("The name.")]
    """,
}
EXPECTED = {
    "greet": {
        Kind.parameters: {
            "name": "The name.",
            "greeting": "The greeting.\n\nSaid first.",
            "*args": "Extra numbers.",
            "loud": "Shout",
            "**kwargs": "",
        },
        Kind.other_parameters: {"retries": "How many tries."},
        Kind.returns: {"": "The greeting text."},
    },
    "count": {Kind.yields: {"": "Each number."}, Kind.receives: {"": "A command."}},
    "Greeter.__init__": {Kind.parameters: {"name": "Who to greet."}},
    "Greeter.greet": {Kind.parameters: {"times": "How often."}},
}


@pytest.mark.parametrize("inspect", [False, True], ids=["static", "inspection"])
def test_same_texts_with_both_analyses(load, inspect):
    package = load(BASIC, inspect=inspect)
    found = {
        path: {kind: descriptions(package[path], kind) for kind in sections}
        for path, sections in EXPECTED.items()
    }
    assert found == EXPECTED


def test_inspection_with_unevaluable_annotations(load):
    package = load(
        {
            "__init__.py": """
            from __future__ import annotations

            from typing import Annotated

            from annotated_doc import Doc

            def f(a: Annotated[Undefined, Doc("A.")], b: int = 0) -> Undefined: ...

            x: Annotated[Undefined, Doc("X.")] = None
            """,
        },
        inspect=True,
    )
    assert [parameter.name for parameter in package["f"].parameters] == ["a", "b"]
    assert "x" in package.members


def test_inspection_rows_match_static_rows(load):
    # Griffe's inspector turns an `Annotated` whose repr contains "<" (a `deprecated` object,
    # a text with "<") into the bare name `Annotated`; the row must still show the inner type.
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc
            from typing_extensions import deprecated

            def f(
                old: Annotated[int, deprecated("Use new.")] = 0,
                new: Annotated[int, Doc("Less than <10.")] = 0,
            ) -> None: ...
            """,
        },
        inspect=True,
    )
    assert params(package["f"]) == [
        ("old", "int", "0", "Use new."),
        ("new", "int", "0", "Less than <10."),
    ]


def test_inspection_variadic_defaults(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            def f(*args: Annotated[int, Doc("E.")], **kwargs: Annotated[str, Doc("K.")]) -> None: ...
            """,
        },
        inspect=True,
    )
    assert params(package["f"]) == [("*args", "int", "()", "E."), ("**kwargs", "str", "{}", "K.")]
