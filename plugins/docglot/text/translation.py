"""Docstrings that show the active language.

The griffe extension wraps every docstring in a
[`TranslatableDocstring`][docglot.text.translation.TranslatableDocstring]. Its `parsed` sections
are the English ones unless a [`Translator`][docglot.text.translation.Translator] is active:
the MkDocs plugin activates the page's language before mkdocstrings renders the page, so
the same loaded objects and compiled templates serve every language.
"""

from __future__ import annotations

from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from html import escape

from griffe import Docstring, DocstringSection, Object

from docglot.text.catalogs import Extracted, SiteCatalog, State
from docglot.text.labels import label
from docglot.text.messages import Message, messages_of, translated_sections

_ACTIVE: ContextVar[Translator | None] = ContextVar("docglot_translator", default=None)

_MARKER_LABELS = {
    State.untranslated: ("not translated", "This text is not translated yet: it is shown in English."),
    State.fuzzy: ("translation outdated", "The English text changed since this translation was made."),
}
# Markdown blocks that an inline marker would break (headings, lists, quotes, tables, HTML).
_BLOCK_STARTS = ("#", "- ", "* ", "+ ", ">", "|", "<", "!!!", "???", "```", "~~~")


def marker(state: State, message: Message, language: str) -> str:
    """Return the HTML of the badge shown before an untranslated or outdated text.

    The badge's words come from CSS (`content: attr(data-docglot-label)`), so they never
    enter the page's text, its table of contents or the search index.
    """
    short, long = _MARKER_LABELS[state]
    return (
        f'<span class="docglot-marker docglot-{state.value}" data-docglot-state="{state.value}" '
        f'data-docglot-msgctxt="{escape(message.context)}" '
        f'data-docglot-label="{escape(label(short, language))}" '
        f'title="{escape(label(long, language))}"></span>'
    )


def _with_marker(text: str, badge: str) -> str:
    if text.lstrip().startswith(_BLOCK_STARTS) or text[:1].isdigit():
        return f"{badge}\n\n{text}"
    return f"{badge} {text}"


@dataclass
class Translator:
    """Serves one language's API text while that language's pages are rendered."""

    language: str
    """The language pages are rendered in."""
    catalog: SiteCatalog | None = None
    """The language's catalog; `None` for the source language."""
    show_fuzzy: str = "source"
    """For an outdated entry, show the English text (`source`) or the old translation."""
    extracted: dict[Message, Extracted] | None = None
    """When set, every message served is recorded here (catalog extraction)."""
    _cache: dict[int, list[DocstringSection]] = field(default_factory=dict)

    def translate(self, message: Message) -> str:
        """Return the Markdown to show for a message in this language."""
        if self.catalog is None:
            return message.source
        entry = self.catalog.lookup(message)
        if entry.state is State.translated:
            return entry.translation
        if entry.state is State.fuzzy and self.show_fuzzy == "translation":
            return _with_marker(entry.translation, marker(State.fuzzy, message, self.language))
        return _with_marker(message.source, marker(entry.state, message, self.language))

    def sections(self, docstring: Docstring, sections: list[DocstringSection]) -> list[DocstringSection]:
        """Return a docstring's sections in this language."""
        parent = docstring.parent
        if parent is None:
            return sections
        if self.extracted is not None:
            self._record(parent, sections)
        if self.catalog is None:
            return sections
        key = id(sections)
        if key not in self._cache:
            self._cache[key] = translated_sections(parent.path, sections, self.translate)
        return self._cache[key]

    def _record(self, parent: Object, sections: list[DocstringSection]) -> None:
        assert self.extracted is not None
        location: tuple[tuple[str, int], ...] = ()
        with suppress(ValueError):  # An object without a file (built-in, or inspected) has none.
            location = ((str(parent.relative_package_filepath), parent.lineno or 0),)
        for message in messages_of(parent.path, sections):
            known = self.extracted.get(message)
            locations = tuple(dict.fromkeys((*(known.locations if known else ()), *location)))
            self.extracted[message] = Extracted(message, locations)


def activate(translator: Translator | None) -> None:
    """Make a translator (or none: English) serve the docstrings from now on."""
    _ACTIVE.set(translator)


def active_language(default: str = "en") -> str:
    """Return the language being rendered."""
    translator = _ACTIVE.get()
    return translator.language if translator else default


class TranslatableDocstring(Docstring):
    """A docstring whose parsed sections follow the active language."""

    def __init__(self, original: Docstring) -> None:
        """Wrap a docstring; its sections are parsed lazily, as griffe does."""
        super().__init__(
            original.value,
            lineno=original.lineno,
            endlineno=original.endlineno,
            parent=original.parent,
            parser=original.parser,
            parser_options=original.parser_options,
        )
        self.original = original

    @property
    def parsed(self) -> list[DocstringSection]:
        """The sections in the active language (English when none is active)."""
        sections = self.original.parsed
        translator = _ACTIVE.get()
        return sections if translator is None else translator.sections(self.original, sections)


def make_translatable(obj: Object) -> None:
    """Wrap an object's docstring, once."""
    if obj.docstring is not None and not isinstance(obj.docstring, TranslatableDocstring):
        obj.docstring = TranslatableDocstring(obj.docstring)


def source_sections(docstring: Docstring) -> list[DocstringSection]:
    """A docstring's sections in the source language, whatever language is being rendered.

    Packages load lazily, in the middle of rendering a page: code that builds sections
    must work on the source ones, never on a language's copies.
    """
    return docstring.original.parsed if isinstance(docstring, TranslatableDocstring) else docstring.parsed
