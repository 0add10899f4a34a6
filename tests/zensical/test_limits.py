"""What Zensical cannot do that the MkDocs build does (the user guide lists the same limits).

Each test asserts the difference itself, so that it fails, and the guide gets updated,
once Zensical does it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rendered.site import LANGUAGES, search_index
from tests.zensical.test_site import zensical_index


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_has_no_stemming_or_stop_words(built_site: Path, zensical_site: Path, language: str) -> None:
    """Material's search (MkDocs) runs lunr with the language's stemmer and stop words.

    Zensical's search reads a language only to split Chinese, Japanese and Korean text into
    words, and a separator: German readers searching "Funktionen" do not find "Funktion".
    """
    mkdocs_config = search_index(built_site, language)["config"]
    zensical_config = zensical_index(zensical_site, language)["config"]

    assert mkdocs_config["lang"] == [language]
    assert "pipeline" in mkdocs_config
    assert sorted(zensical_config) == ["lang", "separator"]
    assert zensical_config["lang"] == [language]
