"""A language's API text: what the docstrings show while that language's pages render.

A [`Translator`][docglot.text.translation.Translator] looks each message up in the
language's catalog and gives its translation, or the English text with a marker. The
engines activate it ([`activate`][docglot.reading.docstrings.activate]) before they render
the language's pages, and every wrapped docstring then shows its sections in that language.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from html import escape

from griffe import Docstring, DocstringSection, Object

from docglot.text.labels import label
from docglot.text.lookup import SiteCatalog, State
from docglot.text.merge import Extracted
from docglot.text.messages import Message, marker_place, messages_of, translated_sections

_MARKER_LABELS = {
    State.untranslated: ("not translated", "This text is not translated yet: it is shown in English."),
    State.fuzzy: ("translation outdated", "The English text changed since this translation was made."),
}


NEUTRAL_BADGES = "und"
"""The language (BCP 47's "undetermined") of badges whose words are put in later (`localize_badges`):
it has no label catalog, so their words are the English keys."""


def _badge_words(state: State, language: str) -> str:
    short, long = _MARKER_LABELS[state]
    return f'data-docglot-label="{escape(label(short, language))}" title="{escape(label(long, language))}"'


def marker(state: State, message: Message, language: str) -> str:
    """Return the HTML of the badge shown before an untranslated or outdated text.

    The badge's words come from CSS (`content: attr(data-docglot-label)`), so they never
    enter the page's text, its table of contents or the search index.
    """
    return (
        f'<span class="docglot-marker docglot-{state.value}" data-docglot-state="{state.value}" '
        f'data-docglot-msgctxt="{escape(message.context)}" {_badge_words(state, language)}></span>'
    )


def localize_badges(html: str, language: str, written: Callable[[str], str] = str) -> str:
    """Give the badges of HTML converted from `NEUTRAL_BADGES` text the words of `language`.

    Markdown passes a badge through as the raw HTML it is, so the HTML is the one the
    language's own badges would have given. Only the badges' attributes hold these exact
    words in this order; a translation writing them out as raw HTML would only get the
    language's label in their place, and is sanitized after. `written` gives the badges'
    words as the HTML writes them, if something (a sanitizer) wrote it again.
    """
    for state in _MARKER_LABELS:
        neutral = written(_badge_words(state, NEUTRAL_BADGES))
        if neutral in html:
            html = html.replace(neutral, written(_badge_words(state, language)))
    return html


def _with_marker(text: str, badge: str) -> str:
    """The text with the badge where it breaks nothing (`marker_place`).

    A text that is only definitions (abbreviations: link references are no messages)
    renders nothing where it stands, so it is shown without a badge.
    """
    place = marker_place(text)
    if place is None:
        return text
    offset, own_paragraph = place
    separator = "\n\n" if own_paragraph else " "
    return f"{text[:offset]}{badge}{separator}{text[offset:]}"


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
    shown: set[Message] | None = None
    """When set, every message looked up is added here: the messages of the page being rendered
    (`docglot serve` then knows which pages a catalog change touches)."""
    _cache: dict[int, list[DocstringSection]] = field(default_factory=dict)

    def translate(self, message: Message, *, badges: str | None = None) -> str:
        """Return the Markdown to show for a message in this language.

        Its badge, if it has one, has the words of `badges` (by default, of this language).
        """
        if self.shown is not None:
            self.shown.add(message)
        if self.catalog is None:
            return message.source
        entry = self.catalog.lookup(message)
        if entry.state is State.translated:
            return entry.translation
        words = badges or self.language
        if entry.state is State.fuzzy and self.show_fuzzy == "translation":
            return _with_marker(entry.translation, marker(State.fuzzy, message, words))
        return _with_marker(message.source, marker(entry.state, message, words))

    def sections(self, docstring: Docstring, sections: list[DocstringSection]) -> list[DocstringSection]:
        """Return a docstring's sections in this language."""
        parent = docstring.parent
        if parent is None:
            return sections
        if self.extracted is not None:
            self._record(parent, sections)
        if self.catalog is None:
            return sections
        if self.shown is not None:  # Translated once per build: a later page looks nothing up.
            self.shown.update(messages_of(parent.path, sections))
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
