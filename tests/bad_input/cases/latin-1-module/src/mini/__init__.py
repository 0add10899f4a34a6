# -*- coding: latin-1 -*-
"""A small library, for the café."""

from typing import Annotated

from annotated_doc import Doc


def greet(
    name: Annotated[str, Doc("The name of the person to greet.")],
) -> Annotated[str, Doc("The greeting.")]:
    """Greet someone."""
    return f"Hello {name}"
