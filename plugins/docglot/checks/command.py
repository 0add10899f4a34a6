"""The `docglot check` command line."""

from __future__ import annotations

import argparse
import gc
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from docglot.checks.baseline import BaselineError, write_baseline
from docglot.checks.output import render
from docglot.checks.settings import OUTPUT_FORMATS, Settings, SettingsError, apply, read_settings, rule_codes
from docglot.checks.site.site_config import SiteConfigError
from docglot.checks.source.packages import PackageError
from docglot.paths import display_path
from docglot.rules import RULES, Family

CHECK_ERRORS: tuple[type[Exception], ...] = (SettingsError, PackageError, SiteConfigError, BaselineError)
"""Errors in what `docglot check` was given: one line each, exit code 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `docglot check`."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help="packages, modules or folders of packages")
    parser.add_argument(
        "--select", action="append", metavar="CODES", help="rules to apply (codes or prefixes)"
    )
    parser.add_argument("--ignore", action="append", metavar="CODES", help="rules to leave out")
    parser.add_argument(
        "--output-format", choices=OUTPUT_FORMATS, default="text", help="how findings are printed"
    )
    parser.add_argument("--site", metavar="DIR", help="also check a built site against the code and catalogs")
    parser.add_argument("--baseline", metavar="FILE", help="do not report the findings this file accepts")
    parser.add_argument("--write-baseline", metavar="FILE", help="accept every current finding into FILE")
    parser.add_argument(
        "--settings", default="pyproject.toml", metavar="FILE", help="where [tool.docglot] is"
    )


def settings_from(arguments: argparse.Namespace, config_file: str | None) -> Settings:
    """Combine `[tool.docglot]` with the command line.

    The command line's paths, `--select` and `--baseline` replace the settings'; its
    `--ignore` leaves out rules in addition to the settings' `ignore`, as ruff's does.
    """
    settings = read_settings(Path(arguments.settings))
    table: dict[str, object] = {}
    if arguments.paths:
        table["paths"] = arguments.paths
    if arguments.select:
        table["select"] = arguments.select
    if arguments.baseline:
        table["baseline"] = arguments.baseline
    if config_file:
        table["config-file"] = config_file
    apply(settings, table, "command line")
    if arguments.ignore:
        settings.ignore = [*settings.ignore, *rule_codes(arguments.ignore, "--ignore", "command line")]
    return settings


def _without_code(settings: Settings, arguments: argparse.Namespace) -> str | None:
    """The line that says no code is checked, when rules on code are selected but no package is named.

    Without it, a project that has a `mkdocs.yml` but no `paths` setting gets its catalogs
    checked and a clean result, though its `Doc` metadata was never read.
    """
    selected = (RULES[code] for code in RULES if settings.selects(code))
    if settings.paths or not any(rule.family is Family.metadata for rule in selected):
        return None
    checked = [f"the catalogs of {display_path(Path(settings.config_file))}"] if settings.config_file else []
    if arguments.site:
        checked.append(f"the site in {arguments.site}")
    return (
        f"docglot: checking {' and '.join(checked)} only, no code: to check the code too, pass its "
        f"packages as PATH, or set 'paths' under [tool.docglot] in {arguments.settings}"
    )


def run_check(arguments: argparse.Namespace, config_file: str | None) -> int:
    """Run `docglot check`: 0 when clean, 1 with findings (errors are raised to the caller)."""
    from docglot.checks.run import collect_findings

    settings = settings_from(arguments, config_file)
    if not settings.paths and not settings.config_file and not arguments.site:
        raise SettingsError(
            "nothing to check: pass packages as PATH, or set 'paths' under [tool.docglot] in pyproject.toml"
        )
    if note := _without_code(settings, arguments):
        print(note, file=sys.stderr)
    if arguments.write_baseline:
        settings.baseline = None
    # A check keeps every object of the packages alive until it ends: the cyclic collector
    # would rescan them all, more often the larger the package (10x FastAPI: 5.8 s -> 3.4 s).
    gc.disable()
    try:
        findings = collect_findings(settings, site_dir=Path(arguments.site) if arguments.site else None)
    finally:
        gc.enable()
    if arguments.write_baseline:
        write_baseline(Path(arguments.write_baseline), findings)
        print(f"{arguments.write_baseline}: {len(findings)} findings accepted", file=sys.stderr)
        return 0
    try:
        docglot_version = version("docglot")
    except PackageNotFoundError:
        docglot_version = "0"
    sys.stdout.write(render(findings, arguments.output_format, docglot_version))
    if arguments.output_format == "text":
        print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}", file=sys.stderr)
    return 1 if findings else 0
