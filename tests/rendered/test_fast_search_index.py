"""docglot's search parser writes the search index Material's own parser writes, byte for byte.

Each site is built twice, in processes of its own: as docglot builds it (`FastParser` in
place of Material's `Parser`), and with Material's parser left in place. Every language's
`search/search_index.json` must be the same bytes. Random HTML, well nested or not, is also
read by both parsers, and Material's `SearchIndex` must write the same index from either.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docglot.engines.mkdocs import search_parser, search_worker
from docglot.engines.mkdocs.search_index import restore_search_parser, use_fast_search_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config

from tests.conftest import ROOT

BUILD = textwrap.dedent(
    """
    import json, sys
    from docglot.engines.mkdocs import search_parser
    from mkdocs.__main__ import cli

    reader, config, site, report = sys.argv[1:]
    pages = {"fast": 0, "material": 0}
    if reader == "fast":
        read = search_parser.read_sections

        def counted(html):
            sections = read(html)
            pages["fast" if sections is not None else "material"] += 1
            return sections

        search_parser.read_sections = counted
    else:
        search_parser.reproduces_material = lambda: False  # docglot leaves Material's parser in place.
    try:
        cli(["build", "--strict", "-q", "-f", config, "-d", site], standalone_mode=False)
    finally:
        with open(report, "w", encoding="utf-8") as file:
            json.dump(pages, file)
    """
)


def build(project: Path, site: Path, reader: str) -> dict[str, int]:
    """Build `project` strictly with one reader of pages, `fast` or `material`; return what `FastParser` read.

    Returns:
        How many pages `FastParser` read itself (`fast`) and left to Material's parsing (`material`).
    """
    report = site.parent / f"{site.name}.json"
    result = subprocess.run(
        [sys.executable, "-c", BUILD, reader, str(project / "mkdocs.yml"), str(site), str(report)],
        cwd=project,
        capture_output=True,
        text=True,
        # Pages indexed in the build's process, where the reader counts them.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", search_worker.DISABLE: "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    pages: dict[str, int] = json.loads(report.read_text(encoding="utf-8"))
    return pages


def indexes(site: Path, languages: list[str]) -> dict[str, bytes]:
    """Every language's search index, as bytes."""
    return {
        language: (site if language == languages[0] else site / language)
        .joinpath("search", "search_index.json")
        .read_bytes()
        for language in languages
    }


def page_locations(site: Path, languages: list[str], language: str) -> set[str]:
    """The locations of a language's pages, relative to its root, as its search index names them."""
    root = site if language == languages[0] else site / language
    locations = set()
    for path in root.rglob("index.html"):
        relative = path.parent.relative_to(root).as_posix()
        if language == languages[0] and relative.split("/")[0] in languages[1:]:
            continue
        locations.add("" if relative == "." else f"{relative}/")
    return locations


def assert_same_indexes(project: Path, tmp_path: Path, languages: list[str]) -> dict[str, int]:
    """Build the project with each reader; assert every language's index is the same bytes.

    Returns:
        How many pages `FastParser` read itself, and how many it left to Material's parsing.
    """
    fast_site, material_site = tmp_path / "fast", tmp_path / "material"
    pages = build(project, fast_site, "fast")
    assert build(project, material_site, "material") == {"fast": 0, "material": 0}
    fast, material = indexes(fast_site, languages), indexes(material_site, languages)
    for language in languages:
        assert fast[language] == material[language], language
        # Each index holds its language's pages, every one.
        documents = json.loads(fast[language])["docs"]
        located = {document["location"].split("#")[0] for document in documents}
        assert located == page_locations(fast_site, languages, language), language
    return pages


# A mini site with what a page can hold. --------------------------------------------------

MKDOCS_YML = """\
site_name: Mini
site_url: https://mini.example.org/
docs_dir: docs
strict: true
theme:
  name: material
  language: en
nav:
  - Home: index.md
  - Reference: reference.md
  - Form: form.md
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.highlight:
      linenums: true
  - pymdownx.superfences
  - toc:
      permalink: true
plugins:
  - search
  - docglot:
      languages: [en, de, ja]
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            extensions: [docglot]
            show_root_heading: true
            docstring_section_style: spacy
"""

PACKAGE = '''\
"""A module to document: Grüße & <tags> in its docstring."""

from typing import Annotated

from annotated_doc import Doc


def send(
    to: Annotated[str, Doc("Who gets it: `name <address>` & more.")],
    retries: Annotated[int, Doc("How many times to try again, über alles.")] = 3,
) -> Annotated[bool, Doc("Whether it went.")]:
    """Send a message."""
    return bool(to) and retries >= 0
'''

HOME = """\
# Welcome &amp; grüße

Some *text* with `inline <code>` &copy; 2024, a&nbsp;non-breaking space, 😀 and &#x263A;.

## Code { #code }

```python
def f(x):
    return x < 2 and "&"
```

```python linenums="1"
first = 1
second = 2
```

## Table

| Name | Value |
| ---- | ----- |
| `a`  | 1 &lt; 2 |
| b    |       |

!!! note "A note"
    With **bold** and a [link](#code).

??? tip "Folded"
    Hidden text.

<div markdown>
### Nested heading { #nested }

Text inside a div, then the div ends.
</div>

After the div.

<div data-search-exclude markdown>
## Excluded

Nobody finds this.
</div>

<script>var a = 1 < 2 && "x";</script>
<style>.x > .y { color: red; }</style>

<p>   </p>
<ul><li> </li><li>item</li></ul>

#### Deep <em>heading</em>

Last words
with a line break.
"""

FORM = """\
# Form

<textarea>Text a reader types, <b>not</b> markup.</textarea>

Some text after it.
"""


def write_mini_site(project: Path) -> None:
    """Write the mini site: pages in English, German and Japanese, and a package to document."""
    (project / "src").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (project / "src" / "mini.py").write_text(PACKAGE, encoding="utf-8")
    pages = {
        "en/index.md": HOME,
        "en/reference.md": "# Reference\n\n::: mini.send\n",
        "en/form.md": FORM,
        "de/index.md": "# Willkommen\n\n## Grüße { #code }\n\nÄpfel &amp; Birnen, `<code>`.\n",
        "ja/index.md": (
            "# ようこそ\n\n## コード { #code }\n\n日本語の文章。\n\n```python\nprint('こんにちは')\n```\n"
        ),
    }
    for relative, text in pages.items():
        path = project / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_mini_site_has_the_same_index_in_each_language(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_mini_site(project)
    pages = assert_same_indexes(project, tmp_path, ["en", "de", "ja"])
    # The form page, in each language, is left to Material's parsing (a `<textarea>`); the
    # home and reference pages are read by docglot's.
    assert pages == {"fast": 6, "material": 3}


def test_aftersend_site_has_the_same_index_in_each_language(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", ".cache")
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder, ignore=ignore)
    languages = ["en", "de", "es", "fr", "ja", "pt"]
    pages = assert_same_indexes(project, tmp_path, languages)
    # Every page of every language is read by docglot's parser.
    every_page = sum(len(page_locations(tmp_path / "fast", languages, language)) for language in languages)
    assert pages == {"fast": every_page, "material": 0}


# Random HTML. ------------------------------------------------------------------------------

TEXTS = st.sampled_from(
    [
        "word",
        " ",
        "\n",
        "  \n  ",
        "two words",
        "line\nbreak",
        "&amp;",
        "&lt;b&gt;",
        "&nbsp;",
        "&#32;",
        "&am",
        "p;",
        "Grüße",
        "日本語",
        "a > b",
        "\t",
    ]
)
NAMES = st.sampled_from(
    ["p", "code", "pre", "span", "div", "a", "li", "ul", "em", "td", "h1", "h2", "h3", "b", "object", "small"]
)
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' class="x"',
        ' id="h"',
        ' id="a&amp;b"',
        ' class="headerlink"',
        ' class="linenodiv"',
        " data-search-exclude",
        ' DATA-SEARCH-EXCLUDE=""',
        " class='linenodi&#118;'",
        ' title="a > b"',
        " hidden",
        ' id="x" id="y"',
        " class=plain",
    ]
)
MARKUP = st.sampled_from(
    [
        "<br>",
        "<br/>",
        "<img src='x.png' alt=\"a < b\">",
        "<!-- a comment -->",
        "<!---->",
        "<span/>",
        "<P>",
        "</P>",
        "</div >",
        "<script>if (a < b) {}</script>",
        "<style>p > b {}</style>",
        "<textarea>x</textarea>",
        "a < b",
        "<!DOCTYPE html>",
        "</unopened>",
    ]
)


@st.composite
def elements(draw: st.DrawFn, depth: int = 0) -> str:
    """An element, most often well nested, with text, tags and elements inside."""
    name, attributes = draw(NAMES), draw(ATTRIBUTES)
    parts = draw(
        st.lists(
            st.one_of(TEXTS, MARKUP, elements(depth + 1)) if depth < 4 else st.one_of(TEXTS, MARKUP),
            max_size=5,
        )
    )
    end = draw(st.sampled_from([f"</{name}>", f"</{name}>", f"</{name}>", "", "</span>"]))
    return f"<{name}{attributes}>{''.join(parts)}{end}"


PAGES = st.lists(st.one_of(TEXTS, MARKUP, elements()), max_size=12).map("".join)


def index(html: str) -> str:
    """The search index Material's `SearchIndex` writes for one page of this HTML, or its error.

    Material's parser fails on some broken HTML (a kept end tag whose start tag went to the
    title): it must fail alike.
    """
    search_index = material_search.SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    page = SimpleNamespace(content=html, toc=[], url="page/", meta={}, title="Page")
    try:
        search_index.add_entry_from_context(page)
    except ValueError as error:
        return f"ValueError: {error}"
    return str(search_index.generate_search_index(None))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(PAGES)
def test_random_html_gives_the_same_index(html: str) -> None:
    material = index(html)
    use_fast_search_parser()
    try:
        assert material_search.Parser is search_parser.FastParser
        fast = index(html)
    finally:
        restore_search_parser()
    assert material_search.Parser is search_parser.FastParser.__mro__[1]
    assert fast == material


def fast_index(html: str) -> str:
    """The search index Material's `SearchIndex` writes for one page, read by `FastParser`."""
    use_fast_search_parser()
    try:
        return index(html)
    finally:
        restore_search_parser()


RUNS = [
    # A heading's permalink and kept elements, read in one run of its title.
    '<h2 id="a"><code>x</code> and <em>y</em><a class="headerlink" href="#a">&para; <code>z</code></a></h2>',
    '<h2 id="a">A <a href="#b">link</a> and <a class="x headerlink" href="#a">not a permalink</a></h2>',
    "<h3 id=\"a\"><a class='headerlink'>&para;<a>nested</a></a> after</h3><p>text</p>",
    # An empty kept element: dropped, unless a start tag of its name comes before in the section.
    '<h2 id="a"><code class="symbol"></code> <span>name</span></h2><p>x</p>',
    '<h2 id="a"><code>x</code><code></code></h2><p><code></code> </p><ul><li> </li><li>y</li></ul>',
    "<p>one <code>a</code></p><div><p> <code> </code> </p></div><p></p>",
    # Code: its pieces joined, but for the last, whose whitespace counts once out of `<pre>`.
    '<pre><h2 id="s">S</h2>x <span class="n">y</span> <h3 id="t">T</h3></pre>'
    '<div><div><h2 id="u">U</h2></div> <p>after</p></div>',
    '<pre><code><span class="k">if</span> a &lt; b &am<span>p;</span> c:\n  </code></pre><p> end</p>',
    # Exclusions a page spells oddly: every run searched, every tag read.
    "<p>a</p><div DATA-Search-Exclude><p>hidden</p></div><p>b</p>",
    "<p>a</p><table><tr><td class='lin&#101;nodiv'><pre>1\n2</pre></td><td>code</td></tr></table>",
    # Elements in elements, and a void tag: Python 3.11 fails on such a run if its parts repeat possessively.
    "<p><p></p><hr/></p><p><span><br></span></p>",
]


@pytest.mark.parametrize("html", RUNS)
def test_runs_give_the_same_index(html: str) -> None:
    assert search_parser.read_sections(html) is not None  # Read by `FastParser`, not left to Material.
    assert fast_index(html) == index(html)


def test_well_nested_pages_are_read_without_materials_parser() -> None:
    html = (
        '<h2 id="a">Title <code>x</code><a class="headerlink" href="#a">&para;</a></h2>'
        "<div><p>Text <em>with</em> <code>code</code> &amp; more.</p>"
        '<div class="highlight"><pre><span></span><code><span class="n">x</span> '
        '<span class="o">&lt;</span> 1\n</code></pre></div></div>'
    )
    sections = search_parser.read_sections(html)
    assert sections is not None
    # Material opens a section before a first heading that is not an `<h1>`.
    assert [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in sections] == [
        (None, "", ""),
        (
            "a",
            "Title <code>x</code>",
            "<p>Text with <code>code</code> &amp; more.</p><pre><code>x &lt; 1\n</code></pre>",
        ),
    ]
    assert search_parser.reproduces_material()


def test_a_build_reads_with_fast_parser_and_gives_materials_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_mini_site(project)
    read = search_parser.read_sections
    readers: list[type] = []

    def recorded(html: str) -> list[Any] | None:
        readers.append(material_search.Parser)
        return read(html)

    monkeypatch.setattr(search_parser, "read_sections", recorded)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv(search_worker.DISABLE, "1")  # Read here, where `recorded` sees them.
    original = material_search.Parser
    build_site(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    # Every page of the three languages, read while `FastParser` stood in for Material's.
    assert readers == [search_parser.FastParser] * 9
    assert material_search.Parser is original
