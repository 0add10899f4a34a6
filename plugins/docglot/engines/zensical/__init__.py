"""`docglot build --engine zensical`: the site built with Zensical, one build a language."""
