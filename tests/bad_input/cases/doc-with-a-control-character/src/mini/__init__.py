"""A small library."""

from typing import Annotated

from annotated_doc import Doc


def greet(
    name: Annotated[str, Doc("The name of the person to greet.")],
) -> Annotated[str, Doc("The greeting, \x1b[1mbold\x1b[0m.")]:
    """Greet someone."""
    return f"Hello {name}"
