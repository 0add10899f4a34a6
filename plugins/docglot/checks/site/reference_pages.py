"""What a site's reference pages render: mkdocstrings' options, the `:::` directives of each
page, and the entry each object gets there.

The entries are chosen as mkdocstrings-python's templates choose them (its own
`do_filter_objects`, the same options), so that the check expects what the build rendered.
"""

from __future__ import annotations

import glob
import itertools
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.
from griffe import (
    Alias,
    AliasResolutionError,
    CyclicAliasError,
    Extensions,
    GriffeLoader,
    LoadingError,
    ModuleFinder,
    Object,
    Package,
    Parser,
)
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, get_files
from mkdocstrings import AutoDocProcessor
from mkdocstrings_handlers.python import PythonOptions, do_filter_objects

from docglot.checks.site.site_config import SiteConfig, SiteConfigError
from docglot.checks.source.packages import LoadedPackages, PackageError, load_packages, target_of
from docglot.reading.extension import DocglotExtension

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_YAML_KEYS = ("    handler:", "    options:")


@dataclass(frozen=True)
class Directive:
    """One `::: identifier` of a source-language page, with its own options."""

    page: str
    """The page, relative to the source language's folder (`reference/background.md`)."""
    identifier: str
    """What the directive renders, as written."""
    options: dict[str, Any]
    """The options written under the directive (`options:`), which win over the handler's."""
    line: int
    """The line of the directive in the page."""


@dataclass(frozen=True)
class ReferenceEntry:
    """An object as one reference page renders it: under a heading whose id is its path there."""

    identifier: str
    """The heading's id: the object's path as the directive reaches it (`aftersend.BackgroundTasks`)."""
    obj: Object | Alias
    """The object as reached, through aliases."""
    target: Object
    """The object it documents; its path is the one catalogs and findings name."""
    options: PythonOptions
    """The options it was rendered with."""
    heading: bool
    """Whether it has a heading: a directive's own object has one only with `show_root_heading`."""


@dataclass(frozen=True)
class Reference:
    """The parts of a site's configuration that decide what its reference pages show."""

    config: MkDocsConfig
    """The site's configuration, as MkDocs reads it."""
    handler: dict[str, Any]
    """The options of mkdocstrings' Python handler (`plugins.mkdocstrings.handlers.python.options`)."""
    search_paths: list[str]
    """Where the handler finds packages: its `paths`, then `sys.path`."""
    fuzzy: str
    """What an outdated translation shows: `source` or `translation` (the plugin's `fuzzy`)."""
    default_handler: str
    """mkdocstrings' handler for directives that name none; empty when mkdocstrings is not enabled."""

    def options(self, local: dict[str, Any]) -> PythonOptions:
        """Return the options of a directive, as mkdocstrings-python combines them."""
        try:
            return PythonOptions.from_data(**{**self.handler, **local})
        except Exception as error:
            where = self.config.config_file_path
            raise SiteConfigError(f"{where}: invalid mkdocstrings options ({error})") from None

    def page_path(self, page: str, language: str, source: str) -> str:
        """The built file of a source page in a language, relative to the site folder."""
        uri = page if language == source else f"{language}/{page}"
        return File(uri, None, "", use_directory_urls=self.config.use_directory_urls).dest_uri


def read_reference(site: SiteConfig) -> Reference:
    """Read the configuration that decides what the reference pages of a site show."""
    try:
        config: MkDocsConfig = load_config(str(site.config_file))
    except MkDocsException as error:
        raise SiteConfigError(f"{site.config_file}: {error}") from None
    base = site.config_file.parent
    mkdocstrings = config.plugins.get("mkdocstrings")
    handlers = mkdocstrings.config.handlers if mkdocstrings is not None else {}
    python = handlers.get("python") or {}
    # As mkdocstrings-python reads `paths`: relative to mkdocs.yml, with glob patterns.
    paths = [
        str(Path(found).resolve())
        for path in python.get("paths") or ["."]
        for found in sorted(glob.glob(str(base / path))) or [str(base / path)]
    ]
    docglot = config.plugins.get("docglot")
    return Reference(
        config=config,
        handler=dict(python.get("options") or {}),
        search_paths=[*paths, *(path for path in sys.path if path and path not in paths)],
        fuzzy=str(docglot.config.fuzzy) if docglot is not None else "source",
        default_handler=str(mkdocstrings.config.default_handler) if mkdocstrings is not None else "",
    )


def directives(reference: Reference, source: str) -> list[Directive]:
    """The `:::` directives of the source-language pages the build publishes, in page order.

    Only directives of mkdocstrings' Python handler are kept; with mkdocstrings not enabled,
    a `:::` line is plain text and there is none.
    """
    if not reference.default_handler:
        return []
    found: list[Directive] = []
    prefix = f"{source}/"
    for file in sorted(get_files(reference.config), key=lambda file: file.src_uri):
        if not file.src_uri.startswith(prefix) or not file.is_documentation_page():
            continue
        if file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
            continue
        for directive, handler in _page_directives(file.src_uri.removeprefix(prefix), file.content_string):
            if (handler or reference.default_handler) == "python":
                found.append(directive)
    return found


def _page_directives(page: str, text: str) -> Iterator[tuple[Directive, str | None]]:
    """The directives of a page, outside code blocks, with the YAML under each: options and handler."""
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = AutoDocProcessor.regex.match(line)
        if match is None:
            continue
        block = _indented(lines[number + 1 :])
        if not block and lines[number + 1 : number + 2] == [""]:
            # As mkdocstrings reads it: YAML separated from the `:::` line by a blank line.
            following = _indented(lines[number + 2 :])
            block = following if following[:1] and following[0].startswith(_YAML_KEYS) else []
        try:
            local = yaml.safe_load(textwrap.dedent("\n".join(block))) if block else None
        except yaml.YAMLError:
            local = None
        local = local if isinstance(local, dict) else {}
        options = local.get("options")
        handler = local.get("handler")
        yield (
            Directive(page, match["name"], options if isinstance(options, dict) else {}, number + 1),
            handler if isinstance(handler, str) else None,
        )


def _indented(lines: list[str]) -> list[str]:
    return list(itertools.takewhile(lambda line: line.startswith("    "), lines))


def load_rendered_packages(
    reference: Reference, identifiers: list[str], settings_paths: list[str], docstring_style: str
) -> LoadedPackages:
    """Load the packages that the directives render, as mkdocstrings finds them.

    With `paths` in the settings, those packages are loaded; otherwise the top-level
    packages of the directives, found on the handler's `paths`. A directive whose package
    is found nowhere (an example in a guide) has nothing to check.
    """
    if settings_paths:
        return load_packages(settings_paths, docstring_style)
    finder = ModuleFinder([Path(path) for path in reference.search_paths])
    located = []
    for name in dict.fromkeys(identifier.split(".", 1)[0] for identifier in identifiers):
        try:
            _, package = finder.find_spec(name)
        except (ModuleNotFoundError, ValueError):
            continue
        if isinstance(package, Package):
            located.append(str(package.path.parent if package.path.name == "__init__.py" else package.path))
    style = str(reference.handler.get("docstring_style", "google"))
    return load_packages(located, style) if located else LoadedPackages([])


def preload(reference: Reference, packages: LoadedPackages) -> None:
    """Load the handler's `preload_modules` next to the packages, as mkdocstrings does.

    A class may inherit its `__init__`, and with it the parameters its page shows, from a
    preloaded package.
    """
    if not packages.modules:
        return
    collection = packages.modules[0].modules_collection
    options = reference.options({})
    loader = GriffeLoader(
        extensions=Extensions(DocglotExtension()),
        search_paths=[Path(path) for path in reference.search_paths],
        docstring_parser=Parser(options.docstring_style) if options.docstring_style else None,
        modules_collection=collection,
        allow_inspection=False,
    )
    for name in options.preload_modules:
        if name in collection:
            continue
        try:
            loader.load(name, try_relative_path=False, find_stubs_package=False)
        except (ImportError, LoadingError) as error:
            raise PackageError(
                f"{name}: cannot be loaded ({error}); it is in 'preload_modules' of "
                f"{reference.config.config_file_path}: install it, or remove it there"
            ) from None
    loader.resolve_aliases(implicit=False, external=False)


def resolve(packages: LoadedPackages, identifier: str) -> Object | Alias | None:
    """Return what a directive renders, if it is in the loaded packages."""
    if not packages.modules:
        return None
    try:
        found = packages.modules[0].modules_collection.get_member(identifier)
    except (KeyError, ValueError, AliasResolutionError, CyclicAliasError):
        return None
    return found if isinstance(found, Object | Alias) else None


def entries(obj: Object | Alias, options: PythonOptions, *, root: bool = True) -> Iterator[ReferenceEntry]:
    """The entries a directive renders: its object, then its members, as the templates choose them."""
    target = target_of(obj)
    if target is None:
        return
    yield ReferenceEntry(obj.path, obj, target, options, heading=not root or options.show_root_heading)
    if not (target.is_class or target.is_module):
        return
    members_list = options.members if root else None
    # The templates list the members by kind (`obj.classes`, `obj.functions`...), and griffe
    # gives an alias that does not resolve no kind: no page shows it. It is an import from a
    # package that is not loaded (`collections.abc.Callable`), or one that the build reports.
    shown = {name: member for name, member in obj.all_members.items() if target_of(member) is not None}
    children = do_filter_objects(
        shown,
        filters=options.filters,
        members_list=members_list,
        inherited_members=options.inherited_members,
        keep_no_docstrings=options.show_if_no_docstring,
    )
    for child in children:
        if target.is_class and child.name == "__init__" and options.merge_init_into_class:
            continue  # Shown as the class's own parameters.
        if child.is_module and not options.show_submodules:
            continue
        if (
            options.filters == "public"
            or members_list is not None
            or not child.is_imported
            or child.is_public
        ):
            yield from entries(child, options, root=False)
