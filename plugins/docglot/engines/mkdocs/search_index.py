"""One search index per language.

Material's search plugin writes a single index for the whole site. Each language's pages
load the index under their own root (their `base_url` is the language's home), so the
index is split by location, and each part gets its language's search settings (lunr
language, word separator, pipeline) from Material's own language files: a German reader
searches German pages only, with German stemming, and no page of another language can
shadow one of theirs.
"""

from __future__ import annotations

import json
import re
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
