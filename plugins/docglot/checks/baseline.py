"""Baselines: the findings a project has accepted, so that only new ones are reported.

A baseline keys findings by their target (an object path, with a slot or a language) and
their rule, never by line or message: moving code or editing a `Doc` text does not make an
accepted finding new again.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from docglot.findings import Finding

VERSION = 1


class BaselineError(Exception):
    """A baseline file cannot be read: the message names it and says what to fix."""


def _key(finding: Finding) -> str:
    return f"{finding.code} {finding.target or finding.path}"


def write_baseline(path: Path, findings: list[Finding]) -> None:
    """Write the findings' keys, counted, sorted, one per line of JSON."""
    counts = Counter(_key(finding) for finding in findings)
    document = {"version": VERSION, "findings": dict(sorted(counts.items()))}
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{path}: cannot be written: {error.strerror}") from None


def read_baseline(path: Path) -> Counter[str]:
    """Read a baseline file written by `write_baseline`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline; write one with --write-baseline {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: not a docglot baseline ({error.msg})") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("version") != VERSION
        or not isinstance(findings, dict)
        or not all(isinstance(count, int) for count in findings.values())
    ):
        raise BaselineError(
            f"{path}: not a docglot baseline (version {VERSION}); write it with --write-baseline"
        )
    return Counter(findings)


def without_baseline(findings: list[Finding], baseline: Counter[str]) -> list[Finding]:
    """Drop as many findings of each key as the baseline accepted."""
    left = Counter(baseline)
    kept = []
    for finding in findings:
        key = _key(finding)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(finding)
    return kept
