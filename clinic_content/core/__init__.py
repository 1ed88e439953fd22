"""Shared vocabulary of every stage: findings and diagnostics, the clock, safe text and
file access, rule-pack data. Imports nothing from the other packages."""
