"""The messages of the last build, kept with what they were read from.

Every build renders the source-language pages, and records the messages they show as
it goes. They are kept in the site's cache folder (`cache_dir`), with a digest of every
input they depend on: `mkdocs.yml`, the source-language pages, each Python file griffe
read, docglot's own code and templates, and the versions of the packages that render.
`docglot catalog update` and `docglot check` then reuse them while every digest still
matches, instead of rendering the site again.

The digests are of contents, not of modification times: a checkout, a formatter that
rewrites a file unchanged, or a copy of the project keeps the cache valid.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from docglot.cache_files import write_cache_file
from docglot.reading.extension import SOURCES_READ
from docglot.site.languages import nav_titles
from docglot.text.merge import Extracted
from docglot.text.messages import NAV_CONTEXT, Message

FORMAT = 1
"""The layout of the cache file; a file of another layout is ignored."""

_RENDERING = ("mkdocs", "mkdocstrings", "mkdocstrings-python", "griffelib", "markdown", "pymdown-extensions")
"""The distributions whose version changes what a page renders, and so its messages."""


def site_messages(nav: Any, recorded: dict[Message, Extracted]) -> list[Extracted]:
    """Every message of the site: the navigation's titles, then the API text as it was rendered."""
    titles = [Extracted(Message(NAV_CONTEXT, title)) for title in dict.fromkeys(nav_titles(nav))]
    return [*titles, *recorded.values()]


def cache_file(config_file: str | Path, cache_dir: str) -> Path | None:
    """Where a site keeps its last messages; `None` when it keeps no cache (`cache_dir: ""`)."""
    if not cache_dir:
        return None
    return Path(config_file).parent / cache_dir / "messages.json"


def save(path: Path, config_file: str, pages: Path, messages: list[Extracted]) -> None:
    """Keep the messages a build showed, with the digests of what it read.

    A cache that cannot be written only costs time: the next update renders the site
    (the template cache, in the same folder, has said once that it cannot be written).
    """
    record = {
        "format": FORMAT,
        "sources": sorted(str(path) for path in SOURCES_READ),
        "inputs": _inputs(config_file, pages, SOURCES_READ),
        "messages": [
            {"context": m.message.context, "source": m.message.source, "locations": m.locations}
            for m in messages
        ],
    }
    write_cache_file(path, record)


def load(path: Path | None, config_file: str, pages: Path) -> list[Extracted] | None:
    """The messages of the last build, if nothing they depend on has changed since."""
    if path is None:
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") != FORMAT:
            return None
        sources = [Path(name) for name in record["sources"]]
        if _inputs(config_file, pages, sources) != record["inputs"]:
            return None
        return [
            Extracted(
                Message(str(item["context"]), str(item["source"])),
                tuple((str(file), int(line)) for file, line in item["locations"]),
            )
            for item in record["messages"]
        ]
    except (OSError, ValueError, KeyError, TypeError):  # Unreadable or not ours: render the site.
        return None


def _inputs(config_file: str, pages: Path, sources: Iterable[Path]) -> dict[str, str]:
    """The digest of each input, by name: files by path, package versions by distribution."""
    # Absolute: a build names `mkdocs.yml` by its full path, a command by the one it was given.
    files = [Path(config_file).absolute(), *_tree(pages.absolute()), *sources, *_docglot_files()]
    digests = {str(path): _digest(path) for path in files}
    for name in _RENDERING:
        try:
            digests[f"version:{name}"] = metadata.version(name)
        except metadata.PackageNotFoundError:
            digests[f"version:{name}"] = ""
    digests["version:python"] = sys.version
    return digests


def _tree(folder: Path) -> list[Path]:
    """Every file under a folder, so that a page added or removed is a change too."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _docglot_files() -> list[Path]:
    """docglot's own code and templates: a new docglot may show other messages."""
    package = Path(__file__).parents[2]
    return sorted(path for path in package.rglob("*") if path.suffix in {".py", ".jinja"})


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # Gone or unreadable: different from any digest it had.
        return ""
