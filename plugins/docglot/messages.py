"""Split docstring sections into translatable messages, and put translations back.

A message is one unit a translator sees: a paragraph (or heading, list, ...) of a
docstring's text, or the whole description of one parameter, return value, attribute...
Code blocks, names and types are never messages. Each message's context names its
object and slot, for example `aftersend.BackgroundTasks.add_task:parameter:func`, so the
same English text can be translated differently in two places.
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


def split_blocks(text: str) -> list[tuple[str, bool]]:
    """Split Markdown into blocks separated by blank lines: `(block, is_message)`.

    Fenced code blocks (which may hold blank lines) and indented code blocks are kept
    whole and are not messages.
    """
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    fence: str | None = None

    def close(is_message: bool) -> None:
        if current:
            block = "\n".join(current)
            is_code = all(line.startswith("    ") for line in current)
            blocks.append((block, is_message and not is_code))
            current.clear()

    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence is None and opening:
            close(is_message=True)
            fence = opening.group(1)
            current.append(line)
        elif fence is not None:
            current.append(line)
            if line.strip().startswith(fence) and len(current) > 1:
                close(is_message=False)
                fence = None
        elif not line.strip():
            close(is_message=True)
        else:
            current.append(line)
    close(is_message=fence is None)
    return blocks


def _item_name(slot: str, item: object, index: int) -> str:
    name = getattr(item, "name", "") or ""
    if slot in {"raise", "warn"} or not name:
        annotation = getattr(item, "annotation", None)
        name = str(annotation) if slot in {"raise", "warn"} and annotation else str(index)
    return name.lstrip("*")


def _text_messages(context: str, text: str) -> list[Message]:
    return [Message(context, block) for block, is_message in split_blocks(text) if is_message]


def messages_of(path: str, sections: list[DocstringSection]) -> list[Message]:
    """Return the messages of one object's docstring sections, in reading order."""
    messages: list[Message] = []
    for section in sections:
        kind = section.kind
        if isinstance(section, DocstringSectionText):
            messages += _text_messages(f"{path}:docstring", section.value)
        elif isinstance(section, DocstringSectionAdmonition):
            if section.title:
                messages.append(Message(f"{path}:admonition-title", section.title))
            messages += _text_messages(f"{path}:admonition", section.value.description)
        elif isinstance(section, DocstringSectionExamples):
            for example_kind, text in section.value:
                if example_kind is DocstringSectionKind.text:
                    messages += _text_messages(f"{path}:examples", text)
        elif kind in _ITEM_SLOTS:
            slot = _ITEM_SLOTS[kind]
            for index, item in enumerate(section.value):
                description = getattr(item, "description", "")
                if description.strip():
                    messages.append(Message(f"{path}:{slot}:{_item_name(slot, item, index)}", description))
    return messages


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
