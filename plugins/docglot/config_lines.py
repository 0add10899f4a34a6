"""Where the docglot plugin's options are written in `mkdocs.yml`, for error messages.

MkDocs hands plugins their options as plain values, without lines. The configuration file
is composed again with PyYAML, which keeps each node's position; composing runs no YAML
tag (`!ENV`, `!!python/name`), so any file MkDocs read can be composed.
"""

from __future__ import annotations

from pathlib import Path

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.

from docglot.paths import display_path

PLUGIN = "docglot"


def _value(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """Return the key and value nodes of a mapping's entry."""
    if isinstance(mapping, yaml.MappingNode):
        for key_node, value_node in mapping.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def _plugin_entry(root: yaml.Node) -> tuple[yaml.Node, yaml.Node] | None:
    """Return the key and options nodes of the plugin in `plugins` (a list or a mapping)."""
    plugins = _value(root, "plugins")
    if plugins is None:
        return None
    items = plugins[1].value if isinstance(plugins[1], yaml.SequenceNode) else [plugins[1]]
    for item in items:
        if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN:
            return item, item
        if (entry := _value(item, PLUGIN)) is not None:
            return entry
    return None


def option_line(config_file: str, option: str | None = None, index: int | None = None) -> int | None:
    """Return the line (from 1) of the plugin's option, of one item of it, or of the plugin.

    Falls back to the plugin's line when the option is not written (a default), and gives
    `None` when the plugin is not in this file (an `INHERIT`ed configuration).
    """
    try:
        with Path(config_file).open("rb") as file:
            root = yaml.compose(file, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    entry = _plugin_entry(root) if root is not None else None
    if entry is None:
        return None
    node = entry[0]
    found = _value(entry[1], option) if option else None
    if found is not None:
        node = found[0]
        items = found[1]
        if index is not None and isinstance(items, yaml.SequenceNode) and index < len(items.value):
            node = items.value[index]
    line: int = node.start_mark.line + 1
    return line


def is_written(config_file: str, option: str) -> bool:
    """Whether the plugin's option is written in the file (rather than left to its default)."""
    try:
        with Path(config_file).open("rb") as file:
            root = yaml.compose(file, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return False
    entry = _plugin_entry(root) if root is not None else None
    return entry is not None and _value(entry[1], option) is not None


def where(config_file: str, option: str | None = None, index: int | None = None) -> str:
    """Return `FILE:LINE` of the plugin's option (see `option_line`), or `FILE` without a line."""
    if not config_file:
        return "mkdocs.yml"
    line = option_line(config_file, option, index)
    path = display_path(config_file)
    return f"{path}:{line}" if line is not None else path
