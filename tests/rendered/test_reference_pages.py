"""The rendered reference pages hold exactly what the code says.

Expectations come from the code itself, read independently of griffe and mkdocstrings:
signatures and `Doc` texts at runtime (`inspect`, `typing.get_type_hints`), types and
defaults as written in the source (`ast`), and the files on disk for source excerpts.
"""

from __future__ import annotations

import ast
import dis
import inspect
import itertools
import textwrap
import typing
from collections.abc import Callable
from pathlib import Path

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
import pytest
import starlette
from bs4 import BeautifulSoup

import aftersend
from tests.conftest import ROOT
from tests.rendered.pages import (
    Row,
    labels,
    member_headings,
    object_block,
    parameter_rows,
    read_page,
    source_excerpts,
)

STARS: dict[inspect._ParameterKind, str] = {
    inspect.Parameter.VAR_POSITIONAL: "*",
    inspect.Parameter.VAR_KEYWORD: "**",
}
EMPTY_DEFAULTS: dict[inspect._ParameterKind, str] = {
    inspect.Parameter.VAR_POSITIONAL: "()",
    inspect.Parameter.VAR_KEYWORD: "{}",
}


def documented_callables() -> dict[str, Callable[..., object]]:
    """Every public callable of `aftersend`: the exported functions, classes and their methods."""
    found: dict[str, Callable[..., object]] = {}
    for name in aftersend.__all__:
        obj = getattr(aftersend, name)
        found[f"aftersend.{name}"] = obj
        if inspect.isclass(obj):
            for member_name, member in vars(obj).items():
                if inspect.isfunction(member) and not member_name.startswith("_"):
                    found[f"aftersend.{name}.{member_name}"] = member
    return found


def page_of(site: Path, identifier: str) -> BeautifulSoup:
    """Return the reference page that documents an object."""
    for path in sorted((site / "reference").glob("**/index.html")):
        page = read_page(path)
        if page.find(id=identifier) is not None:
            return page
    raise AssertionError(f"no reference page documents {identifier}")


def rendered_markdown_text(text: str) -> str:
    """The text a reader sees for a Markdown description."""
    html = markdown.markdown(text)
    return BeautifulSoup(html, "lxml").get_text(" ", strip=True)


def signature_target(obj: Callable[..., object]) -> Callable[..., object]:
    """The function whose parameters a page shows: a class shows its `__init__`."""
    return obj.__init__ if inspect.isclass(obj) else obj


def source_definition(function: Callable[..., object]) -> ast.FunctionDef:
    """The function's definition as written in its source file."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    definition = tree.body[0]
    assert isinstance(definition, ast.FunctionDef)
    return definition


class _Brief(ast.NodeTransformer):
    """Write each dotted name by its last part, as `annotations_path: brief` renders it."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        return ast.copy_location(ast.Name(node.attr), node)


def brief(node: ast.expr) -> str:
    """The type as the page shows it: `typing.Sequence[X] | None` is `Sequence[X] | None`."""
    return ast.unparse(_Brief().visit(node))


def unwrap_annotated(node: ast.expr) -> ast.expr:
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "Annotated":
        assert isinstance(node.slice, ast.Tuple)
        return node.slice.elts[0]
    return node


def expected_rows(obj: Callable[..., object]) -> list[Row]:
    function = signature_target(obj)
    hints = typing.get_type_hints(function, include_extras=True)
    definition = source_definition(function)
    arguments = definition.args
    annotations = {
        argument.arg: argument.annotation
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        + [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    }
    parameters = list(inspect.signature(obj).parameters.values())
    if parameters and parameters[0].name == "self":  # A method read from its class.
        parameters = parameters[1:]
    rows = []
    for parameter in parameters:
        docs = [
            m for m in getattr(hints.get(parameter.name), "__metadata__", ()) if type(m).__name__ == "Doc"
        ]
        annotation = annotations[parameter.name]
        default = None if parameter.default is inspect.Parameter.empty else repr(parameter.default)
        rows.append(
            Row(
                name=STARS.get(parameter.kind, "") + parameter.name,
                description=rendered_markdown_text(inspect.cleandoc(docs[-1].documentation)) if docs else "",
                type=brief(unwrap_annotated(annotation)) if annotation else None,
                default=EMPTY_DEFAULTS.get(parameter.kind, default),
            )
        )
    return rows


@pytest.mark.parametrize("identifier", sorted(documented_callables()))
def test_each_parameter_is_a_row_with_its_doc_type_and_default(built_site: Path, identifier: str) -> None:
    obj = documented_callables()[identifier]
    block = object_block(page_of(built_site, identifier), identifier)

    assert parameter_rows(block) == expected_rows(obj)


def test_the_pages_show_the_parameters_seed_page_shows(built_site: Path) -> None:
    page = page_of(built_site, "aftersend.BackgroundTasks")

    assert parameter_rows(object_block(page, "aftersend.BackgroundTasks")) == [
        Row("tasks", "", "Sequence[BackgroundTask] | None", "None")
    ]
    assert parameter_rows(object_block(page, "aftersend.BackgroundTasks.add_task")) == [
        Row(
            "func",
            "The function to call after the response is sent. "
            "It can be a regular def function or an async def function.",
            "Callable[P, Any]",
            None,
        ),
        Row("*args", "", "args", "()"),
        Row("**kwargs", "", "kwargs", "{}"),
    ]


def test_a_documented_return_value_is_a_row(built_site: Path) -> None:
    function = aftersend.with_background_tasks
    hint = typing.get_type_hints(function, include_extras=True)["return"]
    (doc,) = [m for m in hint.__metadata__ if type(m).__name__ == "Doc"]
    returns = source_definition(function).returns
    assert returns is not None

    block = object_block(
        page_of(built_site, "aftersend.with_background_tasks"), "aftersend.with_background_tasks"
    )
    assert parameter_rows(block, title="RETURNS") == [
        Row(
            name=brief(unwrap_annotated(returns)),
            description=rendered_markdown_text(inspect.cleandoc(doc.documentation)),
            type=None,
            default=None,
        )
    ]


def instance_attributes(cls: type) -> list[str]:
    """The attributes each class of the MRO assigns on `self` in its `__init__`, bases first.

    Read from the bytecode, so at runtime and without griffe's static analysis.
    """
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        init = vars(klass).get("__init__")
        if not inspect.isfunction(init):
            continue
        instructions = list(dis.get_instructions(init))
        for previous, instruction in itertools.pairwise(instructions):
            loads_self = previous.opname == "LOAD_FAST" and previous.argval == "self"
            if instruction.opname == "STORE_ATTR" and loads_self and instruction.argval not in names:
                names.append(instruction.argval)
    return names


def test_inherited_attributes_are_those_of_the_mro(built_site: Path) -> None:
    page = page_of(built_site, "aftersend.BackgroundTasks")
    block = object_block(page, "aftersend.BackgroundTasks")

    shown = [identifier.rsplit(".", 1)[1] for identifier in member_headings(block, "attribute")]

    assert shown == instance_attributes(aftersend.BackgroundTasks)
    assert shown == ["func", "args", "kwargs", "is_async", "tasks"]
    for name in shown:
        attribute = object_block(page, f"aftersend.BackgroundTasks.{name}")
        assert labels(attribute) == ["instance-attribute"]


def source_file(filename: str) -> Path:
    """Where a "Source code in X" file name points: this repository or an installed package."""
    for base in (ROOT, Path(starlette.__file__).parent.parent):
        if (base / filename).is_file():
            return base / filename
    raise AssertionError(f"{filename} is neither in the repository nor in site-packages")


@pytest.mark.parametrize(
    ("identifier", "expected_file"),
    [
        ("aftersend.BackgroundTasks", "starlette/background.py"),
        ("aftersend.BackgroundTasks.add_task", "src/aftersend/background.py"),
        ("aftersend.with_background_tasks", "src/aftersend/background.py"),
    ],
)
def test_source_excerpts_equal_the_files_lines(built_site: Path, identifier: str, expected_file: str) -> None:
    block = object_block(page_of(built_site, identifier), identifier)

    (excerpt,) = source_excerpts(block)

    assert excerpt.filename == expected_file
    lines = source_file(excerpt.filename).read_text(encoding="utf-8").split("\n")
    first = excerpt.line_numbers[0]
    assert excerpt.line_numbers == list(range(first, first + len(excerpt.lines)))
    # The excerpt shows the definition dedented, as a block of its own.
    expected = textwrap.dedent("\n".join(lines[first - 1 : first - 1 + len(excerpt.lines)]))
    assert excerpt.lines == expected.split("\n")
