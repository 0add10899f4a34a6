"""Material's removal of `data-search-*` attributes, skipped on pages that have none.

Once Material's search plugin has indexed a page (its `on_page_context`), it removes the
attributes that steer the index (`data-search-exclude`, ...) from the page's HTML with
`re.sub` and a pattern (`_PATTERN`) that begins with an optional space: the regular
expression engine tries it at every character of the page, about 13 ms a megabyte: 0.6 s of
an eight-language build of FastAPI's reference (192 pages, 46 MB of HTML, not one such
attribute). A page without `data-search-` has nothing it would remove, and is only indexed,
as Material indexes it; a page with one goes through Material's own method.

MkDocs has no way for a plugin to change another's event: its plugin collection lists the
methods of each event (`events`), and Material's is replaced in that list for the build,
only while it is the method this module knows (its code holds that pattern and reads the
plugin's settings, its index and the page, nothing else).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

_PATTERN = r"\s?data-search-\w+=\"[^\"]+\""
"""The pattern of Material's removal."""
_ATTRIBUTE = "data-search-"
"""What every match of `_PATTERN` holds."""
_NAMES = ("config", "enabled", "search_index", "add_entry_from_context", "re", "sub", "content")
"""The names Material's `on_page_context` reads: its settings, its index, `re.sub` and the page's HTML."""


@dataclass(frozen=True)
class _IndexOnly:
    """Material's search `on_page_context`, without its removal where there is nothing to remove."""

    plugin: Any
    material: Any
    """Material's own bound method."""

    def __call__(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        content = page.content
        if not self.plugin.config.enabled or not isinstance(content, str) or _ATTRIBUTE in content:
            return self.material(context, page=page, config=config, nav=nav)
        self.plugin.search_index.add_entry_from_context(page)
        return None


def skip_needless_removal(config: MkDocsConfig) -> None:
    """Have Material's search plugin leave alone the HTML of pages without `data-search-` attributes."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # Another theme: no search plugin of Material's.
        return
    methods = config.plugins.events.get("page_context", [])
    origins = getattr(config.plugins, "_event_origins", {})
    for index, method in enumerate(methods):
        plugin = getattr(method, "__self__", None)
        if isinstance(plugin, SearchPlugin) and _known(method):
            methods[index] = _IndexOnly(plugin, method)
            if method in origins:  # MkDocs reads the running event's plugin name from here.
                origins[methods[index]] = origins[method]


def restore_removal(config: MkDocsConfig) -> None:
    """Give Material's search plugin its own `on_page_context` back."""
    methods = config.plugins.events.get("page_context", [])
    origins = getattr(config.plugins, "_event_origins", {})
    for index, method in enumerate(methods):
        if isinstance(method, _IndexOnly):
            methods[index] = method.material
            origins.pop(method, None)


def _known(method: Any) -> bool:
    """Whether a bound `on_page_context` is the Material method this module reproduces."""
    code = getattr(getattr(method, "__func__", None), "__code__", None)
    return code is not None and _PATTERN in code.co_consts and code.co_names == _NAMES
