"""Waving."""


def wave(:
    """Wave."""
