"""Rules on `Doc` metadata that need more than one object at a time: where a `Doc` stands
(DG105), and whether the site renders every public object (DG108).

The other metadata rules are reported by the griffe extension itself while it reads each
object, so that `mkdocs build` and `docglot check` see the same problems.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from griffe import Alias, Class, Module, Object

from docglot.checks.source.packages import target_of, walk, within
from docglot.findings import Finding
from docglot.paths import display_path
from docglot.reading.annotations import ANNOTATED_PATHS, DOC_PATHS, SourceReader
from docglot.reading.extension import module_node
from docglot.rules import UNREAD_DOC, UNRENDERED_OBJECT

_DIRECTIVE = re.compile(r"^\s*:::\s+([\w.]+)\s*$", re.MULTILINE)
"""An mkdocstrings autodoc directive: `::: package.module.Object`."""


def public_api(modules: list[Module]) -> dict[str, Object]:
    """Return the objects of the packages' public API, by path.

    An object is public if griffe says so (`__all__`, underscores, `X as X` imports) and
    it is reached from a top-level package through public members. A submodule counts
    only if the package that holds it does not declare `__all__`, or lists it there: a
    package that declares `__all__` declares its public API, and its other modules are
    where that API is implemented.
    """
    found: dict[str, Object] = {}
    pending: list[Object] = list(modules)
    while pending:
        obj = pending.pop()
        if obj.path in found:
            continue
        found[obj.path] = obj
        for name, member in obj.members.items():
            if not member.is_public or (name.startswith("__") and name != "__init__"):
                continue
            # An import from a package that is not loaded has no target to ask anything.
            target = target_of(member)
            if target is None:
                continue
            exports = obj.exports if isinstance(obj, Module) else None
            if target.is_module and exports is not None and name not in exports:
                continue
            if within(target.path, modules):
                pending.append(target)
    return found


def unread_docs(modules: list[Module]) -> Iterator[Finding]:
    """DG105: `Doc` calls outside the metadata of an `Annotated[...]`, where no tool reads them."""
    for module in (obj for top in modules for obj in walk(top) if isinstance(obj, Module)):
        tree = module_node(module)
        if tree is None or not isinstance(module.filepath, Path):
            continue
        reader = SourceReader(module, report=_ignore, find_node=lambda _: None)
        owners = _owners(tree, module.path)
        in_metadata: set[int] = set()
        calls: list[ast.Call] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Subscript) and reader.path_of(node.value) in ANNOTATED_PATHS:
                elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
                in_metadata.update(id(element) for element in elements[1:])
            elif isinstance(node, ast.Call) and reader.path_of(node.func) in DOC_PATHS:
                calls.append(node)
        for call in calls:
            if id(call) not in in_metadata:
                shown = ast.unparse(call)
                shown = shown if len(shown) <= 60 else f"{shown[:55]}...)"
                yield Finding(
                    display_path(module.filepath),
                    call.lineno,
                    call.col_offset + 1,
                    UNREAD_DOC,
                    f"{shown} is not in the metadata of an Annotated[...], where no tool "
                    'reads it; write Annotated[T, Doc("...")]',
                    owners.get(id(call), module.path),
                )


def _owners(tree: ast.Module, module_path: str) -> dict[int, str]:
    """The path of the function, class or variable that holds each node, by node id.

    A baseline keys DG105 on it: unlike a line, it stays when code moves.
    """
    owners: dict[int, str] = {}

    def visit(statements: list[ast.stmt], prefix: str) -> None:
        for statement in statements:
            if isinstance(statement, ast.ClassDef):
                path = f"{prefix}.{statement.name}"
                for part in (*statement.bases, *statement.keywords, *statement.decorator_list):
                    owners.update((id(node), path) for node in ast.walk(part))
                visit(statement.body, path)
                continue
            owner = prefix
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                owner = f"{prefix}.{statement.name}"
            elif isinstance(statement, ast.Assign | ast.AnnAssign):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                if len(targets) == 1 and isinstance(targets[0], ast.Name):
                    owner = f"{prefix}.{targets[0].id}"
            owners.update((id(node), owner) for node in ast.walk(statement))

    visit(tree.body, module_path)
    return owners


def _ignore(*args: object, **kwargs: object) -> None:
    """Problems of a reader used only to resolve names are reported elsewhere."""


def rendered_paths(docs_dir: Path, modules: list[Module]) -> set[str]:
    """The paths of the objects that the `:::` directives of a docs folder render.

    A directive renders its object and, as mkdocstrings does by default, its public
    members, recursively.
    """
    collection = modules[0].modules_collection if modules else None
    rendered: set[str] = set()
    for page in sorted(docs_dir.rglob("*.md")):
        for identifier in _DIRECTIVE.findall(page.read_text(encoding="utf-8")):
            try:
                found = collection.get_member(identifier) if collection else None
            except (KeyError, ValueError):
                continue
            target = target_of(found) if isinstance(found, Object | Alias) else None
            if target is not None:
                rendered.add(target.path)
    return rendered


def unrendered_objects(modules: list[Module], docs_dir: Path) -> Iterator[Finding]:
    """DG108: public objects that no reference page of the site renders."""
    api = public_api(modules)
    rendered = rendered_paths(docs_dir, modules)

    def is_rendered(obj: Object) -> bool:
        current: Object | None = obj
        while current is not None:
            if current.path in rendered:
                return True
            current = current.parent
        return False

    for path, obj in sorted(api.items()):
        if obj.is_module or is_rendered(obj):
            continue
        parent = obj.parent
        if isinstance(parent, Class) and parent.path in api and not is_rendered(parent):
            continue  # Its class is reported.
        where = display_path(obj.filepath) if isinstance(obj.filepath, Path) else obj.path
        yield Finding(
            where,
            obj.lineno or 0,
            1,
            UNRENDERED_OBJECT,
            f"{path} is public but no page of {display_path(docs_dir)} renders it; add '::: {path}' to "
            "a reference page, or make it private",
            path,
        )
