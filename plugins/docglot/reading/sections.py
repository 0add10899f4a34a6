"""Write what a callable or attribute documents into ordinary griffe docstring sections.

Everything lands in the object's parsed docstring (`obj.docstring.parsed`), so that
mkdocstrings' templates, `griffe dump` and any other griffe consumer see it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from griffe import (
    Attribute,
    Class,
    Docstring,
    DocstringParameter,
    DocstringReceive,
    DocstringReturn,
    DocstringSection,
    DocstringSectionAdmonition,
    DocstringSectionKind,
    DocstringSectionOtherParameters,
    DocstringSectionParameters,
    DocstringSectionReceives,
    DocstringSectionReturns,
    DocstringSectionYields,
    DocstringYield,
    Expr,
    Function,
    Object,
    Parameter,
    ParameterKind,
)

from docglot.reading.annotations import ANNOTATED_PATHS, Metadata, Report, Slot, unwrap_expression
from docglot.reading.docstrings import source_sections
from docglot.reading.signatures import CallableDocs
from docglot.rules import DOCUMENTED_TWICE, UNDOCUMENTED_PARAMETER

NewDocstring = Callable[[Object], Docstring]
"""Make an empty docstring for an object, parsed with the loader's parser."""

STARS = {ParameterKind.var_positional: "*", ParameterKind.var_keyword: "**"}
"""The stars a star parameter's row name shows."""
EMPTY_DEFAULTS = {ParameterKind.var_positional: "()", ParameterKind.var_keyword: "{}"}
"""What a star parameter holds when nothing is passed, shown as its default: griffe's static
analysis shows the same, its dynamic analysis shows nothing."""


def documented_parameters(func: Function) -> list[Parameter]:
    """Return the parameters that a reader passes: all but a method's `self` or `cls`."""
    parameters = list(func.parameters)
    if (
        func.parent is not None
        and func.parent.is_class
        and parameters
        and parameters[0].name in {"self", "cls"}
        and parameters[0].kind is not ParameterKind.keyword_only
        and "staticmethod" not in func.labels
    ):
        return parameters[1:]
    return parameters


def document_callable(
    func: Function, docs: CallableDocs, *, report: Report, new_docstring: NewDocstring
) -> None:
    """Merge a callable's `Doc` metadata into its docstring sections.

    Every parameter becomes a row of one Parameters section, in signature order,
    documented or not. A `Doc` text wins over a docstring entry for the same parameter;
    when the two differ, `report` is told where both are.
    """
    parameters = documented_parameters(func)
    has_docstring = func.docstring is not None and bool(func.docstring.value.strip())
    if not parameters and not docs.documents_anything:
        return
    # An `__init__` is documented through its class: its parameters are always shown.
    if not (has_docstring or docs.documents_anything or func.name == "__init__"):
        for parameter in parameters:
            report_undocumented(report, func, parameter, docs)
        return
    docstring = _target_docstring(func, new_docstring)
    sections = source_sections(docstring)

    written = _parameters_section(func, parameters, docs, sections, report, docstring)
    if written is not None:
        _put(sections, written, after=None)
    if docs.other_parameters:
        _put(
            sections, DocstringSectionOtherParameters(_parameter_items(docs.other_parameters)), after=written
        )
    for what, kind, slots in (
        ("yielded value", DocstringSectionKind.yields, docs.yields),
        ("received value", DocstringSectionKind.receives, docs.receives),
        ("return value", DocstringSectionKind.returns, docs.returns),
    ):
        if slots:
            new = _value_section(kind, slots)
            old = next((section for section in sections if section.kind is new.kind), None)
            if old is not None and any(_texts(old)):
                _report_twice(
                    report,
                    slots[0].metadata.lineno,
                    f"the {what} of {func.path}",
                    docstring,
                    same=_texts(old) == _texts(new),
                )
            _replace_or_append(sections, new)


def _target_docstring(func: Function, new_docstring: NewDocstring) -> Docstring:
    """Return the docstring that receives a callable's sections, creating one if needed.

    An undocumented `__init__` whose class docstring has a Parameters section (the usual
    Google style) completes that section, rather than getting a second one of its own.
    """
    if func.docstring is not None:
        return func.docstring
    owner = func.parent
    class_docstring = owner.docstring if func.name == "__init__" and isinstance(owner, Class) else None
    if class_docstring is not None and any(
        s.kind is DocstringSectionKind.parameters for s in source_sections(class_docstring)
    ):
        return class_docstring
    func.docstring = new_docstring(func)
    return func.docstring


def _value_section(kind: DocstringSectionKind, slots: list[Slot]) -> DocstringSection:
    """A Yields, Receives or Returns section with one item per documented value."""
    if kind is DocstringSectionKind.yields:
        return DocstringSectionYields(
            [DocstringYield("", description=_text(s), annotation=s.annotation) for s in slots]
        )
    if kind is DocstringSectionKind.receives:
        return DocstringSectionReceives(
            [DocstringReceive("", description=_text(s), annotation=s.annotation) for s in slots]
        )
    return DocstringSectionReturns(
        [DocstringReturn("", description=_text(s), annotation=s.annotation) for s in slots]
    )


def _texts(section: DocstringSection) -> list[str]:
    return [str(getattr(item, "description", "")).strip() for item in section.value]


def document_attribute(
    attr: Attribute, metadata: Metadata, *, report: Report, new_docstring: NewDocstring
) -> None:
    """Make an attribute's `Doc` text its docstring, and its deprecation a notice."""
    if metadata.doc:
        existing = attr.docstring.value.strip() if attr.docstring else ""
        if existing:
            _report_twice(
                report,
                metadata.lineno,
                attr.path,
                attr.docstring,
                same=existing == metadata.doc,
                remove="the docstring",
            )
        docstring = new_docstring(attr)
        docstring.value = metadata.doc
        docstring.lineno = metadata.lineno
        attr.docstring = docstring
    if metadata.deprecated:
        if attr.docstring is None:
            attr.docstring = new_docstring(attr)
        source_sections(attr.docstring).insert(0, deprecation_notice(metadata.deprecated))


class DeprecationNotice(DocstringSectionAdmonition):
    """The notice of an attribute marked `deprecated(...)`: the message, under the label "Deprecated".

    The label is no text of the code, so it has no `title`, which would make it a message
    of the catalogs: the templates show docglot's label in the page's language.
    """

    label = "Deprecated"
    """The notice's title, a label (`docglot.text.labels`)."""

    def __init__(self, message: str) -> None:
        """Make the notice of a `deprecated(...)` message."""
        super().__init__(kind="danger", text=message)

    def as_dict(self, **kwargs: Any) -> dict[str, Any]:
        """Return the section's data, with the label as its title (for `griffe dump`)."""
        return {**super().as_dict(**kwargs), "title": self.label}


class DeprecatedParameter(DocstringParameter):
    """A Parameters row of a parameter marked `deprecated(...)`.

    Its description is the message, then the parameter's own text, each a paragraph; the
    label "Deprecated" is no text of the code, so no part of the description (which is a
    message of the catalogs): the templates put docglot's label before it, in the page's
    language.
    """

    label = "Deprecated:"
    """What the row shows before its description, a label (`docglot.text.labels`)."""

    def __init__(
        self,
        name: str,
        *,
        description: str,
        deprecated: str,
        annotation: str | Expr | None = None,
        value: str | Expr | None = None,
    ) -> None:
        """Make the row; `deprecated` is the `deprecated(...)` message."""
        super().__init__(name, description=description, annotation=annotation, value=value)
        self.deprecated = deprecated
        """The `deprecated(...)` message, which the description starts with."""

    def as_dict(self, **kwargs: Any) -> dict[str, Any]:
        """Return the row's data, with its deprecation message."""
        return {**super().as_dict(**kwargs), "deprecated": self.deprecated}


def deprecation_notice(message: str) -> DeprecationNotice:
    """Return the admonition that shows a `deprecated(...)` message."""
    return DeprecationNotice(message)


def _parameters_section(
    func: Function,
    parameters: list[Parameter],
    docs: CallableDocs,
    sections: list[DocstringSection],
    report: Report,
    docstring: Docstring,
) -> DocstringSectionParameters | None:
    existing: dict[str, DocstringParameter] = {}
    for section in _pop_all(sections, DocstringSectionKind.parameters):
        for item in section.value:
            existing.setdefault(item.name.lstrip("*"), item)
    if not parameters and not existing:
        return None

    items: list[DocstringParameter] = []
    for parameter in parameters:
        slot = docs.parameters.get(parameter.name)
        entry = existing.pop(parameter.name, None)
        metadata = slot.metadata if slot else Metadata()
        description = entry.description if entry else ""
        if metadata.doc:
            if entry and entry.description.strip():
                _report_twice(
                    report,
                    metadata.lineno,
                    f"parameter '{parameter.name}' of {func.path}",
                    docstring,
                    same=entry.description.strip() == metadata.doc,
                )
            description = metadata.doc
        elif not description.strip():
            report_undocumented(report, func, parameter, docs)
        kind = parameter.kind or ParameterKind.positional_or_keyword
        name = f"{STARS.get(kind, '')}{parameter.name}"
        annotation = _parameter_type(parameter, slot, entry)
        value = parameter.default if parameter.default is not None else EMPTY_DEFAULTS.get(kind)
        if metadata.deprecated:
            description = f"{metadata.deprecated}\n\n{description}".strip()
            deprecated = metadata.deprecated
            item = DeprecatedParameter(
                name, description=description, deprecated=deprecated, annotation=annotation, value=value
            )
        else:
            item = DocstringParameter(name, description=description, annotation=annotation, value=value)
        items.append(item)
    # Entries for names the signature lacks stay visible; griffe's parser already warns about them.
    items.extend(existing.values())
    return DocstringSectionParameters(items)


def _parameter_type(
    parameter: Parameter, slot: Slot | None, entry: DocstringParameter | None
) -> str | Expr | None:
    """Choose the best-resolved type among what the source, griffe and the docstring say.

    Our own reading is a griffe expression when read from source: it has quoted annotations
    already parsed. Under inspection it is plain text, and griffe's expression (which can
    be cross-referenced) is better, unless griffe could only make out the name `Annotated`.
    """
    ours = slot.annotation if slot else None
    if isinstance(ours, Expr):
        return ours
    griffes = unwrap_expression(parameter.annotation)
    if isinstance(griffes, Expr) and griffes.canonical_path not in ANNOTATED_PATHS:
        return griffes
    if ours is not None:
        return ours
    return griffes if griffes is not None else (entry.annotation if entry else None)


def _text(slot: Slot) -> str:
    return slot.metadata.doc or ""


def _parameter_items(slots: list[Slot]) -> list[DocstringParameter]:
    return [
        DocstringParameter(name=slot.name, description=slot.metadata.doc or "", annotation=slot.annotation)
        for slot in slots
    ]


def _pop_all(sections: list[DocstringSection], kind: DocstringSectionKind) -> list[DocstringSection]:
    found = [section for section in sections if section.kind is kind]
    sections[:] = [section for section in sections if section.kind is not kind]
    return found


def _put(
    sections: list[DocstringSection], section: DocstringSection, *, after: DocstringSection | None
) -> None:
    """Insert a section after another, or after the leading text (summary and body)."""
    if after is not None and after in sections:
        sections.insert(sections.index(after) + 1, section)
        return
    index = 0
    while index < len(sections) and sections[index].kind in {
        DocstringSectionKind.text,
        DocstringSectionKind.admonition,
    }:
        index += 1
    sections.insert(index, section)


def _replace_or_append(sections: list[DocstringSection], section: DocstringSection) -> None:
    for index, existing in enumerate(sections):
        if existing.kind is section.kind:
            sections[index] = section
            return
    sections.append(section)


def _report_twice(
    report: Report,
    line: int | None,
    what: str,
    docstring: Docstring | None,
    *,
    same: bool,
    remove: str = "the docstring entry",
) -> None:
    if same:
        report(
            line,
            DOCUMENTED_TWICE,
            f"{what} is documented by Doc and by the docstring ({_where(docstring)}) "
            f"with the same text; remove {remove}",
        )
    else:
        report(
            line,
            DOCUMENTED_TWICE,
            f"{what} is documented by Doc and by the docstring ({_where(docstring)}) "
            f"with different texts; the Doc text is used: remove {remove}",
            lost=True,
        )


def report_undocumented(report: Report, func: Function, parameter: Parameter, docs: CallableDocs) -> None:
    """Report a parameter that has neither `Doc` nor a docstring entry (DG101).

    `docglot check` keeps the reports on its package's public API.

    Left alone: a parameter whose `Doc` is blank or unreadable (its own finding says so);
    a parameter marked `deprecated(...)`, whose message is its description;
    `**kwargs: Unpack[TypedDict]` whose keys are documented; and `*args: P.args`
    / `**kwargs: P.kwargs`, which PEP 612 does not let carry `Annotated`: what they hold is
    documented by the callable they are forwarded to.
    """
    slot = docs.parameters.get(parameter.name)
    if slot is not None and (slot.metadata.deprecated or slot.metadata.has_doc):
        return
    if parameter.kind is ParameterKind.var_keyword and docs.other_parameters:
        return
    annotation = str(parameter.annotation or "")
    if parameter.kind in STARS and annotation.endswith((".args", ".kwargs")):
        return
    report(
        docs.lines.get(parameter.name, func.lineno),
        UNDOCUMENTED_PARAMETER,
        f"parameter '{parameter.name}' of {func.path} is not documented; add Annotated[..., Doc(\"...\")] "
        "or an entry in the docstring",
        slot=f"parameter:{parameter.name}",
    )


def _where(docstring: Docstring | None) -> str:
    if docstring is None or docstring.parent is None:
        return "docstring"
    return f"{docstring.parent.relative_filepath}:{docstring.lineno}"
