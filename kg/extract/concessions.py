"""Stage: concessions (stub, to be written)."""

from __future__ import annotations

from kg.extract.model import Analysis


def run(a: Analysis) -> None:
    """Find concessions in ``a``."""
