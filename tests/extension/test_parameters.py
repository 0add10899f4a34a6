"""Every parameter becomes one row of the Parameters section, in signature order."""

import pytest
from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import kinds, params, rows, section


def test_all_parameter_kinds(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            def f(
                a: Annotated[int, Doc("Positional only.")],
                /,
                b: Annotated[str, Doc("Normal.")] = "x",
                *args: Annotated[float, Doc("Extra positionals.")],
                c: Annotated[bool, Doc("Keyword only.")] = True,
                **kwargs: Annotated[bytes, Doc("Extra keywords.")],
            ) -> None: ...
            """,
        }
    )
    assert params(package["f"]) == [
        ("a", "int", None, "Positional only."),
        ("b", "str", "'x'", "Normal."),
        ("*args", "float", "()", "Extra positionals."),
        ("c", "bool", "True", "Keyword only."),
        ("**kwargs", "bytes", "{}", "Extra keywords."),
    ]


def test_undocumented_parameters_are_listed_in_order(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            def f(a, b: int, c: Annotated[int, Doc("C.")], d: str = "d", *, e=None) -> None: ...
            """,
        }
    )
    assert params(package["f"]) == [
        ("a", None, None, ""),
        ("b", "int", None, ""),
        ("c", "int", None, "C."),
        ("d", "str", "'d'", ""),
        ("e", None, "None", ""),
    ]


def test_self_and_cls_are_skipped_but_a_static_first_parameter_is_kept(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            class C:
                def method(self, a: Annotated[int, Doc("A.")]) -> None: ...

                @classmethod
                def build(cls, b: Annotated[int, Doc("B.")]) -> None: ...

                @staticmethod
                def static(x: Annotated[int, Doc("X.")], y: int = 0) -> None: ...
            """,
        }
    )
    cls = package["C"]
    assert params(cls["method"]) == [("a", "int", None, "A.")]
    assert params(cls["build"]) == [("b", "int", None, "B.")]
    assert params(cls["static"]) == [("x", "int", None, "X."), ("y", "int", "0", "")]


def test_section_follows_the_docstring_text(load):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            def f(a: Annotated[int, Doc("A.")]) -> None:
                """Summary.

                Body.
                """
            ''',
        }
    )
    func = package["f"]
    assert kinds(func) == [Kind.text, Kind.parameters]
    assert section(func, Kind.text).value == "Summary.\n\nBody."
    assert params(func) == [("a", "int", None, "A.")]


@pytest.mark.parametrize("future", ["", "from __future__ import annotations"])
def test_quoted_annotation_is_unwrapped(load, future):
    package = load(
        {
            "__init__.py": f"""
            {future}
            from typing import Annotated
            from annotated_doc import Doc

            def f(a: "Annotated[int, Doc('Quoted.')]") -> "Annotated[str, Doc('Returned.')]": ...
            """,
        }
    )
    assert params(package["f"]) == [("a", "int", None, "Quoted.")]
    assert rows(package["f"], Kind.returns) == [("", "str", None, "Returned.")]


def test_static_method_first_parameter_named_self_is_kept(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            class C:
                @staticmethod
                def static(self: Annotated[int, Doc("Not an instance.")]) -> None: ...
            """,
        }
    )
    assert params(package["C.static"]) == [("self", "int", None, "Not an instance.")]
