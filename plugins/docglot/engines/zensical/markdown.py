"""The Markdown extension that makes a Zensical build render one language of a docglot site.

Zensical runs no MkDocs plugin, but it converts every page with Python-Markdown and the
extensions of its configuration, mkdocstrings among them. `docglot build --engine
zensical` builds each language with this extension first in the list: before each page
is converted it activates the language's [`Translator`][docglot.text.translation.Translator]
(in the thread that converts the page, which is not the one that started the build) and
prepares mkdocstrings' Python handler; then it adds the "not translated yet" notice to a
page that falls back to the source language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import griffe
from markdown import Extension, Markdown  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from markdown.postprocessors import Postprocessor  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from mkdocstrings import CollectionError

from docglot.engines import heading_copies
from docglot.engines.handler import cache_templates, prepare_python_handler
from docglot.engines.theme import PERMALINK_TITLE, localize_permalinks
from docglot.reading.docstrings import activate
from docglot.reading.griffe_logs import load_failures_muted
from docglot.site.languages import babel_locale, notice_html
from docglot.site.sanitize import guard_references
from docglot.text.lookup import SiteCatalog
from docglot.text.translation import Translator

FALLBACK_MARK = "<!-- docglot: not translated -->"
"""Last line of a page staged from the source language, read (and removed) by the extension."""

_DOCSTRING_HEADINGS = "mkdocstrings_headings_list"
"""The treeprocessor by which mkdocstrings' own Markdown, that converts docstrings, reports their headings."""

_TRANSLATORS: dict[tuple[object, ...], Translator] = {}
_LOADED: dict[str, tuple[Any, Any]] = {}
"""Per site build: the griffe collections of modules and source lines its languages share."""
_FAILED: dict[str, tuple[str, Exception]] = {}
"""Per site build: the `:::` identifier that could not be collected, and why."""


def translator(language: str, source: str, catalog: str, fuzzy: str) -> Translator:
    """The language's translator, loaded once per version of its catalog file.

    Raises:
        CatalogError: When the catalog cannot be read.
    """
    if language == source:
        key: tuple[object, ...] = (language,)
        if key not in _TRANSLATORS:
            _TRANSLATORS[key] = Translator(language)
        return _TRANSLATORS[key]
    path = Path(catalog)
    stat = path.stat() if path.exists() else None
    key = (language, str(path), fuzzy, stat and (stat.st_mtime_ns, stat.st_size))
    if key not in _TRANSLATORS:
        loaded = SiteCatalog.load(path, babel_locale(language))
        _TRANSLATORS[key] = Translator(language, loaded, show_fuzzy=fuzzy)
    return _TRANSLATORS[key]


def share_loaded_code(handler: Any, site: str) -> None:
    """Give a fresh Python handler the code its site's earlier language builds loaded.

    Zensical makes a new handler for each build, which would load the code with griffe
    again for each language; the docstrings' sections follow the active language anyway,
    as in the plugin's single MkDocs build. The handler keeps what it loads in two
    collections of its own, set here before it collects anything.
    """
    shared = _LOADED.setdefault(site, (handler._modules_collection, handler._lines_collection))
    handler._modules_collection, handler._lines_collection = shared


def forget_loaded_code(site: str) -> None:
    """Let go of the code a site build loaded, once all its languages are built."""
    _LOADED.pop(site, None)
    _FAILED.pop(site, None)


def loaded_code(site: str) -> tuple[Any, Any] | None:
    """The griffe collections of modules and source lines a site build loaded, if it loaded any."""
    return _LOADED.get(site)


def failed_collection(site: str) -> tuple[str, Exception] | None:
    """The `:::` identifier a site build could not collect, and why, if there was one."""
    return _FAILED.get(site)


class CollectionFailed(Exception):
    """Ends a page whose `:::` object cannot be collected, before mkdocstrings logs a line of its own.

    The build reports it in one line, with the directive's place (`failed_collection`).
    """


def explain_collection_failures(handler: Any, site: str) -> None:
    """Record why `handler.collect` fails and end the page; the build says it in one line."""
    collect = handler.collect
    if getattr(collect, "__name__", "") == "collect_or_record":
        return

    def collect_or_record(identifier: str, options: Any) -> Any:
        try:
            with load_failures_muted():
                return collect(identifier, options)
        except (griffe.LoadingError, CollectionError, UnicodeDecodeError) as error:
            _FAILED.setdefault(site, (identifier, error))
            raise CollectionFailed(identifier) from None

    handler.collect = collect_or_record


class _Activate(Preprocessor):  # type: ignore[misc]
    """Serve the page's language to mkdocstrings; notice a page staged from the source language."""

    def __init__(self, md: Markdown, extension: DocglotZensicalExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.fallback = False

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        activate(extension.translator())
        extension.prepare_handler()
        end = len(lines)
        while end and not lines[end - 1].strip():
            end -= 1
        self.fallback = bool(end) and lines[end - 1].strip() == FALLBACK_MARK
        return lines[: end - 1] if self.fallback else lines


class _Notice(Treeprocessor):  # type: ignore[misc]
    """Put the notice after the title of a page that falls back to the source language.

    The notice goes in as raw HTML, stashed, once the page's tree is built: postprocessors
    also run on each heading's text for the table of contents, so they cannot add it.
    """

    def __init__(self, md: Markdown, activate: _Activate, language: str) -> None:
        super().__init__(md)
        self.activate = activate
        self.language = language

    def run(self, root: Element) -> None:
        if not self.activate.fallback:
            return
        placeholder = Element("p")
        placeholder.text = self.md.htmlStash.store(notice_html(self.language))
        parents = {child: parent for parent in root.iter() for child in parent}
        title = next(root.iter("h1"), None)
        if title is None:
            root.insert(0, placeholder)
        else:
            parent = parents[title]
            parent.insert(list(parent).index(title) + 1, placeholder)


class _Permalinks(Postprocessor):  # type: ignore[misc]
    """Give a page's permalinks their tooltip in its language (`localize_permalinks`).

    The page's Markdown only: mkdocstrings converts docstrings with a Markdown of its own
    (it has mkdocstrings' heading list), whose HTML is the same in every language, and
    becomes part of the page's.
    """

    def __init__(self, md: Markdown, extension: DocglotZensicalExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        get = self.extension.getConfig
        if get("language") == get("source") or _DOCSTRING_HEADINGS in self.md.treeprocessors:
            return text
        return localize_permalinks(text, get("permalink_title"), get("language"))


class DocglotZensicalExtension(Extension):  # type: ignore[misc]
    """Render one language of a docglot site in a Zensical build."""

    def __init__(self, **kwargs: Any) -> None:
        """Read the language, the source language, the catalog, `fuzzy` and the template cache."""
        self.config = {
            "language": ["en", "The language this build renders."],
            "source": ["en", "The source language of the site."],
            "catalog": ["", "The language's PO catalog (none for the source language)."],
            "fuzzy": ["source", "What an outdated translation shows: source or translation."],
            "cache_dir": ["", "Where compiled templates are kept between builds; empty: nowhere."],
            "site": ["", "Names the site build the language builds belong to; they share loaded code."],
            "permalink_title": [PERMALINK_TITLE, "The headings' permalink tooltip, as the site writes it."],
        }
        super().__init__(**kwargs)

    def translator(self) -> Translator:
        """The translator of the language this build renders."""
        get = self.getConfig
        return translator(get("language"), get("source"), get("catalog"), get("fuzzy"))

    def prepare_handler(self) -> None:
        """Prepare mkdocstrings' Python handler, once per build (Zensical creates it per build)."""
        from zensical.compat import mkdocstrings as compat

        handlers = compat.HANDLERS
        if handlers is None:
            return
        handler = handlers.get_handler("python")
        # Before mkdocstrings builds the converter of this page's docstrings (at its first `:::`).
        guard_references(handler, self.getConfig("source"))
        if "docglot_label" in handler.env.globals:
            return
        if self.getConfig("site"):
            share_loaded_code(handler, self.getConfig("site"))
            explain_collection_failures(handler, self.getConfig("site"))
        prepare_python_handler(handler, self.getConfig("source"))
        cache_dir = self.getConfig("cache_dir")
        cache_templates(handler.env, Path(cache_dir) if cache_dir else None)

    def extendMarkdown(self, md: Markdown) -> None:
        """Activate the language before everything else; add the notice after everything else."""
        activate = _Activate(md, self)
        # Before Python-Markdown's own preprocessors (the highest is 30), on the page's raw lines.
        md.preprocessors.register(activate, "docglot_activate", 100)
        # Last, once the table of contents (5) has read the headings.
        md.treeprocessors.register(_Notice(md, activate, self.getConfig("language")), "docglot_notice", 1)
        # Last, once the raw HTML (30), the reference's blocks among it, is back in the page.
        md.postprocessors.register(_Permalinks(md, self), "docglot_permalinks", 0)
        heading_copies.register(md)


def makeExtension(**kwargs: Any) -> DocglotZensicalExtension:
    """Return the extension, as Python-Markdown loads it by module name."""
    return DocglotZensicalExtension(**kwargs)
