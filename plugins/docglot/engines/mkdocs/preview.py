"""Show a saved catalog in the preview server: only the pages whose text it changes are rendered again.

`docglot serve --lang de` builds the site again when its code, pages or configuration
change. When only a catalog changed (a translator saved it), a whole build would load the
code again and render every page of two languages to show one text. Instead, the plugin of
the last build, which still holds the loaded code, the recorded blocks (`render_once`), the
navigations and the cross-reference targets, reads the new catalog and renders again only
the pages that showed a message whose text changed. Each goes through MkDocs' own steps
for one page (`_populate_page` and `_build_page`: MkDocs has no public call to build one
page), has its cross-references resolved, its entries replaced in its language's search
index, and is written in place of the old one in one step.

The result is the site a whole build would write. What a catalog could change beyond its
pages' text makes the change a whole build: a navigation title (every page shows the
navigation), a heading that appears or goes (another page may link to it), and any plugin
or hook docglot does not know (it may read every page).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from docglot.site.languages import Languages
from docglot.text.lookup import SiteCatalog
from docglot.text.messages import Message
from docglot.text.translation import Translator

_KNOWN_PLUGINS = ("docglot", "mkdocstrings", "mkdocs_autorefs")
"""The packages whose plugins only render pages, each page on its own, or resolve their references."""
_MATERIAL_SEARCH = "material.plugins.search.plugin"


@dataclass(frozen=True)
class Inputs:
    """The files the preview server watches, each as `(modification time, size)`, by path."""

    files: dict[str, tuple[int, int]]

    @classmethod
    def of(cls, config: MkDocsConfig, folders: Iterable[Path] = ()) -> Inputs:
        """Read the watched files: the pages, `mkdocs.yml`, the `watch` list and these `folders`."""
        files: dict[str, tuple[int, int]] = {}
        paths: list[str | Path] = [config.docs_dir, config.config_file_path, *config.watch, *folders]
        for path in paths:
            if path:
                _read_stats(os.path.abspath(path), files)
        return cls(files)

    def changed(self, later: Inputs) -> set[Path]:
        """The files added, removed or written between this reading and a `later` one."""
        names = self.files.keys() | later.files.keys()
        return {Path(name) for name in names if self.files.get(name) != later.files.get(name)}


def _read_stats(path: str, files: dict[str, tuple[int, int]]) -> None:
    try:
        entries = list(os.scandir(path))
    except NotADirectoryError:
        stat = os.stat(path)
        files[path] = (stat.st_mtime_ns, stat.st_size)
        return
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _read_stats(entry.path, files)
        else:
            try:
                stat = entry.stat()
            except FileNotFoundError:  # Gone since the folder was listed: an editor's temporary file.
                continue
            files[entry.path] = (stat.st_mtime_ns, stat.st_size)


def changed_catalogs(
    changes: Iterable[Path], catalogs: Path, docs_dir: Path, languages: Languages
) -> set[str] | None:
    """The translations whose catalogs changed, if nothing else a build reads did; `None` otherwise.

    A build reads the `.po` files right in the catalogs folder, and nothing else there: an
    editor's backup or swap file changes nothing. A catalog of a language the server does
    not build, added, removed or changed, makes a whole build, which says what is wrong.
    """
    catalogs = catalogs.resolve()
    if catalogs.is_relative_to(docs_dir.resolve()):  # Its files are also the site's: a whole build.
        return None
    built = {(catalogs / f"{language}.po"): language for language in languages.translations}
    found: set[str] = set()
    for change in changes:
        path = change.resolve() if change.exists() else change.parent.resolve() / change.name
        if path in built:
            found.add(built[path])
        elif not path.is_relative_to(catalogs) or (path.parent == catalogs and path.suffix == ".po"):
            return None
    return found


def known_plugins_only(config: MkDocsConfig) -> bool:
    """Whether every plugin and hook of the build is one whose work on a page this module redoes."""
    for plugin in config.plugins.values():
        module = type(plugin).__module__
        if module != _MATERIAL_SEARCH and module.split(".")[0] not in _KNOWN_PLUGINS:
            return False
    return True


def changed_messages(shown: set[Message], old: Translator, new: Translator) -> set[Message]:
    """The messages of `shown` that the `new` translator writes otherwise than the `old` one."""
    return {message for message in shown if _entry(old.catalog, message) != _entry(new.catalog, message)}


def _entry(catalog: SiteCatalog | None, message: Message) -> object:
    return None if catalog is None else catalog.lookup(message)


def anchors(page: Page) -> set[str]:
    """The anchors of a page's headings, which other pages may link to."""

    def walk(items: Iterable[AnchorLink]) -> Iterator[str]:
        for item in items:
            yield item.id
            yield from walk(item.children)

    return set(walk(page.toc)) if page.toc is not None else set()


def read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read a page again, as a build reads each page: its Markdown into HTML, through every plugin."""
    _populate_page(page, config, files)


def resolve_references(page: Page, autorefs: Any, env: Environment, config: MkDocsConfig) -> None:
    """Resolve the cross-references of one page, as autorefs does for every page in `on_env`."""
    if autorefs is not None:
        autorefs.on_env(env, config=config, files=Files([page.file]))


def write_page(
    page: Page, config: MkDocsConfig, files: Files, nav: Navigation, env: Environment, site_dir: Path
) -> list[dict[str, Any]]:
    """Write a page over its last version, in one step; return its entries for the search index."""
    target = site_dir / page.file.dest_uri
    temporary = target.with_name(f".{target.name}.docglot-new")
    page.file.abs_dest_path = str(temporary)
    served = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    with _search_entries(config) as entries:
        _build_page(page, config, served, nav, env, excluded=page.file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
    page.file.abs_dest_path = str(target)
    os.replace(temporary, target)
    return entries


@contextmanager
def _search_entries(config: MkDocsConfig) -> Iterator[list[dict[str, Any]]]:
    """Have Material's search plugin index the pages written inside into a list of their own."""
    plugin = next(
        (plugin for plugin in config.plugins.values() if type(plugin).__module__ == _MATERIAL_SEARCH), None
    )
    entries: list[dict[str, Any]] = []
    index = getattr(plugin, "search_index", None)
    if plugin is None or index is None:
        yield entries
        return
    fresh = type(index)(**index.config)
    plugin.search_index = fresh
    try:
        yield entries
    finally:
        plugin.search_index = index
        entries.extend(fresh.entries)
