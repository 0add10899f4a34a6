"""mkdocstrings-python's handler, made to render docglot's labels and sanitized translations.

Whatever runs mkdocstrings (the MkDocs plugin, or a Zensical build) gives the Python
handler the same three things before it renders a page: docglot's templates (the fixed
labels in the language being rendered), the `docglot_label` function they call, and a
`convert_markdown` filter that sanitizes what translated pages render from docstrings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from markupsafe import Markup
from mkdocstrings import BaseHandler

from docglot.site.sanitize import sanitize
from docglot.text.labels import label
from docglot.text.translation import active_language

TEMPLATES = Path(__file__).parent / "templates"


def cache_templates(env: Environment, directory: Path | None) -> None:
    """Keep an environment's compiled templates in `directory` between builds (none: not kept).

    Jinja checks each template's source checksum, so an edited template is never missed.
    """
    if directory is None or env.bytecode_cache is not None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(directory))


def prepare_python_handler(handler: BaseHandler, source: str) -> None:
    """Give the handler docglot's templates, labels and sanitizer; a prepared handler is left as it is."""
    loader = handler.env.loader
    templates = str(TEMPLATES / handler.theme)
    if isinstance(loader, FileSystemLoader) and templates not in loader.searchpath:
        # After the site's own custom templates, before mkdocstrings-python's.
        loader.searchpath.insert(1 if handler.custom_templates else 0, templates)
    handler.env.globals["docglot_label"] = lambda key: label(key, active_language(source))
    convert = handler.env.filters["convert_markdown"]
    if getattr(convert, "__name__", "") == "convert_translated":
        return

    def convert_translated(text: str, *args: Any, **kwargs: Any) -> Markup:
        """Render docstring Markdown; on a translated page, sanitized (see `docglot.site.sanitize`)."""
        html = convert(text, *args, **kwargs)
        return html if active_language(source) == source else Markup(sanitize(str(html)))

    handler.env.filters["convert_markdown"] = convert_translated
