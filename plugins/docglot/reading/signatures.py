"""What a callable documents: its parameters, TypedDict keys, returned, yielded and received values.

The reading is the same for source code and for live objects; only the
[reader][docglot.reading.annotations.Reader] differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from docglot.reading.annotations import Reader, Slot

T = TypeVar("T")

# Generic type path -> positions of its (yield, receive, return) arguments.
GENERATORS: dict[str, tuple[int | None, int | None, int | None]] = {}
for _module in ("typing", "typing_extensions", "collections.abc"):
    GENERATORS |= {
        f"{_module}.Generator": (0, 1, 2),
        f"{_module}.AsyncGenerator": (0, 1, None),
        f"{_module}.Iterator": (0, None, None),
        f"{_module}.AsyncIterator": (0, None, None),
        f"{_module}.Iterable": (0, None, None),
        f"{_module}.AsyncIterable": (0, None, None),
    }
TUPLES = frozenset({"tuple", "builtins.tuple", "typing.Tuple", "typing_extensions.Tuple"})


@dataclass
class CallableDocs:
    """The documentation metadata of one callable, slot by slot."""

    parameters: dict[str, Slot] = field(default_factory=dict)
    """Parameters by name (without stars), in signature order."""
    other_parameters: list[Slot] = field(default_factory=list)
    """Keys of the TypedDict in `**kwargs: Unpack[...]`."""
    returns: list[Slot] = field(default_factory=list)
    """Documented return values (several for a documented tuple)."""
    yields: list[Slot] = field(default_factory=list)
    """Documented yielded values."""
    receives: list[Slot] = field(default_factory=list)
    """Documented values sent into a generator."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each parameter, when read from source."""

    @property
    def documents_anything(self) -> bool:
        """Whether any slot carries `Doc` or `deprecated` metadata."""
        slots = [
            *self.parameters.values(),
            *self.other_parameters,
            *self.returns,
            *self.yields,
            *self.receives,
        ]
        return any(slot.metadata.doc or slot.metadata.deprecated for slot in slots)


def read_callable(
    reader: Reader[T],
    parameters: Mapping[str, T | None],
    returns: T | None,
    *,
    var_keyword: str | None = None,
) -> CallableDocs:
    """Read the documentation metadata of a callable.

    Parameters:
        reader: Reads the annotations.
        parameters: Each parameter's annotation, by name, in signature order.
        returns: The return annotation.
        var_keyword: The name of the `**kwargs` parameter, if any.
    """
    docs = CallableDocs()
    for name, annotation in parameters.items():
        inner, metadata = reader.unwrap(annotation)
        docs.parameters[name] = Slot(name, reader.display(inner), metadata)
        if name == var_keyword:
            docs.other_parameters = reader.typed_dict_keys(inner) or []

    returned, metadata = reader.unwrap(returns)
    if metadata.doc or metadata.deprecated:
        docs.returns = [Slot("", reader.display(returned), metadata)]
    path, arguments = reader.subscript(returned)
    positions = GENERATORS.get(path or "")
    if positions:
        yield_at, receive_at, return_at = positions
        docs.yields = _elements(reader, arguments, yield_at)
        docs.receives = _elements(reader, arguments, receive_at)
        docs.returns = docs.returns or _elements(reader, arguments, return_at)
    elif not docs.returns:
        docs.returns = _elements(reader, [returned] if returned is not None else [], 0)
    return docs


def _elements(reader: Reader[T], arguments: list[T], position: int | None) -> list[Slot]:
    """Return the documented value at `position`, or its documented elements if it is a tuple."""
    if position is None or position >= len(arguments):
        return []
    value, metadata = reader.unwrap(arguments[position])
    if metadata.doc:
        return [Slot("", reader.display(value), metadata)]
    path, elements = reader.subscript(value)
    if path not in TUPLES:
        return []
    slots = []
    for element in elements:
        element_type, element_metadata = reader.unwrap(element)
        if element_metadata.doc:
            slots.append(Slot("", reader.display(element_type), element_metadata))
    return slots
