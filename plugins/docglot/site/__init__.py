"""The site: languages and their folders, what a translation may render, the atomic site swap."""
