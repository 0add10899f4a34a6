"""docglot's wheel, installed alone in a fresh virtual environment, builds an outside two-language site.

The repository holds two distributions: `aftersend` (the documented library, the root
project) and `docglot` (`plugins/`). This builds docglot's wheel as a release would, installs
it with pip into a new virtual environment, with every version pinned to `uv.lock`, and
checks that it brings neither the library nor Starlette, that it carries the files it reads
at run time, and that a project of its own, outside this repository, gets its catalogs and
its German reference page from the installed `docglot` and `mkdocs` commands. It downloads
from PyPI: slow (its folder is in `SLOW`, tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import Tag
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT
from tests.rendered.pages import Row, object_block, parameter_rows, read_page

PACKAGE = ROOT / "plugins" / "docglot"


def run(command: list[str | Path], cwd: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run a command outside this repository's virtual environment, as a user of the wheel would."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")
    }
    env.update(NO_MKDOCS_2_WARNING="1", NO_COLOR="1", **environment)
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def uv() -> str:
    """The uv that runs the tests (`uv run` says which in `UV`), else the one on PATH."""
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "uv is needed to build the wheel: python3 -m pip install uv==0.13.8"
    return found


def locked_pins(*options: str) -> dict[str, str]:
    """`uv.lock`'s versions, `{name: version}`, of the packages `uv export` lists for this platform."""
    result = run([uv(), "export", "--frozen", "--no-hashes", "--no-emit-workspace", *options], ROOT)
    assert result.returncode == 0, result.stderr
    pins: dict[str, str] = {}
    for line in result.stdout.splitlines():
        if not line or line.startswith(("#", " ")):
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate():
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


@dataclass(frozen=True)
class Environment:
    """A fresh virtual environment with docglot's wheel installed, and pip's constraints."""

    path: Path
    constraints: Path
    before: dict[str, str]
    """What `python -m venv` installed, `{name: version}`."""
    after: dict[str, str]
    """What was installed once the wheel was, `{name: version}`."""

    @property
    def bin(self) -> Path:
        """Where its commands are: `python`, `docglot`, `mkdocs`."""
        return self.path / "bin"

    def pip_install(self, *arguments: str | Path) -> None:
        """`pip install` into it, at the locked versions."""
        result = run(
            [
                self.bin / "python",
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                "-c",
                self.constraints,
                *arguments,
            ],
            self.path,
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def installed(self) -> dict[str, str]:
        """Every installed distribution, `{normalized name: version}`."""
        result = run([self.bin / "python", "-m", "pip", "list", "--format=json"], self.path)
        assert result.returncode == 0, result.stderr
        return {canonicalize_name(item["name"]): item["version"] for item in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docglot's wheel, built from `plugins/` by `uv build`, as a release is."""
    out = tmp_path_factory.mktemp("dist")
    result = run([uv(), "build", "--package", "docglot", "--wheel", "--out-dir", out], ROOT)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def environment(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Environment:
    """A new virtual environment, with nothing but the wheel and what it requires, at the locked versions."""
    folder = tmp_path_factory.mktemp("venv")
    # Every locked version, as constraints: pip installs only what is asked for and required,
    # at the versions this repository tests.
    constraints = folder / "constraints.txt"
    constraints.write_text(
        "".join(f"{name}=={version}\n" for name, version in locked_pins("--all-groups").items())
    )
    path = folder / "env"
    created = run([sys.executable, "-m", "venv", path], folder)
    assert created.returncode == 0, created.stderr
    environment = Environment(path, constraints, {}, {})
    before = environment.installed()
    environment.pip_install(wheel)
    return Environment(path, constraints, before, environment.installed())


def test_the_wheel_holds_every_file_of_the_package_and_its_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read("docglot-0.1.0.dist-info/entry_points.txt").decode()

    # The modules and what they read next to them: labels, stylesheet, templates, overrides, py.typed.
    expected = {
        f"docglot/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert {name for name in names if not name.startswith("docglot-0.1.0.dist-info/")} == expected
    assert {
        "docglot/text/locales/de.po",
        "docglot/engines/assets/docglot.css",
        "docglot/py.typed",
    } <= expected
    assert entry_points.split() == [
        "[console_scripts]",
        "docglot",
        "=",
        "docglot.cli:main",
        "[mkdocs.plugins]",
        "docglot",
        "=",
        "docglot.engines.mkdocs.plugin:DocglotPlugin",
    ]


def test_docglot_alone_brings_its_locked_requirements_and_not_the_library(environment: Environment) -> None:
    # What pip added: docglot and exactly the locked packages docglot requires, at their versions.
    added = {name: version for name, version in environment.after.items() if name not in environment.before}
    assert added == {"docglot": "0.1.0", **locked_pins("--package", "docglot", "--no-dev")}
    assert "starlette" not in environment.after

    result = run([environment.bin / "python", "-c", "import aftersend"], environment.path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "ModuleNotFoundError: No module named 'aftersend'"


CONFIG = """\
site_name: Wetter
docs_dir: docs
theme:
  name: material
nav:
  - Home: index.md
  - API: api.md
plugins:
  - search
  - docglot:
      languages: [en, de]
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            extensions: [docglot]
            docstring_style: google
            docstring_section_style: spacy
            show_root_heading: true
"""

MODULE = '''\
"""Weather forecasts."""

from typing import Annotated

from annotated_doc import Doc


def forecast(
    city: Annotated[str, Doc("The city whose weather is forecast.")],
    days: Annotated[int, Doc("How many days ahead.")] = 3,
) -> str:
    """Forecast the weather."""
    return f"{city}: sunny for {days} days"
'''

GERMAN = {
    "The city whose weather is forecast.": "Die Stadt, deren Wetter vorhergesagt wird.",
    "How many days ahead.": "Wie viele Tage im Voraus.",
    "Forecast the weather.": "Das Wetter vorhersagen.",
}


def test_an_outside_project_gets_its_german_catalog_and_reference_page(
    environment: Environment, tmp_path: Path
) -> None:
    # The project's own requirements, as its README would list them: its package uses
    # annotated-doc, its site uses Material.
    environment.pip_install("annotated-doc", "mkdocs-material")
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    for path, text in {
        "docs/en/index.md": "# Wetter\n",
        "docs/en/api.md": "# API\n\n::: wetter.forecast\n",
        "docs/de/index.md": "# Wetter\n\nVorhersagen für jede Stadt.\n",
        "src/wetter/__init__.py": MODULE,
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(textwrap.dedent(text))

    update = run([environment.bin / "docglot", "catalog", "update"], tmp_path)
    assert update.returncode == 0, update.stderr
    catalog_path = tmp_path / "locales" / "de.po"
    assert update.stdout.splitlines() == [
        f"{catalog_path}: updated, 5 entries for 5 messages "
        "(0 translated, 0 fuzzy, 5 untranslated, 0 obsolete)"
    ]
    # The entry a translator sees for a Doc text: which object and slot, where it is, the English text.
    assert (
        "#. wetter.forecast:parameter:city\n"
        "#: wetter/__init__.py:8\n"
        'msgid "The city whose weather is forecast."\n'
        'msgstr ""\n'
    ) in catalog_path.read_text(encoding="utf-8")
    with catalog_path.open("rb") as file:
        catalog = read_po(file, locale="de")
    assert [
        (message.context, message.auto_comments, message.id, message.string)
        for message in catalog
        if message.id
    ] == [
        ("mkdocs.yml:nav", [], "Home", ""),
        ("mkdocs.yml:nav", [], "API", ""),
        (None, ["wetter.forecast:docstring"], "Forecast the weather.", ""),
        (None, ["wetter.forecast:parameter:city"], "The city whose weather is forecast.", ""),
        (None, ["wetter.forecast:parameter:days"], "How many days ahead.", ""),
    ]

    for message in catalog:
        message.string = GERMAN.get(str(message.id), message.string)
    with catalog_path.open("wb") as file:
        write_po(file, catalog)
    build = run([environment.bin / "mkdocs", "build", "--strict"], tmp_path)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr

    german = read_page(tmp_path / "site" / "de" / "api" / "index.html")
    assert german.html is not None
    assert german.html["lang"] == "de"
    block = object_block(german, "wetter.forecast")
    assert headings(block) == ["PARAMETER", "BESCHREIBUNG"]
    assert parameter_rows(block) == [
        Row("city", "Die Stadt, deren Wetter vorhergesagt wird.", "str", None),
        Row("days", "Wie viele Tage im Voraus.", "int", "3"),
    ]
    assert block.p is not None
    assert block.p.get_text() == "Das Wetter vorhersagen."
    # The source language, at the root, keeps the English text.
    english = object_block(read_page(tmp_path / "site" / "api" / "index.html"), "wetter.forecast")
    assert headings(english) == ["PARAMETER", "DESCRIPTION"]
    assert parameter_rows(english) == [
        Row("city", "The city whose weather is forecast.", "str", None),
        Row("days", "How many days ahead.", "int", "3"),
    ]


def headings(block: Tag) -> list[str]:
    """The column headings of an object's first table, its parameters'."""
    table = block.find("table")
    assert isinstance(table, Tag)
    return [heading.get_text(strip=True) for heading in table.find_all("th")]
