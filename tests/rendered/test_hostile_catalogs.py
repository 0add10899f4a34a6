"""Whatever a catalog holds, a translated page never runs script the English text does not have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import Tag

from tests.conftest import ROOT, mkdocs_build
from tests.rendered.site import FUNC_CONTEXT, FUNC_TEXT, entry_at, page

SUMMARY = "aftersend.background.with_background_tasks:docstring"
SUMMARY_TEXT = "Give a Starlette endpoint a `BackgroundTasks` to add tasks to."
HOSTILE = {
    (FUNC_CONTEXT, FUNC_TEXT): (
        'Die Funktion <script>alert(1)</script> <img src="x.png" onerror="alert(2)"> '
        '[klick](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">los</a>'
    ),
    (SUMMARY, SUMMARY_TEXT): (
        '<iframe src="https://example.org/"></iframe><style>body { display: none }</style>'
        'Ein <b onmouseover="steal()">fetter</b> Endpunkt <svg onload="alert(6)"></svg>'
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    path = project / "locales" / "de.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="de")
    for (context, source), hostile in HOSTILE.items():
        entry_at(catalog, context, source).string = hostile
    with path.open("wb") as file:
        write_po(file, catalog)
    mkdocs_build(project, project / "site")
    return project / "site"


def article(site: Path, language: str, relative: str) -> Tag:
    found = page(site, language, relative).select_one("article")
    assert found is not None
    return found


@pytest.mark.parametrize("relative", ["reference/background/", "reference/with_background_tasks/"])
def test_no_script_event_handler_or_javascript_url_reaches_the_page(site: Path, relative: str) -> None:
    german = article(site, "de", relative)

    assert german.select("script, iframe, style, svg") == []
    assert [
        (tag.name, name) for tag in german.find_all(True) for name in tag.attrs if name.startswith("on")
    ] == []
    urls = [str(tag.get(name, "")) for tag in german.find_all(True) for name in ("href", "src")]
    assert [url for url in urls if url.strip().lower().startswith("javascript:")] == []
    english = article(site, "en", relative)
    assert english.select("script, iframe, style, svg") == []


def test_the_harmless_part_of_a_translation_is_kept(site: Path) -> None:
    text = " ".join(article(site, "de", "reference/background/").get_text(" ").split())
    summary = article(site, "de", "reference/with_background_tasks/")

    assert "Die Funktion" in text
    assert "los" in text
    (bold,) = [b for b in summary.select("p > b") if b.get_text() == "fetter"]
    assert bold.attrs == {}  # The tag stays, its event handler goes.
