"""The griffe extension: `Annotated[..., Doc()]` metadata into docstring sections.

Griffe fires two kinds of events. While it builds the object tree (`on_*_instance`), we
only remember where each object comes from: its AST node (static analysis) or its live
object (dynamic analysis). Once the tree is complete (`on_function`, `on_attribute`),
names resolve across the package, so that is where we read the metadata and write the
sections.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any
from weakref import WeakKeyDictionary

from annotated_doc import Doc
from griffe import (
    Alias,
    AliasResolutionError,
    Attribute,
    BuiltinModuleError,
    Class,
    CyclicAliasError,
    Docstring,
    Extension,
    Function,
    GriffeLoader,
    Module,
    ModulesCollection,
    Object,
    ObjectNode,
    ParameterKind,
    TypeAlias,
    logger,
)

from docglot.findings import Finding, Sink
from docglot.paths import display_path
from docglot.reading.annotations import EMPTY, Metadata, Report, RuntimeReader, SourceReader, safe_type_hints
from docglot.reading.docstrings import make_translatable
from docglot.reading.sections import document_attribute, document_callable
from docglot.reading.signatures import CallableDocs, read_callable
from docglot.rules import UNREADABLE_OBJECT

Origin = ast.AST | ObjectNode
"""Where an object comes from: a node of its source, or its live object."""

# Origins are kept per collection of modules, not per extension instance: mkdocstrings loads
# each top-level package with a new loader (and new extensions) into one shared collection,
# and a `Doc` alias, constant or TypedDict may come from a package loaded earlier.
_ORIGINS: WeakKeyDictionary[ModulesCollection, dict[str, Origin]] = WeakKeyDictionary()


def _origins(collection: ModulesCollection) -> dict[str, Origin]:
    return _ORIGINS.setdefault(collection, {})


_QUIET: ContextVar[bool] = ContextVar("docglot_quiet", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """Log no problems while building: `docglot check` reports them as findings instead."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def module_node(module: Module) -> ast.Module | None:
    """Return the AST that griffe read for a module, if it was read from source."""
    node = _origins(module.modules_collection).get(module.path)
    return node if isinstance(node, ast.Module) else None


Node = Annotated[
    Origin, Doc("Where the object comes from: its AST node, or its live object under inspection.")
]
Loader = Annotated[GriffeLoader, Doc("The loader that loads the package.")]
Unused = Annotated[Any, Doc("The event's other arguments, which docglot does not use.")]


SOURCES_READ: set[Path] = set()
"""Every Python file this process read into griffe with the extension loaded: what the API
text a build shows depends on (see `docglot.engines.mkdocs.extraction_cache`)."""


class DocglotExtension(Extension):
    """Read `Annotated[..., Doc()]` metadata into ordinary griffe docstring sections.

    Load it in mkdocstrings' configuration with `extensions: [docglot]`, or pass it to a
    `griffe.GriffeLoader` to read the metadata in your own tools.
    """

    def __init__(
        self,
        findings: Annotated[
            Sink | None,
            Doc(
                """
                Receives every problem found, as a finding (`docglot check` passes one).
                Without it, the problems that change what a page shows are logged as
                warnings, which fail a `mkdocs build --strict`.
                """
            ),
        ] = None,
    ) -> None:
        """Start with no object seen."""
        super().__init__()
        self._loader: GriffeLoader | None = None
        self._findings = findings

    # While the tree is built: remember each object's origin. ----------------------------

    def on_module_instance(
        self, *, node: Node, mod: Annotated[Module, Doc("The module being built.")], **kwargs: Unused
    ) -> None:
        """Remember the node of a module, for checks that read a whole module."""
        _origins(mod.modules_collection)[mod.path] = node
        if isinstance(mod.filepath, Path):  # The file is what the pages' text depends on.
            SOURCES_READ.add(mod.filepath)

    def on_function_instance(
        self, *, node: Node, func: Annotated[Function, Doc("The function being built.")], **kwargs: Unused
    ) -> None:
        """Remember the node of a function (the last definition wins over overloads)."""
        _origins(func.modules_collection)[func.path] = node

    def on_attribute_instance(
        self, *, node: Node, attr: Annotated[Attribute, Doc("The attribute being built.")], **kwargs: Unused
    ) -> None:
        """Remember the node of an attribute."""
        _origins(attr.modules_collection)[attr.path] = node

    def on_type_alias_instance(
        self,
        *,
        node: Node,
        type_alias: Annotated[TypeAlias, Doc("The type alias being built.")],
        **kwargs: Unused,
    ) -> None:
        """Remember the node of a `type X = ...` alias."""
        _origins(type_alias.modules_collection)[type_alias.path] = node

    def on_class_instance(
        self, *, node: Node, cls: Annotated[Class, Doc("The class being built.")], **kwargs: Unused
    ) -> None:
        """Remember the node of a class (TypedDicts are classes)."""
        _origins(cls.modules_collection)[cls.path] = node

    # Once the tree is complete: read the metadata and write the sections. --------------

    def on_function(
        self,
        *,
        func: Annotated[Function, Doc("The function, in its complete package.")],
        loader: Loader,
        **kwargs: Unused,
    ) -> None:
        """Document a function's parameters, TypedDict keys, returns, yields and receives."""
        self._loader = loader
        origin = _origins(loader.modules_collection).get(func.path)
        if origin is None or func.parent is None:
            make_translatable(func)
            return
        report = self._reporter(func, origin)
        try:
            docs = self._read_function(func, origin)
            document_callable(func, docs, report=report, new_docstring=self._new_docstring)
        except Exception as error:
            report(
                func.lineno,
                UNREADABLE_OBJECT,
                f"docglot could not read {func.path}: {error!r}; it is left as it was",
                lost=True,
            )
        make_translatable(func)

    def on_attribute(
        self,
        *,
        attr: Annotated[Attribute, Doc("The attribute, in its complete package.")],
        loader: Loader,
        **kwargs: Unused,
    ) -> None:
        """Make an attribute's `Doc` text its docstring."""
        self._loader = loader
        origin = _origins(loader.modules_collection).get(attr.path)
        if origin is None or attr.parent is None:
            make_translatable(attr)
            return
        report = self._reporter(attr, origin)
        try:
            metadata = self._read_attribute(attr, origin)
            document_attribute(attr, metadata, report=report, new_docstring=self._new_docstring)
        except Exception as error:
            report(
                attr.lineno,
                UNREADABLE_OBJECT,
                f"docglot could not read {attr.path}: {error!r}; it is left as it was",
                lost=True,
            )
        make_translatable(attr)

    def on_class(
        self,
        *,
        cls: Annotated[Class, Doc("The class, in its complete package.")],
        loader: Loader,
        **kwargs: Unused,
    ) -> None:
        """Let a class's docstring follow the rendered language."""
        make_translatable(cls)

    def on_module(
        self,
        *,
        mod: Annotated[Module, Doc("The module, in its complete package.")],
        loader: Loader,
        **kwargs: Unused,
    ) -> None:
        """Let a module's docstring follow the rendered language."""
        make_translatable(mod)

    def on_type_alias(
        self,
        *,
        type_alias: Annotated[TypeAlias, Doc("The type alias, in its complete package.")],
        loader: Loader,
        **kwargs: Unused,
    ) -> None:
        """Let a type alias's docstring follow the rendered language."""
        make_translatable(type_alias)

    # Reading. ---------------------------------------------------------------------------

    def _read_function(self, func: Function, origin: Origin) -> CallableDocs:
        var_keyword = next((p.name for p in func.parameters if p.kind is ParameterKind.var_keyword), None)
        if isinstance(origin, ObjectNode):
            hints = safe_type_hints(origin.obj)
            return read_callable(
                RuntimeReader(),
                {parameter.name: hints.get(parameter.name) for parameter in func.parameters},
                hints.get("return"),
                var_keyword=var_keyword,
            )
        if not isinstance(origin, ast.FunctionDef | ast.AsyncFunctionDef):
            return CallableDocs()
        arguments = origin.args
        nodes = [
            *arguments.posonlyargs,
            *arguments.args,
            arguments.vararg,
            *arguments.kwonlyargs,
            arguments.kwarg,
        ]
        docs = read_callable(
            self._source_reader(func),
            {node.arg: node.annotation for node in nodes if node is not None},
            origin.returns,
            var_keyword=var_keyword,
        )
        docs.lines = {node.arg: node.lineno for node in nodes if node is not None}
        return docs

    def _read_attribute(self, attr: Attribute, origin: Origin) -> Metadata:
        if isinstance(origin, ObjectNode):
            owner = origin.parent.obj if origin.parent else None
            return RuntimeReader().unwrap(safe_type_hints(owner).get(attr.name))[1]
        reader = self._source_reader(attr)
        if isinstance(origin, ast.AnnAssign):
            metadata = reader.unwrap(origin.annotation)[1]
            if metadata is not EMPTY or origin.value is None:
                return metadata
        value = getattr(origin, "value", None)
        # A type alias (`Name = Annotated[str, Doc("...")]`) is documented by its own Doc.
        if isinstance(value, ast.Subscript):
            return reader.unwrap(value)[1]
        return EMPTY

    def _source_reader(self, obj: Object) -> SourceReader:
        scope = obj.parent
        assert isinstance(scope, Module | Class)  # Members of functions are not visited.
        return SourceReader(scope, report=self._reporter(obj, None), find_node=self._find_node)

    def _find_node(self, path: str) -> tuple[Object, ast.AST] | None:
        """Return the loaded object at `path` (following imports) and its source node."""
        if self._loader is None:
            return None
        try:
            found = self._loader.modules_collection.get_member(path)
            target = found.final_target if isinstance(found, Alias) else found
        except (KeyError, ValueError, AliasResolutionError, CyclicAliasError):
            return None
        origin = _origins(self._loader.modules_collection).get(target.path)
        if not isinstance(origin, ast.AST) or not isinstance(target, Object):
            return None
        return target, origin

    def _new_docstring(self, obj: Object) -> Docstring:
        loader = self._loader
        return Docstring(
            "",
            lineno=obj.lineno,
            parent=obj,
            parser=loader.docstring_parser if loader else None,
            parser_options=loader.docstring_options if loader else None,
        )

    def _reporter(self, obj: Object, origin: Origin | None) -> Report:
        """Return a function that reports a problem with the object's file and line.

        Under inspection, griffe gives attributes the docstring of their value's type, so
        differences with `Doc` say nothing about the source: problems are not reported.
        """
        findings = self._findings

        def report(
            line: int | None,
            code: str,
            message: str,
            *,
            scope: Object | None = None,
            slot: str = "",
            lost: bool = False,
        ) -> None:
            if isinstance(origin, ObjectNode) or (findings is None and (not lost or _QUIET.get())):
                return
            holder = scope or obj
            try:
                filepath = holder.filepath
            except BuiltinModuleError:
                filepath = None
            # A namespace package has no file to name.
            path = holder.path if isinstance(filepath, list) or filepath is None else display_path(filepath)
            line = line or holder.lineno or 0
            if findings is not None:
                findings(Finding(path, line, 1, code, message, f"{obj.path}:{slot}" if slot else obj.path))
            else:
                logger.warning("%s:%s: %s %s", path, line, code, message)

        return report
