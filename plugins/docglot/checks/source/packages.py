"""The packages to check: found from paths, loaded once with griffe and docglot's extension."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from griffe import (
    Alias,
    AliasResolutionError,
    CyclicAliasError,
    Extensions,
    GriffeLoader,
    LoadingError,
    Module,
    Object,
    Parser,
)

from docglot.findings import Finding
from docglot.reading.extension import DocglotExtension
from docglot.reading.griffe_logs import (
    file_problem,
    load_failures_muted,
    package_aliases_problem,
    package_problem,
)


class PackageError(Exception):
    """A path cannot be checked: the message names it and says why."""


@dataclass
class LoadedPackages:
    """The checked packages, as the renderer sees them, and what reading them found."""

    modules: list[Module]
    """The top-level modules and packages."""
    findings: list[Finding] = field(default_factory=list)
    """What the extension reported while reading `Doc` metadata and docstrings."""


def find_packages(paths: list[str]) -> list[tuple[Path, str]]:
    """Return `(search path, module name)` for each path: a package, a module, or a folder of them."""
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PackageError(f"{raw}: no such file or folder")
        path = path.resolve()
        if path.is_file() and path.suffix == ".py" and path.name != "__init__.py":
            parts, parent = [path.stem], path.parent
        elif (path.is_dir() and (path / "__init__.py").is_file()) or path.name == "__init__.py":
            parts, parent = [], path if path.is_dir() else path.parent
        elif path.is_dir():
            children = sorted(
                child
                for child in path.iterdir()
                if not child.name.startswith((".", "_"))
                and (
                    (child.suffix == ".py" and child.is_file())
                    or (child / "__init__.py").is_file()
                    or _is_namespace_package(child)
                )
            )
            if not children:
                raise PackageError(f"{raw}: no Python package or module in this folder")
            for child in children:
                found.setdefault(child.stem if child.is_file() else child.name, path)
            continue
        else:
            raise PackageError(f"{raw}: not a Python module, package or folder of packages")
        while (parent / "__init__.py").is_file():
            parts.insert(0, parent.name)
            parent = parent.parent
        found.setdefault(".".join(parts), parent)
    return [(search, name) for name, search in found.items()]


def _is_namespace_package(folder: Path) -> bool:
    """Whether a folder without `__init__.py` holds Python packages (PEP 420): `ns/sub/__init__.py`."""
    return (
        folder.is_dir()
        and folder.name.isidentifier()
        and not (folder / "__init__.py").exists()
        and any(child.is_file() for child in folder.glob("*/__init__.py"))
    )


def load_packages(paths: list[str], docstring_style: str) -> LoadedPackages:
    """Load every package of `paths` with docglot's extension reporting into findings."""
    findings: list[Finding] = []
    targets = find_packages(paths)
    loader = GriffeLoader(
        extensions=Extensions(DocglotExtension(findings=findings.append)),
        search_paths=list(dict.fromkeys(str(search) for search, _ in targets)),
        docstring_parser=Parser(docstring_style),
        allow_inspection=False,
    )
    modules = []
    for search, name in targets:
        try:
            with load_failures_muted():
                loaded = loader.load(name, find_stubs_package=False)
        # griffe reads a package's `__init__.py` as UTF-8 before it loads it.
        except (ImportError, LoadingError, UnicodeDecodeError) as error:
            problem = package_problem(name, [search])
            if problem is not None:
                raise PackageError(problem) from None
            raise PackageError(f"{name}: cannot be loaded ({error}); check the path") from None
        modules.append(loaded if isinstance(loaded, Module) else loaded.module)
    _check_skipped(targets, loader)
    loader.resolve_aliases(implicit=False, external=False)
    for module in modules:
        # A public name imported from a module of the package that does not resolve (a module
        # or name that does not exist, imports in a circle) would be checked as missing.
        problem = package_aliases_problem(module)
        if problem is not None:
            raise PackageError(problem)
    return LoadedPackages(modules, findings)


def _check_skipped(targets: list[tuple[Path, str]], loader: GriffeLoader) -> None:
    """Raise, in one line, if a module file of a package was skipped because it cannot be loaded.

    griffe skips a submodule that does not parse, or is not UTF-8, with only a debug
    message: a checker that skipped it would report a clean package. Only the skipped files
    are read again.
    """
    folders = [search.joinpath(*name.split(".")) for search, name in targets]
    loaded = {
        obj.filepath
        for top in loader.modules_collection.members.values()
        if isinstance(top, Module)
        for obj in walk(top)
        if isinstance(obj, Module) and isinstance(obj.filepath, Path)
    }
    for file in sorted(file for folder in folders if folder.is_dir() for file in folder.rglob("*.py")):
        if file in loaded:
            continue
        problem = file_problem(file)
        if problem is not None:
            raise PackageError(problem)


def walk(module: Module) -> list[Object]:
    """Every object defined in a module and its submodules (not the names it imports)."""
    objects: list[Object] = []
    pending: list[Object] = [module]
    while pending:
        obj = pending.pop()
        objects.append(obj)
        pending.extend(member for member in obj.members.values() if not isinstance(member, Alias))
    return objects


def within(path: str, modules: list[Module]) -> bool:
    """Whether an object path is one of the modules or inside one (checking `pkg/mod.py` loads all
    of `pkg`, but checks only `pkg.mod`)."""
    return any(path == module.path or path.startswith(f"{module.path}.") for module in modules)


def target_of(obj: Object | Alias) -> Object | None:
    """The object an alias points to, if it is loaded; the object itself otherwise."""
    if not isinstance(obj, Alias):
        return obj
    try:
        target = obj.final_target
    except (AliasResolutionError, CyclicAliasError):
        return None
    return target if isinstance(target, Object) else None
