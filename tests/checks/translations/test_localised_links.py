"""A translation's link to the same page in the reader's language is the English link, localised.

The site publishes the source language at its root and every other language under
`/LANGUAGE/`: `/api/` in English is `/de/api/` in German, and `SITE_URL/api/` is
`SITE_URL/de/api/`. DG206 and DG207 accept those forms and still report every other target;
the build keeps what the check accepts and removes what it reports as script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from docglot.site.sanitize import sanitize
from markdown import Markdown  # type: ignore[import-untyped]

from tests.checks.translations.project import Check, catalog, entry
from tests.conftest import mkdocs_build
from tests.mini_site import MiniSite

CONTEXT = "mini.greet:docstring"
SITE_URL = "https://mini.example.org/docs/"
EXTENSIONS = "markdown_extensions:\n  - attr_list\n"


@pytest.fixture
def site_url(project: Path) -> Path:
    """The project's site, published at `SITE_URL` (a path under its host)."""
    (project / "mkdocs.yml").write_text(MiniSite(extra=f"site_url: {SITE_URL}\n{EXTENSIONS}").config())
    return project


def findings(project: Path, check: Check, english: str, translation: str) -> list[str]:
    """DG206 and DG207 on a German catalog of one translated entry (its `msgid` on line 6)."""
    (project / "locales" / "de.po").write_text(
        catalog(entry(CONTEXT, english, translation)), encoding="utf-8"
    )
    result = check("--select", "DG206,DG207")
    assert result.code == (1 if result.lines else 0), result.stderr
    return result.lines


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        pytest.param("See [the reference](/api/).", "Siehe [die Referenz](/de/api/).", id="site-absolute"),
        pytest.param(
            "See [greet](/api/#mini.greet).", "Siehe [greet](/de/api/#mini.greet).", id="with a fragment"
        ),
        pytest.param("See [the home page](/).", "Siehe [die Startseite](/de/).", id="the home page"),
        pytest.param("See [the reference](api.md).", "Siehe [die Referenz](api.md).", id="relative, as is"),
    ],
)
def test_a_link_to_the_same_page_in_german_is_no_finding(
    project: Path, check: Check, english: str, translation: str
) -> None:
    assert findings(project, check, english, translation) == []


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        pytest.param(
            f"See [the reference]({SITE_URL}api/).", f"Siehe [die Referenz]({SITE_URL}de/api/).", id="url"
        ),
        pytest.param("See [the reference](/docs/api/).", "Siehe [die Referenz](/docs/de/api/).", id="path"),
    ],
)
def test_a_link_to_the_same_page_in_german_under_the_site_url_is_no_finding(
    site_url: Path, check: Check, english: str, translation: str
) -> None:
    assert findings(site_url, check, english, translation) == []


def named(english: str) -> str:
    """How a finding names the entry: by its first 50 characters."""
    quoted = f"{english[:50]}…" if len(english) > 50 else english
    return f'"{quoted}" ({CONTEXT})'


@pytest.mark.parametrize(
    ("english", "translation", "missing", "added"),
    [
        pytest.param(
            "See [the reference](/api/).",
            "Siehe [die Referenz](https://evil.example.com/de/api/).",
            "the link to `/api/` is missing",
            "the link target `https://evil.example.com/de/api/` (<a href>)",
            id="another host",
        ),
        pytest.param(
            "See [the reference](/api/).",
            "Siehe [die Referenz](/de/login/).",
            "the link to `/api/` is missing",
            "the link target `/de/login/` (<a href>)",
            id="another path",
        ),
        pytest.param(
            "See [the reference](/api/).",
            "Siehe [die Referenz](/fr/api/).",
            "the link to `/api/` is missing",
            "the link target `/fr/api/` (<a href>)",
            id="another language",
        ),
        pytest.param(
            "See [the reference](/api/).",
            "Siehe [die Referenz](javascript:alert(1)).",
            "the link to `/api/` is missing",
            "a javascript: URL in <a href>",
            id="javascript",
        ),
        pytest.param(
            "See [the reference](api.md).",
            "Siehe [die Referenz](../de/api.md).",
            "the link to `api.md` is missing (a relative link already leads to the page in the reader's "
            "language: write it as in English)",
            "the link target `../de/api.md` (<a href>)",
            id="relative into the language folder",
        ),
        pytest.param(
            # Shorter than the 50 characters a finding quotes.
            "See [it](https://fastapi.tiangolo.com/tutorial/).",
            "Siehe [hier](https://fastapi.tiangolo.com/de/tutorial/).",
            "the link to `https://fastapi.tiangolo.com/tutorial/` is missing",
            "the link target `https://fastapi.tiangolo.com/de/tutorial/` (<a href>)",
            id="another site's language segment",
        ),
        pytest.param(
            "See [the logo](/assets/logo.png).",
            "Siehe [das Logo](/de/assets/logo.png).",
            "the link to `/assets/logo.png` is missing",
            "the link target `/de/assets/logo.png` (<a href>)",
            id="a file published once, at the root",
        ),
    ],
)
def test_a_new_target_is_still_broken_markup_and_an_unsafe_addition(
    project: Path, check: Check, english: str, translation: str, missing: str, added: str
) -> None:
    assert findings(project, check, english, translation) == [
        f"locales/de.po:6:1: DG206 the translation of {named(english)} breaks its markup: {missing}",
        f"locales/de.po:6:1: DG207 the translation of {named(english)} adds what the English text does "
        f"not have: {added}",
    ]


def test_the_site_url_of_another_language_or_host_is_still_a_finding(site_url: Path, check: Check) -> None:
    english = f"See [the reference]({SITE_URL}api/)."
    translation = f"Siehe [hier]({SITE_URL}fr/api/) und [da](http://mini.example.org/docs/de/api/)."

    assert findings(site_url, check, english, translation) == [
        f"locales/de.po:6:1: DG206 the translation of {named(english)} breaks its markup: "
        f"1 link in English, 2 here; the link to `{SITE_URL}api/` is missing",
        f"locales/de.po:6:1: DG207 the translation of {named(english)} adds what the English text does "
        f"not have: the link target `{SITE_URL}fr/api/` (<a href>); "
        "the link target `http://mini.example.org/docs/de/api/` (<a href>)",
    ]


def test_an_image_keeps_its_english_source(project: Path, check: Check) -> None:
    # An image is the same file on every page: only links are localised.
    english = "![Logo](/api/logo.png)"
    (project / "docs" / "en" / "api").mkdir()
    (project / "docs" / "en" / "api" / "logo.png").write_bytes(b"")

    # DG206 counts links and cross-references, not images.
    assert findings(project, check, english, "![Logo](/de/api/logo.png)") == [
        f"locales/de.po:6:1: DG207 the translation of {named(english)} adds what the English text does "
        "not have: the link target `/de/api/logo.png` (<img src>)",
    ]


@pytest.mark.parametrize(
    ("translation", "href"),
    [
        ("Siehe [die Referenz](/de/api/).", "/de/api/"),
        (f"Siehe [die Referenz]({SITE_URL}de/api/).", f"{SITE_URL}de/api/"),
        ("Siehe [die Referenz](javascript:alert(1)).", None),
    ],
)
def test_the_sanitizer_keeps_the_localised_links_and_removes_what_is_reported_as_script(
    translation: str, href: str | None
) -> None:
    html = sanitize(Markdown().convert(translation))

    [link] = BeautifulSoup(html, "html.parser").find_all("a")
    assert link.get("href") == href


CODE = '''\
def greet(name: str) -> str:
    """Greet someone, as [the reference](/api/) says."""
    return name
'''


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_german_page_links_to_the_german_page_the_check_accepts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: Check, engine: str
) -> None:
    MiniSite(code={"mini/__init__.py": CODE}, extra=EXTENSIONS).write(tmp_path)
    (tmp_path / "locales").mkdir()
    english = "Greet someone, as [the reference](/api/) says."
    (tmp_path / "locales" / "de.po").write_text(
        catalog(entry(CONTEXT, english, "Jemanden grüßen, wie [die Referenz](/de/api/) sagt.")),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert check("--select", "DG206,DG207").lines == []

    site = tmp_path / "site"
    if engine == "mkdocs":
        mkdocs_build(tmp_path, site)
    else:
        command = [sys.executable, "-m", "docglot.cli", "build", "--engine", "zensical", "--strict"]
        built = subprocess.run(
            [*command, "--site-dir", str(site)], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert built.returncode == 0, built.stderr
    german = BeautifulSoup((site / "de" / "api" / "index.html").read_text(encoding="utf-8"), "html.parser")
    english_page = BeautifulSoup((site / "api" / "index.html").read_text(encoding="utf-8"), "html.parser")

    def reference_links(page: BeautifulSoup) -> list[tuple[str, object]]:
        return [(link.get_text(), link.get("href")) for link in page.select(".doc-contents a[href*='api']")]

    assert reference_links(german) == [("die Referenz", "/de/api/")]
    assert reference_links(english_page) == [("the reference", "/api/")]


@pytest.mark.parametrize("way", ["parent", "encoded parent", "absolute"])
def test_a_target_that_leaves_the_source_folder_is_not_localised(
    project: Path, check: Check, way: str
) -> None:
    # The English text is a catalog's `msgid` too: its path is not looked up outside `docs/en/`.
    outside = project / "docs" / "outside.md"
    outside.write_text("# Outside\n", encoding="utf-8")
    target = {
        "parent": "/../outside.md",
        "encoded parent": "/%2E%2E/outside/",
        "absolute": f"/{quote(str(outside), safe='')}",
    }[way]
    english = f"See [it]({target})."
    localised = f"/de{target}"

    assert findings(project, check, english, f"Siehe [es]({localised}).") == [
        f"locales/de.po:6:1: DG206 the translation of {named(english)} breaks its markup: "
        f"the link to `{target}` is missing",
        f"locales/de.po:6:1: DG207 the translation of {named(english)} adds what the English text does "
        f"not have: the link target `{localised}` (<a href>)",
    ]
