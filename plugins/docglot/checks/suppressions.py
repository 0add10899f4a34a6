"""`# docglot: ignore[DG101]` comments: a finding on that line is not reported."""

from __future__ import annotations

import io
import re
import tokenize
from functools import cache
from pathlib import Path

_COMMENT = re.compile(r"#\s*docglot:\s*ignore\[([A-Z0-9,\s]+)\]")


@cache
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
                codes = frozenset(code.strip() for code in match.group(1).split(",") if code.strip())
                ignored[token.start[0]] = codes
    except (tokenize.TokenError, SyntaxError):
        return ignored
    return ignored


def is_ignored(path: Path, line: int, code: str) -> bool:
    """Whether a comment on `line` of `path` ignores `code`."""
    return code in ignored_codes(path).get(line, frozenset())
