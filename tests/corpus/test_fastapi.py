"""FastAPI's installed source as an outside corpus: every `Doc(` ends up in a docstring section."""

from __future__ import annotations

import ast
import inspect
import io
import itertools
import logging
import tokenize
from dataclasses import dataclass
from pathlib import Path

import fastapi
import griffe
import pytest

FASTAPI = Path(fastapi.__file__).parent


@dataclass(frozen=True)
class DocUse:
    """One `Doc(...)` call in the source and the slot it documents."""

    file: Path
    line: int
    object_path: str
    slot: str  # "parameter NAME", "return" or "attribute"
    text: str


def count_doc_calls(source: str) -> int:
    """Count `Doc(` as tokens: the name `Doc` followed by `(`, outside strings and comments."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type in {tokenize.NAME, tokenize.OP}
    ]
    return sum(1 for a, b in itertools.pairwise(tokens) if a.string == "Doc" and b.string == "(")


def doc_calls(annotation: ast.expr | None) -> list[ast.Call]:
    if annotation is None:
        return []
    calls = [
        n for n in ast.walk(annotation) if isinstance(n, ast.Call) and ast.unparse(n.func).endswith("Doc")
    ]
    return sorted(calls, key=lambda call: (call.lineno, call.col_offset))


def doc_uses(file: Path, module_path: str) -> list[DocUse]:
    """Every `Doc` call of a module, with the object path and slot it belongs to."""
    uses: list[DocUse] = []

    def text(call: ast.Call) -> str:
        return inspect.cleandoc(ast.literal_eval(call.args[0]))

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}.{node.name}")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                path = f"{prefix}.{node.name}"
                arguments = node.args
                for argument in [
                    *arguments.posonlyargs,
                    *arguments.args,
                    arguments.vararg,
                    *arguments.kwonlyargs,
                    arguments.kwarg,
                ]:
                    if argument is not None:
                        uses.extend(
                            DocUse(file, c.lineno, path, f"parameter {argument.arg}", text(c))
                            for c in doc_calls(argument.annotation)
                        )
                uses.extend(DocUse(file, c.lineno, path, "return", text(c)) for c in doc_calls(node.returns))
                for statement in ast.walk(node):  # Instance attributes: `self.x: Annotated[...] = ...`.
                    target = getattr(statement, "target", None)
                    is_self = isinstance(target, ast.Attribute) and ast.unparse(target.value) == "self"
                    if isinstance(statement, ast.AnnAssign) and isinstance(target, ast.Attribute) and is_self:
                        attribute = f"{prefix}.{target.attr}"
                        uses.extend(
                            DocUse(file, c.lineno, attribute, "attribute", text(c))
                            for c in doc_calls(statement.annotation)
                        )
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                path = f"{prefix}.{node.target.id}"
                uses.extend(
                    DocUse(file, c.lineno, path, "attribute", text(c)) for c in doc_calls(node.annotation)
                )

    visit(ast.parse(file.read_text(encoding="utf-8")).body, module_path)
    return uses


def module_path(file: Path) -> str:
    parts = file.relative_to(FASTAPI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rendered_text(package: griffe.Module, use: DocUse) -> str | None:
    obj = package.modules_collection.get_member(use.object_path)
    if use.slot == "attribute":
        return obj.docstring.value if obj.docstring else None
    kind = (
        griffe.DocstringSectionKind.returns
        if use.slot == "return"
        else griffe.DocstringSectionKind.parameters
    )
    sections = [s for s in (obj.docstring.parsed if obj.docstring else []) if s.kind is kind]
    assert len(sections) <= 1, f"{use.object_path} has {len(sections)} {kind.value} sections"
    items = sections[0].value if sections else []
    if use.slot == "return":
        return items[0].description if items else None
    name = use.slot.removeprefix("parameter ")
    return next((item.description for item in items if item.name.lstrip("*") == name), None)


def shows(rendered: str | None, text: str) -> bool:
    """Whether a description is the Doc text, possibly after a deprecation message (a paragraph)."""
    if rendered is None:
        return False
    message = rendered.removesuffix(f"\n\n{text}")
    return rendered == text or (
        message != rendered and bool(message.strip()) and not message.startswith("**Deprecated:**")
    )


def test_every_doc_of_fastapi_ends_up_in_a_section(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="griffe")
    package = griffe.load("fastapi", docstring_parser="google", extensions=griffe.load_extensions("docglot"))
    assert isinstance(package, griffe.Module)

    files = sorted(FASTAPI.rglob("*.py"))
    uses = [use for file in files for use in doc_uses(file, module_path(file))]
    textual = sum(count_doc_calls(file.read_text(encoding="utf-8")) for file in files)

    assert textual > 800  # FastAPI 0.16x carries about 860 of them.
    assert len(uses) == textual, "every Doc( token is attributed to a parameter, return or attribute"
    missing = [use for use in uses if not shows(rendered_text(package, use), use.text)]
    assert missing == []
    docglot_warnings = [r.getMessage() for r in caplog.records if "Doc" in r.getMessage()]
    assert docglot_warnings == []
