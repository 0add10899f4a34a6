"""`docglot check --site`: a built site held against the code and the catalogs (DG301-DG303)."""
