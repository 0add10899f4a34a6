"""Rules on the code (DG1xx): the packages loaded with the extension, their `Doc` metadata."""
