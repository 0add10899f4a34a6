"""The standard-library tree builder `docglot check --site` reads pages with, against lxml's parser."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from docglot.checks.site.page_tree import Element, parse_html

SNIPPETS = [
    "<ul><li>one<li>two</ul><ol><li>a<ul><li>b</ul><li>c</ol>",
    "<p>one<div>two</div><p>three<p>four",
    "<table><tr><td>1<td>2<tr><th>3</table>",
    "<dl><dt>term<dd>definition<dt>other</dl>",
    "<p>a<br>b<img src=x>c<hr>d",
    "<div><span>a</div>b</span>",
    '<div><a name="x"/>after<br/>line</div>',
    "<p>one<p>two</p></p>three",
    "<p>x &amp; y &lt;z&gt; &#x2014; &eacute;</p><script>if (a < b) {}</script>",
]


def shape(tag: str, children: list[object]) -> tuple[object, ...]:
    return (tag, *children)


def ours(element: Element) -> tuple[object, ...]:
    children: list[object] = []
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                children.append(child.strip())
        else:
            children.append(ours(child))
    return shape(element.tag, children)


def theirs(element: lxml.html.HtmlElement) -> tuple[object, ...]:
    children: list[object] = []
    if element.text and element.text.strip():
        children.append(element.text.strip())
    for child in element:
        children.append(theirs(child))
        if child.tail and child.tail.strip():
            children.append(child.tail.strip())
    return shape(element.tag, children)


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_a_fragment_has_lxmls_structure(snippet: str) -> None:
    body = lxml.html.document_fromstring(f"<html><body>{snippet}</body></html>").find("body")

    assert ours(parse_html(snippet).root)[1:] == theirs(body)[1:]


def test_built_pages_have_lxmls_structure(built_site: Path) -> None:
    """Each element with an id sits at the same line, under the same elements, with the same text."""
    pages = sorted(built_site.glob("**/reference/**/index.html"))
    assert {path.relative_to(built_site).as_posix() for path in pages} >= {
        f"{prefix}reference/{page}/index.html"
        for prefix in ("", "de/", "es/", "fr/", "ja/", "pt/")
        for page in ("background", "with_background_tasks")
    }
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = parse_html(text)
        identified = lxml.html.document_fromstring(text).xpath("//*[@id]")
        counts = Counter(element.get("id") for element in identified)
        assert set(page.ids) == set(counts)
        for element in identified:
            if counts[element.get("id")] > 1:
                continue  # The index keeps the first element of a repeated id.
            mine = page.ids[element.get("id")]
            chain: list[str] = []
            current: Element | None = mine
            while current is not None and current.tag != "#document":
                chain.append(current.tag)
                current = current.parent
            assert mine.line == element.sourceline, path
            assert chain == [ancestor.tag for ancestor in [element, *element.iterancestors()]], path
            assert "".join(mine.text().split()) == "".join(element.text_content().split()), path
