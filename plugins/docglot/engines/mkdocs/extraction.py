"""The messages a site shows: the source-language site rendered once, its API text recorded.

`docglot catalog update` merges them into the catalogs, and `docglot check` holds the
catalogs against them: both call `extract`, with the configuration loaded by `load_site`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from docglot.engines.mkdocs.plugin import DocglotPlugin
from docglot.errors import UsageError
from docglot.site.languages import nav_titles
from docglot.text.merge import Extracted
from docglot.text.messages import NAV_CONTEXT, Message


def load_site(config_file: str) -> tuple[MkDocsConfig, DocglotPlugin]:
    """Load a site's `mkdocs.yml` as MkDocs does; return it and its docglot plugin."""
    if not Path(config_file).is_file():
        raise UsageError(
            f"{config_file}: no such file; run docglot where mkdocs.yml is, or pass --config-file"
        )
    config = load_config(config_file)
    plugin = config.plugins.get("docglot")
    if not isinstance(plugin, DocglotPlugin):
        raise UsageError(f"{config_file}: the docglot plugin is not enabled; add it under 'plugins'")
    return config, plugin


def extract(config_file: str, *, strict: bool = True) -> tuple[MkDocsConfig, DocglotPlugin, list[Extracted]]:
    """Render the source-language site once and return every API message it showed.

    The messages are those the griffe extension and mkdocstrings render, recorded as they
    are rendered, plus every title written in the navigation. Strict by default: a warning is a
    text that could not be read, whose translation an update would make obsolete.
    """
    config, plugin = load_site(config_file)
    config["strict"] = strict
    if plugin.config.languages:
        plugin.only = (plugin.config.languages[0],)
    recorded: dict[Message, Extracted] = {}
    plugin.extract = recorded
    with tempfile.TemporaryDirectory(prefix="docglot-extract-") as site:
        config["site_dir"] = site
        build(config)
    titles = [
        Extracted(Message(NAV_CONTEXT, title)) for title in dict.fromkeys(nav_titles(plugin.nav_config))
    ]
    return config, plugin, [*titles, *recorded.values()]
