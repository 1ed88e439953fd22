"""Rules: the rule interface, the registry (built-ins, data packs, plugins), selection and
suppression switches, fixes, and the built-in rules in ``checks/``. Knows nothing of the
engine, the cache or the CLI."""
