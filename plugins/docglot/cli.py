"""The `docglot` command: catalogs of API text, and a preview server for translators.

```
docglot catalog update   extract the API text and merge it into every language's catalog
docglot catalog stats    translated, fuzzy and untranslated counts per language
docglot serve --lang de  preview the source language and one translation, rebuilt on save
docglot build            build the whole site (`--engine zensical`: with Zensical)
```
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from docglot.checks.command import CHECK_ERRORS
from docglot.checks.command import add_arguments as add_check_arguments
from docglot.checks.command import run as run_check
from docglot.checks.findings import display_path
from docglot.engines.build import ENGINES
from docglot.engines.build import build_site as build_with
from docglot.engines.mkdocs.plugin import LANGUAGES_VARIABLE, NAV_CONTEXT, DocglotPlugin
from docglot.site.languages import babel_locale, nav_titles
from docglot.text.catalogs import (
    CatalogError,
    Extracted,
    catalog_path,
    merge,
    read_catalog,
    stats,
    write_catalog,
)
from docglot.text.messages import Message


class UsageError(Exception):
    """Wrong input: the message says what to fix."""


def _load(config_file: str) -> tuple[MkDocsConfig, DocglotPlugin]:
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
    are rendered, plus the navigation's section titles. Strict by default: a warning is a
    text that could not be read, whose translation an update would make obsolete.
    """
    config, plugin = _load(config_file)
    config["strict"] = strict
    source = plugin.config.languages[0] if plugin.config.languages else ""
    # The plugin reads this when the build starts (`on_config`): the source language only.
    previous = os.environ.get(LANGUAGES_VARIABLE)
    os.environ[LANGUAGES_VARIABLE] = source
    try:
        recorded: dict[Message, Extracted] = {}
        plugin.extract = recorded
        with tempfile.TemporaryDirectory(prefix="docglot-extract-") as site:
            config["site_dir"] = site
            build(config)
    finally:
        if previous is None:
            del os.environ[LANGUAGES_VARIABLE]
        else:
            os.environ[LANGUAGES_VARIABLE] = previous
    titles = [
        Extracted(Message(NAV_CONTEXT, title)) for title in dict.fromkeys(nav_titles(plugin.nav_config))
    ]
    return config, plugin, [*titles, *recorded.values()]


def catalog_update(config_file: str) -> int:
    """Merge the extracted messages into every language's catalog."""
    config, plugin, messages = extract(config_file)
    directory = Path(config.config_file_path).parent / plugin.config.catalogs
    for language in plugin.config.languages[1:]:
        path = catalog_path(directory, language)
        old = read_catalog(path, babel_locale(language))
        if not path.exists():
            old.project = config.site_name
        new = merge(old, messages)
        changed = write_catalog(path, new)
        counts = stats(new)
        print(
            f"{path}: {'updated' if changed else 'unchanged'}, {len(messages)} messages "
            f"({counts.translated} translated, {counts.fuzzy} fuzzy, {counts.untranslated} untranslated, "
            f"{counts.obsolete} obsolete)"
        )
    return 0


def catalog_stats(config_file: str) -> int:
    """Print translated, fuzzy, untranslated and obsolete counts per language."""
    config, plugin = _load(config_file)
    directory = Path(config.config_file_path).parent / plugin.config.catalogs
    print(f"{'language':<10}{'translated':>12}{'fuzzy':>8}{'untranslated':>14}{'obsolete':>10}")
    for language in plugin.config.languages[1:]:
        counts = stats(read_catalog(catalog_path(directory, language), babel_locale(language)))
        print(
            f"{language:<10}{counts.translated:>12}{counts.fuzzy:>8}{counts.untranslated:>14}{counts.obsolete:>10}"
        )
    return 0


def serve(config_file: str, language: str, address: str) -> int:
    """Serve the source language and one translation, rebuilt when code, pages or catalogs change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    _, plugin = _load(config_file)  # Fail early, with one line, on a bad configuration.
    translations = plugin.config.languages[1:]
    if language not in translations:
        declared = ", ".join(translations) or "none"
        raise UsageError(f"--lang {language}: not a translation declared in {config_file} ({declared})")
    os.environ[LANGUAGES_VARIABLE] = language
    mkdocs_serve(config_file=config_file, dev_addr=address, livereload=True)
    return 0


def build_site(config_file: str, engine: str, site_dir: str | None, strict: bool) -> int:
    """Build the whole site with MkDocs or Zensical; the site folder is replaced only by a complete build."""
    from importlib.util import find_spec

    if engine == "zensical" and find_spec("zensical") is None:
        raise UsageError("--engine zensical: Zensical is not installed; install docglot[zensical]")
    config, plugin = _load(config_file)
    if site_dir:
        config["site_dir"] = os.path.abspath(site_dir)
    if strict:
        config["strict"] = True
    print(f"{display_path(build_with(config, plugin, engine))}: built with {engine}")
    return 0


def _parser() -> argparse.ArgumentParser:
    # `-f` is accepted before the command and after it (`docglot check -f site.yml`).
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "-f", "--config-file", default=argparse.SUPPRESS, help="the MkDocs configuration file (mkdocs.yml)"
    )
    parser = argparse.ArgumentParser(prog="docglot", description="Multilingual API reference pages.")
    parser.add_argument(
        "-f", "--config-file", default=None, help="the MkDocs configuration file (mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    catalog = commands.add_parser("catalog", help="gettext catalogs of the API text")
    actions = catalog.add_subparsers(dest="action", required=True)
    actions.add_parser("update", parents=[config], help="extract messages and merge them into every catalog")
    actions.add_parser("stats", parents=[config], help="count translated, fuzzy and untranslated entries")
    checker = commands.add_parser(
        "check", parents=[config], help="check Doc metadata, translations and built sites"
    )
    add_check_arguments(checker)
    site = commands.add_parser(
        "build", parents=[config], help="build the whole site, with MkDocs or Zensical"
    )
    site.add_argument("--engine", choices=ENGINES, default=ENGINES[0], help=f"default: {ENGINES[0]}")
    site.add_argument("-d", "--site-dir", help="where to build the site (default: site_dir of mkdocs.yml)")
    site.add_argument("-s", "--strict", action="store_true", help="fail on any warning, as --strict does")
    preview = commands.add_parser("serve", parents=[config], help="preview one translation while translating")
    preview.add_argument("--lang", required=True, help="the language to preview next to the source language")
    preview.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `docglot` command; return its exit code."""
    arguments = _parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    config_file = arguments.config_file or "mkdocs.yml"
    try:
        if arguments.command == "check":
            # `check` reads a site's mkdocs.yml if one is named, else the settings' or the one
            # next to pyproject.toml.
            return run_check(arguments, arguments.config_file)
        if arguments.command == "build":
            return build_site(config_file, arguments.engine, arguments.site_dir, arguments.strict)
        if arguments.command == "serve":
            return serve(config_file, arguments.lang, arguments.dev_addr)
        if arguments.action == "update":
            return catalog_update(config_file)
        return catalog_stats(config_file)
    except CHECK_ERRORS as error:
        print(f"docglot: {str(error).removeprefix('docglot: ')}", file=sys.stderr)
        return 2
    except (UsageError, CatalogError, MkDocsException) as error:
        print(f"docglot: {str(error).removeprefix('docglot: ')}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1


if __name__ == "__main__":
    sys.exit(main())
