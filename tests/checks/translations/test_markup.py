"""DG206 broken markup and DG207 unsafe translations: a translation held against its English text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.translations.project import Check, catalog, entry

CONTEXT = "mini.greet:docstring"


def check_one(project: Path, check: Check, english: str, translation: str, rule: str) -> list[str]:
    """Write a German catalog of one translated entry (its `msgid` on line 6) and apply one rule."""
    (project / "locales" / "de.po").write_text(
        catalog(entry(CONTEXT, english, translation)), encoding="utf-8"
    )
    result = check("--select", rule)
    assert result.code == (1 if result.lines else 0), result.stderr
    return result.lines


@pytest.mark.parametrize(
    ("english", "translation", "differences"),
    [
        pytest.param(
            "Pass `name` to greet.",
            "Übergeben Sie `Name` zum Grüßen.",
            "code span `name` is missing; code span `Name` is not in the English text",
            id="translated code",
        ),
        pytest.param(
            "Use `greet` here.",
            "Verwenden Sie `greet hier.",
            "code span `greet` is missing",
            id="unclosed code span",
        ),
        pytest.param(
            "See [the guide](guide.md) and [greet][mini.greet].",
            "Siehe [die Anleitung](guide.md).",
            "2 links in English, 1 here; the link to `mini.greet` is missing",
            id="missing cross-reference",
        ),
        pytest.param(
            "See [the guide](guide.md).",
            "Siehe [die Anleitung](anleitung.md).",
            "the link to `guide.md` is missing",
            id="changed target",
        ),
        pytest.param(
            "Do *not* shout, **ever**.",
            "Nicht rufen, niemals.",
            "emphasis (*...*): 1 in English, 0 here; strong emphasis (**...**): 1 in English, 0 here",
            id="emphasis",
        ),
        pytest.param(
            '!!! warning "Careful"\n    It shouts.',
            '!!! note "Vorsicht"\n    Es ruft.',
            "admonition `warning` is missing; admonition `note` is not in the English text",
            id="admonition",
        ),
        pytest.param(
            "Hello {name}, %s and %(count)d.",
            "Hallo {Name}, %s.",
            "placeholder `{name}` is missing; placeholder `%(count)d` is missing; "
            "placeholder `{Name}` is not in the English text",
            id="placeholders",
        ),
    ],
)
def test_a_translation_that_breaks_the_english_markup_is_a_finding(
    project: Path, check: Check, english: str, translation: str, differences: str
) -> None:
    lines = check_one(project, check, english, translation, "DG206")

    # A text of several lines is named by its first line.
    named = f'"{english}"' if "\n" not in english else '"!!! warning "Careful"…"'
    assert lines == [
        f"locales/de.po:6:1: DG206 the translation of {named} ({CONTEXT}) breaks its markup: {differences}"
    ]


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        pytest.param(
            "See [the guide](guide.md), pass `name`, *not* `loud`, **ever**.",
            "Übergeben Sie `name`, *nicht* `loud`, **niemals**; siehe [die Anleitung](guide.md).",
            id="same markup, other order",
        ),
        pytest.param("Do *not* shout.", "*決して*叫ばないでください。", id="emphasis in Japanese"),
        pytest.param("Shout at 100% of the volume.", "Mit 100% der Lautstärke rufen.", id="percent"),
        pytest.param("## Example", "## Beispiel", id="heading"),
        pytest.param(
            '!!! warning "Careful"\n    It shouts.', '!!! warning "Vorsicht"\n    Es ruft.', id="admonition"
        ),
    ],
)
def test_a_translation_with_the_english_markup_is_not_a_finding(
    project: Path, check: Check, english: str, translation: str
) -> None:
    assert check_one(project, check, english, translation, "DG206") == []


@pytest.mark.parametrize(
    ("english", "translation", "additions"),
    [
        pytest.param(
            "Greet someone.",
            "Jemanden grüßen.<script>alert(1)</script>",
            "a <script> element",
            id="script",
        ),
        pytest.param(
            "Greet someone.",
            'Jemanden <span style="color:red">grüßen</span>.',
            "raw HTML <span>",
            id="raw HTML",
        ),
        pytest.param(
            "Greet someone.",
            'Jemanden grüßen. <img src="x.png" onerror="alert(1)">',
            "raw HTML <img>; an event-handler attribute onerror on <img>; "
            "the link target `x.png` (<img src>)",
            id="event handler in raw HTML",
        ),
        pytest.param(
            "Greet someone.",
            'Jemanden grüßen.\n{: onclick="alert(1)" }',
            "an event-handler attribute onclick on <p>",
            id="event handler through attr_list",
        ),
        pytest.param(
            "See [the guide](guide.md).",
            "Siehe [die Anleitung](javascript:alert(1)).",
            "a javascript: URL in <a href>",
            id="javascript URL",
        ),
        pytest.param(
            "See [the guide](guide.md).",
            "Siehe [die Anleitung](guide.md) oder [hier](https://example.com/login).",
            "the link target `https://example.com/login` (<a href>)",
            id="new link target",
        ),
        pytest.param(
            "Greet [someone][mini.greet].",
            'Jemanden <autoref identifier="mini.greet" id="T&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">'
            "grüßen</autoref>.",
            "raw HTML <autoref>",
            id="autoref written as HTML",
        ),
        pytest.param(
            "Greet someone.",
            '<autoref identifier="x" optional title="&quot; onmouseover=&quot;alert(1)">Jemanden</autoref>'
            " grüßen.",
            "raw HTML <autoref>; the link target `x` (<autoref identifier>)",
            id="autoref with a decoded handler",
        ),
        pytest.param(
            "Greet [someone][mini.greet].",
            'Jemanden [grüßen][a"><img src=x onerror=alert(1)>].',
            'the link target `a"><img src=x onerror=alert(1)>` (<autoref identifier>)',
            id="cross-reference identifier with markup",
        ),
        pytest.param(
            "Greet someone.",
            'Jemanden <span data-autorefs-identifier="mini.greet">grüßen</span>.',
            "raw HTML <span>",
            id="older autorefs form",
        ),
        pytest.param(
            "Greet someone.",
            'Jemanden grüßen.\n{: #__config data-md-component="search" style="display: none" }',
            "an attribute data-md-component on <p>; an attribute id on <p>; an attribute style on <p>",
            id="theme attributes through attr_list",
        ),
        pytest.param(
            "Greet *someone*.",
            'Jemanden *grüßen*{: onmouseover="alert(1)" }.',
            "an event-handler attribute onmouseover on <em>",
            id="event handler on an inline element",
        ),
        pytest.param(
            "Greet someone.",
            "Jemanden <details open ontoggle=alert(1)>grüßen</details>.",
            "raw HTML <details>; an event-handler attribute ontoggle on <details>",
            id="event handler on an allowed element",
        ),
    ],
)
def test_a_translation_that_adds_html_script_or_targets_is_a_finding(
    project: Path, check: Check, english: str, translation: str, additions: str
) -> None:
    lines = check_one(project, check, english, translation, "DG207")

    assert lines == [
        f'locales/de.po:6:1: DG207 the translation of "{english}" ({CONTEXT}) adds what the English '
        f"text does not have: {additions}"
    ]


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        pytest.param("Press <kbd>Ctrl</kbd> to stop.", "Drücken Sie <kbd>Strg</kbd>.", id="English raw HTML"),
        pytest.param(
            "See [greet][mini.greet] and [the guide](guide.md).",
            "Siehe [die Anleitung](guide.md) und [greet][mini.greet].",
            id="same targets",
        ),
        pytest.param("Never run `<script>` tags.", "Niemals `<script>`-Tags ausführen.", id="code span"),
        pytest.param("## Example", "## Beispiel", id="heading"),
    ],
)
def test_a_translation_that_adds_nothing_is_not_a_finding(
    project: Path, check: Check, english: str, translation: str
) -> None:
    assert check_one(project, check, english, translation, "DG207") == []


def test_fuzzy_and_untranslated_entries_are_not_held_against_the_english_text(
    project: Path, check: Check
) -> None:
    (project / "locales" / "de.po").write_text(
        catalog(
            entry(CONTEXT, "Pass `name`.", "Übergeben Sie <script>alert(1)</script>.", fuzzy=True),
            entry(CONTEXT, "Greet [someone](people.md)."),
        ),
        encoding="utf-8",
    )

    result = check("--select", "DG206,DG207")

    assert (result.code, result.lines) == (0, [])


def test_a_changed_link_target_is_broken_markup_and_an_unsafe_addition(project: Path, check: Check) -> None:
    (project / "locales" / "de.po").write_text(
        catalog(entry(CONTEXT, "See [the guide](guide.md).", "Siehe [hier](https://example.com/).")),
        encoding="utf-8",
    )

    result = check("--select", "DG206,DG207")

    assert result.lines == [
        f'locales/de.po:6:1: DG206 the translation of "See [the guide](guide.md)." ({CONTEXT}) breaks its '
        "markup: the link to `guide.md` is missing",
        f'locales/de.po:6:1: DG207 the translation of "See [the guide](guide.md)." ({CONTEXT}) adds what '
        "the English text does not have: the link target `https://example.com/` (<a href>)",
    ]


def test_an_autoref_written_as_html_is_a_finding_even_where_the_english_text_has_one(
    project: Path, check: Check
) -> None:
    english = 'Greet <autoref identifier="mini">it</autoref>.'

    lines = check_one(project, check, english, 'Grüßen <autoref identifier="mini">es</autoref>.', "DG207")

    assert lines == [
        f'locales/de.po:6:1: DG207 the translation of "{english}" ({CONTEXT}) adds what the English '
        "text does not have: raw HTML <autoref>"
    ]


NAV = "mkdocs.yml:nav"


@pytest.mark.parametrize(
    ("translation", "additions"),
    [
        pytest.param(
            "Schnittstelle<img src=x onerror=alert(1)>",
            "raw HTML <img>; an event-handler attribute onerror on <img>; the link target `x` (<img src>); "
            "markup `<img` in a navigation title, which is plain text",
            id="tag",
        ),
        pytest.param(
            "Schnittstelle<img src=x onerror=alert(1)//",
            "markup `<img` in a navigation title, which is plain text",
            id="tag left open",
        ),
        pytest.param(
            "`<img src=x onerror=alert(1)>`",
            "markup `<img` in a navigation title, which is plain text",
            id="code span",
        ),
        pytest.param(
            'Schnittstelle</span><!-- " -->',
            "markup `</span` in a navigation title, which is plain text; "
            "markup `<!` in a navigation title, which is plain text",
            id="end tag and comment",
        ),
        pytest.param(
            "Schnittstelle &lt;b&gt;",
            "markup `&lt;` in a navigation title, which is plain text; "
            "markup `&gt;` in a navigation title, which is plain text",
            id="character references",
        ),
    ],
)
def test_markup_in_a_navigation_title_is_a_finding(
    project: Path, check: Check, translation: str, additions: str
) -> None:
    lines = check_one_entry(project, check, NAV, "API", translation, "DG207")

    assert lines == [
        f'locales/de.po:6:1: DG207 the translation of "API" ({NAV}) adds what the English text does not '
        f"have: {additions}"
    ]


@pytest.mark.parametrize("translation", ["Schnittstelle", "A < B & C", "Q&A", "„Schnittstelle“"])
def test_a_plain_navigation_title_is_not_a_finding(project: Path, check: Check, translation: str) -> None:
    assert check_one_entry(project, check, NAV, "API", translation, "DG207") == []


def check_one_entry(
    project: Path, check: Check, context: str, english: str, translation: str, rule: str
) -> list[str]:
    """Write a German catalog of one translated entry of any context (its `msgid` on line 6), apply a rule."""
    (project / "locales" / "de.po").write_text(
        catalog(entry(context, english, translation)), encoding="utf-8"
    )
    result = check("--select", rule)
    assert result.code == (1 if result.lines else 0), result.stderr
    return result.lines
