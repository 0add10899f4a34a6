"""Rules on a built site (DG301-DG303). Being written."""

from __future__ import annotations

from pathlib import Path

from docglot.checks.site_config import SiteConfig
from docglot.findings import Finding


def check_site(site_dir: Path, site: SiteConfig) -> list[Finding]:
    """Hold a built site against the code and the catalogs."""
    return []
