"""The other languages' pages are kept compressed until each is written, with nothing lost:
as soon as each is read when docglot knows every plugin that reads pages in `on_env`, after
every `on_env` otherwise, and the site is the same either way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docglot.engines.mkdocs.page_store import PageStore
from mkdocs.commands import build as build_module
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from tests.mini_site import MiniSite
from tests.site_files import differing, site_files

CODE = '''\
from typing import Annotated

from annotated_doc import Doc


def greet(name: Annotated[str, Doc("The name of the person to greet.")]) -> str:
    """Greet someone, as [`Greeter`][mini.Greeter] does."""
    return f"Hello {name}"


class Greeter:
    """Greets people with [`greet`][mini.greet]."""
'''

PAGES = {
    "en/index.md": "# Mini\n\nSee [greet][mini.greet].\n",
    "en/api.md": "# Greeting\n\n::: mini.greet\n",
    "en/greeter.md": "# Greeter\n\n::: mini.Greeter\n",
}
NAV = "nav:\n  - Home: index.md\n  - API: api.md\n  - Greeter: greeter.md\n"
LANGUAGES = ("en", "de", "fr")

HOOK = """\
import json
from pathlib import Path


def on_env(env, config, files):
    # Reads every page's HTML, as a plugin unknown to docglot may.
    lengths = {file.src_uri: len(file.page.content or "") for file in files.documentation_pages()}
    Path(config.config_file_path).with_name("read.json").write_text(json.dumps(lengths))
    return env
"""


BACKLINKS = {**PAGES, "en/api.md": "# Greeting\n\n::: mini.greet\n    options:\n      backlinks: tree\n"}
"""The pages, `greet`'s showing backlinks: mkdocstrings puts them in during `on_env`."""


def build_site(
    root: Path, monkeypatch: pytest.MonkeyPatch, *, hook: bool, pages: dict[str, str] = PAGES
) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    """Build the site in this process; return its files, and when autorefs resolved pages one by one
    (`resolved`) and when MkDocs began writing each page (`written`), in the build's order."""
    extra = "hooks:\n  - hooks.py\n" if hook else ""
    MiniSite(languages=LANGUAGES, pages=pages, nav=NAV, code={"mini/__init__.py": CODE}, extra=extra).write(
        root
    )
    (root / "hooks.py").write_text(HOOK, encoding="utf-8")
    events: list[tuple[str, str]] = []
    resolve = PageStore.resolve_references
    write = build_module._build_page

    def counted(self: PageStore, autorefs: Any, *arguments: Any) -> None:
        def on_env(*args: Any, files: Any, **kwargs: Any) -> Any:
            events.extend(("resolved", file.src_uri) for file in files)
            return autorefs.on_env(*args, files=files, **kwargs)

        resolve(self, type("Autorefs", (), {"on_env": staticmethod(on_env)})(), *arguments)

    def written(page: Page, *arguments: Any, **options: Any) -> None:
        events.append(("written", page.file.src_uri))
        write(page, *arguments, **options)

    monkeypatch.setattr(PageStore, "resolve_references", counted)
    monkeypatch.setattr(build_module, "_build_page", written)
    site = root / "site"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    monkeypatch.undo()
    return site_files(site), events


def resolved(events: list[tuple[str, str]]) -> list[str]:
    """The pages autorefs resolved one by one."""
    return sorted(page for event, page in events if event == "resolved")


OTHERS = sorted(
    f"{language}/{page}" for language in ("de", "fr") for page in ("api.md", "greeter.md", "index.md")
)


def test_pages_compressed_as_they_are_read_make_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early, events_early = build_site(tmp_path / "early", monkeypatch, hook=False)
    late, events_late = build_site(tmp_path / "late", monkeypatch, hook=True)

    assert differing(early, late) == []
    # Three pages in each of the two other languages; with a plugin unknown to docglot, none.
    assert (resolved(events_early), resolved(events_late)) == (OTHERS, [])
    # Each resolved while it is written (`_build_page`), once every page is read.
    for page in OTHERS:
        at = events_early.index(("resolved", page))
        assert events_early[at - 1] == ("written", page)
    german = early["de/api/index.html"].decode()
    assert 'href="../greeter/#mini.Greeter"' in german


def test_pages_are_resolved_before_any_is_written_where_one_shows_backlinks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early, events_early = build_site(tmp_path / "early", monkeypatch, hook=False, pages=BACKLINKS)
    late, _ = build_site(tmp_path / "late", monkeypatch, hook=True, pages=BACKLINKS)

    assert differing(early, late) == []
    # The copies of the page with backlinks (a `<backlinks>` element for mkdocstrings to fill in)
    # were never compressed: autorefs' own `on_env` resolved them.
    assert resolved(events_early) == [page for page in OTHERS if not page.endswith("api.md")]
    first_written = next(at for at, (event, _) in enumerate(events_early) if event == "written")
    assert all(event == "resolved" for event, _ in events_early[:first_written])


def test_a_plugin_unknown_to_docglot_reads_every_page_in_on_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(tmp_path, monkeypatch, hook=True)

    lengths = json.loads((tmp_path / "read.json").read_text())
    pages = [f"{language}/{page}" for language in LANGUAGES for page in ("index.md", "api.md", "greeter.md")]
    assert sorted(lengths) == sorted(pages)
    assert [page for page, length in lengths.items() if length == 0] == []
