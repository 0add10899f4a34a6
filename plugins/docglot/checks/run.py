"""One `docglot check` run: read, apply the rules, keep what the settings ask for."""

from __future__ import annotations

from pathlib import Path

from docglot.checks.baseline import read_baseline, without_baseline
from docglot.checks.settings import Settings
from docglot.checks.site.site_config import SiteConfig, read_site_config
from docglot.checks.source.metadata import public_api, unread_docs, unrendered_objects
from docglot.checks.source.packages import LoadedPackages, load_packages, within
from docglot.checks.suppressions import without_ignored
from docglot.findings import Finding
from docglot.rules import RULES, UNDOCUMENTED_PARAMETER, UNRENDERED_OBJECT, Family


def collect_findings(settings: Settings, *, site_dir: Path | None = None) -> list[Finding]:
    """Apply the selected rules to the settings' paths, the site's catalogs and a built site.

    Returns the findings sorted by file and line, without those that a comment or the
    baseline accepts.
    """
    selected = {code for code in RULES if settings.selects(code)}
    families = {RULES[code].family for code in selected}
    site: SiteConfig | None = None
    if settings.config_file and (
        families & {Family.translations, Family.site} or UNRENDERED_OBJECT in selected
    ):
        site = read_site_config(settings.config_file)

    findings: list[Finding] = []
    packages: LoadedPackages | None = None
    if settings.paths and Family.metadata in families:
        packages = load_packages(settings.paths, settings.docstring_style)
        api = public_api(packages.modules)
        for finding in packages.findings:
            owner = finding.target.partition(":")[0]
            if within(owner, packages.modules) and (finding.code != UNDOCUMENTED_PARAMETER or owner in api):
                findings.append(finding)
        findings.extend(unread_docs(packages.modules))
        if site is not None and UNRENDERED_OBJECT in selected:
            findings.extend(unrendered_objects(packages.modules, site.docs_dir))
    if site is not None and Family.translations in families:
        from docglot.checks.catalogs.translations import check_translations

        findings.extend(check_translations(site, settings))
    if site_dir is not None:
        from docglot.checks.site.built_site import check_site

        if site is None:
            site = read_site_config(settings.config_file or "mkdocs.yml")
        findings.extend(check_site(site_dir, site, packages, settings))

    kept = sorted(without_ignored({finding for finding in findings if finding.code in selected}))
    if settings.baseline:
        kept = without_baseline(kept, read_baseline(Path(settings.baseline)))
    return kept
