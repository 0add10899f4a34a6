"""A project folder for the rule pages' examples, checked with the real `docglot` command, in-process."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from docglot.cli import main

_TRANSLATION_SITE = {
    "mkdocs.yml": """\
        site_name: Shop
        docs_dir: docs
        theme:
          name: material
        markdown_extensions:
          - admonition
          - attr_list
        plugins:
          - docglot:
              languages: [en, de]
          - mkdocstrings:
              handlers:
                python:
                  paths: [.]
                  options:
                    extensions: [docglot]
                    docstring_style: google
                    show_root_heading: true
        """,
    "docs/en/index.md": "::: shop.greet\n",
    "docs/de/index.md": "::: shop.greet\n",
    "shop/__init__.py": '''\
        from typing import Annotated

        from annotated_doc import Doc


        def greet(name: Annotated[str, Doc("The name of the person to greet.")]) -> str:
            """Greet someone at the door."""
            return f"Hello {name}"
        ''',
}
TRANSLATION_SITE = {path: textwrap.dedent(text) for path, text in _TRANSLATION_SITE.items()}
"""The site of the translation rules' examples, in English and German, without its catalog.

Its code is the package that the pages' catalogs translate (DG205's page brings its own).
"""


@dataclass(frozen=True)
class Run:
    """What one `docglot` command printed, and its exit code."""

    code: int
    lines: list[str]
    """Standard output, then standard error, one line an item."""
    out: str


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write `{relative path: text}` under a folder."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


class Project:
    """A project folder, which is the working directory while the test runs."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self._capsys = capsys

    def write(self, files: dict[str, str]) -> None:
        """Write `{relative path: text}` into the project."""
        write_files(self.root, files)

    def run(self, arguments: list[str]) -> Run:
        """Run `docglot ARGUMENTS` as the command line does, in this process."""
        self._capsys.readouterr()
        code = main(arguments)
        captured = self._capsys.readouterr()
        return Run(code, [*captured.out.splitlines(), *captured.err.splitlines()], captured.out)

    def findings(self, arguments: list[str]) -> list[tuple[str, str, int]]:
        """`(code, path, line)` of each finding of `docglot ARGUMENTS`, read from its JSON output."""
        run = self.run([*arguments, "--output-format", "json"])
        findings = json.loads(run.out)
        assert run.code == (1 if findings else 0), run.lines
        return [(finding["code"], finding["path"], finding["line"]) for finding in findings]
