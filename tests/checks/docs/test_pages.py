"""The rules index and the rule pages list exactly the rules of `RULES`, with their names and summaries."""

from __future__ import annotations

import pytest
from docglot.checks.output import DOCS_URL
from docglot.rules import RULES, Family, doc_page
from mkdocs.utils.yaml import yaml_load

from tests.checks.docs.pages import RULES_DIR, SECTIONS, read_index, read_page
from tests.conftest import ROOT

FAMILY_SECTIONS = {
    Family.metadata: "Metadata",
    Family.translations: "Translations",
    Family.site: "Built site",
}
"""The section of the index that lists each family's rules."""


def test_the_index_lists_every_rule_with_its_name_summary_family_and_page() -> None:
    rows = [(row.section, row.code, row.link, row.name, row.summary) for row in read_index()]

    assert rows == [
        (FAMILY_SECTIONS[rule.family], code, f"{code}.md", rule.name, rule.summary)
        for code, rule in sorted(RULES.items())
    ]


def test_the_navigation_lists_the_index_then_every_rule_page_under_docglot() -> None:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        nav = yaml_load(file)["nav"]
    [docglot] = [item["docglot"] for item in nav if isinstance(item, dict) and "docglot" in item]
    [rules] = [item["Rules"] for item in docglot if isinstance(item, dict) and "Rules" in item]

    # Untitled entries: the pages' headings are their titles, and the catalogs stay small.
    assert rules == ["rules/index.md", *(f"rules/{code}.md" for code in sorted(RULES))]


def test_there_is_one_page_per_rule_and_no_other() -> None:
    pages = {path.name for path in RULES_DIR.glob("*.md")}

    assert pages == {"index.md", *(f"{code}.md" for code in RULES)}


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_page_is_where_findings_link_to(code: str) -> None:
    # SARIF findings link to DOCS_URL + doc_page(CODE), the published URL of docs/en/rules/CODE.md.
    assert doc_page(code) == f"rules/{code}/"
    assert DOCS_URL.endswith("/")
    assert (RULES_DIR.parent / f"{doc_page(code).rstrip('/')}.md").is_file()


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_page_has_the_rule_title_summary_and_sections(code: str) -> None:
    rule = RULES[code]
    page = read_page(RULES_DIR / f"{code}.md")

    assert page.title == f"{code} {rule.name}"
    # The summary as a sentence: a capital letter may start it, a full stop ends it.
    assert page.summary[:1].lower() + page.summary[1:] == f"{rule.summary[:1].lower()}{rule.summary[1:]}."
    assert tuple(page.sections) == SECTIONS


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_page_says_how_to_ignore_the_rule(code: str) -> None:
    text = read_page(RULES_DIR / f"{code}.md").text("Ignoring it")

    assert f"--ignore {code}" in text
    assert f'[tool.docglot]\nignore = ["{code}"]' in text
    # Findings in Python files can be ignored on their line; catalogs and built pages cannot.
    in_python = RULES[code].family is Family.metadata or code == "DG205"
    assert (f"# docglot: ignore[{code}]" in text) is in_python


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_page_says_whether_mkdocs_build_warns(code: str) -> None:
    first = read_page(RULES_DIR / f"{code}.md").paragraphs("In mkdocs build")[0]

    assert first.startswith(("mkdocs build warns", "mkdocs build does not warn")), first


@pytest.mark.parametrize("code", sorted(code for code, rule in RULES.items() if rule.family is Family.site))
def test_a_site_rule_page_shows_the_built_html_of_both_examples(code: str) -> None:
    page = read_page(RULES_DIR / f"{code}.md")

    for section in ("Failing example", "Passing example"):
        blocks = page.blocks(section)
        assert len(blocks) == 1, section
        title = blocks[0].title
        assert title is not None, section
        assert title.startswith("site/"), title
        assert title.endswith(".html"), title
