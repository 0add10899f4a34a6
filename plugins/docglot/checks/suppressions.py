"""`# docglot: ignore[DG101]` comments: a finding on that line is not reported."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable
from pathlib import Path

from docglot.findings import Finding

_COMMENT = re.compile(r"#\s*docglot:\s*ignore\[([A-Z0-9,\s]+)\]", re.IGNORECASE)


def ignored_codes(path: Path) -> dict[int, frozenset[str]]:
    """The codes ignored on each line of a Python file, read from its comments (as tokens, so
    that the same text inside a string does not count)."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if "docglot:" not in source:
        return {}
    ignored: dict[int, frozenset[str]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and (match := _COMMENT.search(token.string)):
                codes = frozenset(code.strip().upper() for code in match.group(1).split(",") if code.strip())
                ignored[token.start[0]] = codes
    except (tokenize.TokenError, SyntaxError):
        return ignored
    return ignored


def without_ignored(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that no comment on their line ignores.

    Each file is read once per call, not once per process: files change between two runs
    in one process (tests, a watching server).
    """
    files: dict[str, dict[int, frozenset[str]]] = {}
    kept = []
    for finding in findings:
        if finding.path.endswith(".py"):
            if finding.path not in files:
                files[finding.path] = ignored_codes(Path(finding.path))
            if finding.code in files[finding.path].get(finding.line, frozenset()):
                continue
        kept.append(finding)
    return kept
