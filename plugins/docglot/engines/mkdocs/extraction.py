"""The messages a site shows: the source-language site rendered once, its API text recorded.

`docglot catalog update` merges them into the catalogs, and `docglot check` holds the
catalogs against them: both call `extract`, with the configuration loaded by `load_site`.
The last build's messages are reused while nothing they depend on has changed
(`extraction_cache`); otherwise the source-language pages are rendered, and nothing is
written: no theme template, search index or page file.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from docglot.engines.mkdocs import extraction_cache
from docglot.engines.mkdocs.plugin import DocglotPlugin, PagesRead
from docglot.errors import UsageError
from docglot.text.merge import Extracted
from docglot.text.messages import Message


def load_site(config_file: str, loaded: MkDocsConfig | None = None) -> tuple[MkDocsConfig, DocglotPlugin]:
    """Load a site's `mkdocs.yml` as MkDocs does (unless `loaded` is it); return it and its docglot plugin."""
    if not Path(config_file).is_file():
        raise UsageError(
            f"{config_file}: no such file; run docglot where mkdocs.yml is, or pass --config-file"
        )
    config = loaded if loaded is not None else load_config(config_file)
    plugin = config.plugins.get("docglot")
    if not isinstance(plugin, DocglotPlugin):
        raise UsageError(f"{config_file}: the docglot plugin is not enabled; add it under 'plugins'")
    return config, plugin


def extract(
    config_file: str, *, strict: bool = True, loaded: MkDocsConfig | None = None
) -> tuple[MkDocsConfig, DocglotPlugin, list[Extracted]]:
    """Return every API message the source-language site shows, rendering it if needed.

    The messages are those the griffe extension and mkdocstrings render, recorded as they
    are rendered, plus every title written in the navigation. Strict by default: a warning is a
    text that could not be read, whose translation an update would make obsolete. `loaded`,
    the site's configuration as MkDocs loaded it, spares loading it again; a rendering builds
    with it.
    """
    config, plugin = load_site(config_file, loaded)
    pages = Path(config.docs_dir) / (plugin.config.languages[0] if plugin.config.languages else "")
    cache = extraction_cache.cache_file(config_file, plugin.config.cache_dir)
    kept = extraction_cache.load(cache, config_file, pages)
    if kept is not None:
        return config, plugin, kept
    config["strict"] = strict
    if plugin.config.languages:
        plugin.only = (plugin.config.languages[0],)
    recorded: dict[Message, Extracted] = {}
    plugin.extract = recorded
    # MkDocs counts warnings for `--strict` only at the end of a build, which this one
    # never reaches: the plugin stops it once every page is read (`PagesRead`).
    warnings = CountHandler()
    warnings.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        with tempfile.TemporaryDirectory(prefix="docglot-extract-") as site:
            config["site_dir"] = site
            build(config)
    except PagesRead:
        pass
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    if strict and (counts := warnings.get_counts()):
        found = ", ".join(f"{count} {level.lower()}s" for level, count in counts)
        raise Abort(f"Aborted with {found} in strict mode!")
    messages = extraction_cache.site_messages(plugin.nav_config, recorded)
    if cache is not None and not warnings.get_counts():
        extraction_cache.save(cache, config_file, pages, messages)
    return config, plugin, messages
