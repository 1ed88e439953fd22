"""Read: from a path to a ``Post`` — the config that applies, which files are posts, the
text with exact positions, the front-matter and its schema, the Markdown body, the consents."""
