"""Contract between the graph builder and the shapes: well-formed facts always build a conforming graph.

Facts are generated at random (hypothesis) from the gazetteer's entities and the model's value sets,
with evidence spans inside a generated body, and built with :func:`kg.graph.build_article_graph`.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.document import Document
from kg.extract.gazetteer import entities
from kg.extract.model import (
    CONCESSION_STATUSES,
    MEETING_STATUSES,
    PROPOSAL_KINDS,
    Analysis,
    Concession,
    Demand,
    Meeting,
    Mention,
    Proposal,
)
from kg.graph import build_article_graph
from kg.validate import validate_quads
from kg.validate.resources import issues_graph

BODY = "Talks were held. " * 40
ISSUE_IDS = sorted(str(s).rsplit("/", 1)[-1] for s in issues_graph().subjects()
                   if str(s).startswith("https://w3id.org/peacetalks/issue/"))
ACTORS = sorted((e for e in entities().values() if e.is_actor), key=lambda e: e.key)
PLACES = sorted((e for e in entities().values() if e.kind == "Place"), key=lambda e: e.key)

actors = st.sampled_from(ACTORS)
places = st.sampled_from(PLACES)
days = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def spans(draw: st.DrawFn) -> tuple[int, int]:
    """A span holding some text (Analysis.evidence trims a blank span to nothing, which no fact may cite)."""
    start = draw(st.integers(0, len(BODY) - 2))
    end = draw(st.integers(start + 1, min(len(BODY), start + 60)))
    if not BODY[start:end].strip():
        end = min(len(BODY), end + 2)
    return start, end


@st.composite
def dates(draw: st.DrawFn) -> str:
    d = draw(days)
    return d.isoformat()[: draw(st.sampled_from([10, 7, 4]))]


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    doc = Document("hyp", BODY, language=draw(st.sampled_from(["en", "ar", "mixed", None])),
                   sha256=hashlib.sha256(BODY.encode()).hexdigest())
    a = Analysis(doc)

    def ev() -> object:
        s, e = draw(spans())
        return a.evidence(s, e)

    for _ in range(draw(st.integers(0, 4))):
        s, e = draw(spans())
        a.mentions.append(Mention(draw(actors), s, e, BODY[s:e]))
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.none() | dates())
        end = None
        if start and len(start) == 10 and draw(st.booleans()):
            end = start  # a one-day range; later days are added below when possible
        a.meetings.append(Meeting(ev(), date=start, end_date=end, place=draw(st.none() | places),
                                  participants=draw(st.lists(actors, max_size=3, unique_by=lambda e: e.key)),
                                  status=draw(st.sampled_from(MEETING_STATUSES)),
                                  label=draw(st.none() | st.just("talks"))))
    issues = st.lists(st.sampled_from(ISSUE_IDS), min_size=1, max_size=2, unique=True)
    for _ in range(draw(st.integers(0, 3))):
        authors = draw(st.lists(actors, max_size=2, unique_by=lambda e: e.key))
        a.proposals.append(Proposal(ev(), label="a plan", kind=draw(st.sampled_from(PROPOSAL_KINDS)),
                                    authors=authors, points=draw(st.none() | st.integers(1, 40)),
                                    date=draw(st.none() | dates())))
    for _ in range(draw(st.integers(0, 4))):
        stated_in = draw(st.none() | st.sampled_from(a.proposals)) if a.proposals else None
        a.demands.append(Demand(ev(), by=draw(actors), issues=draw(issues),
                                addressed_to=draw(st.none() | actors), stated_in=stated_in))
    for _ in range(draw(st.integers(0, 4))):
        responds_to = draw(st.none() | st.sampled_from(a.demands)) if a.demands else None
        a.concessions.append(Concession(ev(), by=draw(actors), issues=draw(issues),
                                        status=draw(st.sampled_from(CONCESSION_STATUSES)),
                                        to=draw(st.none() | actors), responds_to=responds_to))
    return a


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analyses())
def test_built_graphs_conform(a: Analysis) -> None:
    report = validate_quads(build_article_graph(a).quads)
    assert report.conforms, report.text


# Few actors, places, dates and point counts, so that facts often meet on one node (same meeting
# date and place, same proposal parties and point count): a conflict, which must not refuse the article.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(MEETING_STATUSES), st.sampled_from(["2025-01", "2025-01-02"]),
                          st.sampled_from(PROPOSAL_KINDS), st.sampled_from(["2024", "2025-03"])),
                min_size=2, max_size=4))
def test_facts_meeting_on_one_node_conform(rows: list[tuple[str, str, str, str]]) -> None:
    doc = Document("hyp", BODY, sha256=hashlib.sha256(BODY.encode()).hexdigest())
    a = Analysis(doc)
    place, authors = PLACES[0], [ACTORS[0]]
    for i, (status, date, kind, proposal_date) in enumerate(rows):
        end_date = date if len(date) == 10 else None
        a.meetings.append(Meeting(a.evidence(i, i + 10), date="2025-01", end_date=end_date, place=place,
                                  participants=authors, status=status))
        a.proposals.append(Proposal(a.evidence(i, i + 12), label="plan", kind=kind, authors=authors,
                                    points=12, date=proposal_date))
    report = validate_quads(build_article_graph(a).quads)
    assert report.conforms, report.text
