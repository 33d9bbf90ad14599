"""Extraction: article text → facts with evidence.

The pipeline is an ordered list of stages (:data:`STAGES`); each takes the :class:`Analysis`
of one document, reads what earlier stages found and adds its own facts.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract import actors, concessions, dates, demands, meetings, proposals, sentences
from kg.extract.document import Document, parse_article, read_article
from kg.extract.model import Analysis

Stage = Callable[[Analysis], None]

STAGES: list[tuple[str, Stage]] = [
    ("sentences", sentences.run),
    ("actors", actors.run),
    ("dates", dates.run),
    ("meetings", meetings.run),
    ("proposals", proposals.run),
    ("demands", demands.run),
    ("concessions", concessions.run),
]


def extract(doc: Document) -> Analysis:
    """Run every stage on ``doc`` and return the facts found, each with evidence into ``doc.body``."""
    a = Analysis(doc)
    for _name, stage in STAGES:
        stage(a)
    return a


__all__ = ["Analysis", "Document", "STAGES", "extract", "parse_article", "read_article"]
