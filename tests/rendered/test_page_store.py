"""The other languages' pages are kept compressed until each is written, with nothing lost:
as soon as each is read when docglot knows every plugin that reads pages in `on_env`, after
every `on_env` otherwise, and the site is the same either way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docglot.engines.mkdocs.page_store import PageStore
from mkdocs.commands.build import build
from mkdocs.config import load_config

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


def build_site(root: Path, monkeypatch: pytest.MonkeyPatch, *, hook: bool) -> tuple[dict[str, bytes], int]:
    """Build the site in this process; return its files and how many pages autorefs resolved one by one."""
    extra = "hooks:\n  - hooks.py\n" if hook else ""
    MiniSite(languages=LANGUAGES, pages=PAGES, nav=NAV, code={"mini/__init__.py": CODE}, extra=extra).write(
        root
    )
    (root / "hooks.py").write_text(HOOK, encoding="utf-8")
    one_by_one = 0
    resolve = PageStore.resolve_references

    def counted(self: PageStore, autorefs: Any, *arguments: Any) -> None:
        nonlocal one_by_one

        def on_env(*args: Any, files: Any, **kwargs: Any) -> Any:
            nonlocal one_by_one
            one_by_one += len(files)
            return autorefs.on_env(*args, files=files, **kwargs)

        resolve(self, type("Autorefs", (), {"on_env": staticmethod(on_env)})(), *arguments)

    monkeypatch.setattr(PageStore, "resolve_references", counted)
    site = root / "site"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    monkeypatch.undo()
    return site_files(site), one_by_one


def test_pages_compressed_as_they_are_read_make_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early, resolved_early = build_site(tmp_path / "early", monkeypatch, hook=False)
    late, resolved_late = build_site(tmp_path / "late", monkeypatch, hook=True)

    assert differing(early, late) == []
    # Three pages in each of the two other languages; with a plugin unknown to docglot, none.
    assert (resolved_early, resolved_late) == (6, 0)
    german = early["de/api/index.html"].decode()
    assert 'href="../greeter/#mini.Greeter"' in german


def test_a_plugin_unknown_to_docglot_reads_every_page_in_on_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(tmp_path, monkeypatch, hook=True)

    lengths = json.loads((tmp_path / "read.json").read_text())
    pages = [f"{language}/{page}" for language in LANGUAGES for page in ("index.md", "api.md", "greeter.md")]
    assert sorted(lengths) == sorted(pages)
    assert [page for page, length in lengths.items() if length == 0] == []
