"""Code blocks of docstrings, highlighted once for every language.

A docstring's example is the same code in every language, but the Markdown around it is
not once a message of the same text is translated (a translated `## Example` heading, a
translated sentence before the code): each language converts that Markdown again, and
pymdown-extensions' `Highlight` (which SuperFences and mkdocstrings' highlighter call)
runs Pygments on the same code each time. Its HTML depends only on the code, the call's
arguments and the highlighter's settings, so it is kept by those. pymdown-extensions has
no cache of its own and no hook to add one: its method is wrapped, once per process.
"""

from __future__ import annotations

from typing import Any

from pymdownx.highlight import Highlight  # type: ignore[import-untyped]  # Ships no type hints.

_HIGHLIGHTED: dict[str, str] = {}
"""Highlighted code blocks by everything their HTML depends on (`_key`)."""


def highlight_once() -> None:
    """Make every `Highlight` of the process highlight each distinct code block once."""
    highlight = Highlight.highlight
    if getattr(highlight, "__name__", "") == "highlight_once":
        return

    def highlight_once(self: Highlight, src: str, *args: Any, **kwargs: Any) -> Any:
        key = _key(self, src, args, kwargs)
        if key in _HIGHLIGHTED:
            return _HIGHLIGHTED[key]
        html = highlight(self, src, *args, **kwargs)
        # Inline code comes back as an element, which its caller changes; a title written as
        # HTML is stored in that page's Markdown stash (`\x02...\x03`): neither is kept.
        if isinstance(html, str) and "\x02" not in html:
            _HIGHLIGHTED[key] = html
        return html

    highlight_once.__wrapped__ = highlight  # type: ignore[attr-defined]  # As `functools.wraps` would.
    Highlight.highlight = highlight_once


def _key(highlighter: Highlight, src: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """The code, the call's arguments and the highlighter's settings (all but its Markdown), written out.

    `repr` rather than a tuple of the values: some arguments (line lists, attributes) are
    not hashable. Two calls with the same representation highlight alike.
    """
    settings = sorted((name, value) for name, value in vars(highlighter).items() if name != "md")
    return repr((type(highlighter), settings, src, args, sorted(kwargs.items())))
