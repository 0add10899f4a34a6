"""`griffe dump` shows the sections that docglot writes (parsed sections need `--full`)."""

import json
import subprocess
import sys

from tests.extension.conftest import write_package

SOURCE = """
from typing import Annotated
from annotated_doc import Doc

def f(a: Annotated[int, Doc("The A.")], b: int = 0) -> Annotated[str, Doc("The result.")]: ...
"""


def parsed_sections(function: dict) -> dict:
    return {
        section["kind"]: [(item.get("name"), item["description"]) for item in section["value"]]
        for section in function["docstring"]["parsed"]
    }


def test_griffe_dump_command(tmp_path, package_name):
    write_package(tmp_path, package_name, {"__init__.py": SOURCE})
    command = [sys.executable, "-m", "griffe", "dump", package_name]
    command += ["--full", "-e", "docglot", "-d", "google", "-s", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    function = json.loads(result.stdout)[package_name]["members"]["f"]
    assert parsed_sections(function) == {
        "parameters": [("a", "The A."), ("b", "")],
        "returns": [("", "The result.")],
    }


def test_json_serialisation(load):
    package = load({"__init__.py": SOURCE})
    function = json.loads(package.as_json(full=True))["members"]["f"]
    assert parsed_sections(function) == {
        "parameters": [("a", "The A."), ("b", "")],
        "returns": [("", "The result.")],
    }
