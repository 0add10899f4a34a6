"""A catalog or a setting that cannot be used is a configuration error: one line, exit code 2."""

from __future__ import annotations

from pathlib import Path

from tests.checks.translations.project import Check, catalog, entry


def test_a_broken_catalog_is_one_line_and_exit_code_2(project: Path, check: Check) -> None:
    text = catalog(entry("mini.greet:docstring", "Greet someone.", "Jemanden grüßen."))
    (project / "locales" / "de.po").write_text(text.replace('"Greet someone."', '"Greet someone.'))

    result = check("--select", "DG2")

    assert (result.code, result.lines) == (2, [])
    assert result.stderr == (
        "docglot: locales/de.po:6: this line is not a PO keyword with a quoted string "
        '(msgid "Greet someone.); fix its quotes\n'
    )


def test_a_minimum_share_for_a_language_the_site_lacks_is_one_line_and_exit_code_2(
    project: Path, check: Check
) -> None:
    (project / "pyproject.toml").write_text("[tool.docglot]\nmin-translated = { de = 80, it = 50 }\n")

    result = check("--select", "DG204")

    assert (result.code, result.lines) == (2, [])
    assert result.stderr == (
        "docglot: 'min-translated': it is not a translation of mkdocs.yml (de, fr); "
        "use those languages or '*'\n"
    )


def test_a_source_site_that_does_not_build_is_one_line_and_exit_code_2(project: Path, check: Check) -> None:
    # Two `Doc` in one `Annotated` is a build warning, and the extraction is strict.
    module = project / "src" / "mini" / "__init__.py"
    module.write_text(module.read_text().replace('Doc("Shout the greeting.")', 'Doc("Shout."), Doc("Loud.")'))

    result = check("--select", "DG205")

    assert (result.code, result.lines) == (2, [])
    assert result.stderr.splitlines()[-1] == (
        "docglot: mkdocs.yml: the source-language site does not build (Aborted with 1 warnings in strict "
        "mode!), so its text cannot be held against the catalogs; fix what is reported above, or leave out "
        "DG205 (--ignore DG205)"
    )
