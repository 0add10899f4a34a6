"""`docglot check --site` on a small site of every section style, section kind and heading setting.

The site has German pages and no catalog, so that every German text is shown in English with
its marker. It is built once; each test edits a copy.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from docglot.cli import main

from tests.checks.site.conftest import Finding, Site
from tests.conftest import mkdocs_build

CONFIG = """\
site_name: mini
docs_dir: docs
theme:
  name: material
nav:
  - Home: index.md
  - Package: package.md
  - Greeter: greeter.md
  - Shout: shout.md
markdown_extensions:
  - admonition
  - pymdownx.highlight
  - pymdownx.superfences
  - toc:
      permalink: true
plugins:
  - docglot:
      languages: [en, de]
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            extensions: [docglot]
            docstring_style: google
"""

PAGES = {
    "index.md": "# Mini\n",
    # The package, without its own heading, and its members (a submodule too), in the spacy style.
    "package.md": """\
        # Package

        ::: mini
            options:
              docstring_section_style: spacy
              show_submodules: true
        """,
    # The default style (table), with the class's heading.
    "greeter.md": """\
        # Greeter

        ::: mini.Greeter
            options:
              show_root_heading: true
        """,
    # The list style; a directive shown as an example is not one.
    "shout.md": """\
        # Shout

        ```md
        ::: mini.shout
        ```

        ::: mini.shout
            options:
              docstring_section_style: list
              show_root_heading: true

        ::: mini.greet
            options:
              docstring_section_style: list
        """,
}

PACKAGE = '''\
"""A tiny package.

!!! note "Careful"
    It only greets.
"""

from collections.abc import Iterator
from typing import Annotated

from annotated_doc import Doc

from mini.tools import shout

__all__ = ["VERSION", "Greeter", "count", "greet", "shout"]

VERSION: Annotated[str, Doc("The version, as `x.y`.")] = "1.0"


def greet(
    name: Annotated[str, Doc("Who to greet.")],
    *,
    polite: Annotated[bool, Doc("Say *please*.")] = False,
) -> Annotated[str, Doc("The greeting.")]:
    """Greet someone.

    Raises:
        ValueError: When the name is empty.

    Examples:
        Greet Ada:

        >>> greet("Ada")
        'Hello Ada'
    """
    if not name:
        raise ValueError(name)
    return f"Hello {name}"


def count(limit: int) -> Iterator[int]:
    """Count up.

    Args:
        limit: Where to stop.

    Yields:
        Each number.
    """
    yield from range(limit)


class Greeter:
    """Greets people.

    Attributes:
        greeting: The word used.
    """

    greeting: str = "Hello"

    def __init__(self, greeting: Annotated[str, Doc("The word to use.")] = "Hello") -> None:
        self.greeting = greeting

    def wave(self, times: Annotated[int, Doc("How many times.")] = 1) -> None:
        """Wave.

        Warning: Tiring
            Do not wave too much.
        """
'''

TOOLS = '''\
"""Tools."""

from typing import Annotated

from annotated_doc import Doc


def shout(text: Annotated[str, Doc("What to shout.")], times: int = 2) -> str:
    """Shout a text.

    Args:
        times: How often.
    """
    return text.upper() * times
'''

Command = Callable[[Site], list[Finding]]


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project, with its site built."""
    project = tmp_path_factory.mktemp("mini")
    (project / "mkdocs.yml").write_text(CONFIG)
    for language in ("en", "de"):
        (project / "docs" / language).mkdir(parents=True)
    for name, text in PAGES.items():
        (project / "docs" / "en" / name).write_text(textwrap.dedent(text))
    (project / "src" / "mini").mkdir(parents=True)
    (project / "src" / "mini" / "__init__.py").write_text(PACKAGE)
    (project / "src" / "mini" / "tools.py").write_text(TOOLS)
    mkdocs_build(project, project / "built")
    return project


@pytest.fixture
def site(mini: Path) -> Site:
    """A fresh copy of the small site, inside the project."""
    shutil.rmtree(mini / "site", ignore_errors=True)
    shutil.copytree(mini / "built", mini / "site")
    return Site(mini / "site")


@pytest.fixture
def check(mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Command:
    """Return `check(site)`: `docglot check --site site --select DG3`, run in the project, in this process."""
    monkeypatch.chdir(mini)

    def run(site: Site) -> list[Finding]:
        capsys.readouterr()
        code = main(["check", "--site", site.root.name, "--select", "DG3", "--output-format", "json"])
        found = json.loads(capsys.readouterr().out)
        assert code == (1 if found else 0)
        return [(item["path"], item["line"], item["code"], item["message"], item["target"]) for item in found]

    return run


def only(document: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    (element,) = document.xpath(xpath)
    return element


def entry_rows(identifier: str) -> str:
    """XPath: the rows of the entry's own tables or lists."""
    return (
        f'//*[@id="{identifier}"]/ancestor::div[contains(concat(" ", @class, " "), " doc-object ")][1]'
        '/div[contains(@class, "doc-contents")]/*[self::table or self::ul]'
        '//*[contains(@class, "doc-section-item")]'
    )


def test_the_site_is_clean(site: Site, check: Command) -> None:
    assert check(site) == []


def test_a_changed_type_in_the_table_style(site: Site, check: Command) -> None:
    page = "greeter/index.html"
    row = f"({entry_rows('mini.Greeter.__init__')})[1]"

    def change(document: lxml.html.HtmlElement) -> None:
        code = only(document, f"{row}/td[2]/code")
        for child in list(code):
            code.remove(child)
        code.text = "int"

    site.edit(page, change)

    assert check(site) == [
        (
            f"site/{page}",
            site.line(page, row),
            "DG302",
            "en: mini.Greeter.__init__: the type of parameter greeting is 'int' where the signature says "
            "'str'; rebuild the site",
            "en:mini.Greeter.__init__:parameter:greeting",
        )
    ]


def test_a_changed_default_in_the_list_style_without_heading(site: Site, check: Command) -> None:
    """`mini.greet` has no heading on its page: its entry is the page's second block."""
    page = "de/shout/index.html"
    second = '(//div[contains(concat(" ", @class, " "), " doc-object ")])[2]'
    row = f'{second}/div[contains(@class, "doc-contents")]/ul/li[2]'

    def change(document: lxml.html.HtmlElement) -> None:
        (default,) = [code for code in only(document, row).iterfind("code") if code.text == "False"]
        default.text = "True"

    site.edit(page, change)

    assert check(site) == [
        (
            f"site/{page}",
            site.line(page, row),
            "DG302",
            "de: mini.greet: the default of parameter polite is 'True' where the signature says 'False'; "
            "rebuild the site",
            "de:mini.greet:parameter:polite",
        )
    ]


def test_a_renamed_attribute_row(site: Site, check: Command) -> None:
    page = "de/greeter/index.html"
    heading = '//*[@id="mini.Greeter"]'
    table = (
        f'{heading}/ancestor::div[contains(concat(" ", @class, " "), " doc-object ")][1]'
        '/div[contains(@class, "doc-contents")]/table[1]'
    )

    def change(document: lxml.html.HtmlElement) -> None:
        only(document, f'{table}//tr[1]/td[1]//*[text()="greeting"]').text = "greetings"

    site.edit(page, change)

    message = "de: mini.Greeter: the attributes table has"
    assert check(site) == [
        (
            f"site/{page}",
            site.line(page, table),
            "DG303",
            f"{message} a row for greetings, which the code and locales/de.po do not give; rebuild the site",
            "de:mini.Greeter:attributes",
        ),
        (
            f"site/{page}",
            site.line(page, table),
            "DG303",
            f"{message} no row for greeting, which the code and locales/de.po give; rebuild the site",
            "de:mini.Greeter:attribute:greeting",
        ),
    ]


def test_a_removed_marker_in_an_admonition(site: Site, check: Command) -> None:
    page = "de/greeter/index.html"
    heading = '//*[@id="mini.Greeter.wave"]'
    marker = (
        f'{heading}/ancestor::div[contains(concat(" ", @class, " "), " doc-object ")][1]'
        '//details//span[@data-docglot-msgctxt="mini.Greeter.wave:admonition"]'
    )

    def remove(document: lxml.html.HtmlElement) -> None:
        only(document, marker).drop_tree()

    site.edit(page, remove)

    assert check(site) == [
        (
            f"site/{page}",
            site.line(page, heading),
            "DG303",
            "de: mini.Greeter.wave: the docstring's text lacks the untranslated marker of "
            "mini.Greeter.wave:admonition; rebuild the site",
            "de:mini.Greeter.wave:admonition",
        )
    ]


def test_packages_found_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pages render a package that is neither on the handler's paths nor installed: a usage error."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    for language in ("en", "de"):
        (tmp_path / "docs" / language).mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("# Mini\n\n::: mini.greet\n")
    (tmp_path / "site").mkdir()
    monkeypatch.chdir(tmp_path)

    assert main(["check", "--site", "site", "--select", "DG3"]) == 2
    assert capsys.readouterr().err == (
        "docglot: mkdocs.yml: its pages render mini, found neither in the mkdocstrings 'paths' nor "
        "installed; install the packages, or pass them as PATH\n"
    )
