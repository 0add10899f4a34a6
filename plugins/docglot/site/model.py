"""The site as every engine and check sees it: its languages, folders, catalogs and translators.

Built once from the configuration by [`SiteModel.read`][docglot.site.model.SiteModel.read],
for the MkDocs plugin, the Zensical build and `docglot check --site` alike. What is wrong
with the site (a language without its folder, a catalog of no language, a catalogs folder
outside the project, a catalog that does not parse) is a `DocglotError` whose message names
the line of `mkdocs.yml` or of the catalog and the fix; each engine turns it into its own.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from mkdocs.utils import is_markdown_file

from docglot.config_lines import is_written, where
from docglot.errors import DocglotError
from docglot.paths import display_path
from docglot.site.languages import Languages, NavTitle, babel_locale
from docglot.text import catalog_cache
from docglot.text.catalogs import catalog_folder, catalog_path
from docglot.text.lookup import SiteCatalog, State
from docglot.text.merge import Extracted
from docglot.text.messages import NAV_CONTEXT, Message
from docglot.text.translation import Translator

# MkDocs shows a plugin's INFO lines under this name; Zensical shows them as any logger's.
log = logging.getLogger("mkdocs.plugins.docglot")


@dataclass(frozen=True)
class SiteOptions:
    """docglot's options, as `mkdocs.yml` sets them under the plugin (validated by the engine)."""

    languages: Sequence[str]
    """Language codes; the first is the source language, published at the site root."""
    catalogs: str = "locales"
    """The folder of the PO catalogs, relative to `mkdocs.yml`."""
    fuzzy: str = "source"
    """What an outdated translation shows: the English text (`source`) or the old translation."""
    cache_dir: str = ".cache/docglot"
    """Where compiled templates are kept between builds, relative to `mkdocs.yml`; empty: nowhere."""


@dataclass(frozen=True)
class SiteModel:
    """A site's languages, their folders and catalogs, and a translator for each language built."""

    config_file: Path
    """The site's `mkdocs.yml`."""
    docs_dir: Path
    """The folder that holds one folder of pages per language."""
    options: SiteOptions
    """docglot's options."""
    languages: Languages
    """The languages built, and all those declared."""
    catalogs: Path
    """The folder of the catalogs, inside the project."""
    translators: dict[str, Translator]
    """The translator of each language built; the source language's has no catalog."""

    @classmethod
    def read(
        cls,
        config_file: str | Path,
        docs_dir: str | Path,
        options: SiteOptions,
        *,
        only: Sequence[str] = (),
        extracted: dict[Message, Extracted] | None = None,
    ) -> SiteModel:
        """Check the site's languages, folders and catalogs, and load the catalogs of the languages built.

        Args:
            config_file: The site's `mkdocs.yml`.
            docs_dir: Its `docs_dir`.
            options: docglot's options.
            only: When given, the languages built besides the source language.
            extracted: When given, the source language's translator records every message
                rendered here (the extraction of `docglot catalog update`).

        Raises:
            DocglotError: The site cannot be built as configured; the message says where and why.
        """
        config_file, docs_dir = Path(config_file), Path(docs_dir)
        languages = Languages.parse(list(options.languages), only=only)
        _check_language_folders(config_file, docs_dir, languages)
        catalogs = catalog_folder(str(config_file), options.catalogs)
        _check_catalogs(config_file, docs_dir, catalogs, languages)
        site = cls(config_file, docs_dir, options, languages, catalogs, {})
        site.translators[languages.source] = Translator(languages.source, extracted=extracted)
        for language in languages.translations:
            site.translators[language] = site.read_translator(language)
        return site

    def read_translator(self, language: str) -> Translator:
        """Read a translation's catalog as it is now, into a translator (not yet the site's).

        Raises:
            DocglotError: The catalog does not parse; the message names its line.
        """
        path = catalog_path(self.catalogs, language)
        catalog = SiteCatalog.load(path, babel_locale(language), self.config_file.parent, self.catalog_cache)
        return Translator(language, catalog, show_fuzzy=self.options.fuzzy)

    @property
    def catalog_cache(self) -> Path | None:
        """Where catalogs are kept as they were read; `None` if the site keeps none."""
        return catalog_cache.folder(self.config_file, self.options.cache_dir)

    @property
    def template_cache(self) -> Path | None:
        """Where compiled templates are kept between builds; `None` if the site keeps none."""
        if not self.options.cache_dir:
            return None
        return self.config_file.parent / self.options.cache_dir / "templates"

    def nav_title(self, language: str, translator: Translator | None = None) -> NavTitle:
        """Return a function that gives a title written in `nav` in a language.

        The language's own translator is read, or `translator` if given (a catalog just saved).

        Untranslated, a title stays the one written in `nav`. A translated title is plain
        text, escaped here: the themes write navigation titles into the page as HTML
        (Material's and Zensical's `{{ nav_item.title }}`, in the sidebar, the tabs, the
        breadcrumbs and Zensical's search index). A page's title also goes into the page's
        `<title>` through `striptags`, which decodes the escaping: a translated page title
        holding `<` could end that element, so the title written in `nav` shows instead.
        """
        catalog = (translator or self.translators[language]).catalog

        def title(text: str, *, page: bool) -> str:
            if catalog is None:
                return text
            entry = catalog.lookup(Message(NAV_CONTEXT, text))
            if entry.state is not State.translated or (page and "<" in entry.translation):
                return text
            return escape(entry.translation)

        return title


def _check_language_folders(config_file: Path, docs_dir: Path, languages: Languages) -> None:
    """Refuse a declared language without its folder of pages (even one this build leaves out)."""
    for index, language in enumerate(languages.declared):
        if not (docs_dir / language).is_dir():
            then = "with the source pages" if index == 0 else "(pages it lacks are built from the source's)"
            raise DocglotError(
                f"{where(str(config_file), 'languages', index)}: language {language!r} "
                f"has no folder {display_path(docs_dir / language)}; create it {then}"
            )


def _check_catalogs(config_file: Path, docs_dir: Path, catalogs: Path, languages: Languages) -> None:
    """Refuse a catalog named after no declared translation: it would be silently ignored.

    A translation without its catalog shows its API text in English: said at INFO with
    the catalog's path, and refused when the `catalogs` folder written in `mkdocs.yml`
    does not exist and the language has no pages of its own (a misspelt `catalogs`: a
    site all in English). Without `catalogs`, a site may not have catalogs yet.
    """
    written = is_written(str(config_file), "catalogs")
    for language in languages.translations:
        path = catalog_path(catalogs, language)
        if path.exists() or path.is_symlink():
            continue
        pages = (page for page in (docs_dir / language).rglob("*") if is_markdown_file(page.name))
        if written and not catalogs.is_dir() and next(pages, None) is None:
            raise DocglotError(
                f"{where(str(config_file), 'catalogs')}: the catalogs folder "
                f"{display_path(catalogs)} does not exist and {language!r} has no pages of its own: its "
                "pages would all be in the source language; correct 'catalogs', or create the catalogs "
                "with docglot catalog update"
            )
        log.info(
            "docglot: no catalog %s: the API text of %r is shown in the source language",
            display_path(path),
            language,
        )
    if not catalogs.is_dir():
        return
    translations = languages.declared[1:]
    for path in sorted(catalogs.glob("*.po")):
        language = path.stem
        if language in translations:
            continue
        spelled = [code for code in translations if babel_locale(code) == babel_locale(language)]
        if spelled:
            fix = f"the language is declared as {spelled[0]!r}; rename this file {spelled[0]}.po"
        elif language == languages.source:
            fix = f"{language!r} is the source language, whose text is the code's; delete this file"
        else:
            declared = where(str(config_file), "languages")
            fix = f"{language!r} is not a language of the site ({declared}); declare it or delete the file"
        raise DocglotError(f"{display_path(path)}: {fix}")
