"""A small site for the translation rules: mkdocs.yml, docs/en, a tiny package, hand-written catalogs.

Catalogs are written by hand with `catalog(...)`, so that every entry's line is known: the
header takes lines 1-4, and each entry four lines (`msgctxt`, `msgid`, `msgstr`, a blank
line), one more with a `#, fuzzy` flag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel.messages.pofile import escape

from tests.mini_site import GREET_LINE as GREET_LINE
from tests.mini_site import MiniSite

CONFIG = MiniSite(
    extra="markdown_extensions:\n  - admonition\n  - attr_list\n  - toc:\n      permalink: true\n"
).config()
"""The site's `mkdocs.yml`: German and French, and the Markdown extensions translations may use."""

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def entry(context: str, english: str, translation: str = "", *, fuzzy: bool = False) -> str:
    """One catalog entry, each field on one line."""
    flag = "#, fuzzy\n" if fuzzy else ""
    return f"{flag}msgctxt {escape(context)}\nmsgid {escape(english)}\nmsgstr {escape(translation)}\n"


def obsolete(context: str, english: str, translation: str) -> str:
    """One obsolete entry, as `docglot catalog update` keeps it."""
    return "".join(f"#~ {line}\n" for line in entry(context, english, translation).splitlines())


def catalog(*entries: str) -> str:
    """A PO file: the header, then the entries separated by blank lines."""
    return HEADER + "\n".join(entries)


@dataclass(frozen=True)
class Result:
    """What one `docglot check` printed, and its exit code."""

    code: int
    lines: list[str]
    """The findings, one a line."""
    stderr: str


Check = Callable[..., Result]
"""The `check` fixture: `check(*arguments)` runs `docglot check ARGUMENTS`."""
