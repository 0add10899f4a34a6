"""What the checks need from a site's `mkdocs.yml`: its pages, languages and catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from docglot.engines.mkdocs.plugin import DocglotPlugin
from docglot.errors import DocglotError
from docglot.site.model import SiteModel


class SiteConfigError(Exception):
    """The site's configuration cannot be used: the message names the file and what to fix."""


@dataclass(frozen=True)
class SiteConfig:
    """The parts of a site's configuration that the checks read."""

    config_file: Path
    """The `mkdocs.yml`."""
    docs_dir: Path
    """The folder of the source language's pages (`docs/en/` on a docglot site)."""
    languages: list[str]
    """The site's languages; the first is the source language."""
    catalogs: Path
    """The folder of the catalogs, `LANGUAGE.po`."""
    translations: dict[str, Catalog]
    """Each translation's catalog, as the site read it (empty for a language without one)."""
    mkdocs: MkDocsConfig
    """The configuration as MkDocs loaded it, plugins included: an extraction builds with it."""


def read_site_config(config_file: str) -> SiteConfig:
    """Read a site's `mkdocs.yml` as MkDocs does (validated, with its plugins)."""
    path = Path(config_file)
    if not path.is_file():
        raise SiteConfigError(
            f"{config_file}: no such file; name the site's mkdocs.yml with docglot check -f FILE"
        )
    try:
        config: MkDocsConfig = load_config(str(path))
    except MkDocsException as error:
        # MkDocs has logged what is wrong, with its line; its own last words close the report.
        raise SiteConfigError(str(error)) from None
    plugin = config.plugins.get("docglot")
    if not isinstance(plugin, DocglotPlugin) or not plugin.config.languages:
        raise SiteConfigError(f"{config_file}: the docglot plugin is not enabled with its languages")
    try:
        # What a build refuses before it starts (a language without pages, a catalog of no
        # language or that does not parse), the checks refuse with the same words.
        site = SiteModel.read(config.config_file_path, config.docs_dir, plugin.site_options())
    except DocglotError as error:
        raise SiteConfigError(str(error)) from None
    languages = list(site.languages.declared)
    docs_dir = Path(config.docs_dir)
    return SiteConfig(
        config_file=path,
        docs_dir=docs_dir / languages[0] if (docs_dir / languages[0]).is_dir() else docs_dir,
        languages=languages,
        catalogs=site.catalogs,
        # Read once, here: the translation rules take them as the site read them.
        translations={
            language: translator.catalog.catalog
            for language, translator in site.translators.items()
            if translator.catalog is not None
        },
        mkdocs=config,
    )
