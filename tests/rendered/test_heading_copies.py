"""mkdocstrings' heading copies lose their text, and no byte of the site changes, on both engines.

The copies (`docglot.engines.heading_copies`) are read by `toc` for their id and label
only: a build that leaves their text to the inline processors and `toc` writes the same
files. Both builds run in this process, the second with the tree processor doing nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.
import pytest
from bs4 import BeautifulSoup
from docglot.engines import heading_copies
from docglot.engines.build import build_with_engine
from docglot.engines.heading_copies import HeadingCopies, is_light_copy
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from mkdocs.config import load_config

from tests.conftest import ROOT
from tests.site_files import differing, site_files

ENGINES = ("mkdocs", "zensical")


def this_site(root: Path) -> Path:
    """A copy of this repository's site: six languages, its catalogs and its code."""
    project = root / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("docs", "locales", "src", "plugins"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def build_site(project: Path, site: Path, engine: str) -> dict[str, bytes]:
    """Build the project with an engine, in this process; return its files."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["docglot"]
    config = config.plugins.on_config(config) if engine == "zensical" else config
    build_with_engine(config, plugin, engine)  # type: ignore[arg-type]
    return site_files(site)


DOC_HEADINGS = ", ".join(f"h{level}.doc-heading" for level in range(1, 7))


def doc_headings(files: dict[str, bytes]) -> int:
    """How many headings the reference blocks of the built pages show."""
    return sum(
        len(BeautifulSoup(content, "html.parser").select(DOC_HEADINGS))
        for path, content in files.items()
        if path.endswith(".html")
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_light_copies_change_no_byte_of_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    project = this_site(tmp_path)
    emptied = 0
    real = HeadingCopies.run

    def counted(self: HeadingCopies, root: Element) -> None:
        nonlocal emptied
        before = [heading for heading in root.iter() if heading.text and is_light_copy(heading)]
        real(self, root)
        emptied += sum(1 for heading in before if heading.text is None)

    monkeypatch.setattr(HeadingCopies, "run", counted)
    light = build_site(project, tmp_path / "light", engine)
    monkeypatch.setattr(HeadingCopies, "run", lambda self, root: None)
    full = build_site(project, tmp_path / "full", engine)

    assert differing(light, full) == []
    # Every heading of every block, in every language, was a copy the page's Markdown read.
    assert emptied == doc_headings(light) > 6 * 10


def copy_of(text: str | None, attributes: dict[str, str], children: int = 0) -> Element:
    heading = Element("h3", attributes)
    heading.text = text
    for _ in range(children):
        heading.append(Element("code"))
    return heading


def test_which_copies_keep_their_text() -> None:
    labelled = {"id": "mini.greet", "data-toc-label": "greet"}
    assert is_light_copy(copy_of("<code>greet</code>", labelled))
    # `toc` makes an id from the text; `attr_list` reads attributes after it; children are elements.
    assert not is_light_copy(copy_of("<code>greet</code>", {"data-toc-label": "greet"}))
    assert not is_light_copy(copy_of("<code>greet</code>", {"id": "mini.greet"}))
    assert not is_light_copy(copy_of("greet { #other }", labelled))
    assert not is_light_copy(copy_of("greet", labelled, children=1))
    paragraph = copy_of("text", labelled)
    paragraph.tag = "p"
    assert not is_light_copy(paragraph)


class _Blocks(Treeprocessor):
    """Two blocks as mkdocstrings leaves them in the tree: a container of copies, and another `div`."""

    def run(self, root: Element) -> None:
        for name, identifier, text in (("mkdocstrings", "one", "<code>One</code>"), ("other", "two", "Two")):
            container = SubElement(root, "div", {"class": name})
            heading = SubElement(container, "h3", {"id": identifier, "data-toc-label": identifier.title()})
            heading.text = text


def test_only_the_copies_in_mkdocstrings_containers_are_emptied() -> None:
    md = markdown.Markdown(extensions=["toc"])
    md.treeprocessors.register(_Blocks(md), "blocks", 30)
    heading_copies.register(md)

    page = BeautifulSoup(md.convert("Text."), "html.parser")

    assert [(token["id"], token["name"]) for token in md.toc_tokens] == [("one", "One"), ("two", "Two")]
    assert [(div["class"], div.h3.decode_contents() if div.h3 else None) for div in page.find_all("div")] == [
        (["mkdocstrings"], ""),
        (["other"], "Two"),
    ]
