"""Split docstring sections into translatable messages, and put translations back.

A message is one unit a translator sees: a paragraph (or heading, list, ...) of a
docstring's text, or the whole description of one parameter, return value, attribute...
Code blocks, names and types are never messages. Each message's context names its
place, object and slot, for example `aftersend.BackgroundTasks.add_task:parameter:func`: a
catalog translates each English text once, in an entry without context that lists its
places, and a place may have its own translation, an entry whose context is that place.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from griffe import (
    DocstringSection,
    DocstringSectionAdmonition,
    DocstringSectionExamples,
    DocstringSectionKind,
    DocstringSectionText,
)

_FENCE = re.compile(r"^\s*(```|~~~)")
# A list item's first line: `- `, `* `, `+ `, `1. ` or `1) `, indented by up to 3 spaces.
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED_CODE = ("    ", "\t")
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


NAV_CONTEXT = "mkdocs.yml:nav"
"""The context of the navigation's titles in the catalogs: `mkdocs.yml`'s `nav`, plain text."""


def entry_context(context: str) -> str:
    """The msgctxt of the entry that translates a text shown at a place (a message's context).

    API text has one entry per English text, without msgctxt. The navigation's titles keep
    their context: they are plain text (checked as such), and a title such as "Reference"
    need not be worded as the same word in a docstring.
    """
    return context if context == NAV_CONTEXT else ""


Translate = Callable[[Message], str]
"""Return the Markdown to show for a message (its translation, or the English text marked)."""


def split_blocks(text: str) -> list[tuple[str, bool]]:
    """Split Markdown into blocks separated by blank lines: `(block, is_message)`.

    Fenced code blocks (which may hold blank lines) and indented code blocks are kept
    whole and are not messages. A list is one block, blank lines and indented
    continuation paragraphs included: split into items, a loose list would be shown
    one item at a time (an ordered list renumbered from 1 at each item) and a
    continuation paragraph pulled out of its item.
    """
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    blanks: list[str] = []  # Blank lines after `current`, kept if a list goes on after them.
    fence: str | None = None
    in_list = False

    def close(is_message: bool) -> None:
        if current:
            block = "\n".join(current)
            is_code = all(line.startswith(_INDENTED_CODE) for line in current)
            blocks.append((block, is_message and not is_code))
            current.clear()
        blanks.clear()

    for line in text.split("\n"):
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
                if not in_list:
                    close(is_message=False)
            continue
        if not line.strip():
            if current:
                blanks.append(line)
            continue
        opening = _FENCE.match(line)
        if current and _continues(line, in_list=in_list, after_blank=bool(blanks), is_fence=bool(opening)):
            current.extend(blanks)
            blanks.clear()
            current.append(line)
        else:
            close(is_message=True)
            current.append(line)
            in_list = bool(_LIST_ITEM.match(line))
        if opening:
            fence = opening.group(1)
    close(is_message=fence is None or in_list)
    return blocks


def _continues(line: str, *, in_list: bool, after_blank: bool, is_fence: bool) -> bool:
    """Whether a line belongs to the current block rather than starting a new one.

    A list goes on with the next item or an indented line (a continuation paragraph, a
    nested list, code in an item), blank lines or not. Other blocks end at a blank line,
    and a fenced code block starts a block of its own.
    """
    if in_list and (_LIST_ITEM.match(line) or line.startswith((" ", "\t"))):
        return True
    return not after_blank and not is_fence


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
                    item_copy.description = translate(Message(context, description))
                items.append(item_copy)
            new.value = items
        result.append(new)
    return result


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
