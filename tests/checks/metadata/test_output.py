# ruff: noqa: E501 - the expected outputs are written whole, long lines included.
"""The output formats of `docglot check`, whole, on one project with several findings."""

from __future__ import annotations

import json
from importlib.metadata import version
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.checks.metadata.conftest import Project

# `a` and `c` are undocumented (DG101); `b`'s empty Doc is DG103 alone; `HELP` is DG105.
FILES = {
    "src/pkg/__init__.py": '''
    from typing import Annotated

    from annotated_doc import Doc


    def f(a: int, b: Annotated[int, Doc("")], c: str) -> None:
        """F."""
    ''',
    "src/pkg/extra.py": """
    from annotated_doc import Doc

    HELP = Doc("100% help.")
    """,
}
ADD_DOC = 'add Annotated[..., Doc("...")] or an entry in the docstring'
UNREAD = 'is not in the metadata of an Annotated[...], where no tool reads it; write Annotated[T, Doc("...")]'

# One finding a line.
JSON = r"""[
{"code": "DG101", "rule": "undocumented-parameter", "message": "parameter 'a' of pkg.f is not documented; add Annotated[..., Doc(\"...\")] or an entry in the docstring", "path": "src/pkg/__init__.py", "line": 6, "column": 1, "target": "pkg.f:parameter:a"},
{"code": "DG101", "rule": "undocumented-parameter", "message": "parameter 'c' of pkg.f is not documented; add Annotated[..., Doc(\"...\")] or an entry in the docstring", "path": "src/pkg/__init__.py", "line": 6, "column": 1, "target": "pkg.f:parameter:c"},
{"code": "DG103", "rule": "empty-doc", "message": "Doc text is empty; write what the value is for, or remove the Doc", "path": "src/pkg/__init__.py", "line": 6, "column": 1, "target": "pkg.f"},
{"code": "DG105", "rule": "unread-doc", "message": "Doc('100% help.') is not in the metadata of an Annotated[...], where no tool reads it; write Annotated[T, Doc(\"...\")]", "path": "src/pkg/extra.py", "line": 3, "column": 8, "target": "pkg.extra.HELP"}
]
"""

SARIF = r"""{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "docglot",
          "version": "@VERSION@",
          "informationUri": "https://aftersend.example.org/guide/",
          "rules": [
            {
              "id": "DG101",
              "name": "undocumented-parameter",
              "shortDescription": {
                "text": "a public parameter has neither Doc nor a docstring entry"
              },
              "helpUri": "https://aftersend.example.org/rules/DG101/"
            },
            {
              "id": "DG103",
              "name": "empty-doc",
              "shortDescription": {
                "text": "a Doc text is empty or only whitespace"
              },
              "helpUri": "https://aftersend.example.org/rules/DG103/"
            },
            {
              "id": "DG105",
              "name": "unread-doc",
              "shortDescription": {
                "text": "a Doc stands where no tool reads it"
              },
              "helpUri": "https://aftersend.example.org/rules/DG105/"
            }
          ]
        }
      },
      "results": [
        {
          "ruleId": "DG101",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "parameter 'a' of pkg.f is not documented; add Annotated[..., Doc(\"...\")] or an entry in the docstring"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/pkg/__init__.py"
                },
                "region": {
                  "startLine": 6,
                  "startColumn": 1
                }
              }
            }
          ],
          "partialFingerprints": {
            "docglotTarget/v1": "DG101 pkg.f:parameter:a"
          }
        },
        {
          "ruleId": "DG101",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "parameter 'c' of pkg.f is not documented; add Annotated[..., Doc(\"...\")] or an entry in the docstring"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/pkg/__init__.py"
                },
                "region": {
                  "startLine": 6,
                  "startColumn": 1
                }
              }
            }
          ],
          "partialFingerprints": {
            "docglotTarget/v1": "DG101 pkg.f:parameter:c"
          }
        },
        {
          "ruleId": "DG103",
          "ruleIndex": 1,
          "level": "error",
          "message": {
            "text": "Doc text is empty; write what the value is for, or remove the Doc"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/pkg/__init__.py"
                },
                "region": {
                  "startLine": 6,
                  "startColumn": 1
                }
              }
            }
          ],
          "partialFingerprints": {
            "docglotTarget/v1": "DG103 pkg.f"
          }
        },
        {
          "ruleId": "DG105",
          "ruleIndex": 2,
          "level": "error",
          "message": {
            "text": "Doc('100% help.') is not in the metadata of an Annotated[...], where no tool reads it; write Annotated[T, Doc(\"...\")]"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/pkg/extra.py"
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 8
                }
              }
            }
          ],
          "partialFingerprints": {
            "docglotTarget/v1": "DG105 pkg.extra.HELP"
          }
        }
      ]
    }
  ]
}
"""


@pytest.fixture
def several(project: Project) -> Project:
    """A project with four findings of three rules in two files."""
    project.write(FILES)
    return project


def test_text(several: Project) -> None:
    run = several.check("src")
    assert run.out == (
        f"src/pkg/__init__.py:6:1: DG101 parameter 'a' of pkg.f is not documented; {ADD_DOC}\n"
        f"src/pkg/__init__.py:6:1: DG101 parameter 'c' of pkg.f is not documented; {ADD_DOC}\n"
        "src/pkg/__init__.py:6:1: DG103 Doc text is empty; write what the value is for, or remove the Doc\n"
        f"src/pkg/extra.py:3:8: DG105 Doc('100% help.') {UNREAD}\n"
    )
    assert (run.code, run.err) == (1, "4 findings\n")


def test_json(several: Project) -> None:
    run = several.check("src", "--output-format", "json")
    assert (run.code, run.out, run.err) == (1, JSON, "")


def test_github(several: Project) -> None:
    run = several.check("src", "--output-format", "github")
    first = "::error file=src/pkg/__init__.py,line=6,col=1,title=DG101 undocumented-parameter::"
    assert run.out == (
        f"{first}parameter 'a' of pkg.f is not documented; {ADD_DOC}\n"
        f"{first}parameter 'c' of pkg.f is not documented; {ADD_DOC}\n"
        "::error file=src/pkg/__init__.py,line=6,col=1,title=DG103 empty-doc::"
        "Doc text is empty; write what the value is for, or remove the Doc\n"
        # A percent sign would start an escape in a workflow command: it is written %25.
        f"::error file=src/pkg/extra.py,line=3,col=8,title=DG105 unread-doc::Doc('100%25 help.') {UNREAD}\n"
    )
    assert (run.code, run.err) == (1, "")


def test_sarif(several: Project) -> None:
    run = several.check("src", "--output-format", "sarif")
    assert (run.code, run.out, run.err) == (1, SARIF.replace("@VERSION@", version("docglot")), "")
    assert_sarif_2_1_0(json.loads(run.out))


def test_no_findings_in_every_format(project: Project) -> None:
    project.write({"src/pkg/__init__.py": '"""Nothing to document."""\n'})
    assert project.check("src") == project.check("src", "--output-format", "text")
    runs = {
        name: project.check("src", "--output-format", name) for name in ("text", "json", "github", "sarif")
    }
    assert {name: (run.code, run.out, run.err) for name, run in runs.items() if name != "sarif"} == {
        "text": (0, "", "0 findings\n"),
        "json": (0, "[]\n", ""),
        "github": (0, "", ""),
    }
    log = json.loads(runs["sarif"].out)
    assert_sarif_2_1_0(log)
    assert (log["runs"][0]["tool"]["driver"]["rules"], log["runs"][0]["results"]) == ([], [])


# What SARIF 2.1.0 (OASIS standard, sarif-schema-2.1.0.json) requires or allows of the objects
# docglot writes: required properties, and the allowed ones (the schema forbids any other).
SARIF_OBJECTS: dict[str, tuple[set[str], set[str]]] = {
    "sarifLog": ({"version", "runs"}, {"$schema", "inlineExternalProperties", "properties"}),
    "run": ({"tool"}, {"results", "artifacts", "invocations", "originalUriBaseIds", "properties"}),
    "tool": ({"driver"}, {"extensions", "properties"}),
    "toolComponent": (
        {"name"},
        {"version", "semanticVersion", "informationUri", "rules", "fullName", "organization", "properties"},
    ),
    "reportingDescriptor": (
        {"id"},
        {"name", "shortDescription", "fullDescription", "helpUri", "help", "defaultConfiguration"},
    ),
    "multiformatMessageString": ({"text"}, {"markdown", "properties"}),
    "result": (
        {"message"},
        {"ruleId", "ruleIndex", "rule", "kind", "level", "locations", "partialFingerprints", "fingerprints"},
    ),
    "message": (set(), {"text", "markdown", "id", "arguments", "properties"}),
    "location": (set(), {"id", "physicalLocation", "logicalLocations", "message", "properties"}),
    "physicalLocation": (set(), {"artifactLocation", "region", "contextRegion", "address", "properties"}),
    "artifactLocation": (set(), {"uri", "uriBaseId", "index", "description", "properties"}),
    "region": (set(), {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "snippet"}),
}


def assert_object(value: Any, kind: str) -> None:
    """Assert that `value` is a JSON object with the properties SARIF requires and allows for `kind`."""
    assert isinstance(value, dict), f"{kind} is not an object"
    required, optional = SARIF_OBJECTS[kind]
    assert required <= value.keys(), f"{kind} lacks {required - value.keys()}"
    assert value.keys() <= required | optional, f"{kind} has unknown {value.keys() - required - optional}"


def assert_sarif_2_1_0(log: Any) -> None:
    """Check a SARIF log against the 2.1.0 specification, by hand, for what docglot writes."""
    assert_object(log, "sarifLog")
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert isinstance(log["runs"], list)
    assert len(log["runs"]) == 1
    for run in log["runs"]:
        assert_object(run, "run")
        assert_object(run["tool"], "tool")
        driver = run["tool"]["driver"]
        assert_object(driver, "toolComponent")
        assert driver["name"] == "docglot"
        assert urlparse(driver["informationUri"]).scheme == "https"
        rules = driver["rules"]
        assert isinstance(rules, list)
        ids = [rule["id"] for rule in rules]
        assert len(set(ids)) == len(ids), "rule ids are unique"
        for rule in rules:
            assert_object(rule, "reportingDescriptor")
            assert_object(rule["shortDescription"], "multiformatMessageString")
            help_uri = urlparse(rule["helpUri"])
            assert (help_uri.scheme, help_uri.path.endswith(f"/rules/{rule['id']}/")) == ("https", True)
        for result in run["results"]:
            assert_object(result, "result")
            assert_object(result["message"], "message")
            assert isinstance(result["message"]["text"], str)
            assert result["message"]["text"]
            assert result["level"] in {"none", "note", "warning", "error"}
            # ruleIndex, when present, points into the driver's rules, at the result's rule.
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert all(isinstance(v, str) for v in result["partialFingerprints"].values())
            assert isinstance(result["locations"], list)
            for location in result["locations"]:
                assert_object(location, "location")
                physical = location["physicalLocation"]
                assert_object(physical, "physicalLocation")
                assert_object(physical["artifactLocation"], "artifactLocation")
                uri = physical["artifactLocation"]["uri"]
                assert "\\" not in uri
                assert not uri.startswith("/"), "a relative reference, or a file: URI"
                region = physical.get("region", {})
                assert_object(region, "region")
                assert all(isinstance(v, int) and v >= 1 for v in region.values()), (
                    "lines and columns count from 1"
                )
