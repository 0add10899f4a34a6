"""One search index per language.

Material's search plugin writes a single index for the whole site. Each language's pages
load the index under their own root (their `base_url` is the language's home), so the
index is split by location: a German reader searches German pages only, with German
stemming, and no page of another language can shadow one of theirs.
"""

from __future__ import annotations

import json
from pathlib import Path

from docglot.languages import Languages

INDEX = Path("search") / "search_index.json"


def split_search_index(site_dir: Path, languages: Languages) -> None:
    """Rewrite the site's search index as one index per language, under each language's root."""
    path = site_dir / INDEX
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    documents: dict[str, list[dict[str, object]]] = {code: [] for code in languages.codes}
    for document in data.get("docs", []):
        location = str(document.get("location", ""))
        language = languages.of(location)
        if language != languages.source:
            document = {**document, "location": location.removeprefix(f"{language}/")}
        documents[language].append(document)
    for language, docs in documents.items():
        config = {**data.get("config", {}), "lang": [language.split("-")[0]]}
        target = site_dir / languages.root_url(language) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")
