"""A real headless Chromium (Debian's `chromium`, never a downloaded one) reading sites served over HTTP.

Without Chromium the tests that need it are skipped, with the command that installs it, so
that the README's test command passes on a machine without it. CI sets
`DOCGLOT_REQUIRE_BROWSER=1`, under which they fail instead: a run that skipped them has not
tested the site in a browser.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
INSTALL = "apt-get install chromium"
MISSING = f"Chromium is missing: the browser tests need Debian's `chromium` ({INSTALL})"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Material's desktop layout: the search box and the language menu are in the header.
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging each request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print the connections a closing browser drops."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore errors: a page closed mid-download (a broken pipe) is no failure of the site."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1, on a free port; yield its base URL (no trailing slash)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def find_chromium() -> Path | None:
    """The Chromium to drive: `DOCGLOT_CHROMIUM` if set, else Debian's, else `chromium` on PATH.

    `None` if there is none. `DOCGLOT_CHROMIUM` names another build, or a missing file to
    see what a machine without Chromium does.
    """
    chosen = os.environ.get("DOCGLOT_CHROMIUM")
    if chosen is not None:
        return Path(chosen) if Path(chosen).is_file() else None
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    on_path = shutil.which("chromium")
    return Path(on_path) if on_path else None


def browser_required() -> bool:
    """Whether a missing Chromium is a failure rather than a reason to skip (CI)."""
    return os.environ.get("DOCGLOT_REQUIRE_BROWSER", "") not in ("", "0")


@pytest.hookimpl(tryfirst=True)  # Before the fixtures are set up, as `skipif` marks are checked.
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a test that uses the browser when there is no Chromium; fail it if one is required.

    Checked before any of the test's fixtures, which would build a site for nothing. Only
    tests that use the `browser` fixture, directly or through another one, need Chromium.
    """
    if "browser" not in getattr(item, "fixturenames", ()) or find_chromium() is not None:
        return
    if browser_required():
        pytest.fail(f"{MISSING}, and DOCGLOT_REQUIRE_BROWSER is set", pytrace=False)
    pytest.skip(MISSING)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The base URL of the repository's own site."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, started once for the browser tests.

    Package-scoped: the sync driver runs an event loop in the main thread, in which later
    tests could not start their own (`asyncio.run`).
    """
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One Chromium for the whole run, started from a fresh, empty profile."""
    chromium = find_chromium()
    assert chromium is not None, "pytest_runtest_setup skips the tests that use the browser without one"
    try:
        profile = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),
            executable_path=chromium,
            headless=True,
            args=FLAGS,
        )
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0]
        pytest.fail(f"Chromium at {chromium} did not start: {first_line}", pytrace=False)
    assert profile.browser is not None
    yield profile.browser
    profile.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A new context per test, so that no test sees another's storage or cache."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A blank tab."""
    return context.new_page()
