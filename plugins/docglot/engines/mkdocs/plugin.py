"""The MkDocs plugin: every language of the site in one build.

One build means one griffe load and one set of compiled templates for all languages. The
events below run in MkDocs' build order; per language, the plugin switches what differs:
the files' places, the navigation, the API text (through the active
[`Translator`][docglot.text.translation.Translator]), the labels, Material's interface language,
the language switcher, the search index and the cross-reference targets. The build is
written to a staging folder that replaces the site folder only once the build has
succeeded ([`StagedSite`][docglot.site.staging.StagedSite]).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url, nest_paths
from mkdocs.utils.templates import TemplateContext
from mkdocstrings import AutoDocProcessor

from docglot.engines import render_once
from docglot.engines.collector import collect_less, no_collection_at_exit
from docglot.engines.handler import cache_templates, messages_only, prepare_python_handler
from docglot.engines.heading_copies import HeadingCopiesExtension
from docglot.engines.mkdocs import extraction_cache, preview
from docglot.engines.mkdocs.autorefs import read_attributes_once, resolve_in_each_language
from docglot.engines.mkdocs.collection import explain_collection_failures
from docglot.engines.mkdocs.fallback_pages import FallbackPages, FallbackPagesExtension
from docglot.engines.mkdocs.inventory import point_at_source_pages
from docglot.engines.mkdocs.options import DocglotConfig
from docglot.engines.mkdocs.page_store import PageStore, known_readers_only
from docglot.engines.mkdocs.search_attributes import restore_removal, skip_needless_removal
from docglot.engines.mkdocs.search_index import (
    replace_page_entries,
    restore_search_parser,
    split_search_index,
    use_fast_search_parser,
)
from docglot.engines.mkdocs.search_worker import SearchWorker
from docglot.engines.theme import (
    PERMALINK_TITLE,
    STYLESHEET,
    STYLESHEET_FILE,
    localize_permalinks,
    theme_language,
)
from docglot.errors import DocglotError
from docglot.paths import display_path
from docglot.reading.docstrings import activate
from docglot.site.languages import (
    Languages,
    NavTitle,
    localize_files,
    localize_nav,
    notice_html,
    titled_pages,
    with_notice,
)
from docglot.site.model import SiteModel, SiteOptions
from docglot.site.sanitize import guard_references
from docglot.site.staging import StagedSite
from docglot.text.merge import Extracted
from docglot.text.messages import Message
from docglot.text.translation import Translator

LAST = float("-inf")
"""The priority of the site's publication: after every other plugin's `on_post_build`, so that
a failure there leaves the site folder as it was."""


log = logging.getLogger("mkdocs.plugins.docglot")


class PagesRead(Exception):
    """Every page of an extraction is read: its messages are recorded, nothing is left to write."""


class DocglotPlugin(BasePlugin[DocglotConfig]):  # type: ignore[no-untyped-call]
    """Build the site in every declared language, API text included."""

    def __init__(self) -> None:
        """Start with nothing known about the site."""
        self.languages = Languages(("en",))
        self.translators: dict[str, Translator] = {}
        self.site: SiteModel | None = None
        """The site, read from the configuration when the build starts."""
        self.navs: dict[str, Navigation] = {}
        self.extract: dict[Message, Extracted] | None = None
        """When set (by `docglot catalog update`), the messages rendered are recorded here, and
        the build stops once the pages are read (`PagesRead`)."""
        self._recorded: dict[Message, Extracted] = {}
        """The messages a build's source-language pages show, kept for the next extraction."""
        self._warnings = _OwnCount()
        """Counts the build's warnings: only a build without any keeps its messages."""
        self.only: tuple[str, ...] = ()
        """When set, the build leaves out every language but the source and these (`docglot
        serve --lang`; the extraction sets the source alone)."""
        self.preview = False
        """When set (`docglot serve`), the build keeps what showing a saved catalog needs: the
        messages each translated page shows, the recorded blocks, the loaded code (`retranslate`)."""
        self._shown: dict[str, set[Message]] = {}
        """The messages each translated page showed, by its path, while `preview` is set."""
        self._handler: Any = None
        """mkdocstrings' Python handler, which holds the loaded code."""
        self.nav_config: Any = None
        """The site's `nav`, as written in `mkdocs.yml` (paths under the source folder)."""
        self._files = Files([])
        self._fallbacks: set[str] = set()
        self._env: Environment | None = None
        self._config: MkDocsConfig | None = None
        self._written_nav: Any = None
        self._alternate: Any = None
        self._staged: StagedSite | None = None
        self._site_dir = ""
        """The site folder the configuration names, while the build writes to a staging folder."""
        self._page: Page | None = None
        """The page being read, for messages about its `:::` directives."""
        self._pages = PageStore()
        """The other languages' pages, compressed until each is written (`page_store.py`)."""
        self._compress_early = False
        """Whether each page of another language is compressed as soon as it is read."""
        self._read: Page | None = None
        """The last page read, compressed once MkDocs has its HTML (at the next page, or `on_env`)."""
        self._fallback_pages = FallbackPages()
        """The source pages' conversions, given to the other languages' copies (`fallback_pages.py`)."""
        self._search = SearchWorker()
        """Material's search index, made in a second process while pages are written (`search_worker.py`)."""
        self._collection_thresholds: tuple[int, int, int] | None = None
        """The garbage collector's thresholds before the build (`collector.py`), set back after it."""
        self._theme_languages: dict[str, str] = {}
        """The theme's interface language for each language of the site, found once a build."""

    def site_options(self) -> SiteOptions:
        """The plugin's options, as every engine reads them."""
        return SiteOptions(
            languages=self.config.languages,
            catalogs=self.config.catalogs,
            fuzzy=self.config.fuzzy,
            cache_dir=self.config.cache_dir,
        )

    # 1. Configuration: languages, catalogs, stylesheet. -------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the site: its languages, their folders and their catalogs (`SiteModel`)."""
        self._recorded = self.extract if self.extract is not None else {}
        self._warnings = _OwnCount()
        self._warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self._warnings)
        try:
            self.site = SiteModel.read(
                config.config_file_path,
                config.docs_dir,
                self.site_options(),
                only=self.only,
                extracted=self._recorded,
            )
        except DocglotError as error:
            raise PluginError(f"docglot: {error}") from None
        self.languages, self.translators = self.site.languages, self.site.translators
        render_once.start_build(languages=len(self.languages.codes))
        self._collection_thresholds = collect_less()
        no_collection_at_exit()
        messages_only(self.extract is not None)
        self._read = None
        self._theme_languages = {}
        config.theme["language"] = self._theme_language(config, self.languages.source)
        if self.site.catalogs.is_dir() and str(self.site.catalogs) not in config.watch:
            config.watch.append(str(self.site.catalogs))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for extension in (HeadingCopiesExtension, FallbackPagesExtension):
            if not any(isinstance(added, extension) for added in config.markdown_extensions):
                config.markdown_extensions.append(extension())
        self.nav_config = self._written_nav = config.nav
        self._alternate = config.extra.get("alternate")
        self._config = config
        # Every page is indexed once per language: Material's search reads them faster, and
        # reads them again only if they have attributes for it to remove.
        use_fast_search_parser()
        skip_needless_removal(config)
        return config

    # 2. Files: every language gets the full tree of pages. -----------------------------

    @event_priority(100)  # Before any other plugin reads where the site goes.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Send the build to a staging folder: the site folder changes only if the build succeeds."""
        if self._staged is not None:
            # A build this process left unfinished (`mkdocs serve` interrupted) still holds its lock.
            self._staged.discard()
            self._staged = None
        try:
            self._staged = StagedSite.start(config.site_dir)
        except DocglotError as error:
            raise PluginError(f"docglot: {error}") from None
        self._site_dir = config.site_dir
        config.site_dir = str(self._staged.staging)
        if self.extract is None:  # An extraction writes no page, and indexes none.
            self._search.start(config)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Publish the source pages at the root, fill in missing translations, add the stylesheet."""
        if self._staged is not None:
            self._staged.keep_previous_if_dirty()
        # Every plugin is configured, autorefs (which mkdocstrings adds) included.
        self._compress_early = self.extract is None and known_readers_only(config)
        self._prepare_mkdocstrings(config)
        self._prepare_autorefs(config)
        try:
            files, self._fallbacks = localize_files(files, config, self.languages)
        except DocglotError as error:
            raise PluginError(f"docglot: {error}") from None
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(STYLESHEET_FILE)))
        if self.nav_config is None:  # No `nav`: the source pages meant for a nav, as MkDocs lists them.
            source_pages = []
            in_nav = files.documentation_pages(inclusion=InclusionLevel.is_in_nav)
            for page_file in sorted(in_nav, key=file_sort_key):
                language, relative = self.languages.of_file(page_file.src_uri)
                if language == self.languages.source:
                    source_pages.append(relative)
            self.nav_config = nest_paths(source_pages)  # type: ignore[no-untyped-call]
        source = self.languages.source
        config.nav = localize_nav(self.nav_config, source, self.languages, self._nav_title(source))
        self._files = files
        self._fallback_pages.start(config, files, self.languages, self._fallbacks)
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
                # MkDocs made the language's pages, untitled, with the source navigation: a
                # title written in `nav` replaces the page's own heading, as in the source language.
                for path, title in titled_pages(config.nav).items():
                    page_file = files.get_file_from_path(path)
                    if page_file is not None and isinstance(page_file.page, Page):
                        page_file.page.title = title
                home = files.get_file_from_path(f"{language}/index.md")
                if home is not None and isinstance(home.page, Page):
                    translated.homepage = home.page
                self.navs[language] = translated
        finally:
            config.nav = source_nav
        return nav

    def _nav_title(self, language: str) -> NavTitle:
        assert self.site is not None  # Read in `on_config`, before the navigation is built.
        return self.site.nav_title(language)

    # 4. Markdown: render each page's API text in its language. --------------------------

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Make the page's language serve the docstrings and labels mkdocstrings renders."""
        self._compress_read_page()
        translator = self.translators[self._language(page)]
        if self.preview and self._translated(page):
            translator.shown = set()
        activate(translator)
        self._page = page
        return page

    @event_priority(LAST)  # Every other plugin has read the Markdown: it is the one MkDocs converts.
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Leave nothing to convert in a page a language lacks whose source page's HTML it takes."""
        return self._fallback_pages.markdown(page, markdown)

    @event_priority(100)  # Before any other plugin reads the HTML.
    def _on_page_content_reuse(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep a source page's HTML for the pages built from it; give such a page its HTML."""
        return self._fallback_pages.content(page, html, config, files)

    def _on_page_content_language(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Translate the headings' permalink tooltip; tell readers when a page is in the source language."""
        language = self._language(page)
        if language == self.languages.source:
            return html
        translator = self.translators[language]
        if translator.shown is not None:
            self._shown[page.file.src_uri], translator.shown = translator.shown, None
        # The `toc` extension writes one tooltip on every heading, in English unless configured.
        tooltip = str(config.mdx_configs.get("toc", {}).get("permalink_title", PERMALINK_TITLE))
        html = localize_permalinks(html, tooltip, language)
        if page.file.src_uri in self._fallbacks:
            html = with_notice(html, notice_html(language))
        self._read = page if self._compress_early else None
        return html

    on_page_content = CombinedEvent(_on_page_content_reuse, _on_page_content_language)

    def _on_env_done_reading(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """All Markdown is rendered: docstrings go back to the source language."""
        self._compress_read_page()
        activate(None)
        render_once.end_build(keep=self.preview)  # Every block is rendered in every language.
        self._fallback_pages.clear()  # Every page is read.
        self._page = None
        if self.extract is not None:
            raise PagesRead
        cache_templates(env, self._template_cache(config))
        self._env = env
        return env

    @event_priority(-60)  # Right after autorefs (-50), which left the compressed pages as they were.
    def _on_env_references(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Resolve the cross-references of the pages compressed as they were read, one at a time."""
        autorefs = config.plugins.get("autorefs")
        if autorefs is not None:
            self._pages.resolve_references(autorefs, env, config, files)
        return env

    @event_priority(-200)  # After autorefs (-50) and mkdocstrings (-100), the last to read every page.
    def _on_env_compress(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Compress the other languages' pages that are not yet, until each is written (`page_store.py`)."""
        for file in files.documentation_pages():
            if isinstance(file.page, Page) and self._translated(file.page):
                self._pages.compress(file.page)
        return env

    on_env = CombinedEvent(_on_env_done_reading, _on_env_references, _on_env_compress)

    # 5. Templates: the page's language for Material, its navigation, its switcher. -------

    @event_priority(100)  # Before any other plugin reads the page (Material's search).
    def _on_page_context_restore(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give the page its HTML back, for the theme and the other plugins."""
        self._pages.restore(page)
        return context

    def _on_page_context_language(
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

    on_page_context = CombinedEvent(_on_page_context_restore, _on_page_context_language)

    @event_priority(LAST)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A written page of another language lets go of its HTML: it is kept compressed no longer."""
        self._pages.release(page)
        return output

    # 6. After the build: per-language search, an inventory of the source pages. --------

    @event_priority(-100)  # After Material's search plugin has written its index.
    def _on_post_build_index(self, *, config: MkDocsConfig) -> None:
        """Split the search index by language, point `objects.inv` at the source pages, tidy up."""
        site = Path(config.site_dir)
        split_search_index(site, self.languages, self._env or config.theme.get_env())
        point_at_source_pages(site / "objects.inv", self.languages)
        self._restore(config)

    @event_priority(LAST)
    def _on_post_build_publish(self, *, config: MkDocsConfig) -> None:
        """Put the build in place of the site folder, unless MkDocs is about to abort it."""
        if self._staged is None or _strict_abort_ahead(config):
            return  # MkDocs aborts next, and `on_build_error` discards the build.
        staged, self._staged = self._staged, None
        config.site_dir = self._site_dir
        try:
            staged.publish()
        except OSError as error:
            staged.discard()
            raise PluginError(
                f"docglot: cannot replace {display_path(staged.site)} by the new build: {error}"
            ) from None
        self._keep_messages(config)

    on_post_build = CombinedEvent(_on_post_build_index, _on_post_build_publish)

    @event_priority(LAST)  # It may end the build with its own line: every other plugin's runs first.
    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves the site folder, the configuration and the active language as they were.

        A write into the staging folder that failed (a full disk) is reported in one line,
        as MkDocs reports a `BuildError`, rather than by its traceback.
        """
        activate(None)
        self._page = None
        logging.getLogger("mkdocs").removeHandler(self._warnings)  # Also when `on_config` failed.
        self._collect_as_before()  # Also when `on_config` failed after setting the thresholds.
        if self._config is not None:
            self._restore(self._config)
            if self._staged is not None:
                self._config.site_dir = self._site_dir
        if self._staged is not None:
            staged, self._staged = self._staged, None
            staged.discard()
            failure = staged.write_failure(error)
            if failure is not None:
                log.error(failure)
                raise Abort("Aborted with a BuildError!") from None

    # 7. The preview server: a saved catalog shows on its own pages (`preview.py`). --------

    def retranslate(self, languages: Collection[str]) -> bool:
        """Show the catalogs of `languages` as saved, writing again only the pages whose text changed.

        Returns `False`, having changed nothing the server shows, when the change needs a
        whole build (see `preview.py`); the plugin is then left for that build to replace.

        Raises:
            DocglotError: A catalog does not parse; the site stays as the last build wrote it.
        """
        config, env, site = self._config, self._env, self.site
        if not self.preview or config is None or env is None or site is None:
            return False
        if not preview.known_plugins_only(config):
            return False
        translators = {language: site.read_translator(language) for language in languages}
        pages: list[Page] = []
        for language, new in translators.items():
            old = self.translators[language]
            before = localize_nav(self.nav_config, language, self.languages, site.nav_title(language))
            after = localize_nav(self.nav_config, language, self.languages, site.nav_title(language, new))
            if before != after:  # Every page of the language shows its navigation.
                return False
            for file in self._files.documentation_pages():
                page = file.page
                if not isinstance(page, Page) or self._language(page) != language:
                    continue
                shown = self._shown.get(file.src_uri)
                if shown is None:
                    return False
                if preview.changed_messages(shown, old, new):
                    pages.append(page)
        self.translators.update(translators)
        if pages:
            return self._write_again(pages, config, env)
        return True

    def _write_again(self, pages: list[Page], config: MkDocsConfig, env: Environment) -> bool:
        """Read and write these pages again, as the last build did; `False` if other pages may change too."""
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is not None and self._handler is not None:
            # mkdocstrings lets go of its handlers after each build (`on_post_build`). This one
            # holds the loaded code, which pages read again need; mkdocstrings has no public call
            # to give a handler back.
            mkdocstrings.handlers._handlers.setdefault("python", self._handler)
        anchors = {page.file.src_uri: preview.anchors(page) for page in pages}
        self._compress_early = False
        use_fast_search_parser()
        site_dir = Path(self._site_dir)
        try:
            for page in pages:
                preview.read_page(page, config, self._files)
            if any(preview.anchors(page) != anchors[page.file.src_uri] for page in pages):
                return False  # Another page may link to a heading that came or went.
            entries: dict[str, dict[str, list[dict[str, Any]]]] = {}
            nav = self.navs[self.languages.source]  # As MkDocs passes it; each page shows its own.
            for page in pages:
                preview.resolve_references(page, config.plugins.get("autorefs"), env, config)
                written = preview.write_page(page, config, self._files, nav, env, site_dir)
                entries.setdefault(self._language(page), {})[page.url] = written
            return all(
                replace_page_entries(site_dir, self.languages, language, found)
                for language, found in entries.items()
            )
        finally:
            self._restore(config)

    # Helpers. ----------------------------------------------------------------------------

    def _translated(self, page: Page) -> bool:
        return self._language(page) in self.languages.translations

    def _compress_read_page(self) -> None:
        """Compress the page read last, if it is another language's: MkDocs has its HTML now."""
        page, self._read = self._read, None
        if page is not None and self._translated(page):
            self._pages.compress(page)

    def _language(self, page: Page) -> str:
        """The language of a page; pages other plugins add outside the folders are the source's."""
        return self.languages.of_file(page.file.src_uri)[0] or self.languages.source

    def _theme_language(self, config: MkDocsConfig, language: str) -> str:
        # Once a language, not once a page: it looks for files, and says when it falls back.
        if language not in self._theme_languages:
            folders = [Path(folder) for folder in config.theme.dirs]
            self._theme_languages[language] = theme_language(folders, language, self.languages.source)
        return self._theme_languages[language]

    def _keep_messages(self, config: MkDocsConfig) -> None:
        """Keep the messages of a build without warnings, for `catalog update` and `check`."""
        cache = extraction_cache.cache_file(config.config_file_path, self.config.cache_dir)
        if cache is None or self._warnings.get_counts() or self.site is None:
            return
        pages = Path(config.docs_dir) / self.languages.source
        messages = extraction_cache.site_messages(self.nav_config, self._recorded)
        extraction_cache.save(cache, config.config_file_path, pages, messages)

    def _restore(self, config: MkDocsConfig) -> None:
        """Give the configuration back as it was, for whatever builds with it next."""
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        activate(None)
        render_once.end_build(keep=self.preview)
        messages_only(False)
        self._collect_as_before()
        self._pages.clear()
        self._fallback_pages.clear()
        self._read = None
        self._search.stop()
        restore_search_parser()
        restore_removal(config)
        config.nav = self._written_nav
        config.theme["language"] = self._theme_language(config, self.languages.source)
        if self._alternate is None:
            config.extra.pop("alternate", None)
        else:
            config.extra["alternate"] = self._alternate

    def _collect_as_before(self) -> None:
        """Give the garbage collector the thresholds it had before the build (`collector.py`)."""
        if self._collection_thresholds is not None:
            gc.set_threshold(*self._collection_thresholds)
            self._collection_thresholds = None

    def _prepare_mkdocstrings(self, config: MkDocsConfig) -> None:
        """Give mkdocstrings-python translated labels, read in the language being rendered.

        Compiled templates are kept between builds: one build compiles each template once
        for every language, and across builds (each rebuild of `docglot serve`) Jinja's
        bytecode cache skips compiling unchanged templates. A directive whose object cannot
        be collected stops the build with one line (`collection.py`).
        """
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is None:
            return
        handler = self._handler = mkdocstrings.get_handler("python")
        prepare_python_handler(handler, self.languages.source)
        cache_templates(handler.env, self._template_cache(config))
        explain_collection_failures(handler, self._directive_place)

    def _template_cache(self, config: MkDocsConfig) -> Path | None:
        """Where compiled templates are kept between builds; `None` if the site keeps none."""
        return self.site.template_cache if self.site is not None else None

    def _directive_place(self, identifier: str) -> str:
        """`FILE:LINE` of the `:::` directive of the page being read (the source page's for a fallback)."""
        page, config = self._page, self._config
        if page is None or config is None:
            return "an unknown page"
        path = page.file.abs_src_path
        if path is None:  # Built from the source page, for a language that lacks it.
            path = str(
                Path(config.docs_dir) / self.languages.source / self.languages.of_file(page.file.src_uri)[1]
            )
        text = page.file.content_string
        lines = [
            text.count("\n", 0, match.start()) + 1
            for match in AutoDocProcessor.regex.finditer(text)
            if match["name"] == identifier
        ]
        return f"{display_path(path)}:{lines[0]}" if lines else display_path(path)

    def _prepare_autorefs(self, config: MkDocsConfig) -> None:
        """Make cross-references resolve to the page in the same language (see `autorefs.py`).

        A translation's own `<autoref>` elements never reach autorefs (see `docglot.site.sanitize`).
        """
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is not None:
            guard_references(mkdocstrings.get_handler("python"), self.languages.source)
        autorefs = config.plugins.get("autorefs")
        if autorefs is not None:
            resolve_in_each_language(autorefs, lambda: self.languages)
            read_attributes_once()


class _OwnCount(CountHandler):
    """docglot's count of a build's warnings, which says nothing of MkDocs' `--strict`.

    It is on the `mkdocs` logger from the plugin's `on_config` on, and a configuration that
    is read and never built leaves it there, counting the warnings of every later build in
    the process: read as MkDocs' own count, a later strict build without warnings would
    never be published.
    """


def _strict_abort_ahead(config: MkDocsConfig) -> bool:
    """Whether MkDocs will abort this build in strict mode once the post-build events are done.

    `mkdocs build --strict` counts warnings with a handler on the `mkdocs` logger and aborts
    after `on_post_build`: a build with warnings must not be published.
    """
    if not config.strict:
        return False
    counters = [
        handler
        for handler in logging.getLogger("mkdocs").handlers
        if isinstance(handler, CountHandler) and not isinstance(handler, _OwnCount)
    ]
    return any(counter.get_counts() for counter in counters)


__all__: Sequence[str] = ["DocglotConfig", "DocglotPlugin"]
