"""The small site that many tests build: `mkdocs.yml`, `docs/LANG/`, and a library `mini`.

Written once here, with the few things tests vary as fields: the languages, the navigation,
extra configuration, the pages and the code. `MiniSite().write(folder)` lays it out;
`MiniSite().config()` is its `mkdocs.yml` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

GREET = '''\
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
"""`mini.greet`: two documented parameters, a documented return value, a two-paragraph docstring."""

GREET_LINE = 6
"""The line of `def greet(` in `GREET`: where its texts are written."""

NAV = """\
nav:
  - Home: index.md
  - API:
      - Greeting: api.md
"""
"""A home page and the reference page in a section: the section title is a message too."""


@dataclass(frozen=True)
class MiniSite:
    """The small site, with what a test may change."""

    languages: tuple[str, ...] = ("en", "de", "fr")
    """The languages; the first is the source language."""
    nav: str = NAV
    """The `nav:` of `mkdocs.yml`, as YAML; empty for none."""
    extra: str = ""
    """More top-level keys of `mkdocs.yml` (`site_url:`, `markdown_extensions:`...), as YAML."""
    plugins: tuple[str, ...] = ()
    """Plugins listed before docglot's (`search`)."""
    docstring_style: str | None = "google"
    """The handler's `docstring_style`; `None` leaves mkdocstrings' default."""
    pages: dict[str, str] = field(
        default_factory=lambda: {"en/index.md": "# Mini\n", "en/api.md": "# Greeting\n\n::: mini.greet\n"}
    )
    """The pages under `docs/`; every language gets its folder, pages or not."""
    code: dict[str, str] = field(default_factory=lambda: {"mini/__init__.py": GREET})
    """The files under `src/`."""

    def config(self) -> str:
        """The site's `mkdocs.yml`."""
        plugins = "".join(f"  - {name}\n" for name in self.plugins)
        style = f"            docstring_style: {self.docstring_style}\n" if self.docstring_style else ""
        return (
            "site_name: mini\n"
            "docs_dir: docs\n"
            f"{self.extra}"
            "theme:\n"
            "  name: material\n"
            f"{self.nav}"
            "plugins:\n"
            f"{plugins}"
            "  - docglot:\n"
            f"      languages: [{', '.join(self.languages)}]\n"
            "  - mkdocstrings:\n"
            "      handlers:\n"
            "        python:\n"
            "          paths: [src]\n"
            "          options:\n"
            "            extensions: [docglot]\n"
            f"{style}"
            "            show_root_heading: true\n"
        )

    def write(self, root: Path) -> Path:
        """Write the site into `root` (made if missing); return `root`."""
        root.mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(self.config(), encoding="utf-8")
        for language in self.languages:
            (root / "docs" / language).mkdir(parents=True, exist_ok=True)
        for files, folder in ((self.pages, root / "docs"), (self.code, root / "src")):
            for relative, text in files.items():
                path = folder / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return root
