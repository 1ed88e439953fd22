"""The language server (``clinic-content server``)."""
