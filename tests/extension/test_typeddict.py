"""`**kwargs: Unpack[TypedDict]` documents the keys in an Other Parameters section."""

from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import params, rows

OPTIONS = """
from typing import Annotated, TypedDict
from annotated_doc import Doc

class Base(TypedDict):
    verbose: Annotated[bool, Doc("Print more.")]

class Options(Base, total=False):
    retries: Annotated[int, Doc("How many tries.")]
    timeout: float
"""
KEYS = [
    ("verbose", "bool", None, "Print more."),
    ("retries", "int", None, "How many tries."),
    ("timeout", "float", None, ""),
]


def test_keys_with_inherited_keys_first(load):
    package = load(
        {
            "__init__.py": OPTIONS
            + """
from typing import Unpack

def f(a: Annotated[int, Doc("A.")], **kwargs: Unpack[Options]) -> None: ...
""",
        }
    )
    assert rows(package["f"], Kind.other_parameters) == KEYS
    assert params(package["f"]) == [("a", "int", None, "A."), ("**kwargs", "Unpack[Options]", "{}", "")]


def test_typed_dict_imported_from_another_module(load):
    package = load(
        {
            "__init__.py": "",
            "options.py": OPTIONS,
            "api.py": """
            from typing import Unpack
            from .options import Options

            def f(**kwargs: Unpack[Options]) -> None: ...
            """,
        }
    )
    assert rows(package["api.f"], Kind.other_parameters) == KEYS


def test_unpack_from_typing_extensions(load):
    package = load(
        {
            "__init__.py": "",
            "options.py": OPTIONS,
            "api.py": """
            import typing_extensions as te
            from typing_extensions import Unpack
            from . import options

            def f(**kwargs: Unpack[options.Options]) -> None: ...

            def g(**kwargs: te.Unpack[options.Options]) -> None: ...
            """,
        }
    )
    assert rows(package["api.f"], Kind.other_parameters) == KEYS
    assert rows(package["api.g"], Kind.other_parameters) == KEYS


def test_typed_dict_as_a_forward_reference(load, warnings):
    package = load(
        {
            "__init__.py": OPTIONS
            + """
from typing import Unpack

def f(**kwargs: Unpack["Options"]) -> None: ...
""",
        }
    )
    assert rows(package["f"], Kind.other_parameters) == KEYS
    assert warnings() == []


def test_a_base_from_a_package_not_loaded_is_reported(tmp_path, monkeypatch, warnings):
    import sys

    import griffe

    from tests.extension.conftest import write_package

    write_package(
        tmp_path,
        "base_options_pkg",
        {
            "__init__.py": """
            from typing import Annotated, TypedDict
            from annotated_doc import Doc

            class Base(TypedDict):
                verbose: Annotated[bool, Doc("Talk more.")]
            """
        },
    )
    write_package(
        tmp_path,
        "options_user_pkg",
        {
            "__init__.py": """
            from typing import Annotated, Unpack
            from annotated_doc import Doc
            from base_options_pkg import Base

            class Options(Base):
                color: Annotated[str, Doc("The color.")]

            def f(**kwargs: Unpack[Options]) -> None: ...
            """
        },
    )
    monkeypatch.chdir(tmp_path)
    package = griffe.load(
        "options_user_pkg",
        search_paths=[str(tmp_path), *sys.path],
        docstring_parser="google",
        extensions=griffe.load_extensions("docglot"),
    )

    assert rows(package["f"], Kind.other_parameters) == [("color", "str", None, "The color.")]
    assert warnings() == [
        "options_user_pkg/__init__.py:8: DG107 base base_options_pkg.Base of TypedDict "
        "options_user_pkg.Options is not loaded: its keys are missing from Other Parameters; "
        "load its package too (preload_modules)"
    ]


def test_unpack_of_a_class_that_is_not_a_typed_dict_is_reported(load, warnings):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated, Unpack
            from annotated_doc import Doc

            class Settings:
                size: Annotated[int, Doc("Not a key: Settings is no TypedDict.")] = 1

            def f(**kwargs: Unpack[Settings]) -> None: ...
            """,
        }
    )
    assert package["f"].docstring is None  # No Other Parameters made of Settings' attributes.
    assert warnings() == [
        f"{package.name}/__init__.py:7: DG107 {package.name}.Settings in Unpack[...] is not a TypedDict; "
        "unpack a TypedDict, or annotate **kwargs with the type of each value"
    ]


def test_a_name_imported_into_a_typed_dict_is_no_key(load, warnings):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated, TypedDict, Unpack
            from annotated_doc import Doc

            class Options(TypedDict):
                from elsewhere import Missing

                size: Annotated[int, Doc("The size.")]

            def f(**kwargs: Unpack[Options]) -> None: ...
            """,
        }
    )
    assert rows(package["f"], Kind.other_parameters) == [("size", "int", None, "The size.")]
    assert warnings() == []
