"""What griffe could not load, told in one line that names the file and line to fix.

griffe logs a traceback when a package cannot be loaded (a syntax error in its
`__init__.py`), and says nothing above debug level when a submodule cannot be: it skips
the submodule, and every name imported from it becomes an alias that does not resolve.
mkdocstrings then leaves such a member out of the page without a word, or fails with a
traceback that names the import rather than the broken line. The functions below find the
real cause: the line Python cannot parse, the file griffe cannot read, the module or name
an import asks for that does not exist, or imports that go round in a circle.

Every message has the form `FILE:LINE: what is wrong; what to fix: what it breaks`; the
caller adds what needed the object (the `:::` directive, under a build).
"""

from __future__ import annotations

import ast
import io
import logging
import tokenize
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

import griffe
from griffe import Alias, AliasResolutionError, CyclicAliasError, Module, ModulesCollection, Object

from docglot.paths import display_path
from docglot.reading.extension import module_node

CANNOT_LOAD = "fix this line: the module cannot be loaded"
"""How a message about a module file griffe cannot read ends."""


class _LoadFailureFilter(logging.Filter):
    """Drop griffe's traceback of a module that failed to load: docglot reports it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but the report of a load failure."""
        return not (record.exc_info and isinstance(record.exc_info[1], griffe.LoadingError))


@contextmanager
def load_failures_muted() -> Iterator[None]:
    """Within this block, griffe does not log the tracebacks of packages that fail to load."""
    # mkdocstrings-python sends griffe's records to a logger of its own, through an adapter,
    # from the moment its handler exists: under Zensical, once the build has started.
    adapted = getattr(griffe.logger, "logger", None)
    loggers = {logging.getLogger("griffe"), logging.getLogger("mkdocs.plugins.griffe")}
    if isinstance(adapted, logging.Logger):
        loggers.add(adapted)
    muted = _LoadFailureFilter()
    for logger in loggers:
        logger.addFilter(muted)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(muted)


# Module files. -------------------------------------------------------------------------------


def file_problem(path: Path) -> str | None:
    """Why griffe cannot load a module file, or `None` if it can.

    The file is parsed from its bytes, as Python reads it: a PEP 263 coding line is
    honoured, and a file in another encoding without one is Python's own syntax error. A
    file Python reads may still be one griffe cannot: griffe 2 decodes every module as
    UTF-8, whatever its coding line says, and skips (or, for a package's `__init__.py`,
    fails on) one that is not.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"{display_path(path)}:0: cannot be read ({error.strerror or error}); {CANNOT_LOAD}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Invalid escape sequences and such.
            ast.parse(data, filename=str(path))
    except SyntaxError as error:
        where = display_path(error.filename) if error.filename else display_path(path)
        return f"{where}:{error.lineno or 0}: {error.msg}; {CANNOT_LOAD}"
    except ValueError as error:  # Null bytes, before Python 3.12.
        return f"{display_path(path)}:0: {error}; {CANNOT_LOAD}"
    try:
        data.decode("utf-8-sig")  # As griffe reads it.
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return (
            f"{display_path(path)}:{line}: this line is not UTF-8 (the file's coding line says "
            f"{encoding}), and griffe reads Python files as UTF-8 only; save the file as UTF-8 "
            "and remove its coding line: the module cannot be loaded"
        )
    return None


def package_problem(name: str, search_paths: Sequence[str | PathLike[str]]) -> str | None:
    """Why the module `name` (`pkg` or `pkg.mod`) cannot be loaded, if a file on its way says why.

    The package is the first one found on the search paths, as Python imports it; then
    each module file from the package down to the module is read.
    """
    parts = name.split(".")
    for base in map(Path, search_paths):
        if not ((base / parts[0] / "__init__.py").is_file() or (base / f"{parts[0]}.py").is_file()):
            continue
        folder = base
        for part in parts:
            for candidate in (folder / part / "__init__.py", folder / f"{part}.py"):
                if candidate.is_file() and (problem := file_problem(candidate)) is not None:
                    return problem
            folder = folder / part
        return None
    return None


def _skipped_file_problem(module: Module, name: str) -> str | None:
    """Why the submodule `name` of a loaded package was skipped, if its file exists and says why."""
    filepath = module.filepath
    if isinstance(filepath, list):  # A namespace package: its folders.
        folders = filepath
    elif isinstance(filepath, Path) and filepath.stem == "__init__":
        folders = [filepath.parent]
    else:
        return None
    for folder in folders:
        for candidate in (folder / name / "__init__.py", folder / f"{name}.py"):
            if candidate.is_file():
                return file_problem(candidate)
    return None


def _has_source_elsewhere(module: Module, name: str) -> bool:
    """Whether `name` in a module may exist where griffe does not look: a compiled module, a
    namespace folder, or a module-level `__getattr__` that makes names at run time."""
    if "__getattr__" in module.members:
        return True
    filepath = module.filepath
    if isinstance(filepath, list):
        folders = filepath
    elif isinstance(filepath, Path) and filepath.stem == "__init__":
        folders = [filepath.parent]
    else:
        return False
    return any((folder / name).is_dir() or any(folder.glob(f"{name}.*")) for folder in folders)


# Aliases. ------------------------------------------------------------------------------------


def _where(alias: Alias) -> str:
    """`FILE:LINE` of the import that made an alias."""
    parent = alias.parent
    filepath = parent.filepath if isinstance(parent, Object) else None
    if isinstance(filepath, Path):
        return f"{display_path(filepath)}:{alias.alias_lineno or 0}"
    return f"{parent.path if parent is not None else alias.path}:{alias.alias_lineno or 0}"


def _resolves(alias: Alias) -> bool:
    try:
        alias.final_target  # noqa: B018  # Resolving is the point.
    except (AliasResolutionError, CyclicAliasError):
        return False
    return True


def alias_problem(alias: Alias) -> str | None:
    """Why an alias does not resolve, if the loaded packages say why.

    `None` when it resolves, or when it points into a package that is not loaded (an
    external one, `collections.abc.Callable`): that is no error of the documented code.
    """
    if _resolves(alias):
        return None
    return _follow(alias, [])


def _follow(alias: Alias, chain: list[Alias]) -> str | None:
    """Follow an alias, and the aliases it points to, to the first one that does not resolve."""
    collection = alias.modules_collection
    current = alias
    while True:
        paths = [link.path for link in chain]
        if current.path in paths:
            cycle = [*paths[paths.index(current.path) :], current.path]
            closing = chain[-1]
            if _guarded(closing):
                return None
            return (
                f"{_where(closing)}: cyclic imports ({' -> '.join(cycle)}); "
                f"fix this line: '{closing.path}' cannot be imported"
            )
        chain.append(current)
        parts = current.target_path.split(".")
        found: Object | Alias | None = collection.members.get(parts[0])
        if found is None:
            return None  # A package that is not loaded.
        for index, part in enumerate(parts[1:], start=1):
            if isinstance(found, Alias):
                problem = _follow(found, chain)
                if problem is not None or not _resolves(found):
                    return problem
                found = found.final_target
            member = found.members.get(part)
            if member is None:
                return _missing(current, found, part, last=index == len(parts) - 1)
            found = member
        if not isinstance(found, Alias):
            return None
        current = found


def _missing(alias: Alias, holder: Object, name: str, *, last: bool) -> str | None:
    """Why `holder` has no `name`, which `alias` imports: a skipped file, or a wrong import."""
    if not isinstance(holder, Module):
        return None
    skipped = _skipped_file_problem(holder, name)
    if skipped is not None or _has_source_elsewhere(holder, name) or _guarded(alias):
        return skipped
    what = (
        f"cannot import name '{name}' from '{holder.path}'"
        if last
        else f"no module named '{holder.path}.{name}'"
    )
    return f"{_where(alias)}: {what}; fix this line: '{alias.path}' cannot be imported"


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
"""The exceptions an `except` catches a failed import with."""


def _guarded(alias: Alias) -> bool:
    """Whether the import that made an alias is in a `try` whose `except` catches its failure.

    Python goes on without such an import (`try: from ._speedups import f`, an optional
    module), and so does the package. griffe keeps no trace of the `try`, so the module's
    syntax tree is read again; no library tells which `except` an import is under.
    """
    parent = alias.parent
    module = parent.module if isinstance(parent, Object) else None
    if module is None or alias.alias_lineno is None:
        return False
    tree = module_node(module)
    if tree is None:
        try:
            tree = ast.parse(module.source)
        except (SyntaxError, ValueError, OSError):
            return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try | ast.TryStar) or not any(map(_catches_import, node.handlers)):
            continue
        imports = (
            inner
            for statement in node.body
            for inner in ast.walk(statement)
            if isinstance(inner, ast.Import | ast.ImportFrom)
        )
        if any(
            statement.lineno <= alias.alias_lineno <= (statement.end_lineno or 0) for statement in imports
        ):
            return True
    return False


def _catches_import(handler: ast.ExceptHandler) -> bool:
    """Whether an `except` clause catches an `ImportError`."""
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return caught is None or any(
        (node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")) in _IMPORT_ERRORS
        for node in names
        if node is not None
    )


def _unresolved(alias: Alias) -> str:
    """The line for an alias rendered on its own whose target is not loaded."""
    return (
        f"{_where(alias)}: '{alias.path}' is imported from '{alias.target_path}', which is not "
        "loaded; document it where it is defined, or load its package (preload_modules)"
    )


# What a directive renders. -----------------------------------------------------------------


def object_problem(obj: Object | Alias, *, submodules: bool = False, every: bool = False) -> str | None:
    """Why part of what a page renders of an object is lost, if something is.

    An object that is an alias must resolve. Below it, mkdocstrings leaves out, without a
    word, a public member that is an alias that does not resolve: each one of the
    object's classes (and submodules, when they are shown) is looked at, and a member
    that points into a package that is not loaded is no problem. With `every`, every
    member that is an alias is looked at, public or not: an import that fails breaks the
    whole module.
    """
    if isinstance(obj, Alias):
        if not _resolves(obj):
            return _follow(obj, []) or _unresolved(obj)
        target = obj.final_target
        if not isinstance(target, Object):
            return None
        obj = target
    pending = [obj]
    while pending:
        holder = pending.pop(0)
        for member in holder.members.values():
            if isinstance(member, Alias):
                if (every or member.is_public) and (problem := alias_problem(member)) is not None:
                    return problem
            elif member.is_class or (submodules and member.is_module):
                pending.append(member)
    return None


def directive_problem(
    collection: ModulesCollection,
    identifier: str,
    search_paths: Sequence[str | PathLike[str]],
    *,
    submodules: bool = False,
) -> str | None:
    """Why `::: identifier` cannot render all it should from the loaded packages, if it cannot.

    Its package may have failed to load, a module on its path may have been skipped, an
    alias on its path or among its members may not resolve.
    """
    parts = identifier.split(".")
    found: Object | Alias | None = collection.members.get(parts[0])
    if found is None:
        return package_problem(parts[0], search_paths)
    for part in parts[1:]:
        if isinstance(found, Alias):
            if not _resolves(found):
                return _follow(found, []) or _unresolved(found)
            found = found.final_target
        member = found.members.get(part)
        if member is None:
            return _skipped_file_problem(found, part) if isinstance(found, Module) else None
        found = member
    return object_problem(found, submodules=submodules)


def package_aliases_problem(module: Module) -> str | None:
    """Why a name a loaded package imports, in any of its modules and classes, does not resolve."""
    return object_problem(module, submodules=True, every=True)
