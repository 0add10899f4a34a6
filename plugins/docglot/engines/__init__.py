"""The engines that write the site: MkDocs (one build for every language), Zensical (one a language)."""

from pathlib import Path

STYLESHEET_FILE = Path(__file__).parent / "assets" / "docglot.css"
"""docglot's stylesheet (the markers, the notice), which both engines add to the site."""
