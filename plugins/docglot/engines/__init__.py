"""The engines that write the site: MkDocs (one build for every language), Zensical (one a language)."""
