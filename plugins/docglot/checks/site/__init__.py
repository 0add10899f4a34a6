"""Rules on a built site (DG3xx): each language's reference pages against the code and the catalogs."""
