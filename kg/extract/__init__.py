"""Extraction: article text → facts with evidence.

The pipeline is an ordered list of stages (:data:`STAGES`); each takes the :class:`Analysis`
of one document, reads what earlier stages found and adds its own facts.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract import actors, concessions, dates, demands, meetings, proposals, sentences
from kg.extract.document import Document, parse_article, read_article
from kg.extract.model import Analysis, Concession, Demand, Meeting, Proposal

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


def grounded(a: Analysis) -> None:
    """Drop any fact whose evidence is empty or is not ``body[start:end]``: no fact without evidence.

    A stage that cites a blank span would otherwise get the whole article refused by SHACL
    (evidence needs start < end); the fact, not the article, is what is wrong.
    """
    body = a.doc.body

    def ok(fact: Meeting | Proposal | Demand | Concession) -> bool:
        ev = fact.evidence
        return 0 <= ev.start < ev.end <= len(body) and body[ev.start:ev.end] == ev.quote

    a.mentions = [m for m in a.mentions if m.start < m.end and body[m.start:m.end] == m.text]
    a.meetings = [m for m in a.meetings if ok(m)]
    a.proposals = [p for p in a.proposals if ok(p)]
    a.demands = [d for d in a.demands if ok(d)]
    a.concessions = [c for c in a.concessions if ok(c)]


def extract(doc: Document) -> Analysis:
    """Run every stage on ``doc`` and return the facts found, each with evidence into ``doc.body``.

    Offsets are Python string indices into ``doc.body``; facts without valid evidence are dropped
    (:func:`grounded`).
    """
    a = Analysis(doc)
    for _name, stage in STAGES:
        stage(a)
    grounded(a)
    return a


__all__ = ["Analysis", "Document", "STAGES", "extract", "grounded", "parse_article", "read_article"]
