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
        ("old", "UserName", None, "Use new.\n\nThe name."),
        ("both", "int", None, "Outer."),
    ]


def test_a_long_chain_of_aliases_keeps_its_doc(load):
    chain = "".join(f"Name{number} = Name{number - 1}\n" for number in range(1, 16))
    package = load(
        {
            "__init__.py": "from typing import Annotated\nfrom annotated_doc import Doc\n\n"
            'Name0 = Annotated[str, Doc("The name.")]\n'
            + chain
            + "\ndef f(first: Name1, tenth: Name10, last: Name15) -> None: ...\n",
        }
    )
    assert params(package["f"]) == [
        ("first", "Name1", None, "The name."),
        ("tenth", "Name10", None, "The name."),
        ("last", "Name15", None, "The name."),
    ]


def test_a_chain_of_aliases_across_modules_keeps_its_doc(load):
    files = {"__init__.py": "", "m0.py": TYPES}
    files |= {f"m{number}.py": f"from .m{number - 1} import UserName\n" for number in range(1, 13)}
    files["api.py"] = "from .m12 import UserName\n\ndef f(name: UserName) -> None: ...\n"
    package = load(files)
    assert params(package["api.f"]) == [("name", "UserName", None, "The name.")]


def test_names_that_refer_to_each_other_in_a_circle_have_no_doc(load, warnings):
    package = load(
        {
            "__init__.py": '''
A = "B"
B = "A"

def f(name: A, other: "B") -> None:
    """Do.

    Args:
        name: The name.
    """
''',
        }
    )
    assert params(package["f"]) == [("name", "A", None, "The name."), ("other", "B", None, "")]
    assert warnings() == []
