"""Docstrings whose sections follow the language being rendered.

The griffe extension wraps every docstring in a
[`TranslatableDocstring`][docglot.reading.docstrings.TranslatableDocstring]. Its `parsed`
sections are the source ones unless a translator is active: an engine activates a
language's translator ([`Translator`][docglot.text.translation.Translator]) before it
renders that language's pages, so the same loaded objects and compiled templates serve
every language. Reading defines only what a translator must do (`SectionTranslator`), so
that reading the code needs nothing of the catalogs.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from griffe import Docstring, DocstringSection, Object


class SectionTranslator(Protocol):
    """Gives a docstring's sections in one language."""

    language: str
    """The language it gives."""

    def sections(self, docstring: Docstring, sections: list[DocstringSection]) -> list[DocstringSection]:
        """Return a docstring's sections (`sections`, in the source language) in this language."""
        ...


_ACTIVE: ContextVar[SectionTranslator | None] = ContextVar("docglot_translator", default=None)


def activate(translator: SectionTranslator | None) -> None:
    """Make a translator (or none: the source language) serve the docstrings from now on."""
    _ACTIVE.set(translator)


def active_translator() -> SectionTranslator | None:
    """Return the translator serving the docstrings (none: the source language)."""
    return _ACTIVE.get()


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
        """The sections in the active language (the source language when none is active)."""
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
