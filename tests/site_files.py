"""Every file of a built site, to hold two builds against each other byte for byte."""

from __future__ import annotations

from pathlib import Path


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a site, by its path in the site."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def differing(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """The paths that one site has and the other lacks, or has with other bytes."""
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))
