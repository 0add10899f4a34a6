"""Time Material's search parser against docglot's `FastParser` on every page of an 8-language build.

Material's search plugin cuts every page into the sections of its index with its `Parser`
(an `html.parser.HTMLParser`); docglot builds every language in one build, so every page is
read once per language, and it reads them with `FastParser` instead. This benchmark builds
the site's docglot project in its 8 languages once, in this process, and keeps the HTML of
every page exactly as Material's `SearchIndex.add_entry_from_context` receives it (pages whose
front matter excludes them from search are left out, as Material leaves them). It checks that
both parsers give, for every page, what Material makes index entries of, then times both
here, `--runs` rounds, round-robin: a round reads every page with a new parser (feed, close,
and the sections read as Material reads them). It prints the medians and the ratio Material /
`FastParser`.

Run: `uv run --locked --group bench python benchmarks/search_parser_speed.py --runs 5 [--site aftersend]`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_languages import DOCGLOT, SITES, Site, make_project
from docglot.engines.mkdocs.search_parser import FastParser, read_sections, reproduces_material
from docglot.engines.zensical.build import read_config
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build
from mkdocs.config import load_config
from timing import (
    markdown_table,
    parse_arguments,
    publish,
    round_robin,
    scratch_folder,
    seconds,
    seconds_cells,
)

MATERIAL = "Material's Parser"
FAST = "FastParser"
Entry = tuple[str | None, str | None, str]
"""What Material makes an index entry of: the section's id, its title (`None` when it has
none: Material gives it the page's), and its text; title and text joined and stripped."""


@dataclass(frozen=True)
class Reader:
    """A search parser class, under its name in the report."""

    name: str
    parser: type[Any]


READERS = (Reader(MATERIAL, material_search.Parser), Reader(FAST, FastParser))
"""Material's `Parser`, taken before any build: docglot swaps it only while it builds."""


def languages(site: Site) -> tuple[str, ...]:
    """The languages of the site's largest variant: its 8 languages."""
    return site.language_sets[max(site.language_sets)]


def capture_pages(site: Site, root: Path) -> list[tuple[str, str]]:
    """Build the site in its 8 languages with docglot, in this process.

    Returns:
        Each page's URL and HTML, as Material's search gets them, in the order it gets them.
    """
    base = read_config(site.folder / "mkdocs.yml")
    project = make_project(base, DOCGLOT, languages(site), root, site)
    pages: list[tuple[str, str]] = []
    index = material_search.SearchIndex
    add_entry = index.add_entry_from_context

    def recording(self: Any, page: Any) -> None:
        if not (page.meta.get("search") or {}).get("exclude"):  # Material reads no such page.
            pages.append((page.url, page.content))
        add_entry(self, page)

    index.add_entry_from_context = recording
    try:
        with contextlib.chdir(project.folder):
            build(load_config(str(project.config_file), site_dir=str(project.site_dir)))
    finally:
        index.add_entry_from_context = add_entry
    return pages


def entries(parser_class: type[Any], html: str) -> list[Entry]:
    """Read a page as Material's `SearchIndex` does: a new parser, fed once and closed, then its sections."""
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [
        (section.id, "".join(section.title).strip() if section.title else None, "".join(section.text).strip())
        for section in parser.data
        if not section.is_excluded()
    ]


def check(pages: list[tuple[str, str]]) -> None:
    """Stop with a one-line message if the parsers differ on any page."""
    material, fast = (reader.parser for reader in READERS)
    differing = [url for url, html in pages if entries(fast, html) != entries(material, html)]
    if differing:
        raise SystemExit(
            f"The parsers differ on {len(differing)} of {len(pages)} pages, first {differing[0]!r}"
        )


def read_all(reader: Reader, pages: list[str]) -> tuple[float, float]:
    """Read every page with the reader's parser; return the wall and CPU time it took."""
    gc.collect()  # The garbage of the previous round is not this one's.
    wall, cpu = time.perf_counter(), time.process_time()
    for html in pages:
        entries(reader.parser, html)
    return time.perf_counter() - wall, time.process_time() - cpu


def site_option(parser: argparse.ArgumentParser) -> None:
    """Add `--site`: the site whose pages are read."""
    parser.add_argument("--site", choices=sorted(SITES), default="fastapi", help="the site (default fastapi)")


def main() -> None:
    """Capture the pages, check both parsers agree on them, time both, and print the report."""
    arguments = parse_arguments(__doc__, runs="timed rounds", outputs=True, options=site_option)
    site = SITES[arguments.site]
    if not reproduces_material():
        print(
            "note: docglot leaves this Material's parser in place; FastParser timed anyway", file=sys.stderr
        )
    with scratch_folder("docglot-search-parser-", keep=arguments.keep) as root:
        captured = capture_pages(site, root)
    check(captured)
    pages = [html for _, html in captured]
    fallbacks = sum(read_sections(html) is None for html in pages)
    size = sum(len(html.encode("utf-8")) for html in pages) / 1e6
    timings = round_robin(READERS, arguments.runs, lambda reader: read_all(reader, pages))
    wall = {name: seconds(run[0] for run in runs) for name, runs in timings.items()}
    cpu = {name: statistics.median(run[1] for run in runs) for name, runs in timings.items()}
    ratio = wall[MATERIAL]["median_s"] / wall[FAST]["median_s"]
    cpu_ratio = cpu[MATERIAL] / cpu[FAST]
    rows = [[name, *seconds_cells(wall[name]), f"{cpu[name]:.2f}"] for name in wall]
    header = ("Parser", "Wall median (s)", "Wall min (s)", "Wall max (s)", "CPU median (s)")
    report = "\n".join(
        [
            f"{site.name}: {len(pages)} pages in {len(languages(site))} languages,"
            f" {size:.1f} MB of HTML, read {arguments.runs} times by each parser; same sections from both;"
            f" {fallbacks} pages left by FastParser to Material's parsing.",
            "",
            *markdown_table(header, "lrrrr", rows),
            "",
            *markdown_table(
                ("Ratio of medians", "Wall", "CPU"),
                "lrr",
                [[f"{MATERIAL} / {FAST}", f"{ratio:.1f}", f"{cpu_ratio:.1f}"]],
            ),
        ]
    )
    result = {
        "site": site.name,
        "pages": len(pages),
        "html_mb": size,
        "fallback_pages": fallbacks,
        "parsers": {name: {**wall[name], "cpu_median_s": cpu[name]} for name in wall},
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
    }
    publish(report, result, arguments)


if __name__ == "__main__":
    main()
