"""FastAPI's reference in English and Japanese: docglot's search parser writes the index Material's writes.

FastAPI's pages are most of what the parser reads in practice: a source excerpt per object,
one `<span>` per token, tables of parameters, headings nested in their objects' `<div>`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints.

from tests.rendered.test_fast_search_index import assert_same_indexes

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "fastapi"
LANGUAGES = ["en", "ja"]


def test_fastapi_reference_has_the_same_index_in_english_and_japanese(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for language in LANGUAGES:
        shutil.copytree(CORPUS / "docs" / language, project / "docs" / language)
    (project / "locales").mkdir()
    for language in LANGUAGES[1:]:
        shutil.copy2(CORPUS / "locales" / f"{language}.po", project / "locales")
    config = yaml.safe_load((CORPUS / "mkdocs.yml").read_text(encoding="utf-8"))
    (docglot,) = [plugin for plugin in config["plugins"] if isinstance(plugin, dict) and "docglot" in plugin]
    docglot["docglot"]["languages"] = LANGUAGES
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    pages = assert_same_indexes(project, tmp_path, LANGUAGES)
    # The 24 reference pages in each language, every one read without Material's parser.
    assert pages == {"fast": 48, "material": 0}
