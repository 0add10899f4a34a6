"""mkdocstrings-python's handler, made to render docglot's labels and sanitized translations.

Whatever runs mkdocstrings (the MkDocs plugin, or a Zensical build) gives the Python
handler the same things before it renders a page: docglot's templates (the fixed labels in
the language being rendered), the `docglot_label` and `docglot_labelled` functions they
call, and a `convert_markdown` filter that sanitizes what translated pages render from
docstrings.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import griffe
from griffe import DocstringSection
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocstrings import AutoDocProcessor, BaseHandler

from docglot.engines import render_once
from docglot.engines.fenced_code import highlight_once
from docglot.paths import display_path
from docglot.reading.docstrings import active_language
from docglot.site.sanitize import sanitize
from docglot.text.labels import label, labelled

TEMPLATES = Path(__file__).parent / "templates"

log = logging.getLogger("mkdocs.plugins.docglot")


_UNWRITABLE: set[Path] = set()
"""The template caches this process found it cannot write, and said so once."""


def _without_cache(directory: Path, error: OSError) -> None:
    """Say, once, that compiled templates are not kept: the cache only saves time."""
    if directory in _UNWRITABLE:
        return
    _UNWRITABLE.add(directory)
    # Not a warning: `--strict` would fail a build that nothing is wrong with.
    log.info(
        f"docglot: cannot keep compiled templates in {display_path(directory)}: "
        f"{error.strerror or error}; building without them (set cache_dir to a folder "
        'that can be written, or to "" to keep none)'
    )


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which a build goes on without once it cannot write it."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))
        self.folder = directory
        self.writable = True

    def load_bytecode(self, bucket: Bucket) -> None:
        """Read a compiled template; one that cannot be read is compiled again."""
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a compiled template, unless the folder cannot be written (read-only, full disk)."""
        if not self.writable:
            return
        try:
            super().dump_bytecode(bucket)  # Through a temporary file, which Jinja removes if this fails.
        except OSError as error:
            self.writable = False
            _without_cache(self.folder, error)


def cache_templates(env: Environment, directory: Path | None) -> None:
    """Keep an environment's compiled templates in `directory` between builds (none: not kept).

    Jinja checks each template's source checksum, so an edited template is never missed.
    A folder that cannot be created or written is no error: the build compiles the
    templates itself, as without a cache, and says so in an `INFO` line.
    """
    if directory is None or env.bytecode_cache is not None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _without_cache(directory, error)
        return
    env.bytecode_cache = _TemplateCache(directory)


_MESSAGES_ONLY = False
"""Whether blocks are rendered for the messages they show only (`messages_only`)."""


def messages_only(enabled: bool) -> None:
    """Render blocks for their messages only, or (`False`) as pages show them.

    An extraction (`docglot catalog update`, `docglot check`) reads the source pages for
    the messages their blocks show and writes no page: the templates still run, and read
    every docstring section they would show, but no Markdown is converted (but for a text
    holding a `:::` block of its own), no code is formatted or highlighted, and no
    expression is rendered (docglot's `expression.html.jinja`, through the
    `docglot_messages_only` global), which is most of a block's cost.
    """
    global _MESSAGES_ONLY
    _MESSAGES_ONLY = enabled


def prepare_python_handler(handler: BaseHandler, source: str) -> None:
    """Give the handler docglot's templates, labels and sanitizer; a prepared handler is left as it is."""
    loader = handler.env.loader
    templates = str(TEMPLATES / handler.theme)
    if isinstance(loader, FileSystemLoader) and templates not in loader.searchpath:
        # After the site's own custom templates, before mkdocstrings-python's.
        loader.searchpath.insert(1 if handler.custom_templates else 0, templates)

    def docglot_label(key: str) -> str:
        token = render_once.label_token(key)
        return label(key, active_language(source)) if token is None else token

    def docglot_labelled(section: DocstringSection) -> DocstringSection:
        tokens = render_once.labelled_token(section)
        return labelled(section, active_language(source)) if tokens is None else tokens

    handler.env.globals["docglot_label"] = docglot_label
    handler.env.globals["docglot_labelled"] = docglot_labelled
    handler.env.globals["docglot_messages_only"] = lambda: _MESSAGES_ONLY
    _highlight_once(handler)
    highlight_once()
    convert = handler.env.filters["convert_markdown"]
    if getattr(convert, "__name__", "") == "convert_translated":
        return

    def convert_translated(text: str, *args: Any, **kwargs: Any) -> Markup:
        """Render docstring Markdown; on a translated page, sanitized (see `docglot.site.sanitize`)."""
        token = render_once.conversion_token(text, *args, **kwargs)
        if token is not None:
            return token
        # A docstring's own `:::` block shows messages too: such a text is converted.
        if _MESSAGES_ONLY and not AutoDocProcessor.regex.search(text):
            return Markup("")
        html = convert(text, *args, **kwargs)
        return html if active_language(source) == source else Markup(sanitize(str(html)))

    handler.env.filters["convert_markdown"] = convert_translated
    render_once.install(handler, source, convert)


_HIGHLIGHTED: dict[tuple[object, ...], Markup] = {}
"""Highlighted code by everything its HTML depends on, for every page and language of a build."""


def _highlight_once(handler: BaseHandler) -> None:
    """Highlight each signature and source excerpt once, not once per language.

    mkdocstrings gives each page a new `highlight` filter (a `Highlighter` configured from
    that page's Markdown), and every language renders the same code with the same ids:
    Pygments would do the same work once per language. The filter is wrapped each time
    mkdocstrings sets it, and its HTML kept by the code, the call's options and the
    highlighter's configuration, so a different configuration never reuses it. The filters
    that format code are wrapped at the same time, to do nothing while blocks are rendered
    for their messages only (`messages_only`).
    """
    update_env = handler.update_env
    if getattr(update_env, "__name__", "") == "update_env_highlighting_once":
        return

    def update_env_highlighting_once(config: Any) -> None:
        update_env(config)
        filters = handler.env.filters
        filters["highlight"] = _memoized(filters["highlight"])
        for name in _CODE_FILTERS:
            if name in filters:
                filters[name] = _unless_messages_only(filters[name])

    handler.update_env = update_env_highlighting_once  # type: ignore[method-assign]


_CODE_FILTERS = ("format_code", "format_signature", "format_attribute", "format_type_alias")
"""mkdocstrings-python's filters that format code (with Black or Ruff, in a process of its own)."""


def _unless_messages_only(format_code: Callable[..., Markup]) -> Callable[..., Markup]:
    # `wraps` keeps what Jinja reads on a filter (`pass_context`, which these use).
    @functools.wraps(format_code)
    def formatted(*args: Any, **kwargs: Any) -> Markup:
        return Markup("") if _MESSAGES_ONLY else format_code(*args, **kwargs)

    return formatted


def _memoized(highlight: Callable[..., Markup]) -> Callable[..., Markup]:
    highlighter = getattr(highlight, "__self__", None)
    configuration = tuple(
        sorted((name, repr(value)) for name, value in vars(highlighter).items() if name != "md")
    )

    def highlight_once(src: str, *args: Any, **kwargs: Any) -> Markup:
        if _MESSAGES_ONLY:
            return Markup("")
        key = (configuration, type(src), str(src), args, tuple(sorted(kwargs.items(), key=repr)))
        try:
            return _HIGHLIGHTED[key]
        except KeyError:
            pass
        except TypeError:  # An option that cannot be a key: highlight as mkdocstrings would.
            return highlight(src, *args, **kwargs)
        html = highlight(src, *args, **kwargs)
        # A title stored in the page's Markdown stash (`\x02...\x03`) belongs to that page only.
        if "\x02" not in html:
            _HIGHLIGHTED[key] = html
        return html

    return highlight_once


def collection_problem(place: str, identifier: str, error: Exception) -> str:
    """The one line that says why `::: identifier`, written at `place` (`FILE:LINE`), collects nothing.

    Both engines word it the same; a module that cannot be parsed is named by the caller.
    """
    if isinstance(error, griffe.LoadingError | UnicodeDecodeError):
        return f"docglot: {place}: '::: {identifier}': {error}; fix the module so that it can be loaded"
    return (
        f"docglot: {place}: '::: {identifier}': {error}; check the object's path, and that its "
        "package is in the Python handler's 'paths'"
    )
