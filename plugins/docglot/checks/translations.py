"""Rules on translations (DG201-DG207). Being written."""

from __future__ import annotations

from docglot.checks.settings import Settings
from docglot.checks.site_config import SiteConfig
from docglot.findings import Finding


def check_translations(site: SiteConfig, settings: Settings) -> list[Finding]:
    """Apply the translation rules to every catalog of the site."""
    return []
