"""`docglot serve --lang de`: English and German on 127.0.0.1, rebuilt when the catalog changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.rendered.site import FUNC_CONTEXT, FUNC_TEXT, entry_at


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_until(check: object, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.1)
    raise AssertionError("the server did not get there in time")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    project = tmp_path_factory.mktemp("serve")
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "docglot.cli", "serve", "--lang", "de", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: get(base + "de/reference/background/")[0] == 200)
        yield base, project
    finally:
        server.terminate()
        server.wait(timeout=10)


def func_description(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    (row,) = [
        row
        for row in soup.select("tr.doc-section-item")
        if (code := row.find("code")) and code.get_text() == "func"
    ]
    description = row.select_one(".doc-md-description")
    assert description is not None
    return " ".join(description.get_text(" ").split())


def test_serves_english_and_the_chosen_language_only(served: tuple[str, Path]) -> None:
    base, _ = served

    assert get(base + "reference/background/")[0] == 200
    assert get(base + "de/reference/background/")[0] == 200
    assert get(base + "ja/reference/background/")[0] == 404


def test_a_saved_catalog_is_on_the_page_after_the_rebuild(served: tuple[str, Path]) -> None:
    base, project = served
    path = project / "locales" / "de.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="de")
    entry_at(catalog, FUNC_CONTEXT, FUNC_TEXT).string = "Die aufzurufende Funktion (neu)."
    with path.open("wb") as file:
        write_po(file, catalog)

    wait_until(
        lambda: (
            func_description(get(base + "de/reference/background/")[1]) == "Die aufzurufende Funktion (neu)."
        )
    )


def test_an_undeclared_language_is_one_clear_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "docglot.cli", "serve", "--lang", "xx"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert (
        result.stderr == "docglot: --lang xx: not a translation declared in mkdocs.yml (de, es, fr, ja, pt)\n"
    )


WAVING = '"""Waving."""\n\n\ndef wave() -> None:\n    """{text}"""\n'


def entry_ids(html: str) -> list[str]:
    """The ids of the reference entries' headings on a page."""
    soup = BeautifulSoup(html, "lxml")
    return [str(heading["id"]) for heading in soup.select(".doc-heading[id]")]


def replace(path: Path, text: str) -> None:
    """Save a file at once, written next to the project: the server sees one change."""
    written = path.parents[3] / path.name
    written.write_text(text)
    os.replace(written, path)


def test_a_module_broken_while_serving_is_one_line_and_the_last_site_stays_served(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "bad_input" / "project", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "watch: [src]\n")  # As this site's: a saved module is rebuilt.
    # `mini` re-exports `wave` from a module of its own, and the page shows it.
    module = project / "src" / "mini" / "gestures.py"
    module.write_text(WAVING.format(text="Wave."))
    init = project / "src" / "mini" / "__init__.py"
    init.write_text(
        init.read_text().replace(
            '"""A small library."""\n', '"""A small library."""\n\nfrom .gestures import wave\n'
        )
    )
    api = project / "docs" / "en" / "api.md"
    api.write_text(api.read_text() + "\n::: mini.wave\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "docglot.cli", "serve", "--lang", "de", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    page = f"http://127.0.0.1:{port}/api/"
    try:
        wait_until(lambda: get(page)[0] == 200)
        assert entry_ids(get(page)[1]) == ["mini.greet", "mini.wave"]

        replace(module, '"""Waving."""\n\n\ndef wave(:\n    """Wave."""\n')
        wait_until(lambda: "gestures.py" in log.read_text())
        time.sleep(2)  # Anything MkDocs would print after the line.

        problems = [
            line
            for line in log.read_text().splitlines()
            if line.strip()
            and not line.startswith("INFO ")
            and line != "ERROR   -  Error reading page 'en/api.md':"
        ]
        assert problems == [
            "ERROR   -  docglot: src/mini/gestures.py:4: invalid syntax; fix this line: the module cannot "
            "be loaded for '::: mini.wave' (docs/en/api.md:5)"
        ]
        # Served at once, as it was: MkDocs alone would hold every request until a build succeeds.
        status, html = get(page)
        assert (status, entry_ids(html)) == (200, ["mini.greet", "mini.wave"])

        replace(module, WAVING.format(text="Wave at someone."))
        wait_until(lambda: "Wave at someone." in BeautifulSoup(get(page)[1], "lxml").get_text())
        assert entry_ids(get(page)[1]) == ["mini.greet", "mini.wave"]
    finally:
        server.terminate()
        server.wait(timeout=10)
