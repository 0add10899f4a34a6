"""Signatures, source excerpts and docstring examples are highlighted once for every language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymdownx.highlight  # type: ignore[import-untyped]
import pytest
from docglot.engines import fenced_code, handler, render_once
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pymdownx.highlight import Highlight

from tests.mini_site import GREET, MiniSite

EXAMPLE = '''\
    The greeting is polite.

    Example:
        ```python
        greet("Ada")
        ```
    """
'''
"""`greet`'s docstring with an example: Markdown that each language converts again."""

SITE = MiniSite(
    languages=("en", "de", "fr", "ja"),
    extra=(
        "markdown_extensions:\n"
        "  - pymdownx.highlight:\n"
        "      anchor_linenums: true\n"
        "  - pymdownx.superfences\n"
    ),
    code={"mini/__init__.py": GREET.replace('    The greeting is polite.\n    """\n', EXAMPLE)},
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
    pygments = pymdownx.highlight.highlight

    def counted(*arguments: Any, **options: Any) -> Any:
        nonlocal calls
        calls += 1
        return pygments(*arguments, **options)

    monkeypatch.setattr(pymdownx.highlight, "highlight", counted)
    monkeypatch.setattr(handler, "_HIGHLIGHTED", {})
    monkeypatch.setattr(fenced_code, "_HIGHLIGHTED", {})
    # Each language through the templates and its own conversions, as a block that cannot
    # be substituted is rendered.
    monkeypatch.setenv(render_once.DISABLE, "1")
    if not once:
        monkeypatch.setattr(handler, "_memoized", lambda highlight: highlight)
        monkeypatch.setattr(handler, "highlight_once", lambda: None)
        # An earlier build of this process may have wrapped it already.
        monkeypatch.setattr(
            Highlight, "highlight", getattr(Highlight.highlight, "__wrapped__", Highlight.highlight)
        )
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
    # `greet`'s signature, its source and its example, in each of the four languages or once for all.
    assert (highlighted_per_language, highlighted_once) == (12, 3)


def test_a_highlighter_with_other_settings_highlights_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fenced_code, "_HIGHLIGHTED", {})
    fenced_code.highlight_once()
    plain = Highlight(None)
    numbered = Highlight(None, line_spans="__span")

    first = plain.highlight("x = 1", "python")
    again = Highlight(None).highlight("x = 1", "python")
    spans = numbered.highlight("x = 1", "python", code_block_count=3)

    assert (
        first
        == again
        == (
            '<div class="highlight"><pre><span></span><code><span class="n">x</span> '
            '<span class="o">=</span> <span class="mi">1</span>\n</code></pre></div>'
        )
    )
    assert spans == (
        '<div class="highlight"><pre><span></span><code><span id="__span-3-1"><span class="n">x</span> '
        '<span class="o">=</span> <span class="mi">1</span>\n</span></code></pre></div>'
    )
    assert len(fenced_code._HIGHLIGHTED) == 2


def test_inline_code_is_highlighted_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inline code comes back as an element, which its caller changes: it is never kept."""
    monkeypatch.setattr(fenced_code, "_HIGHLIGHTED", {})
    fenced_code.highlight_once()

    first = Highlight(None).highlight("x", "python", inline=True)
    second = Highlight(None).highlight("x", "python", inline=True)

    assert first is not second
    assert [(code.tag, code.attrib, code.text) for code in (first, second)] == 2 * [
        ("code", {"class": "highlight"}, '<span class="n">x</span>')
    ]
    assert fenced_code._HIGHLIGHTED == {}


def test_each_build_finds_the_highlighter_wrapped_already() -> None:
    """A second build (`docglot serve`) wraps nothing again: no layer of memo on another."""
    fenced_code.highlight_once()
    wrapped = Highlight.highlight
    fenced_code.highlight_once()

    assert Highlight.highlight is wrapped
    assert Highlight.highlight.__wrapped__.__name__ == "highlight"
