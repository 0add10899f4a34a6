"""The MkDocs plugin and what it does after MkDocs' own build: the per-language search index."""
