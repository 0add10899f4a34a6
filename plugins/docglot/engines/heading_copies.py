"""mkdocstrings' copies of a block's headings, made light before the page's Markdown reads them.

A `:::` block's HTML is stashed whole, out of sight of the page's tree processors, so
mkdocstrings puts a copy of each of its headings in the page's tree (inside a
`div.mkdocstrings`) for the `toc` extension to list, and removes the copies once `toc`
has run. A copy's text is the heading's HTML: the inline processors parse it, `toc`
writes it out again, and then the copy goes. Nothing of that text reaches the page or its
table of contents: mkdocstrings gives every copy its id and its `data-toc-label`, from
which `toc` takes the entry's name (its `html` field, which the text fills, is read by
neither MkDocs nor Zensical). On a reference page, where most of the tree is these copies,
reading their text was most of the page's own Markdown time, in each language.

So the copies lose their text after mkdocstrings has registered them with autorefs (while
the block is parsed) and before the first tree processor that would read it. Python-Markdown
has no option for a heading `toc` should not read, hence this tree processor.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown  # type: ignore[import-untyped]  # Python-Markdown is untyped.
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

PRIORITY = 25
"""After the blocks are parsed (every tree processor is), before the inline processors (20)."""

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


def is_light_copy(heading: Element) -> bool:
    """Whether a heading of a `div.mkdocstrings` is a copy whose text nothing reads.

    `toc` reads the text of a heading without an id (to make one), and `attr_list` of one
    whose text ends with `}` (attributes written after it): those keep it.
    """
    return (
        heading.tag in _HEADINGS
        and len(heading) == 0
        and "id" in heading.attrib
        and "data-toc-label" in heading.attrib
        and not (heading.text or "").rstrip().endswith("}")
    )


class HeadingCopies(Treeprocessor):  # type: ignore[misc]
    """Empty the text of mkdocstrings' heading copies that only `toc` reads, for their id and label."""

    def run(self, root: Element) -> None:
        """Empty the copies' text."""
        for container in root.iter("div"):
            if container.get("class") != "mkdocstrings":
                continue
            for heading in container:
                if is_light_copy(heading):
                    heading.text = None


class HeadingCopiesExtension(Extension):  # type: ignore[misc]
    """The Markdown extension of `HeadingCopies`, added to a site's Markdown by docglot."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the tree processor."""
        register(md)


def register(md: Markdown) -> None:
    """Make the heading copies of `md`'s pages light."""
    md.treeprocessors.register(HeadingCopies(md), "docglot_heading_copies", PRIORITY)
