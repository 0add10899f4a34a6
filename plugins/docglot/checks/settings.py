"""What `docglot check` checks: `[tool.docglot]` in `pyproject.toml`, then the command line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docglot.rules import RULES

OUTPUT_FORMATS = ("text", "json", "github", "sarif")
"""The values of `--output-format`."""


class SettingsError(Exception):
    """A setting is wrong: the message names the file and what to fix."""


@dataclass
class Settings:
    """The settings of one `docglot check` run."""

    paths: list[str] = field(default_factory=list)
    """Packages, modules or folders of packages to check."""
    select: list[str] = field(default_factory=lambda: sorted(RULES))
    """Rule codes (or prefixes, such as `DG1`) to apply."""
    ignore: list[str] = field(default_factory=list)
    """Rule codes (or prefixes) to leave out."""
    config_file: str | None = None
    """The site's `mkdocs.yml`: its reference pages and catalogs (none: metadata rules only)."""
    docstring_style: str = "google"
    """How docstrings are parsed: `google`, `numpy` or `sphinx`."""
    min_translated: dict[str, float] = field(default_factory=dict)
    """The least share (in percent) of translated entries per language; `*` for every language."""
    baseline: str | None = None
    """A baseline file: findings it lists are not reported."""

    def selects(self, code: str) -> bool:
        """Whether the rule `code` applies."""
        return any(code.startswith(prefix) for prefix in self.select) and not any(
            code.startswith(prefix) for prefix in self.ignore
        )


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SettingsError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def rule_codes(value: Any, key: str, where: str) -> list[str]:
    """Return the rule codes (or prefixes) of a setting, checked against the rules."""
    codes = [code.strip().upper() for code in _strings(value, key, where) for code in code.split(",")]
    for code in codes:
        if not any(rule.startswith(code) for rule in RULES):
            known = ", ".join(sorted(RULES))
            raise SettingsError(f"{where}: unknown rule '{code}' in '{key}' (rules: {known})")
    return codes


def _shares(value: Any, where: str) -> dict[str, float]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = {"*": value}
    if not isinstance(value, dict) or not all(
        isinstance(share, int | float) and not isinstance(share, bool) and 0 <= share <= 100
        for share in value.values()
    ):
        raise SettingsError(
            f"{where}: 'min-translated' must be a percentage (0-100) or a table of them by language"
        )
    return {str(language): float(share) for language, share in value.items()}


def read_settings(pyproject: Path) -> Settings:
    """Read `[tool.docglot]` from a `pyproject.toml` (defaults if it has none).

    Its paths are relative to the folder of the `pyproject.toml`, wherever the command runs.
    """
    settings = Settings()
    if pyproject.is_file():
        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("docglot", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise SettingsError(f"{pyproject}: {error}") from None
        apply(settings, table, f"{pyproject} [tool.docglot]", base=pyproject.parent)
    if settings.config_file is None and (pyproject.parent / "mkdocs.yml").is_file():
        settings.config_file = str(pyproject.parent / "mkdocs.yml")
    return settings


def _path(value: Any, key: str, where: str, base: Path | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{where}: '{key}' must be a path")
    return str(base / value) if base is not None and base != Path() else value


def apply(settings: Settings, table: dict[str, Any], where: str, *, base: Path | None = None) -> None:
    """Apply a table of settings (`pyproject.toml` keys) to `settings`; paths are relative to `base`."""
    for key, value in table.items():
        if key == "paths":
            settings.paths = [_path(path, key, where, base) for path in _strings(value, key, where)]
        elif key == "select":
            settings.select = rule_codes(value, key, where)
        elif key == "ignore":
            settings.ignore = rule_codes(value, key, where)
        elif key == "config-file":
            settings.config_file = _path(value, key, where, base)
        elif key == "docstring-style":
            if value not in {"google", "numpy", "sphinx"}:
                raise SettingsError(f"{where}: 'docstring-style' must be google, numpy or sphinx")
            settings.docstring_style = value
        elif key == "min-translated":
            settings.min_translated = _shares(value, where)
        elif key == "baseline":
            settings.baseline = _path(value, key, where, base)
        else:
            known = "paths, select, ignore, config-file, docstring-style, min-translated, baseline"
            raise SettingsError(f"{where}: unknown setting '{key}' (settings: {known})")
