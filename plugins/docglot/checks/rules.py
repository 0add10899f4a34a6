"""The rules that `docglot check` applies, and which of them also warn during a build.

Each rule has a page on the site (`docs/en/rules/<CODE>.md`) with what it finds, why, and
a failing and a passing example; the tests run those examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """What a rule reads."""

    metadata = "metadata"
    """The package's source code: `Doc` metadata and docstrings."""
    translations = "translations"
    """The site's catalogs, held against the API text the reference renders."""
    site = "site"
    """A built site, held against the code and the catalogs (`--site`)."""


@dataclass(frozen=True)
class Rule:
    """One kind of finding."""

    code: str
    """The code used by `--select`, `--ignore`, `# docglot: ignore[...]` and baselines."""
    name: str
    """A short name, in kebab case."""
    summary: str
    """What the rule finds, in one line."""
    family: Family
    """What the rule reads. A build warns about a finding of a metadata rule only when the
    page loses or misstates something because of it (each rule's page says when)."""


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("DG100", "unreadable-object", "docglot could not read an object", Family.metadata),
        Rule(
            "DG101",
            "undocumented-parameter",
            "a public parameter has neither Doc nor a docstring entry",
            Family.metadata,
        ),
        Rule("DG102", "doc-not-literal", "Doc's argument is not one string literal", Family.metadata),
        Rule("DG103", "empty-doc", "a Doc text is empty or only whitespace", Family.metadata),
        Rule("DG104", "several-docs", "one Annotated holds several Doc", Family.metadata),
        Rule("DG105", "unread-doc", "a Doc stands where no tool reads it", Family.metadata),
        Rule(
            "DG106",
            "documented-twice",
            "a parameter or value is documented by Doc and by the docstring",
            Family.metadata,
        ),
        Rule(
            "DG107",
            "unresolved-typeddict",
            "Unpack[...] on **kwargs does not resolve to a TypedDict",
            Family.metadata,
        ),
        Rule(
            "DG108", "unrendered-object", "a public object is rendered by no reference page", Family.metadata
        ),
        Rule("DG109", "doc-keyword", "Doc's text is passed as a keyword argument", Family.metadata),
        Rule("DG201", "untranslated-entry", "a catalog entry has no translation", Family.translations),
        Rule(
            "DG202", "fuzzy-entry", "a catalog entry is fuzzy: its English text changed", Family.translations
        ),
        Rule(
            "DG203",
            "obsolete-entry",
            "a catalog entry belongs to text the reference no longer shows",
            Family.translations,
        ),
        Rule(
            "DG204",
            "translated-share",
            "a language is translated less than its configured minimum",
            Family.translations,
        ),
        Rule("DG205", "stale-catalog", "a catalog is out of date with the code", Family.translations),
        Rule(
            "DG206",
            "broken-markup",
            "a translation's markup differs from its English text",
            Family.translations,
        ),
        Rule(
            "DG207",
            "unsafe-translation",
            "a translation adds HTML, script or link targets",
            Family.translations,
        ),
        Rule("DG301", "missing-entry", "a built page lacks a public object's reference entry", Family.site),
        Rule(
            "DG302", "parameter-rows", "a built page's parameter rows differ from the signature", Family.site
        ),
        Rule(
            "DG303",
            "rendered-text",
            "a built page's text differs from the Doc text or its translation",
            Family.site,
        ),
    )
}
"""Every rule, by code."""


def doc_page(code: str) -> str:
    """Return the site path of a rule's page."""
    return f"rules/{code}/"
