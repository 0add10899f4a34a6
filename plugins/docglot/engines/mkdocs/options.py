"""The `docglot` plugin's options in `mkdocs.yml`, validated with their line and the fix."""

from __future__ import annotations

import difflib

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from docglot.config_lines import where
from docglot.site.languages import find_problem


class DocglotConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' config classes are untyped.
    """The `docglot` plugin's options in `mkdocs.yml`."""

    languages = c.Type(list, default=[])
    """Language codes; the first is the source language, published at the site root."""
    catalogs = c.Type(str, default="locales")
    """The folder of the PO catalogs, `LANGUAGE.po`, relative to `mkdocs.yml`."""
    fuzzy = c.Choice(("source", "translation"), default="source")
    """What an outdated translation shows: the English text, or the old translation (marked)."""
    cache_dir = c.Type(str, default=".cache/docglot")
    """Where compiled templates are kept between builds, relative to `mkdocs.yml`; empty: nowhere."""

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """Validate the options; an unknown option or a wrong language is an error at its line.

        MkDocs only warns about an unknown option, and a misspelt one (`fuzy:`) would
        silently keep its default.
        """
        failed, warned = super().validate()
        options = [key for key, _ in self._schema]
        # MkDocs says "Expected type: <class 'list'>", without the line or the fix.
        failed = [
            (key, ValidationError(self._wrong_value(key)) if key in _OPTION_VALUES else error)
            for key, error in failed
        ]
        for key, message in list(warned):
            if key in options:
                continue
            warned.remove((key, message))
            guess = difflib.get_close_matches(key, options, n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            failed.append(
                (
                    key,
                    ValidationError(
                        f"{where(self.config_file_path, key)}: {key!r} is not a docglot option; {hint}"
                        f"the options are {', '.join(options)}"
                    ),
                )
            )
        problem = (
            None if any(key == "languages" for key, _ in failed) else find_problem(self.get("languages"))
        )
        if problem is not None:
            location = where(self.config_file_path, "languages", problem.index)
            failed.append(("languages", ValidationError(f"{location}: {problem.message}")))
        return failed, warned

    def _wrong_value(self, key: str) -> str:
        """The line that says an option's value is not of its kind, where it is, and what to write."""
        value = self.get(key)
        kind, fix = _OPTION_VALUES[key]
        if "text" in kind and isinstance(value, bool | int | float):
            # YAML reads `5`, `1.0` or `yes` as a number or a boolean, not as a name.
            fix = f"quote it if it is a name, {key}: '{value}'; or {fix}"
        return f"{where(self.config_file_path, key)}: {value!r} is not {kind}; {fix}"


_OPTION_VALUES: dict[str, tuple[str, str]] = {
    "languages": (
        "a list of language codes",
        "write the codes in brackets, the source language first, e.g. languages: [en, de]",
    ),
    "catalogs": ("a folder (a text)", "write one folder, relative to mkdocs.yml, e.g. catalogs: locales"),
    "fuzzy": (
        "source or translation",
        "write source (an outdated translation shows the source text) or translation (it shows "
        "the old translation, marked)",
    ),
    "cache_dir": (
        "a folder (a text)",
        "write one folder, relative to mkdocs.yml, e.g. cache_dir: .cache/docglot, or '' to keep none",
    ),
}
"""What each option's value must be, and how to write it: for the line of a wrong value."""
