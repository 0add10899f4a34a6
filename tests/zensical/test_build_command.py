"""`docglot build` on a small project of its own: both engines, bad input, failed builds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docglot.cli import main

from tests.mini_site import MiniSite
from tests.zensical.conftest import docglot

MODULE = '''
from typing import Annotated

from annotated_doc import Doc


def greet(name: Annotated[str, Doc("The name of the person to greet.")]) -> str:
    """Greet someone."""
    return f"Hello {name}"
'''

SITE = MiniSite(
    languages=("en", "de"),
    nav="nav:\n  - Home: index.md\n  - Greeting: api.md\n",
    extra="site_url: https://mini.example.org/\n",
    plugins=("search",),
    docstring_style=None,
    pages={
        "en/index.md": "# Home\n",
        "de/index.md": "# Startseite\n",
        "en/api.md": "# Greeting\n\n::: mini.greet\n",
    },
    code={"mini.py": MODULE},
)
"""English and German, with search, a module `mini.py` and a German home page."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    SITE.write(tmp_path)
    return tmp_path


def leftovers(project: Path) -> list[str]:
    """Hidden folders a build leaves next to the site (staging, work folders)."""
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))


def test_zensical_builds_every_language_of_the_project(project: Path) -> None:
    result = docglot(project, "build", "--engine", "zensical")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "site: built with zensical"
    assert (project / "site" / "api" / "index.html").is_file()
    assert (project / "site" / "de" / "api" / "index.html").is_file()
    assert (project / "site" / "de" / "search.json").is_file()
    assert leftovers(project) == []
    german = BeautifulSoup(
        (project / "site" / "de" / "api" / "index.html").read_text(encoding="utf-8"), "lxml"
    )
    # The project has no catalogs: every German text is the English one, marked.
    assert [
        (badge["data-docglot-state"], badge["data-docglot-msgctxt"])
        for badge in german.select(".docglot-marker")
    ] == [
        ("untranslated", "mini.greet:docstring"),
        ("untranslated", "mini.greet:parameter:name"),
    ]


def test_a_failed_build_leaves_the_previous_site_as_it_was(project: Path) -> None:
    assert docglot(project, "build", "--engine", "zensical").returncode == 0
    before = sorted(path.relative_to(project).as_posix() for path in (project / "site").rglob("*"))
    (project / "docs" / "de" / "index.md").write_text("# Startseite\n\n[Weg](nowhere.md)\n", encoding="utf-8")

    result = docglot(project, "build", "--engine", "zensical", "--strict")

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "docglot: Zensical could not build 'de': Aborted because --strict flag is set"
    )
    assert "Traceback" not in result.stderr
    assert sorted(path.relative_to(project).as_posix() for path in (project / "site").rglob("*")) == before
    assert leftovers(project) == []


def test_strict_fails_on_the_warnings_of_griffe_too(project: Path) -> None:
    module = project / "src" / "mini.py"
    module.write_text(
        module.read_text(encoding="utf-8").replace('Doc("The name', 'Doc(f"{__name__} The name')
    )

    relaxed = docglot(project, "build", "--engine", "zensical")
    strict = docglot(project, "build", "--engine", "zensical", "--strict")

    assert relaxed.returncode == 0, relaxed.stderr
    (warning,) = [line for line in relaxed.stderr.splitlines() if line.startswith("WARNING")]
    assert warning.startswith("WARNING -  griffe: src/mini.py:7: ")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "docglot: Aborted with 1 warnings in strict mode!"


def test_a_language_without_its_folder_is_one_line(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("[en, de]", "[en, de, fr]"), encoding="utf-8")

    result = docglot(project, "build", "--engine", "zensical")

    assert result.returncode == 1
    # The same line as the MkDocs build's, from the same check.
    assert result.stderr == (
        "docglot: mkdocs.yml:12: language 'fr' has no folder docs/fr; create it "
        "(pages it lacks are built from the source's)\n"
    )
    assert not (project / "site").exists()


def test_a_tag_only_mkdocs_reads_is_one_line(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace(
            "plugins:", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative\nplugins:"
        ),
        encoding="utf-8",
    )

    result = docglot(project, "build", "--engine", "zensical")

    assert result.returncode == 1
    assert (
        result.stderr
        == "docglot: mkdocs.yml:11: Zensical cannot read MkDocs' !relative tag; write the value itself\n"
    )


def test_a_site_folder_holding_the_pages_is_refused(project: Path) -> None:
    result = docglot(project, "build", "--engine", "zensical", "--site-dir", ".")

    assert result.returncode == 1
    assert result.stderr == (
        f"docglot: site_dir {project} and docs_dir {project / 'docs'} overlap; choose another site_dir\n"
    )


def test_mkdocs_stays_the_default_engine(project: Path) -> None:
    result = docglot(project, "build")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "site: built with mkdocs"
    assert (project / "site" / "de" / "search" / "search_index.json").is_file()  # Material's search.
    assert not (project / "site" / "search.json").exists()  # Zensical's.


def test_without_zensical_installed_the_command_says_what_to_install(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "zensical" else find_spec(name, *args),
    )
    monkeypatch.chdir(project)

    assert main(["build", "--engine", "zensical"]) == 2
    assert capsys.readouterr().err == (
        "docglot: --engine zensical: Zensical is not installed; install docglot[zensical]\n"
    )


def test_a_catalog_of_no_declared_language_is_one_line(project: Path) -> None:
    (project / "locales").mkdir()
    (project / "locales" / "it.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
    )

    result = docglot(project, "build", "--engine", "zensical")

    assert result.returncode == 1
    assert result.stderr == (
        "docglot: locales/it.po: 'it' is not a language of the site (mkdocs.yml:12); "
        "declare it or delete the file\n"
    )
    assert not (project / "site").exists()
