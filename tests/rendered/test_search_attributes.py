"""Material's search plugin removes `data-search-*` attributes only from pages that have them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docglot.engines.mkdocs import plugin as docglot_plugin
from docglot.engines.mkdocs import search_attributes, search_worker
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from tests.mini_site import MiniSite
from tests.site_files import differing, site_files

EXCLUDED = "Not for the search index."
SITE = MiniSite(
    languages=("en", "de"),
    plugins=("search",),
    extra="markdown_extensions:\n  - attr_list\n",
    pages={
        "en/index.md": f'# Mini\n\nFor the search index.\n\n{EXCLUDED}\n{{ data-search-exclude="true" }}\n',
        "en/api.md": "# Greeting\n\n::: mini.greet\n",
    },
)


class _Removals:
    """Material's `re`, noting the URL of each page whose HTML its search plugin reads again."""

    def __init__(self) -> None:
        self.pages: list[str] = []
        self.page = ""

    def sub(self, pattern: str, replacement: str, text: str) -> str:
        self.pages.append(self.page)
        return re.sub(pattern, replacement, text)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


def build_site(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, bytes], list[str], MkDocsConfig]:
    """Build the site; return its files, the pages read again for removal, and the configuration."""
    SITE.write(root)
    removals = _Removals()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    with monkeypatch.context() as patch:
        patch.setattr(material_search, "re", removals)
        # Every page indexed in this process, where the index notes which page it reads.
        patch.setenv(search_worker.DISABLE, "1")
        patch.setattr(material_search.SearchIndex, "add_entry_from_context", _noting_url(removals))
        build(config)
    return site_files(root / "site"), removals.pages, config


def _noting_url(removals: _Removals) -> Any:
    """Material's indexing of a page, noting its URL first."""
    add = material_search.SearchIndex.add_entry_from_context

    def add_entry_from_context(self: Any, page: Any) -> None:
        removals.page = page.url
        add(self, page)

    return add_entry_from_context


def test_only_pages_with_search_attributes_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, removals, config = build_site(tmp_path / "skipping", monkeypatch)
    monkeypatch.setattr(docglot_plugin, "skip_needless_removal", lambda config: None)
    own, own_removals, _ = build_site(tmp_path / "material", monkeypatch)

    assert differing(files, own) == []
    assert sorted(removals) == ["", "de/"]
    assert sorted(own_removals) == ["", "api/", "de/", "de/api/"]
    for page in ("index.html", "de/index.html"):
        paragraphs = BeautifulSoup(files[page], "html.parser").select("article p")
        # Material removed the attribute once it had left the paragraph out of the index.
        assert [(p.get_text(), p.attrs) for p in paragraphs[-2:]] == [
            ("For the search index.", {}),
            (EXCLUDED, {}),
        ]
    index = json.loads(files["search/search_index.json"])
    assert [(entry["location"], entry["text"]) for entry in index["docs"][:1]] == [
        ("", "<p>For the search index.</p>")
    ]
    # Material's own method is back in place once the build is over.
    search = next(p for p in config.plugins.values() if isinstance(p, material_search.SearchPlugin))
    assert search.on_page_context in config.plugins.events["page_context"]
    assert not any(isinstance(m, search_attributes._IndexOnly) for m in config.plugins.events["page_context"])


class _OtherSearch(material_search.SearchPlugin):
    """A search plugin whose `on_page_context` is not Material's."""

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        return None


def test_a_method_other_than_materials_is_left_in_place(tmp_path: Path) -> None:
    SITE.write(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    other = _OtherSearch()
    config.plugins["other"] = other
    before = list(config.plugins.events["page_context"])

    search_attributes.skip_needless_removal(config)

    after = config.plugins.events["page_context"]
    materials = [
        getattr(method, "__func__", None) is material_search.SearchPlugin.on_page_context for method in before
    ]
    assert [isinstance(method, search_attributes._IndexOnly) for method in after] == materials
    assert materials.count(True) == 1
    assert other.on_page_context in after
    search_attributes.restore_removal(config)
    assert config.plugins.events["page_context"] == before
    assert not any(isinstance(key, search_attributes._IndexOnly) for key in config.plugins._event_origins)
