"""The package's folders are the stages of its data flow: imports point down the stages only.

Foundation modules (`errors`, `paths`, `findings`, `rules`, `config_lines`, `cache_files`)
come first; then `reading/` (code to sections), `text/` (messages, catalogs, translation,
labels), `site/` (what every engine shares), `engines/`, `checks/`, and the command line
on top. A module may import its own stage and the stages below it, never one above: read
with `ast`, imports inside functions included, so that a lazy import cannot hide an arrow
pointing up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "plugins" / "docglot"
STAGES = ("foundation", "reading", "text", "site", "engines", "checks", "cli")
FOUNDATION = {"errors", "paths", "findings", "rules", "config_lines", "cache_files"}


def stage(module: str) -> str:
    """The stage of a module named `docglot.X...`."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in FOUNDATION or parts[0] == "__init__":
        return "foundation"
    return parts[0] if parts[0] in STAGES else "cli"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The docglot modules a file imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found.update(name for name in (node.module, *names) if name.startswith("docglot"))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("docglot"))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_folder_is_a_stage() -> None:
    folders = {
        path.relative_to(PACKAGE).parts[0] for path in MODULES if len(path.relative_to(PACKAGE).parts) > 1
    }
    assert folders == set(STAGES) - {"foundation", "cli"}


@pytest.mark.parametrize("path", MODULES, ids=[str(path.relative_to(PACKAGE)) for path in MODULES])
def test_imports_point_down_the_stages(path: Path) -> None:
    own = STAGES.index(stage(module_name(path)))
    upward = sorted(name for name in imports(path) if STAGES.index(stage(name)) > own)
    # `docglot/__init__.py` re-exports the public API, as griffe's does: it may import any stage.
    if module_name(path) == "docglot":
        upward = [name for name in upward if stage(name) != "reading"]
    assert upward == []


@pytest.mark.parametrize(("engine", "other"), [("mkdocs", "zensical"), ("zensical", "mkdocs")])
def test_an_engine_reads_the_site_model_not_another_engine(engine: str, other: str) -> None:
    files = sorted((PACKAGE / "engines" / engine).rglob("*.py"))
    crossing = sorted(
        f"{path.name}: {name}"
        for path in files
        for name in imports(path)
        if name.startswith(f"docglot.engines.{other}")
    )
    assert crossing == []
