"""A type alias defined as `Annotated[T, Doc(...)]` documents the parameters that use it."""

import pytest

from tests.extension.conftest import params

TYPES = """
from typing import Annotated
from annotated_doc import Doc

UserName = Annotated[str, Doc("The name.")]
"""


@pytest.mark.parametrize("future", ["", "from __future__ import annotations\n"])
def test_alias_from_another_module(load, future):
    package = load(
        {
            "__init__.py": "",
            "types.py": TYPES,
            "api.py": future
            + """
from .types import UserName

def f(name: UserName, other: int = 0) -> None: ...
""",
        }
    )
    assert params(package["api.f"]) == [("name", "UserName", None, "The name."), ("other", "int", "0", "")]


def test_alias_in_the_same_module(load):
    package = load(
        {
            "__init__.py": TYPES
            + """
def f(name: UserName) -> None: ...

def g(name: "UserName") -> None: ...
""",
        }
    )
    assert params(package["f"]) == [("name", "UserName", None, "The name.")]
    assert params(package["g"]) == [("name", "UserName", None, "The name.")]


def test_alias_text_is_the_alias_docstring(load):
    package = load({"__init__.py": TYPES})
    assert package["UserName"].docstring.value == "The name."
