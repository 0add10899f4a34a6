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


def test_alias_from_a_package_loaded_by_another_loader(tmp_path, monkeypatch):
    """mkdocstrings loads each top-level package with its own loader into one shared collection."""
    import sys

    import griffe

    from tests.extension.conftest import write_package

    write_package(tmp_path, "shared_types_pkg", {"__init__.py": TYPES})
    write_package(
        tmp_path,
        "api_pkg_using_shared",
        {"__init__.py": "from shared_types_pkg import UserName\n\ndef f(name: UserName) -> None: ...\n"},
    )
    monkeypatch.chdir(tmp_path)
    collection = griffe.ModulesCollection()
    search_paths = [str(tmp_path), *sys.path]
    for package in ("shared_types_pkg", "api_pkg_using_shared"):
        loader = griffe.GriffeLoader(
            extensions=griffe.load_extensions("docglot"),
            modules_collection=collection,
            search_paths=search_paths,
            docstring_parser="google",
        )
        loader.load(package)

    assert params(collection["api_pkg_using_shared.f"]) == [("name", "UserName", None, "The name.")]


def test_nested_annotated_reads_like_at_runtime(load):
    package = load(
        {
            "__init__.py": TYPES
            + """
from typing_extensions import deprecated

def f(
    old: Annotated[UserName, deprecated("Use new.")],
    both: Annotated[Annotated[int, Doc("Inner.")], Doc("Outer.")],
) -> None: ...
""",
        }
    )
    assert params(package["f"]) == [
        ("old", "UserName", None, "**Deprecated:** Use new.\n\nThe name."),
        ("both", "int", None, "Outer."),
    ]
