"""The rule pages of the site (`docs/en/rules/`), read with Python-Markdown as the site renders them.

The pages are rendered with the fence extensions of the site's `mkdocs.yml`
(`pymdownx.superfences` and `pymdownx.highlight`, which turn a fence's `title="..."` into
a file name), and the HTML is read with BeautifulSoup: a titled code block is a file of
the example's project, an untitled block starting with `$ docglot` is the command and
what it prints.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from markdown import Markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints.

from tests.conftest import ROOT

RULES_DIR = ROOT / "docs" / "en" / "rules"
SECTIONS = ("What it finds", "Why", "Failing example", "Passing example", "Ignoring it", "In mkdocs build")
"""The second-level headings of every rule page, in order."""


def render(path: Path) -> BeautifulSoup:
    """Render a page's Markdown to HTML, with the extensions the site uses for tables and fences."""
    markdown = Markdown(extensions=["tables", "pymdownx.superfences", "pymdownx.highlight"])
    return BeautifulSoup(markdown.convert(path.read_text(encoding="utf-8")), "html.parser")


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block: its title (a file name), if it has one, and its text."""

    title: str | None
    text: str


@dataclass(frozen=True)
class Example:
    """A failing or passing example: the files of a project, the command, and its output."""

    files: dict[str, str]
    """The titled code blocks: `{path in the project: text}`."""
    arguments: list[str]
    """The command's arguments after `docglot`."""
    output: list[str]
    """What the command prints, one line an item: the findings, then the count."""


@dataclass(frozen=True)
class RulePage:
    """One rule's page."""

    path: Path
    title: str
    """The first-level heading."""
    summary: str
    """The paragraph after the title, as text."""
    sections: dict[str, list[Tag]]
    """The elements under each second-level heading, by heading text."""

    def blocks(self, section: str) -> list[CodeBlock]:
        """The code blocks of a section, in order."""
        return [
            self._block(element)
            for element in self.sections[section]
            if "highlight" in (element.get("class") or [])
        ]

    def _block(self, element: Tag) -> CodeBlock:
        name = element.find("span", class_="filename")
        code = element.find("code")
        assert code is not None, f"{self.path.name}: a code block without code"
        return CodeBlock(name.get_text() if name else None, code.get_text())

    def example(self, section: str) -> Example:
        """The example of a section (`Failing example` or `Passing example`)."""
        blocks = self.blocks(section)
        files = {block.title: block.text for block in blocks if block.title}
        consoles = [block for block in blocks if not block.title and block.text.startswith("$ docglot ")]
        assert len(consoles) == 1, f"{self.path.name}: {section} must show one `$ docglot ...` block"
        command, *output = consoles[0].text.splitlines()
        return Example(files, shlex.split(command[2:])[1:], output)

    def paragraphs(self, section: str) -> list[str]:
        """The text of each paragraph of a section."""
        return [element.get_text() for element in self.sections[section] if element.name == "p"]

    def text(self, section: str) -> str:
        """The whole text of a section, code included."""
        return "\n".join(element.get_text() for element in self.sections[section])


def read_page(path: Path) -> RulePage:
    """Read a rule page: its title, the summary under it, and its sections."""
    soup = render(path)
    title = soup.find("h1")
    assert title is not None, f"{path.name}: no title"
    summary = title.find_next_sibling()
    assert summary is not None, f"{path.name}: nothing under the title"
    assert summary.name == "p", f"{path.name}: no summary under the title"
    sections: dict[str, list[Tag]] = {}
    current: list[Tag] | None = None
    for element in summary.find_next_siblings():
        if element.name == "h2":
            current = sections.setdefault(element.get_text(), [])
        elif current is not None:
            current.append(element)
    return RulePage(path, title.get_text(), summary.get_text(), sections)


@dataclass(frozen=True)
class IndexRow:
    """A row of a table of the rules index."""

    section: str
    """The second-level heading above the table."""
    code: str
    link: str
    """The target of the code's link."""
    name: str
    summary: str


def read_index() -> list[IndexRow]:
    """Read every row of every table of `docs/en/rules/index.md`."""
    soup = render(RULES_DIR / "index.md")
    rows = []
    for table in soup.find_all("table"):
        heading = table.find_previous("h2")
        assert heading is not None, "index.md: a table outside a section"
        header = [cell.get_text() for cell in table.select("thead th")]
        assert header == ["Code", "Name", "Summary"], header
        for row in table.select("tbody tr"):
            code, name, summary = row.find_all("td")
            link = code.find("a")
            rows.append(
                IndexRow(
                    heading.get_text(),
                    code.get_text(),
                    str(link["href"]) if link else "",
                    name.get_text(),
                    summary.get_text(),
                )
            )
    return rows
