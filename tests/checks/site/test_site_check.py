"""`docglot check --site` on the repository's built site: clean as built, and each edit found.

Each test edits a copy of the built site (or the catalogs it is held against) in one place
and expects exactly the finding that edit makes: the page, the line lxml gives for the
element, the rule, the message and the target.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po, write_po
from docglot.cli import main

from tests.checks.site.conftest import Check, Finding, Site
from tests.conftest import ROOT

Command = Callable[[Site], tuple[int, list[Finding]]]

BACKGROUND = "reference/background/index.html"
ENDPOINT = "reference/with_background_tasks/index.html"
ADD_TASK = "aftersend.BackgroundTasks.add_task"
FUNC = "aftersend.background.BackgroundTasks.add_task:parameter:func"


def block(identifier: str) -> str:
    """XPath: the `div.doc-object` of the entry whose heading has this id."""
    return f'//*[@id="{identifier}"]/ancestor::div[contains(concat(" ", @class, " "), " doc-object ")][1]'


def row_path(identifier: str, number: int) -> str:
    """XPath: a row of the entry's own tables, counted from 1 across them."""
    rows = f'{block(identifier)}/div[contains(@class, "doc-contents")]/table//tr[@class="doc-section-item"]'
    return f"({rows})[{number}]"


def only(document: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    (element,) = document.xpath(xpath)
    return element


def test_the_built_site_is_clean(built_site: Path) -> None:
    """`docglot check --site`, as a user runs it in the repository."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "docglot"), "check", "--site", str(built_site), "--select", "DG3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "0 findings\n")


def test_a_deleted_entry(site: Site, command: Command) -> None:
    """Through the command line: exit code 1, the finding in JSON."""
    page = f"de/{BACKGROUND}"

    def delete(document: lxml.html.HtmlElement) -> None:
        entry = only(document, block(ADD_TASK))
        entry.getparent().remove(entry)

    site.edit(page, delete)

    assert command(site) == (
        1,
        [
            (
                site.shown(page),
                0,
                "DG301",
                "de: aftersend.BackgroundTasks.add_task has no entry on this page (no heading with this id); "
                "rebuild the site",
                "de:aftersend.background.BackgroundTasks.add_task",
            )
        ],
    )


def test_a_missing_page(site: Site, check: Check) -> None:
    page = f"fr/{ENDPOINT}"
    site.page(page).unlink()

    assert check(site) == [
        (
            site.shown(page),
            0,
            "DG301",
            "fr: the page is missing: no entry for aftersend.with_background_tasks; build every language",
            "fr:aftersend.background.with_background_tasks",
        )
    ]


def test_a_changed_default(site: Site, check: Check) -> None:
    row = row_path("aftersend.BackgroundTasks", 1)

    def change(document: lxml.html.HtmlElement) -> None:
        only(document, f'{row}//span[@class="doc-param-default"]/code').text = "()"

    site.edit(BACKGROUND, change)

    assert check(site) == [
        (
            site.shown(BACKGROUND),
            site.line(BACKGROUND, row),
            "DG302",
            "en: aftersend.BackgroundTasks: the default of parameter tasks is '()' where the signature "
            "says 'None'; rebuild the site",
            "en:aftersend.background.BackgroundTasks:parameter:tasks",
        )
    ]


def test_a_removed_row(site: Site, check: Check) -> None:
    page = f"de/{BACKGROUND}"
    table = f'{block(ADD_TASK)}/div[contains(@class, "doc-contents")]/table'

    def remove(document: lxml.html.HtmlElement) -> None:
        row = only(document, row_path(ADD_TASK, 2))
        row.getparent().remove(row)

    site.edit(page, remove)

    assert check(site) == [
        (
            site.shown(page),
            site.line(page, table),
            "DG302",
            "de: aftersend.BackgroundTasks.add_task: no row for parameter *args (type args, default ()); "
            "rebuild the site",
            "de:aftersend.background.BackgroundTasks.add_task:parameter:args",
        )
    ]


def test_a_changed_german_description(site: Site, check: Check) -> None:
    page = f"de/{ENDPOINT}"
    row = row_path("aftersend.with_background_tasks", 1)

    def change(document: lxml.html.HtmlElement) -> None:
        paragraph = only(document, f'{row}//div[@class="doc-md-description"]/p[1]')
        for child in list(paragraph):
            paragraph.remove(child)
        paragraph.text = "Der Endpunkt."

    site.edit(page, change)

    assert check(site) == [
        (
            site.shown(page),
            site.line(page, row),
            "DG303",
            "de: aftersend.with_background_tasks: the description of parameter endpoint differs from "
            "the code and locales/de.po: expected 'Der zu umschließende Endpunkt. Er erhält den Req…', "
            "found 'Der Endpunkt. Er kann eine async def-Funktion od…'; rebuild the site",
            "de:aftersend.background.with_background_tasks:parameter:endpoint",
        )
    ]


def test_an_added_marker(site: Site, check: Check) -> None:
    page = f"de/{BACKGROUND}"
    row = row_path(ADD_TASK, 1)

    def add(document: lxml.html.HtmlElement) -> None:
        paragraph = only(document, f'{row}//div[@class="doc-md-description"]/p[1]')
        marker = lxml.html.fragment_fromstring(
            f'<span class="docglot-marker docglot-untranslated" data-docglot-state="untranslated" '
            f'data-docglot-msgctxt="{FUNC}" data-docglot-label="nicht übersetzt"></span>'
        )
        marker.tail = " " + (paragraph.text or "")
        paragraph.text = ""
        paragraph.insert(0, marker)

    site.edit(page, add)

    assert check(site) == [
        (
            site.shown(page),
            site.line(page, row),
            "DG303",
            f"de: aftersend.BackgroundTasks.add_task: the description of parameter func has a marker "
            f"for {FUNC} (untranslated) that the code and locales/de.po do not call for; "
            "rebuild the site",
            f"de:{FUNC}",
        )
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository's configuration and catalogs in a folder of their own, to be edited."""
    project = tmp_path / "project"
    project.mkdir()
    for folder in ("docs", "src", "plugins"):
        (project / folder).symlink_to(ROOT / folder)
    (project / "locales").mkdir()
    for catalog in (ROOT / "locales").glob("*.po"):
        (project / "locales" / catalog.name).write_bytes(catalog.read_bytes())
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return project


def edit_entry(project: Path, change: Callable[[Message], None], fuzzy: str = "source") -> str:
    """Change the German catalog's entry for `func`, set `fuzzy`; return the configuration file."""
    path = project / "locales" / "de.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="de")
    # The entry of the text `func` shows, which lists its place (a catalog holds no override of it).
    change(next(message for message in catalog if FUNC in (message.context, *message.auto_comments)))
    with path.open("wb") as file:
        write_po(file, catalog)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("catalogs: locales", f"catalogs: locales\n      fuzzy: {fuzzy}"))
    return str(config)


def test_a_removed_marker(site: Site, check: Check, project: Path) -> None:
    """The catalog marks the text outdated and the site shows the old translation: with a marker."""
    config = edit_entry(project, lambda entry: entry.flags.add("fuzzy"), fuzzy="translation")
    page = f"de/{BACKGROUND}"

    assert check(site, config) == [
        (
            site.shown(page),
            site.line(page, row_path(ADD_TASK, 1)),
            "DG303",
            f"de: aftersend.BackgroundTasks.add_task: the description of parameter func lacks the fuzzy "
            f"marker of {FUNC}; rebuild the site",
            f"de:{FUNC}",
        )
    ]


def test_a_text_untranslated_since_the_build(site: Site, check: Check, project: Path) -> None:
    """The page shows the translation; the catalog now has none: English text and a marker expected."""

    def untranslate(entry: Message) -> None:
        entry.string = ""

    config = edit_entry(project, untranslate)
    page = f"de/{BACKGROUND}"
    line = site.line(page, row_path(ADD_TASK, 1))
    what = "de: aftersend.BackgroundTasks.add_task: the description of parameter func"

    assert check(site, config) == [
        (
            site.shown(page),
            line,
            "DG303",
            f"{what} differs from the code and {project.resolve() / 'locales' / 'de.po'}: "
            "expected 'The function to call after the response is sent.…', "
            "found 'Die Funktion, die aufgerufen wird, nachdem die R…'; rebuild the site",
            f"de:{FUNC}",
        ),
        (
            site.shown(page),
            line,
            "DG303",
            f"{what} lacks the untranslated marker of {FUNC}; rebuild the site",
            f"de:{FUNC}",
        ),
    ]


def test_no_such_site(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    missing = tmp_path / "site"

    assert main(["check", "--site", str(missing), "--select", "DG3"]) == 2
    assert capsys.readouterr().err == (
        f"docglot: {missing}: no such folder; build the site first, then pass its folder to --site\n"
    )


def test_an_entry_without_heading_is_found_by_its_place(site: Site, check: Check, project: Path) -> None:
    """Without `show_root_heading`, a directive's own object has no heading: its block is the page's first."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("show_root_heading: true", "show_root_heading: false"))
    first_block = '(//div[contains(concat(" ", @class, " "), " doc-object ")])[1]'
    row = f'{first_block}/div[contains(@class, "doc-contents")]/table//tr[@class="doc-section-item"]'

    def change(document: lxml.html.HtmlElement) -> None:
        del only(document, '//*[@id="aftersend.BackgroundTasks"]').attrib["id"]
        only(document, f'{row}//span[@class="doc-param-default"]/code').text = "()"

    site.edit(BACKGROUND, change)

    assert check(site, str(config)) == [
        (
            site.shown(BACKGROUND),
            site.line(BACKGROUND, row),
            "DG302",
            "en: aftersend.BackgroundTasks: the default of parameter tasks is '()' where the signature "
            "says 'None'; rebuild the site",
            "en:aftersend.background.BackgroundTasks:parameter:tasks",
        )
    ]
