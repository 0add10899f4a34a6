"""The MkDocs plugin: every language of the site in one build.

One build means one griffe load and one set of compiled templates for all languages. The
events below run in MkDocs' build order; per language, the plugin switches what differs:
the files' places, the navigation, the API text (through the active
[`Translator`][docglot.translation.Translator]), the labels, Material's interface language,
the language switcher, the search index and the cross-reference targets.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, nest_paths
from mkdocs.utils.templates import TemplateContext

from docglot.catalogs import CatalogError, SiteCatalog, State, catalog_path
from docglot.labels import label
from docglot.languages import (
    Languages,
    babel_locale,
    localize_files,
    localize_nav,
    notice_html,
    with_notice,
)
from docglot.messages import Message
from docglot.sanitize import sanitize
from docglot.search_index import split_search_index
from docglot.translation import Translator, activate, active_language

HERE = Path(__file__).parent
NAV_CONTEXT = "mkdocs.yml:nav"
"""The message context of navigation titles in the catalogs."""
STYLESHEET = "assets/docglot.css"
PERMALINK_TITLE = "Permanent link"
"""The `toc` extension's default tooltip of heading permalinks."""
LANGUAGES_VARIABLE = "DOCGLOT_LANGUAGES"
"""Environment variable that limits a build to the source language and the listed ones."""


log = logging.getLogger("mkdocs.plugins.docglot")


def _attribute(text: str) -> str:
    """Escape an attribute value the way Python-Markdown writes it (ElementTree's escaping)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class DocglotConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' config classes are untyped.
    """The `docglot` plugin's options in `mkdocs.yml`."""

    languages = c.ListOfItems(c.Type(str), default=[])
    """Language codes; the first is the source language, published at the site root."""
    catalogs = c.Type(str, default="locales")
    """The folder of the PO catalogs, `LANGUAGE.po`, relative to `mkdocs.yml`."""
    fuzzy = c.Choice(("source", "translation"), default="source")
    """What an outdated translation shows: the English text, or the old translation (marked)."""
    cache_dir = c.Type(str, default=".cache/docglot")
    """Where compiled templates are kept between builds, relative to `mkdocs.yml`; empty: nowhere."""


class DocglotPlugin(BasePlugin[DocglotConfig]):  # type: ignore[no-untyped-call]
    """Build the site in every declared language, API text included."""

    def __init__(self) -> None:
        """Start with nothing known about the site."""
        self.languages = Languages(("en",))
        self.translators: dict[str, Translator] = {}
        self.navs: dict[str, Navigation] = {}
        self.extract: dict[Message, Any] | None = None
        """When set (by `docglot catalog update`), the messages rendered are recorded here."""
        self.nav_config: Any = None
        """The site's `nav`, as written in `mkdocs.yml` (paths under the source folder)."""
        self._files = Files([])
        self._fallbacks: set[str] = set()
        self._env: Environment | None = None
        self._config: MkDocsConfig | None = None
        self._written_nav: Any = None
        self._alternate: Any = None

    # 1. Configuration: languages, catalogs, stylesheet. -------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the languages and their catalogs."""
        self.languages = Languages.parse(self.config.languages, only=os.environ.get(LANGUAGES_VARIABLE))
        docs = Path(config.docs_dir)
        for language in self.languages.codes:
            if not (docs / language).is_dir():
                raise PluginError(
                    f"docglot: language {language!r} has no folder {docs / language}; create it"
                )
        config.theme["language"] = self._theme_language(config, self.languages.source)
        catalogs = Path(config.config_file_path).parent / self.config.catalogs
        self.translators = {self.languages.source: Translator(self.languages.source, extracted=self.extract)}
        for language in self.languages.translations:
            try:
                catalog = SiteCatalog.load(catalog_path(catalogs, language), babel_locale(language))
            except CatalogError as error:
                raise PluginError(f"docglot: {error}") from None
            self.translators[language] = Translator(language, catalog, show_fuzzy=self.config.fuzzy)
        if catalogs.is_dir() and str(catalogs) not in config.watch:
            config.watch.append(str(catalogs))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.nav_config = self._written_nav = config.nav
        self._alternate = config.extra.get("alternate")
        self._config = config
        return config

    # 2. Files: every language gets the full tree of pages. -----------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Publish the source pages at the root, fill in missing translations, add the stylesheet."""
        self._prepare_mkdocstrings(config)
        self._prepare_autorefs(config)
        files, self._fallbacks = localize_files(files, config, self.languages)
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(HERE / "assets" / "docglot.css")))
        if self.nav_config is None:  # No `nav`: the source pages meant for a nav, as MkDocs lists them.
            source_pages = []
            in_nav = files.documentation_pages(inclusion=InclusionLevel.is_in_nav)
            for page_file in sorted(in_nav, key=file_sort_key):
                language, relative = self.languages.of_file(page_file.src_uri)
                if language == self.languages.source:
                    source_pages.append(relative)
            self.nav_config = nest_paths(source_pages)  # type: ignore[no-untyped-call]
        config.nav = localize_nav(self.nav_config, self.languages.source, self.languages, str)
        self._files = files
        return files

    # 3. Navigation: one per language. --------------------------------------------------

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Build each language's navigation over its own pages, with its own home page."""
        self.navs = {self.languages.source: nav}
        source_nav = config.nav
        try:
            for language in self.languages.translations:
                config.nav = localize_nav(
                    self.nav_config, language, self.languages, self._nav_title(language)
                )
                translated = get_navigation(files, config)
                home = files.get_file_from_path(f"{language}/index.md")
                if home is not None and isinstance(home.page, Page):
                    translated.homepage = home.page
                self.navs[language] = translated
        finally:
            config.nav = source_nav
        return nav

    def _nav_title(self, language: str) -> Callable[[str], str]:
        translator = self.translators[language]

        def title(text: str) -> str:
            if translator.catalog is None:
                return text
            entry = translator.catalog.lookup(Message(NAV_CONTEXT, text))
            return entry.translation if entry.state is State.translated else text

        return title

    # 4. Markdown: render each page's API text in its language. --------------------------

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Make the page's language serve the docstrings and labels mkdocstrings renders."""
        activate(self.translators[self._language(page)])
        return page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Translate the headings' permalink tooltip; tell readers when a page is in the source language."""
        language = self._language(page)
        if language == self.languages.source:
            return html
        # The `toc` extension writes one tooltip on every heading, in English unless configured.
        tooltip = str(config.mdx_configs.get("toc", {}).get("permalink_title", PERMALINK_TITLE))
        translated = label(tooltip, language)
        if translated != tooltip:
            html = html.replace(f'title="{_attribute(tooltip)}"', f'title="{_attribute(translated)}"')
        if page.file.src_uri in self._fallbacks:
            html = with_notice(html, notice_html(language))
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """All Markdown is rendered: docstrings go back to the source language."""
        activate(None)
        self._cache_templates(env, config)
        self._env = env
        return env

    # 5. Templates: the page's language for Material, its navigation, its switcher. -------

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Set the interface language, navigation, search root and language switcher of a page."""
        language = self._language(page)
        config.theme["language"] = self._theme_language(config, language)
        context["nav"] = self.navs.get(language, nav)
        # Material fetches the search index from `base_url`: the language's own index.
        root = self.languages.root_url(language) or "."
        context["base_url"] = get_relative_url(root, page.url).rstrip("/") or "."
        _, relative = self.languages.of_file(page.file.src_uri)
        alternates = []
        for code in self.languages.codes:
            counterpart = self._files.get_file_from_path(f"{code}/{relative}")
            if counterpart is not None:
                alternates.append(
                    {"name": self.languages.name(code), "link": counterpart.url or "./", "lang": code}
                )
        config.extra["alternate"] = alternates
        return context

    # 6. After the build: per-language search, an inventory of the source pages. --------

    @event_priority(-100)  # After Material's search plugin has written its index.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Split the search index by language, point `objects.inv` at the source pages, tidy up."""
        site = Path(config.site_dir)
        split_search_index(site, self.languages, self._env or config.theme.get_env())
        self._rewrite_inventory(site / "objects.inv")
        self._restore(config)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no language active and the configuration as it was."""
        activate(None)
        if self._config is not None:
            self._restore(self._config)

    # Helpers. ----------------------------------------------------------------------------

    def _language(self, page: Page) -> str:
        """The language of a page; pages other plugins add outside the folders are the source's."""
        return self.languages.of_file(page.file.src_uri)[0] or self.languages.source

    def _theme_language(self, config: MkDocsConfig, language: str) -> str:
        """The closest interface language the theme has: `pt-BR`, else `pt`, else the source's."""
        own = (language, language.split("-")[0])
        for code in (*own, self.languages.source, "en"):
            if any(
                (Path(folder) / "partials" / "languages" / f"{code}.html").exists()
                for folder in config.theme.dirs
            ):
                if code not in own:
                    log.info("docglot: the theme has no interface text in %r; %r is used", language, code)
                return code
        return language

    def _restore(self, config: MkDocsConfig) -> None:
        """Give the configuration back as it was, for whatever builds with it next."""
        activate(None)
        config.nav = self._written_nav
        config.theme["language"] = self._theme_language(config, self.languages.source)
        if self._alternate is None:
            config.extra.pop("alternate", None)
        else:
            config.extra["alternate"] = self._alternate

    def _rewrite_inventory(self, path: Path) -> None:
        """Point every inventory item at its source-language page.

        mkdocstrings registers an item each time an object is rendered, so the last
        language rendered would win; the trees of pages are the same in every language.
        """
        if not path.exists():
            return
        from mkdocstrings import Inventory

        with path.open("rb") as file:
            inventory = Inventory.parse_sphinx(file)
        for item in inventory.values():
            item.uri = self.languages.of_url(item.uri)[1]
        path.write_bytes(inventory.format_sphinx())

    def _cache_templates(self, env: Environment, config: MkDocsConfig) -> None:
        """Keep compiled templates between builds.

        One build compiles each template once for every language; across builds (and each
        rebuild of `docglot serve`) Jinja's bytecode cache skips compiling unchanged
        templates. Jinja checks each template's source checksum, so an edit is never missed.
        """
        if not self.config.cache_dir or env.bytecode_cache is not None:
            return
        directory = Path(config.config_file_path).parent / self.config.cache_dir / "templates"
        directory.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(directory))

    def _prepare_mkdocstrings(self, config: MkDocsConfig) -> None:
        """Give mkdocstrings-python translated labels, read in the language being rendered."""
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is None:
            return
        handler = mkdocstrings.get_handler("python")
        loader = handler.env.loader
        templates = str(HERE / "templates" / handler.theme)
        if templates not in loader.searchpath:
            # After the user's own custom templates, before mkdocstrings-python's.
            position = 1 if mkdocstrings.config.custom_templates else 0
            loader.searchpath.insert(position, templates)
        self._cache_templates(handler.env, config)
        source = self.languages.source
        handler.env.globals["docglot_label"] = lambda key: label(key, active_language(source))
        convert = handler.env.filters["convert_markdown"]
        if getattr(convert, "__name__", "") != "convert_translated":

            def convert_translated(text: str, *args: Any, **kwargs: Any) -> Markup:
                """Render docstring Markdown; on a translated page, sanitized (see `docglot.sanitize`)."""
                html = convert(text, *args, **kwargs)
                return html if active_language(source) == source else Markup(sanitize(str(html)))

            handler.env.filters["convert_markdown"] = convert_translated

    def _prepare_autorefs(self, config: MkDocsConfig) -> None:
        """Make cross-references resolve to the page in the same language.

        Headings of translated pages are registered under a language-qualified identifier,
        so that no identifier has several primary URLs; a reference from a translated page
        resolves there first, then to the source page's URL moved into its language.
        """
        autorefs = config.plugins.get("autorefs")
        if autorefs is None or getattr(autorefs, "_docglot_wrapped", False):
            return
        register_anchor = autorefs.register_anchor
        get_item_url = autorefs.get_item_url
        plugin = self  # The languages are read at each call: a configuration may be built again.

        def qualified(language: str, identifier: str) -> str:
            return f"{language}::{identifier}"

        def register(page: Page, identifier: str, anchor: str | None = None, **kwargs: Any) -> None:
            languages = plugin.languages
            language = languages.of_url(page.url)[0] if isinstance(page, Page) else languages.source
            if language != languages.source:
                anchor, identifier = anchor or identifier, qualified(language, identifier)
            register_anchor(page, identifier, anchor, **kwargs)

        def item_url(
            identifier: str, from_url: str | None = None, *args: Any, **kwargs: Any
        ) -> tuple[str, str | None]:
            languages = plugin.languages
            language = languages.of_url(from_url or "")[0]
            if language == languages.source:
                return get_item_url(identifier, from_url, *args, **kwargs)  # type: ignore[no-any-return]
            try:
                return get_item_url(qualified(language, identifier), from_url, *args, **kwargs)  # type: ignore[no-any-return]
            except KeyError:
                url, title = get_item_url(identifier, None, *args, **kwargs)
            if "://" in url:
                return url, title
            return get_relative_url(f"{language}/{url}", from_url or ""), title

        autorefs.register_anchor = register
        autorefs.get_item_url = item_url
        autorefs._docglot_wrapped = True


__all__: Sequence[str] = ["DocglotConfig", "DocglotPlugin"]
