"""The site's languages: which exist, where their pages live, and what each page is called there.

Pages of the source language live in `docs/SOURCE/` and are published at the site root;
pages of another language live in `docs/LANGUAGE/` and are published under `/LANGUAGE/`.
A page missing in a language is generated from the source page with a notice, so every
language has the same tree of pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from babel import Locale, UnknownLocaleError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from docglot.labels import label

_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
NOT_TRANSLATED_NOTICE = "This page is not translated yet: it is shown in English."


@dataclass(frozen=True)
class Languages:
    """The languages a site is built in; the first one is the source language."""

    codes: tuple[str, ...]
    """The languages built, source first."""
    declared: tuple[str, ...] = ()
    """All languages of the site; a build may leave some out (`DOCGLOT_LANGUAGES`)."""

    @property
    def source(self) -> str:
        """The language the code and the source pages are written in."""
        return self.codes[0]

    @property
    def translations(self) -> tuple[str, ...]:
        """The languages other than the source language."""
        return self.codes[1:]

    @classmethod
    def parse(cls, codes: list[str], *, only: str | None = None) -> Languages:
        """Check the declared language codes; `only` keeps the source and some languages."""
        if not codes:
            raise PluginError(
                "docglot: 'languages' is empty; declare at least the source language, e.g. [en]"
            )
        seen: set[str] = set()
        for code in codes:
            if not isinstance(code, str) or not _CODE.match(code):
                raise PluginError(f"docglot: language code {code!r} is not a code like 'de' or 'pt-BR'")
            if code in seen:
                raise PluginError(f"docglot: language {code!r} is declared twice in 'languages'")
            seen.add(code)
        if only:
            wanted = {code.strip() for code in only.split(",") if code.strip()}
            unknown = wanted - seen
            if unknown:
                raise PluginError(f"docglot: {', '.join(sorted(unknown))} not among the declared languages")
            return cls(tuple(c for i, c in enumerate(codes) if i == 0 or c in wanted), tuple(codes))
        return cls(tuple(codes), tuple(codes))

    def of(self, src_uri: str) -> str:
        """Return the language of a documentation file from its path under the docs directory."""
        first = src_uri.split("/", 1)[0]
        return first if first in self.codes or first in self.declared else self.source

    def root_url(self, language: str) -> str:
        """Return the site-relative URL of a language's home."""
        return "" if language == self.source else f"{language}/"

    def name(self, language: str) -> str:
        """Return a language's name, written in that language."""
        return _language_name(language)


@cache
def _language_name(language: str) -> str:
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name() or language
    except (ValueError, UnknownLocaleError):
        return language


def _with_notice(markdown: str, language: str) -> str:
    notice = (
        f'<div class="docglot-notice" data-docglot-state="page-untranslated">'
        f"{escape(label(NOT_TRANSLATED_NOTICE, language))}</div>"
    )
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):  # Keep the title first: MkDocs takes it from the first heading.
            return "\n".join([*lines[: index + 1], "", notice, "", *lines[index + 1 :]])
    return f"{notice}\n\n{markdown}"


def localize_files(files: Files, config: MkDocsConfig, languages: Languages) -> Files:
    """Publish source pages at the root and give every language the full tree of pages."""
    source_prefix = f"{languages.source}/"
    result: list[File] = []
    present = {file.src_uri for file in files}
    for file in files:
        language = languages.of(file.src_uri)
        if language not in languages.codes:
            continue  # A declared language this build leaves out.
        if not file.src_uri.startswith(source_prefix):
            if language != languages.source:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # Each language gets its own navigation.
            result.append(file)
            continue
        relative = file.src_uri.removeprefix(source_prefix)
        published = File(
            file.src_uri,
            file.src_dir,
            file.dest_dir,
            file.use_directory_urls,
            dest_uri=File(relative, file.src_dir, file.dest_dir, file.use_directory_urls).dest_uri,
            inclusion=file.inclusion,
        )
        result.append(published)
        for language in languages.translations:
            if f"{language}/{relative}" in present:
                continue
            if file.is_documentation_page():
                content: str | bytes = _with_notice(file.content_string, language)
                generated = File.generated(config, f"{language}/{relative}", content=content)
            elif file.abs_src_path is not None:  # Images and other assets: relative links keep working.
                generated = File.generated(config, f"{language}/{relative}", abs_src_path=file.abs_src_path)
            else:
                generated = File.generated(config, f"{language}/{relative}", content=file.content_bytes)
            generated.inclusion = InclusionLevel.NOT_IN_NAV
            result.append(generated)
    return Files(result)


NavTitle = Callable[[str], str]


def localize_nav(nav: Any, language: str, languages: Languages, title: NavTitle) -> Any:
    """Return the `nav` configuration for a language: paths into its folder, titles translated.

    Page titles are dropped outside the source language, so that each page is listed under
    its own first heading, written in its language.
    """
    source = language == languages.source
    if isinstance(nav, str):
        return nav if "://" in nav else f"{language}/{nav}"
    if isinstance(nav, list):
        return [localize_nav(item, language, languages, title) for item in nav]
    if isinstance(nav, dict):
        localized: dict[str, Any] = {}
        for key, value in nav.items():
            if isinstance(value, str) and "://" not in value:
                if source:
                    localized[key] = localize_nav(value, language, languages, title)
                else:
                    return localize_nav(value, language, languages, title)
            else:
                localized[key if source else title(key)] = localize_nav(value, language, languages, title)
        return localized
    return nav


def nav_titles(nav: Any) -> Iterable[str]:
    """Yield the section and link titles of a `nav` configuration (page titles come from pages)."""
    if isinstance(nav, list):
        for item in nav:
            yield from nav_titles(item)
    elif isinstance(nav, dict):
        for key, value in nav.items():
            if not (isinstance(value, str) and "://" not in value):
                yield key
            yield from nav_titles(value)
