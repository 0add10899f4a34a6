"""The API text a site renders, extracted as `docglot catalog update` extracts it (DG205)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from docglot.checks.site.site_config import SiteConfig, SiteConfigError
from docglot.engines.mkdocs.extraction import extract
from docglot.paths import display_path
from docglot.reading.extension import quiet
from docglot.text.merge import Extracted


@dataclass(frozen=True)
class Extraction:
    """The messages of a site's source language, by `(context, English text)`."""

    config: MkDocsConfig
    """The site's configuration, as the extraction loaded it."""
    messages: dict[tuple[str, str], Extracted]
    """Every message the source-language site shows, navigation titles included."""
    search_paths: tuple[Path, ...]
    """Where the documented packages are found: the Python handler's `paths`, then `sys.path`."""

    def source_of(self, key: tuple[str, str]) -> tuple[str, int] | None:
        """Return the file and line where a message's text is written, if it is known."""
        for relative, line in self.messages[key].locations:
            for base in self.search_paths:
                if (base / relative).is_file():
                    return display_path(base / relative), line
        return None


def extract_messages(site: SiteConfig) -> Extraction:
    """Build the source-language site once, as `docglot catalog update` does, and keep its messages."""
    try:
        # Not strict, and quiet: what the build would warn about, the metadata rules report.
        with quiet():
            config, _, messages = extract(str(site.config_file), strict=False, loaded=site.mkdocs)
    except MkDocsException as error:
        # MkDocs has logged what is wrong; its own last words close the report.
        raise SiteConfigError(str(error)) from None
    # Locations are relative to the folder that holds the package, as in `#:` comments.
    plugin = config.plugins.get("mkdocstrings")
    handlers = getattr(getattr(plugin, "config", None), "handlers", None) or {}
    paths = handlers.get("python", {}).get("paths", ["."])
    base = site.config_file.parent
    return Extraction(
        config=config,
        messages={(item.message.context, item.message.source): item for item in messages},
        search_paths=(*(base / path for path in paths), *(Path(entry) for entry in sys.path if entry)),
    )
