"""One search index per language.

Material's search plugin writes a single index for the whole site. Each language's pages
load the index under their own root (their `base_url` is the language's home), so the
index is split by location, and each part gets its language's search settings (lunr
language, word separator, pipeline) from Material's own language files: a German reader
searches German pages only, with German stemming, and no page of another language can
shadow one of theirs.

Material's plugin reads every page once per language; `use_fast_search_parser` has it
read them with `search_parser.FastParser`, which writes the same index about eleven times
faster (`benchmarks/search_parser_speed.py`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from jinja2 import Environment, TemplateNotFound

from docglot.site.languages import Languages

INDEX = Path("search") / "search_index.json"


def search_settings(env: Environment, language: str) -> dict[str, object]:
    """Material's search settings for a language, as its search plugin reads them.

    Empty for a theme without Material's language files, or a language Material lacks.
    """
    modules = []
    for code in (language, language.split("-")[0]):
        try:
            modules.append(env.get_template(f"partials/languages/{code}.html").module)
        except TemplateNotFound:
            continue
    if not modules:
        return {}
    # Like Material's `partials/language.html`: a key a language leaves out (German has no
    # separator) is English's, never empty; an empty separator splits every character.
    modules.append(env.get_template("partials/languages/en.html").module)

    def text(key: str) -> str:
        return next((value for module in modules if (value := str(module.t(key)))), "")  # type: ignore[attr-defined]

    return {
        "lang": [text("search.config.lang")],
        "separator": text("search.config.separator"),
        "pipeline": [step for step in re.split(r"\s*,\s*", text("search.config.pipeline")) if step],
    }


def split_search_index(site_dir: Path, languages: Languages, env: Environment) -> None:
    """Rewrite the site's search index as one index per language, under each language's root."""
    path = site_dir / INDEX
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    documents: dict[str, list[dict[str, object]]] = {code: [] for code in languages.codes}
    for document in data.get("docs", []):
        language, location = languages.of_url(str(document.get("location", "")))
        documents[language].append({**document, "location": location})
    site_config = dict(data.get("config", {}))
    defaults = search_settings(env, languages.source)
    for language, docs in documents.items():
        config = dict(site_config)
        if language != languages.source:
            # A setting the site chose itself stays; one it left to the theme follows the language.
            for key, value in search_settings(env, language).items():
                if site_config.get(key) == defaults.get(key):
                    config[key] = value
        target = site_dir / languages.root_url(language) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def replace_page_entries(
    site_dir: Path, languages: Languages, language: str, entries: dict[str, list[dict[str, object]]]
) -> bool:
    """Put the new entries of some pages of a language in place of their old ones, in its index.

    `entries` holds each page's entries by its site URL, as Material indexes it. A page keeps
    its place in the index: the index is the one a whole build writes. `False` when the
    index lacks a page (it was left out of it), and nothing is written.
    """
    target = site_dir / languages.root_url(language) / INDEX
    if not target.exists():
        return not any(entries.values())
    data = json.loads(target.read_text(encoding="utf-8"))
    docs: list[dict[str, object]] = data.get("docs", [])
    for url, new in entries.items():
        page = languages.of_url(url)[1]
        places = [
            index
            for index, document in enumerate(docs)
            if (location := str(document.get("location", ""))) == page or location.startswith(f"{page}#")
        ]
        if not places:
            return False
        docs[places[0] : places[-1] + 1] = [
            {**entry, "location": languages.of_url(str(entry.get("location", "")))[1]} for entry in new
        ]
    temporary = target.with_name(f".{target.name}.docglot-new")
    temporary.write_text(json.dumps({**data, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target)
    return True


_MATERIAL_SEARCH = "material.plugins.search.plugin"
_FAST_PARSER = "docglot.engines.mkdocs.search_parser"


def use_fast_search_parser() -> None:
    """Make Material's search plugin cut pages into sections with `FastParser`, until `restore_search_parser`.

    Material's `SearchIndex` creates its module's `Parser` for each page, and offers no
    setting or hook for it: replacing that name in its module, for the build, is the one
    place where a faster reading fits without copying Material's code. Nothing changes
    without Material, or with a Material whose parser `FastParser` does not reproduce, or
    whose `Parser` something else has replaced already.
    """
    try:
        from material.plugins.search import plugin as material_search
    except ImportError:  # Another theme: no index to build.
        return
    from docglot.engines.mkdocs.search_parser import FastParser, reproduces_material

    if material_search.Parser is FastParser.__mro__[1] and reproduces_material():
        material_search.Parser = FastParser


def restore_search_parser() -> None:
    """Give Material's search plugin its own parser back."""
    material_search = sys.modules.get(_MATERIAL_SEARCH)
    parser = getattr(material_search, "Parser", None)
    if isinstance(parser, type) and parser.__module__ == _FAST_PARSER:
        material_search.Parser = parser.__mro__[1]  # type: ignore[union-attr]
