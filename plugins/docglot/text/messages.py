"""Split docstring sections into translatable messages, and put translations back.

A message is one unit a translator sees: a paragraph (or heading, list, footnote...) of a
docstring's text, or the whole description of one parameter, return value, attribute...
Code blocks, names, types and link reference definitions are never messages. Each
message's context names its object and slot, for example
`aftersend.BackgroundTasks.add_task:parameter:func`, so the same English text can be
translated differently in two places.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from griffe import (
    DocstringSection,
    DocstringSectionAdmonition,
    DocstringSectionExamples,
    DocstringSectionKind,
    DocstringSectionText,
)
from markdown.blockprocessors import ReferenceProcessor  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from markdown.extensions.abbr import AbbrBlockprocessor  # type: ignore[import-untyped]
from markdown.extensions.footnotes import FootnoteBlockProcessor  # type: ignore[import-untyped]

_FENCE = re.compile(r"^\s*(```|~~~)")
# A list item's first line: `- `, `* `, `+ `, `1. ` or `1) `, indented by up to 3 spaces.
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED_CODE = ("    ", "\t")
# How blocks other than paragraphs start: headings, lists, quotes, tables, raw HTML,
# admonitions, fences, pymdownx's tabs and blocks. Python-Markdown reads a line of these as
# part of the block (a table row, HTML...), never as a definition to take out of it.
_BLOCK_STARTS = ("#", "- ", "* ", "+ ", ">", "|", "<", "!!!", "???", "```", "~~~", "===", "///")
# Python-Markdown's own patterns for the definitions it takes out of a paragraph wherever
# they stand in it (`[id]: url "title"` on up to three lines, `*[HTML]: ...`, `[^1]: ...`):
# a definition is found exactly where Markdown finds one.
_REFERENCE: re.Pattern[str] = ReferenceProcessor.RE
_ABBREVIATION: re.Pattern[str] = AbbrBlockprocessor.RE
_FOOTNOTE: re.Pattern[str] = FootnoteBlockProcessor.RE
_BLANK_LINE = re.compile(r"[ \t]*\n")
# Section kinds whose items each carry one description, and how their slot is named.
_ITEM_SLOTS: dict[DocstringSectionKind, str] = {
    DocstringSectionKind.parameters: "parameter",
    DocstringSectionKind.other_parameters: "other-parameter",
    DocstringSectionKind.type_parameters: "type-parameter",
    DocstringSectionKind.attributes: "attribute",
    DocstringSectionKind.functions: "function",
    DocstringSectionKind.classes: "class",
    DocstringSectionKind.modules: "module",
    DocstringSectionKind.type_aliases: "type-alias",
    DocstringSectionKind.returns: "return",
    DocstringSectionKind.yields: "yield",
    DocstringSectionKind.receives: "receive",
    DocstringSectionKind.raises: "raise",
    DocstringSectionKind.warns: "warn",
}


@dataclass(frozen=True)
class Message:
    """One translatable text and where it is shown."""

    context: str
    """The object path and slot: `path:docstring`, `path:parameter:NAME`, `path:return:0`, ..."""
    source: str
    """The English text (Markdown)."""


Translate = Callable[[Message], str]
"""Return the Markdown to show for a message (its translation, or the English text marked)."""


class _Piece(Enum):
    """What a piece of a paragraph is, once Python-Markdown's definitions are taken out of it."""

    text = "text"
    references = "references"
    abbreviations = "abbreviations"
    footnote = "footnote"


def split_blocks(text: str) -> list[tuple[str, bool]]:
    """Split Markdown into blocks separated by blank lines: `(block, is_message)`.

    Fenced code blocks (which may hold blank lines) and indented code blocks are kept
    whole and are not messages. A list is one block, blank lines and indented
    continuation paragraphs included: split into items, a loose list would be shown
    one item at a time (an ordered list renumbered from 1 at each item) and a
    continuation paragraph pulled out of its item. A footnote definition is one block
    with its indented paragraphs, for the same reason.

    Python-Markdown takes link reference, abbreviation and footnote definitions out of a
    paragraph wherever they stand in it, and they hold for the whole text: a paragraph is
    cut at them (`_paragraph_pieces`), and each piece stands alone.
    """
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    blanks: list[str] = []  # Blank lines after `current`, kept if a list goes on after them.
    fence: str | None = None
    # A block that goes on after blank lines: `list`, or the `footnote` a paragraph ends with.
    container: str | None = None

    def close(is_message: bool) -> None:
        if current:
            block = "\n".join(current)
            if not is_message or all(line.startswith(_INDENTED_CODE) for line in current):
                blocks.append((block, False))
            elif container == "list" or _opens_block(current[0]):
                blocks.append((block, True))
            else:
                blocks.extend(_paragraph_pieces(block))
            current.clear()
        blanks.clear()

    for line in text.split("\n"):
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
                if container is None:
                    close(is_message=False)
            continue
        if not line.strip():
            if current:
                blanks.append(line)
            continue
        opening = _FENCE.match(line)
        after_blank = bool(blanks)
        if current and _continues(line, container=container, after_blank=after_blank, is_fence=bool(opening)):
            current.extend(blanks)
            blanks.clear()
            current.append(line)
            if container is None and _FOOTNOTE.match(line) and not _opens_block(current[0]):
                container = "footnote"
        else:
            close(is_message=True)
            current.append(line)
            container = "list" if _LIST_ITEM.match(line) else "footnote" if _FOOTNOTE.match(line) else None
        if opening:
            fence = opening.group(1)
    close(is_message=fence is None or container is not None)
    return blocks


def _continues(line: str, *, container: str | None, after_blank: bool, is_fence: bool) -> bool:
    """Whether a line belongs to the current block rather than starting a new one.

    A list goes on with the next item or an indented line (a continuation paragraph, a
    nested list, code in an item), blank lines or not; a footnote with a line indented as
    code, which Python-Markdown reads as the footnote's own. Other blocks end at a blank
    line, and a fenced code block starts a block of its own.
    """
    if container == "list" and (_LIST_ITEM.match(line) or line.startswith((" ", "\t"))):
        return True
    if container == "footnote" and line.startswith(_INDENTED_CODE):
        return True
    return not after_blank and not is_fence


def _opens_block(line: str) -> bool:
    """Whether a block's first line starts something other than a paragraph."""
    return line.lstrip().startswith(_BLOCK_STARTS)


def _after_blank_lines(text: str, position: int) -> int:
    while blank := _BLANK_LINE.match(text, position):
        position = blank.end()
    return position


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _definition(text: str, position: int) -> tuple[_Piece, int]:
    """What starts at `position` (a line's start), and where it ends (a line's end).

    A footnote definition goes on to the next one or to the end of the text, as in
    Python-Markdown, which reads every line after it (lazily indented or not) as its own;
    a link reference or abbreviation definition may take up to three lines. Footnotes come
    first: Python-Markdown looks for them first, and `[^1]: text` reads as a link
    reference definition too.
    """
    if _FOOTNOTE.match(text, position):
        following = _FOOTNOTE.search(text, _line_end(text, position) + 1)
        return _Piece.footnote, following.start() - 1 if following else len(text)
    if reference := _REFERENCE.match(text, position):
        return _Piece.references, reference.end()
    abbreviation = _ABBREVIATION.match(text, position)
    # Python-Markdown takes `*[HTML]:` with an empty abbreviation or expansion for text.
    if abbreviation and abbreviation.group("abbr").strip() and abbreviation.group("title").strip():
        return _Piece.abbreviations, abbreviation.end()
    return _Piece.text, _line_end(text, position)


def _paragraph_pieces(block: str) -> list[tuple[str, bool]]:
    """Cut a paragraph at its definitions: `(piece, is_message)`, in order.

    Consecutive lines of text, of link reference definitions or of abbreviation
    definitions are one piece each, and each footnote definition is one piece: a
    definition among a paragraph's lines is the same as one in a paragraph of its own,
    and is treated the same. A link reference definition has nothing to translate (a URL,
    and at most a tooltip): it is no message, and stays as written in every language. An
    abbreviation's expansion and a footnote are text to translate: messages, whose badge
    `marker_place` puts where it keeps them definitions.
    """
    starts: list[tuple[int, _Piece]] = []
    position = 0
    while position < len(block):
        piece, end = _definition(block, position)
        if not starts or piece is not starts[-1][1] or piece is _Piece.footnote:
            starts.append((position, piece))
        position = end + 1
    ends = [start for start, _ in starts[1:]] + [len(block)]
    return [
        (block[start:end].rstrip("\n"), piece is not _Piece.references)
        for (start, piece), end in zip(starts, ends, strict=True)
    ]


def marker_place(text: str) -> tuple[int, bool] | None:
    """Where a badge can go in a message's Markdown without changing what the rest renders.

    Returns the offset, and whether the badge must be a paragraph of its own there (before
    a heading, a list, a table...). The badge goes after the link reference and
    abbreviation definitions a text starts with, and after a footnote's label (`[^1]: `),
    so that they stay definitions. `None` when the text is only link reference and
    abbreviation definitions: they render nothing where they stand, so there is no place
    for a badge, and one in front of them would turn them into text.
    """
    position = _after_blank_lines(text, 0)
    while position < len(text):
        piece, end = _definition(text, position)
        if piece is _Piece.footnote:
            footnote = _FOOTNOTE.match(text, position)
            assert footnote is not None  # `_definition` just matched it.
            return footnote.start(2), False
        if piece is _Piece.text:
            rest = text[position:]
            return position, _opens_block(rest) or rest[:1].isdigit()
        position = _after_blank_lines(text, end + 1)
    if text.strip():
        return None
    return 0, False


def _item_name(slot: str, item: object, index: int) -> str:
    name = getattr(item, "name", "") or ""
    if slot in {"raise", "warn"} or not name:
        annotation = getattr(item, "annotation", None)
        name = str(annotation) if slot in {"raise", "warn"} and annotation else str(index)
    return name.lstrip("*")


def _translate_text(context: str, text: str, translate: Translate) -> str:
    return "\n\n".join(
        translate(Message(context, block)) if is_message else block
        for block, is_message in split_blocks(text)
    )


def translated_sections(
    path: str, sections: list[DocstringSection], translate: Translate
) -> list[DocstringSection]:
    """Return copies of the sections with each message passed through `translate`.

    The source sections are left untouched: every language gets its own copies.
    """
    result: list[DocstringSection] = []
    for section in sections:
        new = copy.copy(section)
        kind = section.kind
        if isinstance(section, DocstringSectionText):
            new.value = _translate_text(f"{path}:docstring", section.value, translate)
        elif isinstance(section, DocstringSectionAdmonition):
            if section.title:
                new.title = translate(Message(f"{path}:admonition-title", section.title))
            admonition = copy.copy(section.value)
            admonition.description = _translate_text(
                f"{path}:admonition", section.value.description, translate
            )
            new.value = admonition
        elif isinstance(section, DocstringSectionExamples):
            new.value = [
                (example_kind, _translate_text(f"{path}:examples", text, translate))
                if example_kind is DocstringSectionKind.text
                else (example_kind, text)
                for example_kind, text in section.value
            ]
        elif kind in _ITEM_SLOTS:
            slot = _ITEM_SLOTS[kind]
            items = []
            for index, item in enumerate(section.value):
                item_copy = copy.copy(item)
                description = getattr(item, "description", "")
                if description.strip():
                    context = f"{path}:{slot}:{_item_name(slot, item, index)}"
                    item_copy.description = _translate_description(context, item, description, translate)
                items.append(item_copy)
            new.value = items
        result.append(new)
    return result


def _translate_description(context: str, item: object, description: str, translate: Translate) -> str:
    """Translate an item's description; a deprecation it starts with is a message of its own.

    A row marked `deprecated(...)` shows the deprecation message, then the item's own text
    (`DeprecatedParameter`): two texts, which change and are translated apart. The
    deprecation's context is the item's, with `:deprecation` after it.
    """
    deprecated = getattr(item, "deprecated", None)
    if not isinstance(deprecated, str) or not deprecated or not description.startswith(deprecated):
        return translate(Message(context, description))
    parts = [translate(Message(f"{context}:deprecation", deprecated))]
    if rest := description[len(deprecated) :].strip():
        parts.append(translate(Message(context, rest)))
    return "\n\n".join(parts)


def messages_of(path: str, sections: list[DocstringSection]) -> list[Message]:
    """Return the messages of one object's docstring sections, in reading order.

    Built on `translated_sections`, so that what is extracted is exactly what is translated.
    """
    messages: list[Message] = []

    def record(message: Message) -> str:
        messages.append(message)
        return message.source

    translated_sections(path, sections, record)
    return messages
