"""The `docglot` command: catalogs of API text, and a preview server for translators.

```
docglot catalog update   extract the API text and merge it into every language's catalog
docglot catalog stats    translated, fuzzy and untranslated counts per language, texts and words left
docglot serve --lang de  preview the source language and one translation, rebuilt on save
docglot build            build the whole site (`--engine zensical`: with Zensical)
```
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from docglot.checks.command import CHECK_ERRORS, run_check
from docglot.checks.command import add_arguments as add_check_arguments
from docglot.engines.build import ENGINES, build_with_engine
from docglot.engines.collector import fewer_collections, no_collection_at_exit
from docglot.engines.mkdocs.extraction import extract, load_site
from docglot.engines.mkdocs.plugin import DocglotPlugin
from docglot.engines.mkdocs.preview import Inputs, changed_catalogs
from docglot.errors import DocglotError, UsageError
from docglot.paths import display_path
from docglot.site.languages import babel_locale
from docglot.text import catalog_cache
from docglot.text.catalogs import CatalogError, catalog_folder, catalog_path, read_catalog
from docglot.text.lookup import stats
from docglot.text.merge import merge
from docglot.text.writer import write_catalog


def _catalogs(config: MkDocsConfig, plugin: DocglotPlugin) -> dict[str, tuple[Path, Catalog]]:
    """Read every translation's catalog, inside the project: all are checked before any is written."""
    directory = catalog_folder(config.config_file_path, plugin.config.catalogs)
    project = Path(config.config_file_path).parent
    cache = catalog_cache.folder(config.config_file_path, plugin.config.cache_dir)
    catalogs = {}
    for language in plugin.config.languages[1:]:
        path = catalog_path(directory, language)
        catalogs[language] = (path, read_catalog(path, babel_locale(language), project, cache))
    return catalogs


def catalog_update(config_file: str) -> int:
    """Merge the extracted messages into every language's catalog."""
    config, plugin, messages = extract(config_file)
    for path, old in _catalogs(config, plugin).values():
        if not path.exists():
            old.project = config.site_name
        new = merge(old, messages)
        changed = write_catalog(path, new)
        counts = stats(new)
        # An entry translates a text at every place that shows it: fewer entries than messages.
        entries = counts.translated + counts.fuzzy + counts.untranslated
        print(
            f"{path}: {'updated' if changed else 'unchanged'}, "
            f"{entries} entries for {len(messages)} messages "
            f"({counts.translated} translated, {counts.fuzzy} fuzzy, {counts.untranslated} untranslated, "
            f"{counts.obsolete} obsolete)"
        )
    return 0


def catalog_stats(config_file: str) -> int:
    """Print translated, fuzzy, untranslated and obsolete entries per language, and what is left."""
    config, plugin = load_site(config_file)
    catalogs = _catalogs(config, plugin)
    print(
        f"{'language':<10}{'translated':>12}{'fuzzy':>8}{'untranslated':>14}{'obsolete':>10}"
        f"{'texts left':>12}{'words left':>12}"
    )
    for language, (_, catalog) in catalogs.items():
        counts = stats(catalog)
        print(
            f"{language:<10}{counts.translated:>12}{counts.fuzzy:>8}{counts.untranslated:>14}{counts.obsolete:>10}"
            f"{counts.texts_left:>12}{counts.words_left:>12}"
        )
    return 0


_BIND_ERRORS = (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES)
"""What binding the preview server's socket fails with: the port is taken, not this machine's, or reserved."""


def _unusable_address(address: str, error: OSError) -> MkDocsException:
    """The one line that says why the preview server cannot listen on `address`."""
    from mkdocs.exceptions import ConfigurationError

    if error.errno == errno.EADDRINUSE:
        return ConfigurationError(
            f"{address} is in use; stop the server listening there, "
            "or use --dev-addr HOST:PORT with a free port"
        )
    return ConfigurationError(
        f"cannot serve on {address}: {error.strerror or error}; "
        "use --dev-addr HOST:PORT with an address of this machine"
    )


def _check_address(address: str) -> None:
    """Refuse an address the server cannot listen on before the first build, not after it."""
    import socket

    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress

    try:
        host, port = IpAddress().run_validation(address)
    except ValidationError:
        return  # MkDocs reports a malformed address itself, in one line.
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As the server binds: a port a server just stopped left in TIME_WAIT is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise _unusable_address(address, error) from None


def serve(config_file: str, language: str, address: str) -> int:
    """Serve the source language and one translation, rebuilt when code, pages or catalogs change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    _, plugin = load_site(config_file)  # Fail early, with one line, on a bad configuration.
    translations = plugin.config.languages[1:]
    if language not in translations:
        declared = ", ".join(translations) or "none"
        raise UsageError(f"--lang {language}: not a translation declared in {config_file} ({declared})")
    _check_address(address)
    try:
        with _rebuilds_keep_the_last_site(only=(language,)):
            mkdocs_serve(config_file=config_file, dev_addr=address, livereload=True)
    except OSError as error:
        # Taken while the first build ran: the server binds only once it is done.
        if error.filename is not None or error.errno not in _BIND_ERRORS:
            raise
        raise _unusable_address(address, error) from None
    return 0


@contextmanager
def _rebuilds_keep_the_last_site(*, only: tuple[str, ...]) -> Iterator[None]:
    """While serving, a rebuild that fails says why in its one line, and the last site stays served.

    MkDocs' server, after a rebuild that failed, prints the error again and holds every
    request until a rebuild succeeds. The configuration and the build it runs on each
    change are read through the `load_config` and `build` of `mkdocs.commands.serve`
    (MkDocs has no other hook for them): these are wrapped so that, once the first build
    has succeeded, a failure (whose line MkDocs or docglot has logged; any other error is
    logged here in one line) ends the rebuild as if it had succeeded, with the site folder
    as the last good build left it. Each configuration read builds the source language and
    the `only` languages.

    When nothing but catalogs changed since the last good build started, the rebuild is the
    last build's plugin showing them on the pages they change (`DocglotPlugin.retranslate`),
    rather than a whole build; it says so in one line, with the time it took.
    """
    from mkdocs.commands import serve as serving

    # mkdocs.commands.serve imports both names for its own use, and calls them through its module.
    read_config, run_build = serving.load_config, serving.build  # type: ignore[attr-defined]
    last: MkDocsConfig | None = None
    """The last configuration read without error, once a build of it has succeeded."""
    inputs: Inputs | None = None
    """The watched files as the last good build found them when it started."""
    reading: Inputs | None = None
    """The watched files as the build in progress found them."""
    catalogs: set[str] | None = None
    """The translations whose catalogs alone changed, when the build in progress shows only those."""
    skip = False
    arguments: tuple[tuple[Any, ...], dict[str, Any]] = ((), {})

    def load_config_or_skip(*args: Any, **kwargs: Any) -> MkDocsConfig:
        nonlocal reading, catalogs, arguments
        arguments, catalogs = (args, kwargs), None
        if last is not None and inputs is not None:
            reading = _watched(last)
            catalogs = _catalogs_only(last, inputs.changed(reading))
            if catalogs is not None:
                return last
        return read_and_prepare(*args, **kwargs)

    def read_and_prepare(*args: Any, **kwargs: Any) -> MkDocsConfig:
        nonlocal skip, reading
        try:
            config: MkDocsConfig = read_config(*args, **kwargs)
        except MkDocsException:
            if last is None:
                raise
            skip = True  # Nothing to build: the server goes on with the last site.
            return last
        plugin = config.plugins.get("docglot")
        if isinstance(plugin, DocglotPlugin):
            plugin.only = only  # Each configuration read has new plugins: each builds only these.
            plugin.preview = True
        reading = _watched(config)
        return config

    def build_or_keep(config: MkDocsConfig, **kwargs: Any) -> None:
        nonlocal last, skip, inputs, catalogs
        if skip:
            skip = False
            return
        if catalogs is not None:
            outcome, catalogs = _show_catalogs(config, catalogs), None
            if outcome != "whole build":
                # A catalog refused changed nothing: its next save is shown the same way.
                inputs = {"shown": reading, "refused": inputs}.get(outcome)
                return
            served_at = config.site_url  # The server gives each configuration it reads its own URL.
            config = read_and_prepare(*arguments[0], **arguments[1])
            config.site_url = served_at
            if skip:
                skip, inputs = False, None
                return
        try:
            run_build(config, **kwargs)
        except MkDocsException:
            if last is None:
                raise
            inputs = None
            return
        except Exception as error:
            if last is None:
                raise
            inputs = None
            _log_failure(error)
            return
        last, inputs = config, reading

    serving.load_config, serving.build = load_config_or_skip, build_or_keep  # type: ignore[attr-defined]
    try:
        yield
    finally:
        serving.load_config, serving.build = read_config, run_build  # type: ignore[attr-defined]


def _watched(config: MkDocsConfig) -> Inputs:
    """The files the server watches for a configuration, catalogs included, as they are now."""
    plugin = config.plugins.get("docglot")
    folders = []
    if isinstance(plugin, DocglotPlugin):
        folders.append(catalog_folder(config.config_file_path, plugin.config.catalogs))
    return Inputs.of(config, folders)


def _catalogs_only(config: MkDocsConfig, changes: set[Path]) -> set[str] | None:
    """The translations whose catalogs changed, when nothing else did; `None` otherwise."""
    plugin = config.plugins.get("docglot")
    if not isinstance(plugin, DocglotPlugin) or plugin.site is None:
        return None
    return changed_catalogs(changes, plugin.site.catalogs, Path(config.docs_dir), plugin.languages)


def _show_catalogs(config: MkDocsConfig, languages: set[str]) -> str:
    """Show saved catalogs on the pages they change, and say how it went.

    `shown`: done. `whole build`: the change needs one. `refused`: a catalog does not
    parse, which its one line says; nothing changed. `failed`: the rebuild failed and said
    why in one line; the last site stays served, and the next change is a whole build.
    """
    plugin = config.plugins.get("docglot")
    assert isinstance(plugin, DocglotPlugin)  # As `_catalogs_only` found it, with its site read.
    assert plugin.site is not None
    log = logging.getLogger("mkdocs.plugins.docglot")
    started = time.perf_counter()
    try:
        if not plugin.retranslate(languages):
            return "whole build"
    except DocglotError as error:
        log.error(f"docglot: {error}")
        return "refused"
    except MkDocsException:
        return "failed"  # MkDocs logged the page that failed.
    except Exception as error:
        _log_failure(error)
        return "failed"
    if not languages:
        log.info("docglot: no catalog the site shows changed")
        return "shown"
    names = ", ".join(display_path(catalog_path(plugin.site.catalogs, code)) for code in sorted(languages))
    log.info(f"docglot: {names} saved: shown in {time.perf_counter() - started:.2f} s")
    return "shown"


def _log_failure(error: Exception) -> None:
    """Say in one line why a rebuild failed, for an error that is not bad input docglot or MkDocs words."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    logging.getLogger("mkdocs.plugins.docglot").error(
        f"docglot: the rebuild failed: {text}; the last site built is still served"
    )


def build_site(config_file: str, engine: str, site_dir: str | None, strict: bool) -> int:
    """Build the whole site with MkDocs or Zensical; the site folder is replaced only by a complete build."""
    from importlib.util import find_spec

    if engine == "zensical" and find_spec("zensical") is None:
        raise UsageError("--engine zensical: Zensical is not installed; install docglot[zensical]")
    config, plugin = load_site(config_file)
    if site_dir:
        config["site_dir"] = os.path.abspath(site_dir)
    if strict:
        config["strict"] = True
    print(f"{display_path(build_with_engine(config, plugin, engine))}: built with {engine}")
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
    # What a command leaves (the code it read, a site's pages) is not collected when it exits.
    no_collection_at_exit()
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    config_file = arguments.config_file or "mkdocs.yml"
    # A command that ends with its work collects as a build does (`collector.py`) all through
    # it: loading the configuration and its plugins, griffe reading the code, merging the
    # catalogs (0.3 s of a 2.1 s cold `catalog update` of FastAPI's reference). `serve` goes
    # on, and collects as usual between its builds.
    collecting = nullcontext() if arguments.command == "serve" else fewer_collections()
    try:
        with collecting:
            return _run(arguments, config_file)
    except CHECK_ERRORS as error:
        print(f"docglot: {str(error).removeprefix('docglot: ')}", file=sys.stderr)
        return 2
    except (DocglotError, CatalogError, MkDocsException) as error:
        print(f"docglot: {str(error).removeprefix('docglot: ')}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1


def _run(arguments: argparse.Namespace, config_file: str) -> int:
    """Run the command `arguments` name; return its exit code."""
    if arguments.command == "check":
        # `check` reads a site's mkdocs.yml if one is named, else the settings' or the one
        # next to pyproject.toml.
        return run_check(arguments, arguments.config_file)
    if arguments.command == "build":
        return build_site(config_file, arguments.engine, arguments.site_dir, arguments.strict)
    if arguments.command == "serve":
        # As `mkdocs serve`: where it serves, each rebuild and how long it took.
        logging.getLogger("mkdocs").setLevel(logging.INFO)
        return serve(config_file, arguments.lang, arguments.dev_addr)
    if arguments.action == "update":
        return catalog_update(config_file)
    return catalog_stats(config_file)


if __name__ == "__main__":
    sys.exit(main())
