"""Each block goes through the templates once for every language, and the pages are the ones
rendering each language through the templates gives, byte for byte, on both engines.

`DOCGLOT_RENDER_EACH_LANGUAGE=1` renders every block in every language through the
templates, as mkdocstrings does on its own: the pages are compared with that build's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from docglot import cli
from docglot.engines import render_once
from docglot.reading.docstrings import active_translator
from docglot.text.labels import label
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocstrings_handlers.python import PythonHandler

from tests.commands import run_module
from tests.conftest import ROOT
from tests.mini_site import MiniSite
from tests.rendered.test_hostile_catalogs_every_context import hostile_project
from tests.site_files import differing, site_files

EACH_LANGUAGE = {render_once.DISABLE: "1"}
ENGINES = ("mkdocs", "zensical")


def build_both_ways(project: Path, engine: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The project's site rendered once for every language, and rendered for each language."""
    sites = []
    for name, environment in (("once", {}), ("each", EACH_LANGUAGE)):
        site = project.parent / f"{project.name}-{engine}-{name}"
        command = (
            ("mkdocs", "build") if engine == "mkdocs" else ("docglot.cli", "build", "--engine", "zensical")
        )
        result = run_module(project, *command, "--site-dir", str(site), environment=environment)
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(site_files(site))
        cache = project / ".cache" / "docglot" / "messages.json"
        if engine == "mkdocs":  # What `catalog update` and `check` reuse is the same too.
            # Its digests are in the order the process read the files: compared as data.
            kept = json.dumps(json.loads(cache.read_bytes()), sort_keys=True)
            sites[-1][".cache/docglot/messages.json"] = kept.encode()
            cache.unlink()
    return sites[0], sites[1]


@pytest.mark.parametrize("engine", ENGINES)
def test_this_sites_pages_are_the_pages_of_each_language_rendered(tmp_path: Path, engine: str) -> None:
    """This site: six languages, catalogs translated in full, in part, with outdated entries."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))

    once, each = build_both_ways(project, engine)

    assert differing(once, each) == []
    assert len([path for path in once if path.endswith(".html")]) > 6 * 10


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_catalogs_pages_are_the_pages_of_each_language_rendered(tmp_path: Path, engine: str) -> None:
    """Every message of every kind translated into script: what the sanitizer leaves is the same."""
    project = tmp_path / "hostile"
    project.mkdir()
    entries = hostile_project(project)

    once, each = build_both_ways(project, engine)

    assert differing(once, each) == []
    assert len(entries) > 20


# A site whose templates do what substitution cannot follow: a label changed by a filter
# that leaves no trace on a token, a docstring's text written outside a Markdown conversion.
PROBE = """\
{% extends "_base/function.html.jinja" %}
{% block contents scoped %}
  <p class="probe-label">{{ lang.t("Source code in")|lower }}</p>
  <p class="probe-text">{{ function.docstring.parsed[0].value }}</p>
  {{ super() }}
{% endblock contents %}
"""

CODE = '''\
from typing import Annotated

from annotated_doc import Doc
from typing_extensions import deprecated


def greet(
    name: Annotated[str, Doc("The name of the person to greet.")],
    loud: Annotated[bool, Doc("Shout the greeting."), deprecated("Shouting is rude.")] = False,
) -> Annotated[str, Doc("The greeting.")]:
    """Greet someone.

    The greeting is polite[^1].

    [^1]: As polite as can be.

    Note: Names
        Any name will do.

    Examples:
        A greeting:

        >>> greet("Ada")
        'Hello Ada'
    """
    return f"Hello {name}"


class Greeter:
    """Greets people.

    ## How it greets

    Politely.
    """

    greeting: Annotated[str, Doc("What it says.")] = "Hello"
    """What it says."""
'''

PAGES = {"en/index.md": "# Mini\n", "en/api.md": "# Greeting\n\n::: mini.greet\n\n::: mini.Greeter\n"}
LANGUAGES = ("en", "de", "fr", "ja")


def write_catalogs(project: Path) -> None:
    """German: one text translated, with what looks like docglot's own tokens; French: one outdated."""
    result = run_module(project, "docglot.cli", "catalog", "update")
    assert result.returncode == 0, result.stdout + result.stderr
    for language, text, flag in (
        ("de", "Begrüßt jemanden \x1aDgC0\x1a \x1aDgL0\x1a: \x1aDgT0\x1a.", None),
        ("fr", "Salue quelqu'un.", "fuzzy"),
    ):
        path = project / "locales" / f"{language}.po"
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        entry = catalog["Greet someone."]
        entry.string = text
        if flag:
            entry.flags.add(flag)
        with path.open("wb") as file:
            write_po(file, catalog)


def build_in_process(
    project: Path, site: Path, monkeypatch: pytest.MonkeyPatch, *, each: bool
) -> tuple[dict[str, bytes], int]:
    """Build the mini site in this process; return its files and how often a block went through
    the templates."""
    renders = 0
    real = PythonHandler.render

    def counted(self: PythonHandler, *arguments: Any, **options: Any) -> Any:
        nonlocal renders
        renders += 1
        return real(self, *arguments, **options)

    monkeypatch.setattr(PythonHandler, "render", counted)
    if each:
        monkeypatch.setenv(render_once.DISABLE, "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    monkeypatch.undo()
    return site_files(site), renders


def mini_project(root: Path, *, templates: bool) -> Path:
    """The mini site with `greet` and `Greeter`, their catalogs, and the probing template if asked."""
    site = MiniSite(languages=LANGUAGES, pages=PAGES, code={"mini/__init__.py": CODE})
    project = site.write(root)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if templates:
        text = text.replace("  - mkdocstrings:\n", "  - mkdocstrings:\n      custom_templates: templates\n")
        probe = project / "templates" / "python" / "material" / "function.html.jinja"
        probe.parent.mkdir(parents=True)
        probe.write_text(PROBE, encoding="utf-8")
    text = text.replace(
        "theme:\n",
        "markdown_extensions:\n  - footnotes\n  - admonition\n  - toc:\n      permalink: true\ntheme:\n",
    )
    text = text.replace("show_root_heading: true", "show_root_heading: true\n            show_source: true")
    config.write_text(text, encoding="utf-8")
    write_catalogs(project)
    return project


def mini_site_both_ways(
    root: Path, monkeypatch: pytest.MonkeyPatch, *, templates: bool
) -> tuple[dict[str, bytes], tuple[int, int]]:
    """The mini site rendered once for every language, which must be the site rendered for each
    language; with how often a block went through the templates each way."""
    project = mini_project(root / "mini", templates=templates)
    once, once_renders = build_in_process(project, root / "once", monkeypatch, each=False)
    each, each_renders = build_in_process(project, root / "each", monkeypatch, each=True)
    assert differing(once, each) == []
    return once, (once_renders, each_renders)


def test_each_block_goes_through_the_templates_once_for_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    once, renders = mini_site_both_ways(tmp_path, monkeypatch, templates=False)
    # Two blocks, in four languages or once for all.
    assert renders == (2, 8)
    german = BeautifulSoup(once["de/api/index.html"], "lxml")
    greet = german.select_one("div.doc-object.doc-function > div.doc-contents")
    assert greet is not None
    # A translation's look-alike tokens are its own text (what the sanitizer leaves of it).
    assert greet.p is not None
    assert greet.p.get_text() == "Begrüßt jemanden DgC0 DgL0: DgT0."
    assert [title.get_text() for title in greet.select(".doc-section-title")][:1] == [
        label("Parameters:", "de")
    ]
    assert [cell.get_text() for cell in greet.select("table")[0].select("th")] == [
        label(key, "de") for key in ("Name", "Type", "Description", "Default")
    ]


def test_a_block_whose_templates_hide_what_changes_is_rendered_in_each_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    once, renders = mini_site_both_ways(tmp_path, monkeypatch, templates=True)
    # `greet` is recorded once, then rendered in each language; `Greeter` is rendered once.
    assert renders == (1 + 4 + 1, 8)
    for language in LANGUAGES[1:]:
        page = BeautifulSoup(once[f"{language}/api/index.html"], "lxml")
        probe = page.select_one("p.probe-label")
        assert probe is not None
        assert probe.get_text() == label("Source code in", language).lower()


def derivations(
    project: Path, site: Path, monkeypatch: pytest.MonkeyPatch, engine: str = "mkdocs"
) -> list[tuple[str, tuple[str, ...], bool]]:
    """Build the mini site in this process; for each text first converted for a translated page, in
    order: the language, the English texts of the messages in it, and whether its HTML came from the
    English one."""
    noted: list[tuple[str, tuple[str, ...], bool]] = []
    real = render_once._derived

    def derived(handler: Any, recording: Any, conversion: Any, text: str) -> str | None:
        html = real(handler, recording, conversion, text)
        tokens = render_once.MARKDOWN_TOKEN.finditer(conversion.text)
        messages = tuple(recording.messages[int(t["index"])].source for t in tokens if t["kind"] == "T")
        translator = active_translator()
        assert translator is not None
        noted.append((translator.language, messages, html is not None))
        return html

    monkeypatch.setattr(render_once, "_derived", derived)
    build_with(engine, project, site, monkeypatch)
    monkeypatch.undo()
    return noted


def build_with(engine: str, project: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the project in this process with the engine."""
    if engine == "mkdocs":
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
        return
    with monkeypatch.context() as inside:
        inside.chdir(project)
        assert cli.main(["build", "--engine", "zensical", "--site-dir", str(site)]) == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_texts_shown_in_english_take_the_html_of_the_english_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    project = mini_project(tmp_path / "mini", templates=False)

    noted = derivations(project, tmp_path / "site", monkeypatch, engine)

    docstring = ("Greet someone.", "The greeting is polite[^1].", "[^1]: As polite as can be.")
    assert noted == [
        # German translates the docstring's first text: no badge first.
        ("de", docstring, False),
        # A title (of the admonition).
        ("de", ("Names",), False),
        ("de", ("Any name will do.",), True),
        ("de", ("The name of the person to greet.",), True),
        # The deprecation's label comes first, in German.
        ("de", ("Shouting is rude.", "Shout the greeting."), False),
        ("de", ("A greeting:",), True),
        ("de", ("The greeting.",), True),
        # The English text has a heading.
        ("de", ("Greets people.", "## How it greets", "Politely."), False),
        ("de", ("What it says.",), True),
        # French shows the outdated docstring text with a badge, and the next with another.
        ("fr", docstring, False),
        ("fr", ("Shouting is rude.", "Shout the greeting."), False),
        # Japanese: the same, untranslated; every other text is the one German showed.
        ("ja", docstring, False),
        ("ja", ("Shouting is rude.", "Shout the greeting."), False),
    ]
    with monkeypatch.context() as each:
        each.setenv(render_once.DISABLE, "1")
        build_with(engine, project, tmp_path / "each", monkeypatch)
    assert differing(site_files(tmp_path / "site"), site_files(tmp_path / "each")) == []


def test_a_site_with_other_markdown_processors_converts_every_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = mini_project(tmp_path / "mini", templates=False)
    config = project / "mkdocs.yml"
    # `meta` reads `Key: value` lines at the start of a text, and none after a badge.
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - footnotes\n", "  - footnotes\n  - meta\n")
    )

    noted = derivations(project, tmp_path / "once", monkeypatch)
    each, _ = build_in_process(project, tmp_path / "each", monkeypatch, each=True)

    assert len(noted) == 13
    assert not any(derived for _, _, derived in noted)
    assert differing(site_files(tmp_path / "once"), each) == []
