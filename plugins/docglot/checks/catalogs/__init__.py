"""Rules on the catalogs (DG2xx): the catalogs held against the messages the code has."""
