"""The output formats of `docglot check`: text, JSON, GitHub workflow annotations and SARIF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docglot.findings import Finding
from docglot.rules import RULES, doc_page

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS_URL = "https://aftersend.example.org/"
"""Where docglot's documentation is published; the rule pages are under `rules/`."""


def text(findings: list[Finding]) -> str:
    """One finding a line: `path:line:col: CODE message`, as compilers and ruff print them."""
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n" for f in findings)


def json_document(findings: list[Finding]) -> str:
    """A JSON array of findings, each with its rule's name: one finding a line."""
    # Indented, `json` encodes in Python: a tenth of a check on the thousands of findings of
    # a site's partly translated catalogs. One object a line keeps the C encoder, and two
    # runs' outputs still compare line by line.
    encoder = json.JSONEncoder(ensure_ascii=False)
    objects = ",\n".join(
        encoder.encode(
            {
                "code": f.code,
                "rule": RULES[f.code].name,
                "message": f.message,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "target": f.target,
            }
        )
        for f in findings
    )
    return f"[\n{objects}\n]\n" if findings else "[]\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: each finding an error annotation on its line."""
    lines = []
    for f in findings:
        properties = ",".join(
            [
                f"file={_escape_property(f.path)}",
                *([f"line={f.line}", f"col={f.column}"] if f.line else []),
                f"title={_escape_property(f'{f.code} {RULES[f.code].name}')}",
            ]
        )
        lines.append(f"::error {properties}::{_escape_data(f.message)}\n")
    return "".join(lines)


def sarif(findings: list[Finding], version: str) -> str:
    """A SARIF 2.1.0 log, for code scanning services."""
    codes = sorted({f.code for f in findings})
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "helpUri": DOCS_URL + doc_page(code),
        }
        for code in codes
    ]
    results: list[dict[str, Any]] = []
    for f in findings:
        region = {"startLine": f.line, "startColumn": f.column} if f.line else {}
        # A file outside the working directory has an absolute path: SARIF wants a file URI.
        uri = Path(f.path).as_uri() if Path(f.path).is_absolute() else quote(f.path)
        location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if region:
            location["region"] = region
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": codes.index(f.code),
                "level": "error",
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {"docglotTarget/v1": f"{f.code} {f.target or f.path}"},
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docglot",
                        "version": version,
                        "informationUri": DOCS_URL + "guide/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render(findings: list[Finding], output_format: str, version: str) -> str:
    """Render findings in one of `OUTPUT_FORMATS`."""
    if output_format == "json":
        return json_document(findings)
    if output_format == "github":
        return github(findings)
    if output_format == "sarif":
        return sarif(findings, version)
    return text(findings)
