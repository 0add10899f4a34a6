"""The rules that `docglot check` applies, and which of them also warn during a build.

Each rule has a page on the site (`docs/en/rules/<CODE>.md`) with what it finds, why, and
a failing and a passing example; the tests run those examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The rule codes, by name: code refers to a rule by these, and `RULES` describes each.
UNREADABLE_OBJECT = "DG100"
UNDOCUMENTED_PARAMETER = "DG101"
DOC_NOT_LITERAL = "DG102"
EMPTY_DOC = "DG103"
SEVERAL_DOCS = "DG104"
UNREAD_DOC = "DG105"
DOCUMENTED_TWICE = "DG106"
UNRESOLVED_TYPEDDICT = "DG107"
UNRENDERED_OBJECT = "DG108"
DOC_KEYWORD = "DG109"
CONTROL_CHARACTER = "DG110"
UNTRANSLATED_ENTRY = "DG201"
FUZZY_ENTRY = "DG202"
OBSOLETE_ENTRY = "DG203"
TRANSLATED_SHARE = "DG204"
STALE_CATALOG = "DG205"
BROKEN_MARKUP = "DG206"
UNSAFE_TRANSLATION = "DG207"
MISSING_ENTRY = "DG301"
PARAMETER_ROWS = "DG302"
RENDERED_TEXT = "DG303"


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
        Rule(UNREADABLE_OBJECT, "unreadable-object", "docglot could not read an object", Family.metadata),
        Rule(
            UNDOCUMENTED_PARAMETER,
            "undocumented-parameter",
            "a public parameter has neither Doc nor a docstring entry",
            Family.metadata,
        ),
        Rule(DOC_NOT_LITERAL, "doc-not-literal", "Doc's argument is not one string literal", Family.metadata),
        Rule(EMPTY_DOC, "empty-doc", "a Doc text is empty or only whitespace", Family.metadata),
        Rule(SEVERAL_DOCS, "several-docs", "one Annotated holds several Doc", Family.metadata),
        Rule(UNREAD_DOC, "unread-doc", "a Doc stands where no tool reads it", Family.metadata),
        Rule(
            DOCUMENTED_TWICE,
            "documented-twice",
            "a parameter or value is documented by Doc and by the docstring",
            Family.metadata,
        ),
        Rule(
            UNRESOLVED_TYPEDDICT,
            "unresolved-typeddict",
            "Unpack[...] on **kwargs does not resolve to a TypedDict",
            Family.metadata,
        ),
        Rule(
            UNRENDERED_OBJECT,
            "unrendered-object",
            "a public object is rendered by no reference page",
            Family.metadata,
        ),
        Rule(DOC_KEYWORD, "doc-keyword", "Doc's text is passed as a keyword argument", Family.metadata),
        Rule(CONTROL_CHARACTER, "control-character", "a Doc text holds a control character", Family.metadata),
        Rule(
            UNTRANSLATED_ENTRY,
            "untranslated-entry",
            "a catalog entry has no translation",
            Family.translations,
        ),
        Rule(
            FUZZY_ENTRY,
            "fuzzy-entry",
            "a catalog entry is fuzzy: its English text changed",
            Family.translations,
        ),
        Rule(
            OBSOLETE_ENTRY,
            "obsolete-entry",
            "a catalog entry belongs to text the reference no longer shows",
            Family.translations,
        ),
        Rule(
            TRANSLATED_SHARE,
            "translated-share",
            "a language is translated less than its configured minimum",
            Family.translations,
        ),
        Rule(STALE_CATALOG, "stale-catalog", "a catalog is out of date with the code", Family.translations),
        Rule(
            BROKEN_MARKUP,
            "broken-markup",
            "a translation's markup differs from its English text",
            Family.translations,
        ),
        Rule(
            UNSAFE_TRANSLATION,
            "unsafe-translation",
            "a translation adds HTML, script or link targets",
            Family.translations,
        ),
        Rule(
            MISSING_ENTRY,
            "missing-entry",
            "a built page lacks a public object's reference entry",
            Family.site,
        ),
        Rule(
            PARAMETER_ROWS,
            "parameter-rows",
            "a built page's parameter rows differ from the signature",
            Family.site,
        ),
        Rule(
            RENDERED_TEXT,
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
