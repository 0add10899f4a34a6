"""`docglot check` on FastAPI's installed source: it reads the whole package, and what it finds
is pinned, rule by rule."""

from __future__ import annotations

import io
import json
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import fastapi
import pytest
from docglot.cli import main

from tests.checks.metadata.test_output import assert_sarif_2_1_0

FASTAPI = Path(fastapi.__file__).parent

# FastAPI documents its public API with Doc; what is left are parameters of public functions
# and methods that it documents nowhere (FastAPI has no `__all__`, so all its modules are
# public): `APIRoute.__init__`, the `params` classes, `FastAPI.add_api_route`, helpers of
# `fastapi.dependencies.utils`... No other rule finds anything.
FINDINGS_PER_RULE = {"DG101": 578}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """FastAPI's findings, checked from an empty folder (no settings, no site), read once."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(io.StringIO()):
        patch.chdir(tmp_path_factory.mktemp("empty"))
        code = main(["check", str(FASTAPI), "--output-format", "json"])
    assert code == 1
    found: list[dict[str, object]] = json.loads(out.getvalue())
    return found


def test_fastapi_version() -> None:
    assert fastapi.__version__ == "0.165.0", "FastAPI changed: check and pin the findings again"


def test_findings_per_rule(findings: list[dict[str, object]]) -> None:
    assert dict(Counter(str(f["code"]) for f in findings)) == FINDINGS_PER_RULE


def test_sample_of_findings(findings: list[dict[str, object]]) -> None:
    where = (FASTAPI / "applications.py").as_posix()
    rows = {(f["path"], f["line"], f["target"]) for f in findings}
    # `websocket_route(self, path, name=None)` documents nothing: both parameters, on one line.
    assert (where, 5004, "fastapi.applications.FastAPI.websocket_route:parameter:path") in rows
    assert (where, 5004, "fastapi.applications.FastAPI.websocket_route:parameter:name") in rows
    targets = {str(f["target"]) for f in findings}
    # The API FastAPI documents with Doc has no finding.
    documented = ("fastapi.applications.FastAPI.__init__:", "fastapi.routing.APIRouter.get:")
    assert [t for t in targets if t.startswith(documented)] == []
    # A parameter whose only metadata is deprecated(...) shows its notice: it is documented.
    assert "fastapi.param_functions.Query:parameter:example" not in targets
    assert "fastapi.param_functions.Query:parameter:regex" not in targets
    # Private objects are not the public API.
    names = {name for target in targets for name in target.partition(":")[0].split(".")}
    assert [name for name in names if name.startswith("_") and name != "__init__"] == []


def test_the_whole_package_is_read(findings: list[dict[str, object]]) -> None:
    files = {Path(str(f["path"])).relative_to(FASTAPI).as_posix() for f in findings}
    assert {
        "applications.py",
        "routing.py",
        "params.py",
        "security/oauth2.py",
        "dependencies/utils.py",
    } <= files


def test_sarif_of_one_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # One module of the package: only its findings, with file URIs (it is outside the working folder).
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(FASTAPI / "encoders.py"), "--output-format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert_sarif_2_1_0(log)
    results = log["runs"][0]["results"]
    assert [r["partialFingerprints"]["docglotTarget/v1"] for r in results] == [
        "DG101 fastapi.encoders.isoformat:parameter:o",
        "DG101 fastapi.encoders.decimal_encoder:parameter:dec_value",
        "DG101 fastapi.encoders.generate_encoders_by_class_tuples:parameter:type_encoder_map",
    ]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {(FASTAPI / "encoders.py").as_uri()}
