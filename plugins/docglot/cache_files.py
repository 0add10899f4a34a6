"""Files of a site's cache folder (`cache_dir`), written whole or not at all."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path


def write_cache_file(path: Path, record: object) -> None:
    """Write `record` as JSON at `path` in one step: a reader finds the old file or the new one.

    A cache that cannot be written only costs time: its next reader does the work again.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
