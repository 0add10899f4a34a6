"""Text: messages of the sections, PO catalogs and their merge, a language's translation, labels."""
