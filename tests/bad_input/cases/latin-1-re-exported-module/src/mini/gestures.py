# -*- coding: latin-1 -*-
"""Waving at the café."""


def wave() -> None:
    """Wave."""
