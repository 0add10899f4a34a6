"""Unusual `Doc` calls: handled, or reported with file and line; loading always goes on."""

import griffe
from docglot.findings import Finding
from docglot.reading.extension import DocglotExtension
from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import descriptions, params, rows, write_package


def test_handled_forms(load, warnings):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            CONSTANT = "From a constant."

            def f(
                a: Annotated[int, Doc(CONSTANT)],
                b: Annotated[int, Doc(f"plain")],
                c: Annotated[int, Doc(documentation="kw")],
                d: Annotated[int, Doc("Shout")],
                e: Annotated[int, Doc("Two " "parts")],
            ) -> None: ...
            """,
        }
    )
    assert descriptions(package["f"], Kind.parameters) == {
        "a": "From a constant.",
        "b": "plain",
        "c": "kw",
        "d": "Shout",
        "e": "Two parts",
    }
    assert warnings() == []


def test_one_word_text_under_future_annotations(load, warnings):
    package = load(
        {
            "__init__.py": """
            from __future__ import annotations
            from typing import Annotated
            from annotated_doc import Doc

            def f(d: Annotated[int, Doc("Shout")]) -> Annotated[int, Doc("Loud")]: ...
            """,
        }
    )
    assert params(package["f"]) == [("d", "int", None, "Shout")]
    assert rows(package["f"], Kind.returns) == [("", "int", None, "Loud")]
    assert warnings() == []


def test_reported_forms(load, warnings):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            x = 1

            def f(
                a: Annotated[int, Doc(f"text {x}")],
                b: Annotated[int, Doc(UNKNOWN_NAME)],
                c: Annotated[int, Doc()],
                d: Annotated[int, Doc("a", "b")],
                e: Annotated[int, Doc("Fine.")],
            ) -> None: ...
            """,
        }
    )
    assert params(package["f"]) == [
        ("a", "int", None, ""),
        ("b", "int", None, ""),
        ("c", "int", None, ""),
        ("d", "int", None, ""),
        ("e", "int", None, "Fine."),
    ]
    where = f"{package.name}/__init__.py"
    assert warnings() == [
        f"{where}:7: DG102 Doc(f'text {{x}}'): the argument is an f-string with placeholders; "
        "write the text as a string literal",
        f"{where}:8: DG102 Doc(UNKNOWN_NAME): the argument is not a string literal; "
        "write the text as a string literal",
        f"{where}:9: DG102 Doc() takes exactly one string argument; it is ignored",
        f"{where}:10: DG102 Doc() takes exactly one string argument; it is ignored",
    ]


def test_unresolvable_unpack(load, warnings):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated, Unpack
            from annotated_doc import Doc
            from elsewhere import Missing

            def f(a: Annotated[int, Doc("A.")], **kwargs: Unpack[Missing]) -> None: ...

            def g(b: Annotated[int, Doc("B.")]) -> None: ...
            """,
        }
    )
    assert params(package["f"]) == [("a", "int", None, "A."), ("**kwargs", "Unpack[Missing]", "{}", "")]
    assert params(package["g"]) == [("b", "int", None, "B.")]
    assert warnings() == [
        f"{package.name}/__init__.py:5: DG107 cannot resolve TypedDict Missing in Unpack[...]; "
        "import it from a module that is loaded with the package"
    ]


def test_a_findings_sink_receives_every_problem_and_nothing_is_logged(
    tmp_path, monkeypatch, package_name, warnings
):
    write_package(
        tmp_path,
        package_name,
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            CONSTANT = "From a constant."

            def f(
                a: Annotated[int, Doc(CONSTANT)],
                b: Annotated[int, Doc(documentation="kw")],
                c: Annotated[int, Doc(f"text {CONSTANT}")],
                d: Annotated[int, Doc("")],
            ) -> None: ...
            """,
        },
    )
    monkeypatch.chdir(tmp_path)
    findings: list[Finding] = []
    griffe.load(
        package_name,
        search_paths=[str(tmp_path)],
        docstring_parser="google",
        extensions=griffe.Extensions(DocglotExtension(findings=findings.append)),
    )
    where = f"{package_name}/__init__.py"
    assert [(f.path, f.line, f.code, f.message, f.target) for f in findings] == [
        (
            where,
            7,
            "DG102",
            "Doc(CONSTANT): the argument is not one string literal; write the text itself in the Doc",
            f"{package_name}.f",
        ),
        (
            where,
            8,
            "DG109",
            'Doc(documentation=...): pass the text as the only positional argument, Doc("...")',
            f"{package_name}.f",
        ),
        (
            where,
            9,
            "DG102",
            "Doc(f'text {CONSTANT}'): the argument is an f-string with placeholders; "
            "write the text as a string literal",
            f"{package_name}.f",
        ),
        (
            where,
            10,
            "DG103",
            "Doc text is empty; write what the value is for, or remove the Doc",
            f"{package_name}.f",
        ),
        # `c` and `d` carry a Doc whose own finding says what is wrong: no DG101 besides.
    ]
    assert warnings() == []


def test_control_characters_never_reach_a_section(load, warnings):
    package = load(
        {
            "__init__.py": r"""
            from typing import Annotated
            from annotated_doc import Doc

            def f(
                a: Annotated[int, Doc("Bold \x1b[1mA\x1b[0m, NUL \x00, DEL \x7f, CSI \x9b.")],
                b: Annotated[int, Doc("Form feed\x0cline separator\u2028next line\x85end.")],
            ) -> None: ...
            """,
        }
    )
    assert descriptions(package["f"], Kind.parameters) == {
        "a": "Bold \ufffd[1mA\ufffd[0m, NUL \ufffd, DEL \ufffd, CSI \ufffd.",
        "b": "Form feed\x0cline separator\u2028next line\x85end.",
    }
    (warning,) = warnings()
    assert warning.endswith(
        ":5: DG110 Doc() text holds the control character U+001B; remove it (pages show U+FFFD in its place)"
    )
