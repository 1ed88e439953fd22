"""Analyse: what the words of a post say — tokens and lemmas, phrases, jargon, names,
readability, personal data, patients, and masking for output. Knows nothing of rules."""
