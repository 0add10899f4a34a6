"""A small site for the translation rules: mkdocs.yml, docs/en, a tiny package, hand-written catalogs.

Catalogs are written by hand with `catalog(...)`, so that every entry's line is known: the
header takes lines 1-4, and each entry four lines (`msgctxt`, `msgid`, `msgstr`, a blank
line), one more with a `#, fuzzy` flag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel.messages.pofile import escape

CONFIG = """\
site_name: mini
docs_dir: docs
theme:
  name: material
nav:
  - Home: index.md
  - API:
      - Greeting: api.md
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
plugins:
  - docglot:
      languages: [en, de, fr]
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            extensions: [docglot]
            docstring_style: google
            show_root_heading: true
"""

MODULE = '''\
from typing import Annotated

from annotated_doc import Doc


def greet(
    name: Annotated[str, Doc("The name of the person to greet.")],
    loud: Annotated[bool, Doc("Shout the greeting.")] = False,
) -> Annotated[str, Doc("The greeting.")]:
    """Greet someone.

    The greeting is polite.
    """
    return f"Hello {name}"
'''
GREET_LINE = 6
"""The line of `def greet(` in `MODULE`: where its texts are written."""

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
