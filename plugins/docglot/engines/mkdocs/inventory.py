"""`objects.inv`: every item points at its source-language page."""

from __future__ import annotations

from pathlib import Path

from mkdocstrings import Inventory

from docglot.site.languages import Languages


def point_at_source_pages(path: Path, languages: Languages) -> None:
    """Point every inventory item at its source-language page.

    mkdocstrings registers an item each time an object is rendered, so the last
    language rendered would win; the trees of pages are the same in every language.
    """
    if not path.exists():
        return
    with path.open("rb") as file:
        inventory = Inventory.parse_sphinx(file)
    for item in inventory.values():
        item.uri = languages.of_url(item.uri)[1]
    path.write_bytes(inventory.format_sphinx())
