"""Waving."""


def wave() -> None:
    """Wave."""
