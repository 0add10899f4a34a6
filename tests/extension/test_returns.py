"""Returned, yielded and received values."""

import pytest
from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import kinds, rows


def test_documented_return(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            def f() -> Annotated[int, Doc("The count.")]: ...
            """,
        }
    )
    assert rows(package["f"], Kind.returns) == [("", "int", None, "The count.")]


@pytest.mark.parametrize("module", ["typing", "collections.abc"])
def test_generator(load, module):
    package = load(
        {
            "__init__.py": f"""
            from typing import Annotated
            from {module} import Generator
            from annotated_doc import Doc

            def f() -> Generator[
                Annotated[int, Doc("Each number.")],
                Annotated[str, Doc("A command.")],
                Annotated[bool, Doc("Whether it finished.")],
            ]: ...
            """,
        }
    )
    func = package["f"]
    assert rows(func, Kind.yields) == [("", "int", None, "Each number.")]
    assert rows(func, Kind.receives) == [("", "str", None, "A command.")]
    assert rows(func, Kind.returns) == [("", "bool", None, "Whether it finished.")]


@pytest.mark.parametrize("module", ["typing", "collections.abc"])
def test_iterators_and_async_generators(load, module):
    package = load(
        {
            "__init__.py": f"""
            from typing import Annotated
            from {module} import AsyncGenerator, AsyncIterator, Iterator
            from annotated_doc import Doc

            def it() -> Iterator[Annotated[int, Doc("Sync item.")]]: ...

            async def agen() -> AsyncGenerator[
                Annotated[int, Doc("Async item.")], Annotated[str, Doc("Async sent.")]
            ]:
                yield 1

            async def ait() -> AsyncIterator[Annotated[bytes, Doc("Async chunk.")]]: ...
            """,
        }
    )
    assert rows(package["it"], Kind.yields) == [("", "int", None, "Sync item.")]
    assert Kind.returns not in kinds(package["it"])
    assert rows(package["agen"], Kind.yields) == [("", "int", None, "Async item.")]
    assert rows(package["agen"], Kind.receives) == [("", "str", None, "Async sent.")]
    assert Kind.returns not in kinds(package["agen"])
    assert rows(package["ait"], Kind.yields) == [("", "bytes", None, "Async chunk.")]


def test_tuple_elements_yield_one_row_each(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated, Generator
            from annotated_doc import Doc

            def f() -> Generator[tuple[Annotated[int, Doc("a")], Annotated[str, Doc("b")]], None, None]: ...
            """,
        }
    )
    assert rows(package["f"], Kind.yields) == [("", "int", None, "a"), ("", "str", None, "b")]
    assert Kind.receives not in kinds(package["f"])
    assert Kind.returns not in kinds(package["f"])
