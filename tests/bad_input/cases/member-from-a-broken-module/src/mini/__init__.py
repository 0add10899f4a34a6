"""A small library."""

from typing import Annotated

from annotated_doc import Doc

from .gestures import wave

__all__ = ["greet", "wave"]


def greet(
    name: Annotated[str, Doc("The name of the person to greet.")],
) -> Annotated[str, Doc("The greeting.")]:
    """Greet someone."""
    return f"Hello {name}"
