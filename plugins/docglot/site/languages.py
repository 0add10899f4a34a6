"""The site's languages: which exist, where their pages live, and what each page is called there.

Pages of the source language live in `docs/SOURCE/` and are published at the site root;
pages of another language live in `docs/LANGUAGE/` and are published under `/LANGUAGE/`.
A page missing in a language is generated from the source page, so every language has the
same tree of pages. Files outside the language folders (shared assets) are published as
they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from typing import Any, Protocol

from babel import Locale, UnknownLocaleError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import is_markdown_file

from docglot.errors import DocglotError
from docglot.text.labels import label

_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
NOT_TRANSLATED_NOTICE = "This page is not translated yet: it is shown in English."


@dataclass(frozen=True)
class Languages:
    """The languages a site is built in; the first one is the source language."""

    codes: tuple[str, ...]
    """The languages built, source first."""
    declared: tuple[str, ...] = field(default=())
    """All languages of the site; a build may leave some out (`docglot serve --lang`, the extraction)."""

    @property
    def source(self) -> str:
        """The language the code and the source pages are written in."""
        return self.codes[0]

    @property
    def translations(self) -> tuple[str, ...]:
        """The languages other than the source language."""
        return self.codes[1:]

    @classmethod
    def parse(cls, codes: list[str], *, only: Sequence[str] = ()) -> Languages:
        """Check the declared language codes; `only`, when given, keeps the source and those languages."""
        problem = find_problem(codes)
        if problem is not None:
            raise DocglotError(problem.message)
        built = codes
        if only:
            unknown = set(only) - set(codes)
            if unknown:
                raise DocglotError(f"{', '.join(sorted(unknown))} not among the declared languages")
            built = [code for index, code in enumerate(codes) if index == 0 or code in only]
        return cls(tuple(built), tuple(codes))

    def of_file(self, src_uri: str) -> tuple[str | None, str]:
        """Split a path under the docs folder into its language (if any) and the rest."""
        first, _, rest = src_uri.partition("/")
        if rest and first in (self.declared or self.codes):
            return first, rest
        return None, src_uri

    def of_url(self, url: str) -> tuple[str, str]:
        """Split a site URL into its language and the rest: unprefixed URLs are the source's."""
        first, _, rest = url.partition("/")
        if first in self.translations:
            return first, rest
        return self.source, url

    def root_url(self, language: str) -> str:
        """Return the site-relative URL of a language's home."""
        return "" if language == self.source else f"{language}/"

    def name(self, language: str) -> str:
        """Return a language's name, written in that language."""
        return _language_name(language)


@dataclass(frozen=True)
class LanguageProblem:
    """What is wrong with a list of declared languages."""

    message: str
    """What is wrong and how to fix it."""
    index: int | None = None
    """The place of the wrong item in the list; `None` when the list itself is wrong."""


def find_problem(codes: object) -> LanguageProblem | None:
    """Return the first problem of a declared list of language codes, if any.

    A code names the language's folder of pages and its catalog, so it must be a plain
    language tag: `../x` would put both outside the site's folders.
    """
    if not isinstance(codes, list) or not codes:
        return LanguageProblem(
            "no language is declared; list the site's languages, the source language first, "
            "e.g. languages: [en, de]"
        )
    seen: dict[str, str] = {}
    for index, code in enumerate(codes):
        if isinstance(code, bool):  # YAML 1.1 reads `no`, `on`, `off`, `yes` as booleans.
            return LanguageProblem(
                f"{code!r} is not a language code (YAML reads no, off, yes and on as booleans); "
                "quote the code, e.g. 'no'",
                index,
            )
        if not isinstance(code, str) or not _CODE.match(code):
            return LanguageProblem(
                f"{code!r} is not a language code like 'de' or 'pt-BR'; write the language's code, "
                "which also names its folder of pages and its catalog",
                index,
            )
        # Folders differing only in case are one folder on macOS and Windows.
        earlier = seen.get(code.casefold())
        if earlier is not None:
            also = "" if earlier == code else f" (as {earlier!r} too)"
            return LanguageProblem(f"{code!r} is declared twice in 'languages'{also}; remove one", index)
        seen[code.casefold()] = code
    return None


def babel_locale(language: str) -> str:
    """The Babel locale identifier of a language code: `pt-BR` is `pt_BR`."""
    return language.replace("-", "_")


@cache
def _language_name(language: str) -> str:
    try:
        return Locale.parse(babel_locale(language)).get_display_name() or language
    except (ValueError, UnknownLocaleError):
        return language


def notice_html(language: str) -> str:
    """The notice shown on a page that falls back to the source language."""
    text = escape(label(NOT_TRANSLATED_NOTICE, language))
    return f'<div class="docglot-notice" data-docglot-state="page-untranslated">{text}</div>'


def with_notice(html: str, notice: str) -> str:
    """Put the notice after the page's title (its first `h1`), or first if it has none."""
    end = html.find("</h1>")
    return f"{html[: end + 5]}\n{notice}{html[end + 5 :]}" if end >= 0 else f"{notice}\n{html}"


def localize_files(files: Files, config: MkDocsConfig, languages: Languages) -> tuple[Files, set[str]]:
    """Publish source pages at the root and give every language the full tree of pages.

    Returns the files and the paths of the pages generated from the source language.
    """
    result: list[File] = []
    fallbacks: set[str] = set()
    present = {file.src_uri for file in files}
    for file in files:
        language, relative = languages.of_file(file.src_uri)
        if language is None:
            if file.is_documentation_page() and not file.generated_by:
                raise DocglotError(
                    f"{file.src_uri} is outside the language folders; move it to "
                    f"{languages.source}/{file.src_uri}"
                )
            result.append(file)
            continue
        if language not in languages.codes:
            continue  # A declared language this build leaves out.
        if file.inclusion is InclusionLevel.INCLUDED and language != languages.source:
            file.inclusion = InclusionLevel.NOT_IN_NAV  # Each language gets its own navigation.
        if language != languages.source:
            result.append(file)
            continue
        # A source file keeps its identity (content, generator) and only moves to the root.
        file.dest_uri = File(relative, file.src_dir, file.dest_dir, file.use_directory_urls).dest_uri
        vars(file).pop("url", None)  # `url` is cached from `dest_uri`: let it follow.
        result.append(file)
        if file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
            continue
        for translation in languages.translations:
            target = f"{translation}/{relative}"
            if target in present:
                continue
            generated = _generated(config, target)
            if file.is_documentation_page():
                generated.content_string = file.content_string
                fallbacks.add(target)
            elif file.abs_src_path is not None:  # Images and other assets: relative links keep working.
                generated.abs_src_path = file.abs_src_path
            else:
                generated.content_bytes = file.content_bytes
            result.append(generated)
    return Files(result), fallbacks


def _generated(config: MkDocsConfig, src_uri: str) -> File:
    """A page or file docglot adds, as `File.generated` makes one, without content yet.

    Named as docglot's whichever engine places the files: `File.generated` names the
    plugin whose MkDocs event is running, and the Zensical build runs none.
    """
    file = File(
        src_uri,
        src_dir=None,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.generated_by = "docglot"
    return file


class NavTitle(Protocol):
    """What gives the titles written in `nav` in one language."""

    def __call__(self, text: str, *, page: bool) -> str:
        """Return the title `text` of a section or a link, or of a page (`page`), in the language."""


def is_page(target: str) -> bool:
    """Whether a `nav` target is a page of the docs (not a URL, an absolute path or a mail link)."""
    return is_markdown_file(target) and ":" not in target and not target.startswith("/")


def localize_nav(nav: Any, language: str, languages: Languages, title: NavTitle) -> Any:
    """Return the `nav` configuration for a language: paths into its folder, titles translated.

    Every title written in `nav` (of a section, a page or a link) goes through `title`
    outside the source language; a page listed without a title keeps none, and is listed
    under its own first heading, written in its language. Links keep their target.
    """
    source = language == languages.source
    if isinstance(nav, str):
        return f"{language}/{nav}" if is_page(nav) else nav
    if isinstance(nav, list):
        return [localize_nav(item, language, languages, title) for item in nav]
    if isinstance(nav, dict):
        return {
            key if source else title(key, page=_is_page_entry(value)): localize_nav(
                value, language, languages, title
            )
            for key, value in nav.items()
        }
    return nav


def _is_page_entry(value: Any) -> bool:
    return isinstance(value, str) and is_page(value)


def titled_pages(nav: Any) -> dict[str, str]:
    """Map each page listed with a title in a `nav` configuration to that title.

    A page listed twice keeps its first title, as MkDocs gives a page the title of its first
    entry.
    """
    titles: dict[str, str] = {}
    if isinstance(nav, list):
        for item in nav:
            for path, title in titled_pages(item).items():
                titles.setdefault(path, title)
    elif isinstance(nav, dict):
        for key, value in nav.items():
            found = {value: key} if _is_page_entry(value) else titled_pages(value)
            for path, title in found.items():
                titles.setdefault(path, title)
    return titles


def nav_titles(nav: Any) -> Iterable[str]:
    """Yield every title written in a `nav` configuration: of its sections, pages and links."""
    if isinstance(nav, list):
        for item in nav:
            yield from nav_titles(item)
    elif isinstance(nav, dict):
        for key, value in nav.items():
            yield key
            yield from nav_titles(value)
