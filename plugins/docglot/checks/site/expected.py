"""What an entry of a reference page should show in a language, worked out from the code
and the catalogs with the code that renders it.

The texts are the docstring sections as the griffe extension wrote them (`Doc` texts
included), passed through the language's [`Translator`][docglot.text.translation.Translator]
(translations, and markers where the catalog says a text is untranslated or outdated),
converted with the site's Markdown extensions and, on a translated page, sanitized as the
plugin sanitizes it. Texts are compared as a reader sees them, not as HTML.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
from griffe import (
    Alias,
    Docstring,
    DocstringSection,
    DocstringSectionAdmonition,
    DocstringSectionExamples,
    DocstringSectionKind,
    DocstringSectionParameters,
    DocstringSectionText,
    Expr,
    ExprAttribute,
    ExprKeyword,
    ExprName,
    ExprSubscript,
    ExprTuple,
    Function,
    Object,
    ParameterKind,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs_autorefs import AutorefsExtension
from mkdocstrings_handlers.python import PythonOptions

from docglot.checks.site.page_tree import Element, parse_html
from docglot.checks.site.reference_pages import ReferenceEntry
from docglot.checks.source.packages import target_of
from docglot.reading.annotations import ANNOTATED_PATHS, unwrap_expression
from docglot.reading.docstrings import source_sections
from docglot.reading.sections import EMPTY_DEFAULTS, STARS, documented_parameters
from docglot.site.sanitize import sanitize
from docglot.text.labels import labelled
from docglot.text.messages import messages_of
from docglot.text.translation import Translator

MARKER_CLASS = "docglot-marker"
"""The class of the badge `docglot.text.translation.marker` writes."""

# Section kinds the templates render as text rather than as a table or list of items.
_PROSE_KINDS = {DocstringSectionKind.text, DocstringSectionKind.admonition, DocstringSectionKind.examples}
# Section kinds mkdocstrings-python renders at all (`docstring.html.jinja`), by the option that shows them.
_SHOWN_BY = {
    DocstringSectionKind.text: "show_docstring_description",
    DocstringSectionKind.admonition: "show_docstring_description",
    DocstringSectionKind.examples: "show_docstring_examples",
    DocstringSectionKind.attributes: "show_docstring_attributes",
    DocstringSectionKind.functions: "show_docstring_functions",
    DocstringSectionKind.classes: "show_docstring_classes",
    DocstringSectionKind.type_aliases: "show_docstring_type_aliases",
    DocstringSectionKind.modules: "show_docstring_modules",
    DocstringSectionKind.type_parameters: "show_docstring_type_parameters",
    DocstringSectionKind.parameters: "show_docstring_parameters",
    DocstringSectionKind.other_parameters: "show_docstring_other_parameters",
    DocstringSectionKind.raises: "show_docstring_raises",
    DocstringSectionKind.warns: "show_docstring_warns",
    DocstringSectionKind.yields: "show_docstring_yields",
    DocstringSectionKind.receives: "show_docstring_receives",
    DocstringSectionKind.returns: "show_docstring_returns",
}


@dataclass(frozen=True)
class Region:
    """What a reader sees of a part of a page: its text, and the markers in it."""

    text: str
    """The text, whitespace collapsed."""
    markers: Counter[tuple[str, str]] = field(default_factory=Counter)
    """The markers, as `(message context, state)`, counted."""


@dataclass(frozen=True)
class Row:
    """What a row of a Parameters table says of its parameter."""

    name: str
    """The name, with its stars (`*args`)."""
    type: str | None
    """The type as shown, or `None` when the row shows none."""
    default: str | None
    """The default value as shown, or `None` when the row shows none."""


@dataclass(frozen=True)
class Item:
    """One item of a section (a parameter, a returned value, ...) and what its description shows."""

    name: str
    """The item's name as written in the section (empty for an unnamed returned value)."""
    context: str
    """Its message context: object path and slot (`pkg.f:parameter:x`)."""
    description: Region
    """Its description."""


@dataclass(frozen=True)
class ItemSection:
    """A section rendered as a table or list of items."""

    kind: DocstringSectionKind
    """The kind of section."""
    owner: str
    """The path of the object whose docstring holds it."""
    items: list[Item]
    """Its items, in order."""
    rows: list[Row] | None = None
    """For a Parameters section, the rows the signature gives; `None` when there is no signature."""


@dataclass(frozen=True)
class ExpectedEntry:
    """What an entry should show in one language."""

    prose: Region
    """The docstrings' text (descriptions, admonitions, examples), in order."""
    sections: list[ItemSection]
    """The sections of items, in order."""


def region(element: Element, skip: Callable[[Element], bool] | None = None) -> Region:
    """What a reader sees of an element; permalinks (`¶`) and what `skip` accepts are left out."""

    def left_out(candidate: Element) -> bool:
        return candidate.has_class("headerlink") or (skip is not None and skip(candidate))

    markers = Counter(
        (marker.attrs.get("data-docglot-msgctxt", ""), marker.attrs.get("data-docglot-state", ""))
        for marker in element.descendants(into=lambda candidate: not left_out(candidate))
        if marker.has_class(MARKER_CLASS) and not left_out(marker)
    )
    return Region(element.text(skip=left_out), markers)


class MarkdownText:
    """Converts docstring Markdown as the site does: its extensions, cross-references kept as text."""

    def __init__(self, config: MkDocsConfig, *, sanitized: bool) -> None:
        """Use the site's Markdown extensions; `sanitized` for a translated language's pages."""
        self._markdown = markdown.Markdown(
            extensions=[*config.markdown_extensions, AutorefsExtension()],
            extension_configs=config.mdx_configs,
        )
        self._sanitized = sanitized

    def html(self, text: str) -> str:
        """Return the HTML a page shows for a Markdown text."""
        self._markdown.reset()
        html = str(self._markdown.convert(text))
        return sanitize(html) if self._sanitized else html


def expression_text(expression: str | Expr | None, options: PythonOptions) -> str:
    """Write a type or default value as mkdocstrings-python's `expression.html.jinja` shows it."""
    if isinstance(expression, Expr) and options.modernize_annotations:
        expression = expression.modernize()
    return _expression(expression, options.annotations_path, options.unwrap_annotated)


def _expression(expression: str | Expr | None, path: str, unwrap: bool) -> str:
    if expression is None:
        return ""
    if isinstance(expression, str):
        return expression
    if isinstance(expression, ExprName):
        if expression.is_type_parameter or path == "source":
            return expression.name
        return expression.canonical_path if path == "full" else expression.canonical_name
    if (
        unwrap
        and isinstance(expression, ExprSubscript)
        and expression.canonical_path in ANNOTATED_PATHS
        and isinstance(expression.slice, ExprTuple)
    ):
        return _expression(expression.slice.elements[0], path, unwrap)
    if isinstance(expression, ExprAttribute):
        elements = list(expression)
        first, last = expression.first, expression.last
        if isinstance(first, ExprName) and first.is_type_parameter:
            return first.name + "".join(_expression(element, "brief", unwrap) for element in elements[1:])
        if path == "brief":
            if last.is_enum_value and isinstance(last.parent, ExprName):
                return f"{last.parent.canonical_name}.value"
            return _expression(last, "brief", unwrap)
        if path == "full":
            rest = "".join(_expression(element, "brief", unwrap) for element in elements[1:])
            return _expression(first, "full", unwrap) + rest
        return "".join(_expression(element, path, unwrap) for element in elements)
    if isinstance(expression, ExprKeyword):
        return f"{expression.name}={_expression(expression.value, path, unwrap)}"
    return "".join(_expression(element, path, unwrap) for element in expression)


def shown_docstrings(entry: ReferenceEntry) -> list[Docstring]:
    """The docstrings an entry shows: its own, then, for a class, its merged `__init__`'s."""
    options = entry.options
    docstrings = [entry.obj.docstring] if entry.obj.docstring is not None else []
    if entry.target.is_class and options.merge_init_into_class:
        inherited = options.inherited_members
        members = (
            entry.obj.all_members
            if inherited is True or (isinstance(inherited, list) and "__init__" in inherited)
            else entry.obj.members
        )
        init = members.get("__init__")
        if init is not None and init.has_docstring and init.docstring is not None:
            docstrings.append(init.docstring)
    return docstrings


def expected_entry(entry: ReferenceEntry, translator: Translator, text: MarkdownText) -> ExpectedEntry:
    """What an entry should show in the translator's language."""
    prose: list[str] = []
    sections: list[ItemSection] = []
    for docstring in shown_docstrings(entry):
        owner = docstring.parent.path if docstring.parent is not None else entry.target.path
        source = source_sections(docstring)
        for translated, original in zip(translator.sections(docstring, source), source, strict=True):
            section = labelled(translated, translator.language)
            if not getattr(entry.options, _SHOWN_BY.get(section.kind, ""), False):
                continue
            if section.kind in _PROSE_KINDS:
                prose.append(_prose_html(section, text))
            else:
                sections.append(_item_section(section, original, owner, docstring, entry.options, text))
    return ExpectedEntry(region(parse_html("\n".join(prose)).root), sections)


def _prose_html(section: DocstringSection, text: MarkdownText) -> str:
    if isinstance(section, DocstringSectionText):
        return text.html(section.value)
    if isinstance(section, DocstringSectionAdmonition):
        title = text.html(section.title or "")
        return f"<details><summary>{title}</summary>{text.html(section.value.contents)}</details>"
    assert isinstance(section, DocstringSectionExamples)
    parts = [
        text.html(value) if kind is DocstringSectionKind.text else f"<pre><code>{escape(value)}</code></pre>"
        for kind, value in section.value
    ]
    return "\n".join(parts)


def _item_section(
    section: DocstringSection,
    original: DocstringSection,
    owner: str,
    docstring: Docstring,
    options: PythonOptions,
    text: MarkdownText,
) -> ItemSection:
    contexts = item_contexts(owner, original)
    items = [
        Item(
            name=str(getattr(item, "name", "") or ""),
            context=context,
            description=region(parse_html(text.html(str(getattr(item, "description", "") or ""))).root),
        )
        for item, context in zip(section.value, contexts, strict=True)
    ]
    rows = None
    if isinstance(original, DocstringSectionParameters):
        rows = signature_rows(docstring, original, options)
    return ItemSection(section.kind, owner, items, rows)


def item_contexts(owner: str, section: DocstringSection) -> list[str]:
    """The message context of each item of a section, whether or not it has a description.

    An item without a description has no message; it is named here as its message would
    be, by asking `messages_of` about a copy of the section whose items all have one.
    """
    described = copy.copy(section)
    described.value = [copy.copy(item) for item in section.value]
    for item in described.value:
        item.description = "-"
    return [message.context for message in messages_of(owner, [described])]


def signature_rows(
    docstring: Docstring, section: DocstringSectionParameters, options: PythonOptions
) -> list[Row] | None:
    """The rows a Parameters section shows if it follows the signature: one per parameter, in order.

    The signature is the callable's own, or for a class's docstring, its `__init__`'s. The
    type is the extension's reading of the parameter's annotation (`Annotated` unwrapped).
    """
    function = _signature_owner(docstring.parent)
    if function is None:
        return None
    items = {item.name.lstrip("*"): item for item in section.value}
    rows = []
    for parameter in documented_parameters(function):
        kind = parameter.kind or ParameterKind.positional_or_keyword
        item = items.get(parameter.name)
        annotation = item.annotation if item is not None and item.annotation is not None else None
        if annotation is None:
            annotation = unwrap_expression(parameter.annotation)
        default = parameter.default if parameter.default is not None else EMPTY_DEFAULTS.get(kind)
        type_text = expression_text(annotation, options) if annotation else None
        default_text = expression_text(default, options) if default else None
        if options.docstring_section_style == "list" and type_text is None:
            default_text = None  # The list style shows the default only next to a type.
        rows.append(Row(f"{STARS.get(kind, '')}{parameter.name}", type_text, default_text))
    return rows


def _signature_owner(owner: Object | Alias | None) -> Function | None:
    if owner is None:
        return None
    target = target_of(owner)
    if isinstance(target, Function):
        return target
    if target is not None and target.is_class:
        init = target.members.get("__init__")
        found = target_of(init) if init is not None else None
        return found if isinstance(found, Function) else None
    return None
