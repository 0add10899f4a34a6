"""Read `Annotated[T, Doc(...), deprecated(...)]` metadata from annotations.

Two readers give the same results:

- [`SourceReader`][docglot.reading.annotations.SourceReader] reads annotations as written in the
  source (Python AST), for griffe's static analysis. It reads the AST rather than griffe's
  expressions because griffe parses a one-word string such as `Doc("Shout")` as a forward
  reference (a name), which loses the difference between a literal and a constant.
- [`RuntimeReader`][docglot.reading.annotations.RuntimeReader] reads evaluated annotations, for
  griffe's dynamic analysis (inspection).
"""

from __future__ import annotations

import ast
import builtins
import inspect
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import typing_extensions
from griffe import (
    Class,
    Expr,
    ExprSubscript,
    ExprTuple,
    Module,
    NameResolutionError,
    Object,
    safe_get_annotation,
)

from docglot.rules import (
    CONTROL_CHARACTER,
    DOC_KEYWORD,
    DOC_NOT_LITERAL,
    EMPTY_DOC,
    SEVERAL_DOCS,
    UNRESOLVED_TYPEDDICT,
)

DOC_PATHS = frozenset({"annotated_doc.Doc", "annotated_doc.main.Doc", "typing_extensions.Doc", "typing.Doc"})
"""Where `Doc` may be imported from."""
ANNOTATED_PATHS = frozenset({"typing.Annotated", "typing_extensions.Annotated"})
"""Where `Annotated` may be imported from."""
DEPRECATED_PATHS = frozenset({"warnings.deprecated", "typing_extensions.deprecated", "typing.deprecated"})
"""Where `deprecated` may be imported from."""
UNPACK_PATHS = frozenset({"typing.Unpack", "typing_extensions.Unpack"})
"""Where `Unpack` may be imported from."""
TYPED_DICT_PATHS = frozenset({"typing.TypedDict", "typing_extensions.TypedDict"})
"""Where `TypedDict` may be imported from."""
TYPED_DICT_BASES = TYPED_DICT_PATHS | {"typing.Generic", "typing_extensions.Generic"}
"""Bases of a TypedDict that hold no keys."""

T = TypeVar("T")

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
"""Characters a `Doc` text may not show raw: HTML calls them parse errors and terminals obey
some (ESC). Tab, the line breaks and the separators `str.splitlines` knows are text."""


@dataclass(frozen=True)
class Metadata:
    """What one `Annotated[...]` says for the documentation."""

    doc: str | None = None
    """The `Doc` text, normalised like `inspect.cleandoc`."""
    deprecated: str | None = None
    """The `deprecated(...)` message."""
    lineno: int | None = None
    """The line of the `Doc` call, when read from source."""
    has_doc: bool = False
    """Whether a `Doc` is written, even one whose text is blank or cannot be read (its own
    finding says so; the value is not reported as undocumented too)."""


EMPTY = Metadata()


@dataclass(frozen=True)
class Slot:
    """One documented place: a parameter, a TypedDict key, a returned or yielded value."""

    name: str
    """The parameter or key name; empty for return values."""
    annotation: str | Expr | None
    """The type, with `Annotated` unwrapped."""
    metadata: Metadata
    """The documentation metadata."""


class Reader(Protocol, Generic[T]):
    """Reads annotations of one kind: AST nodes or evaluated objects."""

    def unwrap(self, annotation: T | None) -> tuple[T | None, Metadata]:
        """Split an annotation into its type and its metadata."""

    def subscript(self, annotation: T | None) -> tuple[str | None, list[T]]:
        """Return the full path of a subscripted type and its arguments (`None`, `[]` if not)."""

    def display(self, annotation: T | None) -> str | Expr | None:
        """Return the type as mkdocstrings renders it."""

    def typed_dict_keys(self, annotation: T | None) -> list[Slot] | None:
        """Return the keys of the TypedDict in `Unpack[...]`, or `None` if it is not that."""


class Report(Protocol):
    """Receives the problems found while reading metadata."""

    def __call__(
        self,
        line: int | None,
        code: str,
        message: str,
        *,
        scope: Object | None = None,
        slot: str = "",
        lost: bool = False,
    ) -> None:
        """Report a problem: its line (if known), its rule code and a message.

        `scope` is the module or class whose file holds the line (by default, the object
        being documented); `slot` names the part of the object (`parameter:x`); `lost` says
        that the rendered page loses or misstates something because of it, which a build
        warns about.
        """


FindNode = Callable[[str], tuple[Object, ast.AST] | None]
"""Return the loaded object at a path and the AST node that defines it, if any."""


class SourceReader:
    """Read documentation metadata from annotations written in the source."""

    def __init__(self, scope: Module | Class, *, report: Report, find_node: FindNode) -> None:
        """Prepare to read annotations that appear in `scope`.

        Parameters:
            scope: The object in whose namespace names are resolved (a module or class).
            report: Called with a line, a rule code and a message for each problem found.
            find_node: Finds a loaded object and its definition node by path.
        """
        self.scope = scope
        self.report = report
        self.find_node = find_node

    def path_of(self, node: ast.expr) -> str | None:
        """Return the full path that a (dotted) name refers to in this reader's scope."""
        if isinstance(node, ast.Name):
            try:
                return self.scope.resolve(node.id)
            except NameResolutionError:
                return node.id  # A builtin, or a name defined out of griffe's sight.
        if isinstance(node, ast.Attribute):
            base = self.path_of(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def unwrap(
        self, annotation: ast.expr | None, *, followed: frozenset[str] = frozenset()
    ) -> tuple[ast.expr | None, Metadata]:
        """Split an annotation into its type and its documentation metadata.

        A quoted annotation is parsed first. A name that refers to a type alias defined as
        `Annotated[...]` (`Name = Annotated[str, Doc("...")]`) brings the alias's metadata,
        while the type stays the name that the signature uses; so does a chain of aliases
        of any length (`A = B`, `B = Name`). `followed` holds the aliases already followed:
        names that refer to each other in a circle (through strings: `A = "B"`, `B = "A"`)
        hold no `Annotated`, and so no metadata.
        """
        if annotation is None:
            return None, EMPTY
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                parsed = ast.parse(annotation.value.strip(), mode="eval").body
            except SyntaxError:
                return annotation, EMPTY
            return self.unwrap(ast.copy_location(parsed, annotation), followed=followed)
        path, arguments = self.subscript(annotation)
        if path in ANNOTATED_PATHS and arguments:
            # Nested `Annotated` (or an alias of one) flattens, as at runtime: outer metadata wins.
            inner, inner_metadata = self.unwrap(arguments[0], followed=followed)
            outer = self._read_metadata(arguments[1:])
            return inner, Metadata(
                doc=outer.doc or inner_metadata.doc,
                deprecated=outer.deprecated or inner_metadata.deprecated,
                lineno=outer.lineno if outer.doc else inner_metadata.lineno,
                has_doc=outer.has_doc or inner_metadata.has_doc,
            )
        if isinstance(annotation, ast.Name | ast.Attribute):
            return annotation, self._alias_metadata(annotation, followed)
        return annotation, EMPTY

    def subscript(self, annotation: ast.expr | None) -> tuple[str | None, list[ast.expr]]:
        """Return the full path of a subscripted type and its arguments."""
        if not isinstance(annotation, ast.Subscript):
            return None, []
        inner = annotation.slice
        arguments = list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
        return self.path_of(annotation.value), arguments

    def display(self, annotation: ast.expr | None) -> str | Expr | None:
        """Return the type as a griffe expression, so that mkdocstrings can cross-reference it."""
        return None if annotation is None else safe_get_annotation(annotation, parent=self.scope)

    def typed_dict_keys(self, annotation: ast.expr | None) -> list[Slot] | None:
        """Return the keys of the TypedDict in `Unpack[TypedDict]`, inherited keys first."""
        path, arguments = self.subscript(annotation)
        if path not in UNPACK_PATHS or len(arguments) != 1:
            return None
        named, _ = self.unwrap(arguments[0])  # Also parses a quoted name: `Unpack["Options"]`.
        target = self.path_of(named) if named is not None else None
        found = self.find_node(target) if target else None
        line = getattr(annotation, "lineno", None)
        if found is None or not isinstance(found[0], Class):
            self.report(
                line,
                UNRESOLVED_TYPEDDICT,
                f"cannot resolve TypedDict {ast.unparse(arguments[0])} in Unpack[...]; "
                "import it from a module that is loaded with the package",
                scope=self.scope,
                lost=True,
            )
            return None
        typed_dict = found[0]
        try:
            classes = [*reversed(typed_dict.mro()), typed_dict]
        except ValueError:
            classes = [typed_dict]
        bases = [
            base.canonical_path if isinstance(base, Expr) else str(base)
            for cls in classes
            for base in cls.bases
        ]
        unloaded = [
            path
            for path in bases
            if path not in TYPED_DICT_BASES and not _standard(path) and self.find_node(path) is None
        ]
        # A base that is not loaded may be the TypedDict: only a fully known class is judged.
        if not unloaded and not TYPED_DICT_PATHS.intersection(bases):
            self.report(
                line,
                UNRESOLVED_TYPEDDICT,
                f"{typed_dict.path} in Unpack[...] is not a TypedDict; unpack a TypedDict, or annotate "
                "**kwargs with the type of each value",
                scope=self.scope,
                lost=True,
            )
            return None
        for base_path in dict.fromkeys(unloaded):
            self.report(
                line,
                UNRESOLVED_TYPEDDICT,
                f"base {base_path} of TypedDict {typed_dict.path} is not loaded: its keys are "
                "missing from Other Parameters; load its package too (preload_modules)",
                scope=self.scope,
                lost=True,
            )
        keys: dict[str, Slot] = {}
        for cls in classes:
            reader = SourceReader(cls, report=self.report, find_node=self.find_node)
            for member in cls.members.values():
                # A name imported into the class body is no key (and may not resolve).
                definition = (
                    self.find_node(member.path) if not member.is_alias and member.is_attribute else None
                )
                if definition is None or not isinstance(definition[1], ast.AnnAssign):
                    continue
                key_type, metadata = reader.unwrap(definition[1].annotation)
                keys[member.name] = Slot(member.name, reader.display(key_type), metadata)
        return list(keys.values())

    def _alias_metadata(self, node: ast.expr, followed: frozenset[str]) -> Metadata:
        path = self.path_of(node)
        found = self.find_node(path) if path else None
        if found is None:
            return EMPTY
        alias, definition = found
        if alias.path in followed:
            return EMPTY
        value = getattr(definition, "value", None)
        if not isinstance(value, ast.expr) or not isinstance(alias.parent, Module | Class):
            return EMPTY
        reader = SourceReader(alias.parent, report=self.report, find_node=self.find_node)
        return reader.unwrap(value, followed=followed | {alias.path})[1]

    def _read_metadata(self, elements: list[ast.expr]) -> Metadata:
        doc: str | None = None
        deprecated: str | None = None
        lineno: int | None = None
        docs = 0
        for element in elements:
            if not isinstance(element, ast.Call):
                continue
            path = self.path_of(element.func)
            if path in DOC_PATHS:
                docs += 1
                if docs > 1:
                    self.report(
                        element.lineno,
                        SEVERAL_DOCS,
                        "several Doc in one Annotated: readers keep only the last; merge them into one",
                        scope=self.scope,
                        lost=True,
                    )
                text = self._call_text(element, "Doc", "documentation")
                if text is not None:
                    doc, lineno = text, element.lineno
                    if not text.strip():
                        self.report(
                            element.lineno,
                            EMPTY_DOC,
                            "Doc text is empty; write what the value is for, or remove the Doc",
                            scope=self.scope,
                        )
            elif path in DEPRECATED_PATHS:
                deprecated = self._call_text(element, "deprecated", "message") or deprecated
        # A blank text documents nothing: the docstring entry, if any, stays.
        return Metadata(
            doc=doc if doc and doc.strip() else None, deprecated=deprecated, lineno=lineno, has_doc=docs > 0
        )

    def _call_text(self, call: ast.Call, callee: str, keyword: str) -> str | None:
        arguments = [*call.args, *(kw.value for kw in call.keywords)]
        if len(arguments) != 1 or any(kw.arg != keyword for kw in call.keywords):
            self.report(
                call.lineno,
                DOC_NOT_LITERAL,
                f"{callee}() takes exactly one string argument; it is ignored",
                scope=self.scope,
                lost=True,
            )
            return None
        if call.keywords and callee == "Doc":
            self.report(
                call.lineno,
                DOC_KEYWORD,
                f'Doc({keyword}=...): pass the text as the only positional argument, Doc("...")',
                scope=self.scope,
            )
        argument = arguments[0]
        text = _literal_text(argument)
        if text is None and isinstance(argument, ast.Name | ast.Attribute):
            text = self._constant_text(argument)
        if text is None:
            what = (
                "an f-string with placeholders"
                if isinstance(argument, ast.JoinedStr)
                else "not a string literal"
            )
            self.report(
                call.lineno,
                DOC_NOT_LITERAL,
                f"{callee}({ast.unparse(argument)}): the argument is {what}; "
                "write the text as a string literal",
                scope=self.scope,
                lost=True,
            )
            return None
        if callee == "Doc" and not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            # Readable here, but tools that do not evaluate code (and translators' extractors) miss it.
            self.report(
                call.lineno,
                DOC_NOT_LITERAL,
                f"Doc({ast.unparse(argument)}): the argument is not one string literal; write the text "
                "itself in the Doc",
                scope=self.scope,
            )
        text = inspect.cleandoc(text)
        control = CONTROL_CHARACTERS.search(text)
        if control is not None:
            self.report(
                call.lineno,
                CONTROL_CHARACTER,
                f"{callee}() text holds the control character U+{ord(control[0]):04X}; remove it "
                "(pages show U+FFFD in its place)",
                scope=self.scope,
                lost=True,
            )
            text = CONTROL_CHARACTERS.sub("\ufffd", text)
        return text

    def _constant_text(self, node: ast.expr) -> str | None:
        path = self.path_of(node)
        found = self.find_node(path) if path else None
        value = getattr(found[1], "value", None) if found else None
        return _literal_text(value) if isinstance(value, ast.expr) else None


def _standard(path: str) -> bool:
    """Whether a class path names a builtin or a `typing` class: never loaded, and known."""
    module, _, name = path.rpartition(".")
    return module in {"typing", "typing_extensions", "builtins"} or (not module and hasattr(builtins, name))


def _literal_text(node: ast.expr) -> str | None:
    """Return the text of a string literal, an f-string without placeholders, or a `+` of them."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        parts = [_literal_text(value) for value in node.values]
        return "".join(part for part in parts if part is not None) if None not in parts else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_text(node.left), _literal_text(node.right)
        return None if left is None or right is None else left + right
    return None


class RuntimeReader:
    """Read documentation metadata from evaluated annotations (`get_type_hints(include_extras=True)`)."""

    def unwrap(self, annotation: object | None) -> tuple[object | None, Metadata]:
        """Split an evaluated annotation into its type and its documentation metadata."""
        if typing.get_origin(annotation) is not typing.Annotated:
            return annotation, EMPTY
        doc: str | None = None
        deprecated: str | None = None
        for value in getattr(annotation, "__metadata__", ()):
            if type(value).__name__ == "Doc" and isinstance(getattr(value, "documentation", None), str):
                doc = inspect.cleandoc(value.documentation)
            elif type(value).__name__ == "deprecated" and isinstance(getattr(value, "message", None), str):
                deprecated = value.message
        return getattr(annotation, "__origin__", annotation), Metadata(
            doc=doc if doc and doc.strip() else None, deprecated=deprecated
        )

    def subscript(self, annotation: object | None) -> tuple[str | None, list[object]]:
        """Return the full path of a parametrised type and its arguments."""
        origin = typing.get_origin(annotation)
        if origin is None:
            return None, []
        name = getattr(origin, "__qualname__", None) or getattr(origin, "_name", None)
        return f"{getattr(origin, '__module__', '')}.{name}", list(typing.get_args(annotation))

    def display(self, annotation: object | None) -> str | Expr | None:
        """Return the type as text."""
        return None if annotation is None else inspect.formatannotation(annotation)

    def typed_dict_keys(self, annotation: object | None) -> list[Slot] | None:
        """Return the keys of the TypedDict in `Unpack[TypedDict]`, inherited keys first."""
        if typing.get_origin(annotation) not in (typing.Unpack, typing_extensions.Unpack):
            return None
        (target,) = typing.get_args(annotation)
        if not typing_extensions.is_typeddict(target):
            return None
        slots = []
        for name, hint in safe_type_hints(target).items():
            key_type, metadata = self.unwrap(hint)
            slots.append(Slot(name, self.display(key_type), metadata))
        return slots


def safe_type_hints(obj: object) -> dict[str, object]:
    """Return `typing.get_type_hints(obj, include_extras=True)`, or `{}` if it cannot be evaluated."""
    try:
        return typing.get_type_hints(obj, include_extras=True)
    except Exception:
        return {}


def unwrap_expression(annotation: str | Expr | None) -> str | Expr | None:
    """Return the type inside a griffe `Annotated[T, ...]` expression, or the expression itself."""
    if isinstance(annotation, ExprSubscript) and annotation.canonical_path in ANNOTATED_PATHS:
        inner = annotation.slice
        return inner.elements[0] if isinstance(inner, ExprTuple) else inner
    return annotation
