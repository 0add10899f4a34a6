"""The whole multilingual site built with Zensical, from the same `mkdocs.yml`, pages and catalogs.

Zensical reads `mkdocs.yml` and runs mkdocstrings, but no MkDocs plugin, so the docglot
plugin's work is done around it. Each language is one Zensical build of a staged project:

- its pages, with the source pages it lacks (`languages.localize_files`, as the plugin
  places them), marked so that they get the "not translated yet" notice;
- a configuration generated from the site's own, with that language's navigation
  (`languages.localize_nav`), interface language, switcher and `site_url`, and the
  [Markdown extension][docglot.engines.zensical.markdown] that renders the API text and labels
  in that language;
- its own search index and cross-references, since it holds that language's pages only.

The builds are then put together: the source language at the root, each other language
under `/LANGUAGE/`.
"""

from __future__ import annotations

import copy
import logging
import posixpath
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.
from click import ClickException
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.utils.yaml import get_yaml_loader, yaml_load
from mkdocstrings import AutoDocProcessor

from docglot.engines import render_once
from docglot.engines.collector import fewer_collections
from docglot.engines.handler import collection_problem
from docglot.engines.theme import PERMALINK_TITLE, STYLESHEET, STYLESHEET_FILE, theme_language
from docglot.engines.zensical.markdown import (
    FALLBACK_MARK,
    failed_collection,
    forget_loaded_code,
    loaded_code,
)
from docglot.paths import display_path
from docglot.reading.griffe_logs import directive_problem, load_failures_muted
from docglot.site.languages import is_page, localize_files, localize_nav
from docglot.site.model import SiteModel, SiteOptions
from docglot.text.catalogs import catalog_path

HERE = Path(__file__).parent
OVERRIDES = HERE / "overrides"
"""Theme overrides of Zensical's templates (the language switcher)."""
EXTENSION = "docglot.engines.zensical.markdown"
CONFIG_FILE = "mkdocs.yml"
SITEMAP = "sitemap.xml"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

log = logging.getLogger("docglot.zensical")
_TRACEBACK = "Traceback (most recent call last):"


# The site's `mkdocs.yml`, as Zensical will read it. -----------------------------------------


class _Tagged:
    """A YAML node that Zensical resolves itself (`!!python/name:...`), written back as it was read."""

    def __init__(self, node: Any) -> None:
        self.node = node


class _KeepTags(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML is untyped.
    """A loader that keeps Python tags as they are, for Zensical to resolve."""


class _Dumper(yaml.SafeDumper):  # type: ignore[misc]
    """A dumper that writes kept tags back."""


def _mkdocs_only(loader: Any, suffix: str, node: Any) -> None:
    mark = node.start_mark
    raise PluginError(
        f"{display_path(mark.name)}:{mark.line + 1}: Zensical cannot read MkDocs' !{suffix} tag; "
        "write the value itself"
    )


_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(node))
_KeepTags.add_multi_constructor("!", _mkdocs_only)  # `!ENV` is MkDocs' loader's own, and resolved.
_Dumper.add_representer(_Tagged, lambda dumper, data: data.node)


def read_config(config_file: Path) -> dict[str, Any]:
    """Read `mkdocs.yml` as MkDocs does (`INHERIT`, `!ENV`), keeping the tags Zensical resolves."""
    with config_file.open("rb") as file:
        config: dict[str, Any] = yaml_load(file, get_yaml_loader(_KeepTags))
    return config


def write_config(config: dict[str, Any], path: Path) -> None:
    """Write a generated `mkdocs.yml`."""
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def _entries(value: Any) -> list[tuple[str, Any]]:
    """The `(name, options)` entries of `plugins` or `markdown_extensions`, a list or a mapping."""
    if isinstance(value, dict):
        return list(value.items())
    entries: list[tuple[str, Any]] = []
    for item in value or []:
        if isinstance(item, dict):
            entries.extend(item.items())
        else:
            entries.append((str(item), None))
    return entries


# One language's project. ----------------------------------------------------------------------


class Site:
    """What every language's build shares: the site's configuration, languages and pages."""

    def __init__(
        self, config: MkDocsConfig, options: SiteOptions, *, only: Sequence[str] = (), strict: bool
    ) -> None:
        """Read the site as the plugin does (`SiteModel`), and place the pages as it does."""
        self.config = config
        self.options = options
        self.strict = strict
        self.config_dir = Path(config.config_file_path).parent
        # What a MkDocs build refuses before it starts (a language without pages, a catalog of
        # no language or that does not parse), this build refuses with the same words.
        self.model = SiteModel.read(config.config_file_path, config.docs_dir, options, only=only)
        self.languages = self.model.languages
        self.catalogs = {
            language: catalog_path(self.model.catalogs, language) for language in self.languages.translations
        }
        self.files, self.fallbacks = localize_files(get_files(config), config, self.languages)
        self.raw = read_config(Path(config.config_file_path))
        self.site_key = ""
        """Shared by the languages of one build, so that they load the code once."""
        self.template_cache = str(self.model.template_cache or "")

    # Files. -------------------------------------------------------------------------------

    def stage_docs(self, language: str, docs: Path) -> None:
        """Write the language's pages (and the shared files) into a docs folder of its own."""
        for file in self.files:
            if file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
                continue
            owner, relative = self.languages.of_file(file.src_uri)
            if owner is not None and owner != language:
                continue
            target = docs / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.src_uri in self.fallbacks:
                target.write_text(f"{file.content_string.rstrip()}\n\n{FALLBACK_MARK}\n", encoding="utf-8")
            elif file.abs_src_path is not None:
                shutil.copyfile(file.abs_src_path, target)
            else:
                target.write_bytes(file.content_bytes)
        stylesheet = docs / STYLESHEET
        if not stylesheet.exists():
            stylesheet.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(STYLESHEET_FILE, stylesheet)

    def stage_overrides(self, theme: dict[str, Any], overrides: Path) -> None:
        """docglot's theme overrides, with the site's own `custom_dir` over them (the site's win)."""
        shutil.copytree(OVERRIDES, overrides)
        custom = theme.get("custom_dir")
        if custom:
            shutil.copytree(self.config_dir / str(custom), overrides, dirs_exist_ok=True)

    # Configuration. ---------------------------------------------------------------------

    def language_config(self, language: str, project: Path) -> dict[str, Any]:
        """The site's configuration for one language's build in `project`."""
        config = copy.deepcopy(self.raw)
        config.pop("watch", None)  # Relative to the site's folder; a build has nothing to watch.
        config["docs_dir"] = "docs"
        config["site_dir"] = "site"
        config["strict"] = self.strict
        # Zensical warns or stays silent; MkDocs also has levels below a warning, which
        # `--strict` lets pass (by default, a link to a missing anchor is only "info").
        links = self.config.validation.links
        config["validation"] = {
            "invalid_links": links.not_found >= logging.WARNING,
            "invalid_link_anchors": links.anchors >= logging.WARNING,
        }
        if self.config.site_url:
            config["site_url"] = self.config.site_url + self.languages.root_url(language)
        if self.config.repo_url and self.config.edit_uri:
            config["edit_uri"] = posixpath.join(self.config.edit_uri, language, "")
        theme = config.get("theme") or {}
        theme = {"name": theme} if isinstance(theme, str) else theme
        self.stage_overrides(theme, project / "overrides")
        theme["custom_dir"] = "overrides"
        theme["language"] = self.theme_language(theme, project / "overrides", language)
        config["theme"] = theme
        extra = config.get("extra") or {}
        extra["alternate"] = self.alternates(language)
        config["extra"] = extra
        extra_css = list(config.get("extra_css") or [])
        if STYLESHEET not in extra_css:
            extra_css.append(STYLESHEET)
        config["extra_css"] = extra_css
        config["plugins"] = self.plugins()
        config["markdown_extensions"] = self.markdown_extensions(language)
        if config.get("nav") is not None:
            config["nav"] = self.nav(config["nav"], language)
        return config

    def theme_language(self, theme: dict[str, Any], overrides: Path, language: str) -> str:
        """The closest interface language the theme has: `pt-BR`, else `pt`, else the source's."""
        from zensical.config import get_theme_dir

        try:
            folders = [overrides, Path(get_theme_dir(str(theme.get("name") or "material")))]
        except ClickException as error:
            raise PluginError(f"{self.config.config_file_path}: {error.message}") from None
        return theme_language(folders, language, self.languages.source)

    def alternates(self, language: str) -> list[dict[str, str]]:
        """The switcher's languages: the way from this language's home to each one's (see `overrides`)."""
        here = self.languages.root_url(language) or "."
        links = []
        for code in self.languages.codes:
            there = self.languages.root_url(code) or "."
            link = "" if code == language else posixpath.relpath(there, here) + "/"
            links.append({"name": self.languages.name(code), "link": link, "lang": code})
        return links

    def plugins(self) -> list[Any]:
        """The site's plugins without docglot's, with mkdocstrings' paths made absolute."""
        plugins: list[Any] = []
        for name, options in _entries(self.raw.get("plugins")):
            if name == "docglot":
                continue
            if name == "mkdocstrings" and isinstance(options, dict):
                options = copy.deepcopy(options)
                if options.get("custom_templates"):
                    options["custom_templates"] = str(self.config_dir / options["custom_templates"])
                for handler in (options.get("handlers") or {}).values():
                    if isinstance(handler, dict) and "paths" in handler:
                        handler["paths"] = [str(self.config_dir / path) for path in handler["paths"]]
                python = (options.get("handlers") or {}).get("python")
                if isinstance(python, dict) and "paths" not in python:
                    python["paths"] = [str(self.config_dir)]  # mkdocstrings-python's default, ".".
            plugins.append(name if options is None else {name: options})
        return plugins

    def markdown_extensions(self, language: str) -> list[Any]:
        """docglot's extension first, then the site's, as the site writes them.

        The permalinks' tooltip stays the site's in every language, as in the MkDocs
        build: docglot's extension translates it in each page's HTML (`localize_permalinks`),
        so that the reference's blocks are the same in every language.
        """
        tooltip = PERMALINK_TITLE
        extensions: list[Any] = []
        for name, settings in _entries(self.raw.get("markdown_extensions")):
            if name == "toc":
                tooltip = str((settings or {}).get("permalink_title", PERMALINK_TITLE))
            extensions.append(name if settings is None else {name: settings})
        options = {
            "language": language,
            "source": self.languages.source,
            "catalog": str(self.catalogs.get(language, "")),
            "fuzzy": self.options.fuzzy,
            "cache_dir": self.template_cache,
            "site": self.site_key,
            "permalink_title": tooltip,
        }
        return [{EXTENSION: options}, *extensions]

    def nav(self, nav: Any, language: str) -> Any:
        """The language's navigation, with paths into its own docs folder."""
        title = self.model.nav_title(language)
        return _within(localize_nav(nav, language, self.languages, title), f"{language}/")

    # Building. ------------------------------------------------------------------------------

    def build_language(self, language: str, project: Path) -> Path:
        """Build one language with Zensical in `project`; return its site folder."""
        import zensical

        docs = project / "docs"
        docs.mkdir(parents=True)
        self.stage_docs(language, docs)
        config_file = project / CONFIG_FILE
        write_config(self.language_config(language, project), config_file)
        with _warnings() as warnings, load_failures_muted():
            try:
                zensical.build(str(config_file), {"clean": True, "strict": self.strict})
            except (RuntimeError, ClickException) as error:
                problem = self.code_problem() or self.collection_problem()
                if problem is not None:
                    raise PluginError(problem) from None
                message = error.message if isinstance(error, ClickException) else str(error)
                # Zensical passes a Python error on with its traceback: its first line says it.
                message = " ".join(message.split(_TRACEBACK)[0].split())  # One line, as every docglot error.
                raise PluginError(f"Zensical could not build {language!r}: {message}") from None
        # A member that griffe could not load is left out of its page without an error.
        problem = self.code_problem() if language == self.languages.source else None
        if problem is not None:
            raise PluginError(problem)
        if self.strict and warnings:
            # MkDocs' own words: the warnings above are the problem lines, this closes them.
            raise PluginError(f"Aborted with {len(warnings)} warnings in strict mode!")
        return project / "site"

    def directives(self) -> Iterator[tuple[str, str]]:
        """Each `:::` directive of the source pages: its identifier and its place, `FILE:LINE`."""
        for file in self.files:
            owner, _ = self.languages.of_file(file.src_uri)
            source_page = owner == self.languages.source and file.is_documentation_page()
            if not source_page or file.abs_src_path is None:
                continue
            text = file.content_string
            for match in AutoDocProcessor.regex.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                yield match["name"], f"{display_path(file.abs_src_path)}:{line}"

    def code_problem(self) -> str | None:
        """The one line naming the file and line that keeps a `:::` directive of the source pages
        from rendering all it should, as the MkDocs plugin reports it, if one does."""
        loaded = loaded_code(self.site_key)
        if loaded is None:
            return None
        handler = _python_handler(self.raw)
        paths = [str(self.config_dir / path) for path in handler.get("paths") or ["."]]
        options = handler.get("options")
        submodules = isinstance(options, dict) and bool(options.get("show_submodules", False))
        for identifier, place in self.directives():
            problem = directive_problem(loaded[0], identifier, [*paths, *sys.path], submodules=submodules)
            if problem is not None:
                return f"docglot: {problem} for '::: {identifier}' ({place})"
        return None

    def collection_problem(self) -> str | None:
        """The one line saying why a `:::` object of the pages could not be collected, if one could not."""
        failed = failed_collection(self.site_key)
        if failed is None:
            return None
        identifier, error = failed
        place = next((where for name, where in self.directives() if name == identifier), "an unknown page")
        return collection_problem(place, identifier, error)

    def build(self, work: Path) -> Path:
        """Build every language under `work` and put them together; return the site's folder."""
        self.site_key = str(work)
        render_once.start_build(languages=len(self.languages.codes))
        try:
            with fewer_collections():
                return self._build(work)
        finally:
            render_once.end_build()
            forget_loaded_code(self.site_key)

    def _build(self, work: Path) -> Path:
        site = self.build_language(self.languages.source, work / self.languages.source)
        for language in self.languages.translations:
            built = self.build_language(language, work / language)
            target = site / language
            if target.exists():
                raise PluginError(
                    f"the source language has a page or folder {language}/, "
                    f"where the {language!r} pages go; rename it"
                )
            # The inventory lists the source pages only, as with MkDocs.
            (built / "objects.inv").unlink(missing_ok=True)
            shutil.move(built, target)
        merge_sitemaps(site, [site / language for language in self.languages.translations])
        return site


def _python_handler(config: dict[str, Any]) -> dict[str, Any]:
    """The configuration of mkdocstrings' Python handler (`paths`, `options`), empty if none."""
    mkdocstrings = dict(_entries(config.get("plugins"))).get("mkdocstrings")
    handlers = mkdocstrings.get("handlers") if isinstance(mkdocstrings, dict) else None
    python = handlers.get("python") if isinstance(handlers, dict) else None
    return python if isinstance(python, dict) else {}


def merge_sitemaps(site: Path, languages: list[Path]) -> None:
    """List every language's pages in the site's sitemap, as MkDocs' single build does.

    Each language keeps its own sitemap too: the theme reads the one of its home.
    """
    path = site / SITEMAP
    if not path.exists():
        return
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    merged = ElementTree.parse(path)
    for folder in languages:
        if (folder / SITEMAP).exists():
            merged.getroot().extend(ElementTree.parse(folder / SITEMAP).getroot())
    ElementTree.indent(merged)
    merged.write(path, encoding="UTF-8", xml_declaration=True)


def _within(nav: Any, prefix: str) -> Any:
    """Remove the language folder from the page paths of a localized `nav`."""
    if isinstance(nav, str):
        return nav[len(prefix) :] if nav.startswith(prefix) and is_page(nav) else nav
    if isinstance(nav, list):
        return [_within(item, prefix) for item in nav]
    if isinstance(nav, dict):
        return {key: _within(value, prefix) for key, value in nav.items()}
    return nav


class _Collect(logging.Handler):
    """Keep the warnings Python code logs during a build (griffe's, mkdocstrings'...)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect the warnings logged while the block runs."""
    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    try:
        yield collect.records
    finally:
        root.removeHandler(collect)


def build(
    config: MkDocsConfig, options: SiteOptions, work: Path, *, only: Sequence[str] = (), strict: bool
) -> Path:
    """Build the whole site with Zensical under `work`; return the folder of the finished site."""
    return Site(config, options, only=only, strict=strict).build(work)
