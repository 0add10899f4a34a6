"""Signatures and source excerpts are highlighted once for every language, and read the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docglot.engines import handler, render_once
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pymdownx.highlight import Highlight  # type: ignore[import-untyped]

from tests.mini_site import MiniSite

SITE = MiniSite(
    languages=("en", "de", "fr", "ja"),
    extra=(
        "markdown_extensions:\n"
        "  - pymdownx.highlight:\n"
        "      anchor_linenums: true\n"
        "  - pymdownx.superfences\n"
    ),
)


def build_site(root: Path, monkeypatch: pytest.MonkeyPatch, *, once: bool) -> tuple[dict[str, bytes], int]:
    """Build the site; return its pages and how many code blocks Pygments highlighted."""
    SITE.write(root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "show_root_heading: true", "show_root_heading: true\n            show_source: true"
        )
    )
    calls = 0
    real = Highlight.highlight

    def counted(self: Highlight, *arguments: Any, **options: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(self, *arguments, **options)

    monkeypatch.setattr(Highlight, "highlight", counted)
    monkeypatch.setattr(handler, "_HIGHLIGHTED", {})
    # Each language through the templates, as a block that cannot be substituted is rendered.
    monkeypatch.setenv(render_once.DISABLE, "1")
    if not once:
        monkeypatch.setattr(handler, "_memoized", lambda highlight: highlight)
    build(load_config(str(config), site_dir=str(root / "site")))
    monkeypatch.undo()
    pages = {str(p.relative_to(root / "site")): p.read_bytes() for p in (root / "site").rglob("*.html")}
    return pages, calls


def test_each_code_block_is_highlighted_once_and_the_pages_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every_language, highlighted_per_language = build_site(tmp_path / "each", monkeypatch, once=False)
    once, highlighted_once = build_site(tmp_path / "once", monkeypatch, once=True)

    assert once == every_language
    # `greet`'s signature and its source, in each of the four languages or once for all.
    assert (highlighted_per_language, highlighted_once) == (8, 2)
