"""`catalog update` and `check` reuse the last build's messages while nothing they depend on changed,
and otherwise read the pages without writing a site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.commands.build
import pytest
from docglot.checks.site import site_config
from docglot.cli import main
from docglot.engines.mkdocs import extraction
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.mini_site import MiniSite

CACHE = Path(".cache") / "docglot" / "messages.json"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    MiniSite().write(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build_site(project: Path) -> None:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))


def update(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = main(["catalog", "update"])
    out = capsys.readouterr().out
    assert code == 0
    return out.splitlines()


def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any rendering of the site fail: what follows must come from the kept messages."""

    def refuse(*arguments: Any, **options: Any) -> None:
        raise AssertionError("the site was rendered")

    monkeypatch.setattr(extraction, "build", refuse)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_update_after_a_build_reuses_its_messages(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The catalogs an update writes by rendering the site...
    update(capsys)
    rendered = {path.name: path.read_bytes() for path in (project / "locales").iterdir()}
    for path in (project / "locales").iterdir():
        path.unlink()
    (project / CACHE).unlink()
    # ... are those it writes from the messages a build kept.
    build_site(project)
    no_rendering(monkeypatch)
    assert update(capsys) == [
        f"{project}/locales/{language}.po: updated, 8 entries for 8 messages "
        "(0 translated, 0 fuzzy, 8 untranslated, 0 obsolete)"
        for language in ("de", "fr")
    ]
    assert {path.name: path.read_bytes() for path in (project / "locales").iterdir()} == rendered


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("src/mini/__init__.py", "Shout the greeting.", "Shout the greeting, in capitals."),
        ("docs/en/api.md", "::: mini.greet", "::: mini.greet\n    options:\n      show_root_heading: false"),
        ("mkdocs.yml", "  - API:\n", "  - Reference:\n"),
    ],
    ids=["code", "page", "configuration"],
)
def test_a_changed_input_renders_the_site_again(
    project: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str
) -> None:
    build_site(project)
    edit(project / file, old, new)
    calls: list[object] = []
    real_build = build

    def counted(config: Any) -> None:
        calls.append(config)
        real_build(config)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extraction, "build", counted)
        update(capsys)
    assert len(calls) == 1
    kept = json.loads((project / CACHE).read_text(encoding="utf-8"))
    sources = {item["source"] for item in kept["messages"]}
    if file == "src/mini/__init__.py":
        assert "Shout the greeting, in capitals." in sources
        assert "Shout the greeting." not in sources
    if file == "mkdocs.yml":
        assert "Reference" in sources
        assert "API" not in sources


def test_a_new_page_renders_the_site_again(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_site(project)
    (project / "docs" / "en" / "more.md").write_text("# More\n\n::: mini\n", encoding="utf-8")
    update(capsys)
    kept = json.loads((project / CACHE).read_text(encoding="utf-8"))
    assert any(str(project / "docs" / "en" / "more.md") == name for name in kept["inputs"])


def test_the_extraction_writes_no_page(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*arguments: Any, **options: Any) -> None:
        raise AssertionError("a page was written")

    monkeypatch.setattr(mkdocs.commands.build, "_build_page", refuse)
    monkeypatch.setattr(mkdocs.commands.build, "_build_theme_template", refuse)
    assert update(capsys)[0].endswith("8 messages (0 translated, 0 fuzzy, 8 untranslated, 0 obsolete)")


def templates_used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja is asked for from now on, by any environment."""
    names: list[str] = []
    real = jinja2.Environment.get_template

    def recorded(self: jinja2.Environment, name: Any, *arguments: Any, **options: Any) -> Any:
        names.append(str(name))
        return real(self, name, *arguments, **options)

    monkeypatch.setattr(jinja2.Environment, "get_template", recorded)
    return names


def test_the_extraction_renders_no_expression(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An annotation shows no API text: read for their messages, blocks leave it out."""
    names = templates_used(monkeypatch)
    build_site(project)
    assert "_base/expression.html.jinja" in names
    (project / CACHE).unlink()
    names.clear()

    update(capsys)

    assert "expression.html.jinja" in names
    assert "_base/expression.html.jinja" not in names
    assert "_docglot/nothing.html.jinja" in names


def test_a_build_with_warnings_keeps_no_messages(project: Path) -> None:
    # A link to a missing page is a warning: a strict update must not take that build's word.
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\n[gone](gone.md)\n", encoding="utf-8")
    build_site(project)
    assert not (project / CACHE).exists()


def test_a_strict_extraction_still_fails_on_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = project / "src" / "mini" / "__init__.py"
    edit(module, "    The greeting is polite.\n", "    Args:\n        nobody: x\n")
    code = main(["catalog", "update"])
    assert code == 1
    assert capsys.readouterr().err.splitlines()[-1] == "docglot: Aborted with 2 warnings in strict mode!"
    assert not (project / CACHE).exists()
    assert not (project / "locales").exists()


def test_a_damaged_cache_is_ignored(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_site(project)
    (project / CACHE).write_text('{"format": 1, "sources": [], "inputs": {}, "messa', encoding="utf-8")
    assert update(capsys)[0].endswith("8 messages (0 translated, 0 fuzzy, 8 untranslated, 0 obsolete)")
    assert json.loads((project / CACHE).read_text(encoding="utf-8"))["format"] == 1


def test_no_cache_folder_keeps_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / "mkdocs.yml", "      languages:", '      cache_dir: ""\n      languages:')
    build_site(project)
    update(capsys)
    assert not (project / ".cache").exists()


def test_check_reuses_the_messages_too(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    update(capsys)
    (project / CACHE).unlink()
    rendered = main(["check", "--output-format", "json"]), json.loads(capsys.readouterr().out)
    (project / CACHE).unlink()
    build_site(project)
    no_rendering(monkeypatch)
    kept = main(["check", "--output-format", "json"]), json.loads(capsys.readouterr().out)
    assert kept == rendered
    assert rendered[0] == 1
    assert {finding["code"] for finding in rendered[1]} == {"DG201"}


@pytest.mark.parametrize("kept", [True, False], ids=["after a build", "cold"])
def test_check_loads_the_configuration_once(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kept: bool
) -> None:
    build_site(project)
    if not kept:
        (project / CACHE).unlink()
    loaded: list[str] = []
    for module in (site_config, extraction):
        real = module.load_config

        def counted(config_file: str, *arguments: Any, real: Any = real, **options: Any) -> Any:
            loaded.append(config_file)
            return real(config_file, *arguments, **options)

        monkeypatch.setattr(module, "load_config", counted)

    assert main(["check", "--output-format", "json"]) == 1
    # No catalog yet: each language is told to run `catalog update`.
    assert {finding["code"] for finding in json.loads(capsys.readouterr().out)} == {"DG205"}
    assert loaded == ["mkdocs.yml"]


NESTED = '''\
from typing import Annotated

from annotated_doc import Doc


def greet(name: Annotated[str, Doc("The name of the person to greet.")]) -> None:
    """Greet someone, with `code` in **bold**.

    ```python
    greet("Ada")
    ```
    """


class Guide:
    """How to greet.

    ::: mini.greet
    """
'''


def test_an_extraction_finds_the_messages_a_build_shows(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read without converting Markdown or highlighting code, the pages show the same messages,
    those of a docstring's own `:::` block among them."""
    (project / "src" / "mini" / "__init__.py").write_text(NESTED, encoding="utf-8")
    (project / "docs" / "en" / "api.md").write_text("# Guide\n\n::: mini.Guide\n", encoding="utf-8")
    build_site(project)
    update(capsys)  # From the build's messages.
    after_build = {path.name: path.read_bytes() for path in (project / "locales").iterdir()}
    for path in (project / "locales").iterdir():
        path.unlink()
    (project / CACHE).unlink()

    update(capsys)  # From the pages, read for their messages only.

    assert {path.name: path.read_bytes() for path in (project / "locales").iterdir()} == after_build
    german = (project / "locales" / "de.po").read_text(encoding="utf-8")
    assert "#. mini.greet:parameter:name\n" in german
    assert 'msgid "The name of the person to greet."\n' in german
