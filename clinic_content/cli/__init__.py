"""The commands (``clinic-content lint|rules|explain|calendar|report|...``)."""


def main(argv: list[str] | None = None) -> int:
    """``clinic_content.cli:main``, the entry point of old installs and scripts."""
    from .main import main as run

    return run(argv)
