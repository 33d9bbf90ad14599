"""Shared fixtures: settings and stores (in memory, on disk), and a small hand-built world of facts.

The world (:func:`world_analyses`) is two articles written for the query tests, with answers known
by construction (see tests/test_queries.py). Facts are built directly (no extraction), so the
tests do not depend on the extraction stages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from kg.extract.document import Document
from kg.extract.gazetteer import entity_by_key
from kg.extract.model import Analysis, Concession, Demand, Entity, Meeting, Mention, Proposal
from kg.graph import build_article_graph
from kg.settings import Settings
from kg.store import OxigraphStore, Store

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for an in-memory store (KG_DATA_DIR points at an empty temporary folder anyway)."""
    return Settings(in_memory=True, data_dir=tmp_path / "data", seeds_dir=REPO / "seeds")


@pytest.fixture
def disk_settings(tmp_path: Path) -> Settings:
    """Settings for an on-disk store in a temporary KG_DATA_DIR."""
    return Settings(in_memory=False, data_dir=tmp_path / "data", seeds_dir=REPO / "seeds")


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store, once in memory and once on disk (the contract tests run on both)."""
    s = OxigraphStore(None if request.param == "memory" else tmp_path / "store")
    yield s
    if hasattr(s, "_store"):
        s.close()


# -- a hand-built world ----------------------------------------------------------------------------


def ent(key: str) -> Entity:
    """A gazetteer entity by key (fails loudly if the gazetteer lost it)."""
    e = entity_by_key(key)
    assert e is not None, key
    return e


ANCHORAGE = Entity("anchorage-test", "Place", "Anchorage")
MOSCOW = Entity("moscow-test", "Place", "Moscow")


class Writer:
    """Builds an Analysis: ``say(text)`` appends a sentence to the body and returns its Evidence."""

    def __init__(self, article_id: str, published: str = "2025-12-05") -> None:
        self.id = article_id
        self.parts: list[str] = []
        self.published = published
        self.pending: list = []
        self.a: Analysis | None = None

    def say(self, text: str):
        start = sum(len(p) + 1 for p in self.parts)
        self.parts.append(text)
        return ("ev", start, start + len(text))

    def analysis(self) -> Analysis:
        body = "\n".join(self.parts)
        doc = Document(
            self.id,
            body,
            published=dt.date.fromisoformat(self.published),
            language="en",
            sha256=hashlib.sha256(body.encode()).hexdigest(),
        )
        return Analysis(doc)


def _ev(a: Analysis, span: tuple) -> object:
    return a.evidence(span[1], span[2])


def world_analyses() -> list[Analysis]:
    """Two articles. See tests/test_queries.py for what each query must answer on them."""
    putin, russia, ukraine, us = ent("Q7747"), ent("Q159"), ent("Q212"), ent("Q30")
    trump, witkoff, zelensky, ushakov = (
        ent("Q22686"),
        ent("steve-witkoff"),
        ent("Q3874799"),
        ent("yuri-ushakov"),
    )

    # Article A
    w = Writer("test-a")
    s_p1 = w.say("In June 2024 Putin set out his conditions.")
    s_d1 = w.say("He demanded withdrawal, neutrality and recognition.")
    s_p3 = w.say("The Istanbul draft of 2022 was written by both delegations.")
    s_d3 = w.say("Russia demanded neutrality and recognition in the draft.")
    s_p5 = w.say("The US 28-point plan was drafted in 2025.")
    s_d5 = w.say("It demanded neutrality and security guarantees; Russia wanted military limits in it.")
    s_p6 = w.say("A 19-point revision followed in 2025.")
    s_d6 = w.say("It asked for security guarantees and a ceasefire.")
    s_m1 = w.say("Putin and Trump met in Anchorage on 15 August 2025.")
    s_m2 = w.say("Witkoff met Putin in Moscow on 2 December 2025.")
    s_m3 = w.say("Witkoff and Zelensky plan to meet.")
    s_c1 = w.say("Zelensky rejected any withdrawal and neutrality.")
    s_c2 = w.say("Russia and Ukraine accepted a ceasefire.")
    s_n = w.say("Yuri Ushakov said Russia also wants an amnesty.")
    a = w.analysis()
    body = a.doc.body

    def mention(e: Entity, text: str, via: str = "name") -> Mention:
        i = body.index(text)
        return Mention(e, i, i + len(text), text, via)

    a.mentions = [
        mention(putin, "Putin"),
        mention(trump, "Trump"),
        mention(witkoff, "Witkoff"),
        mention(zelensky, "Zelensky"),
        mention(ushakov, "Yuri Ushakov"),
        mention(russia, "Russia"),
        mention(ukraine, "Ukraine"),
        mention(us, "US", "alias"),
    ]
    p1 = Proposal(_ev(a, s_p1), "Putin's conditions", "Conditions", [putin], None, "2024-06")
    p3 = Proposal(_ev(a, s_p3), "Istanbul draft", "DraftTreaty", [russia, ukraine], None, "2022")
    p5 = Proposal(_ev(a, s_p5), "US 28-point plan", "PeacePlan", [us], 28, "2025")
    p6 = Proposal(_ev(a, s_p6), "US 19-point plan", "PeacePlan", [us], 19, "2025", revision_of=p5)
    a.proposals = [p1, p3, p5, p6]
    a.demands = [
        Demand(
            _ev(a, s_d1),
            putin,
            ["territory-withdrawal", "neutrality-no-nato", "territory-recognition"],
            stated_in=p1,
        ),
        Demand(_ev(a, s_d3), russia, ["neutrality-no-nato", "territory-recognition"], stated_in=p3),
        Demand(_ev(a, s_d5), us, ["neutrality-no-nato", "security-guarantees"], stated_in=p5),
        Demand(_ev(a, s_d5), russia, ["military-limits"], stated_in=p5),
        Demand(_ev(a, s_d6), us, ["security-guarantees", "ceasefire"], stated_in=p6),
        Demand(_ev(a, s_n), ushakov, ["amnesty"]),
    ]
    a.meetings = [
        Meeting(_ev(a, s_m1), "2025-08-15", place=ANCHORAGE, participants=[putin, trump]),
        Meeting(_ev(a, s_m2), "2025-12-02", place=MOSCOW, participants=[witkoff, putin]),
        Meeting(_ev(a, s_m3), None, participants=[witkoff, zelensky], status="Planned"),
    ]
    a.concessions = [
        Concession(_ev(a, s_c1), zelensky, ["territory-withdrawal", "neutrality-no-nato"], "Rejected"),
        Concession(_ev(a, s_c2), russia, ["ceasefire"], "Accepted"),
        Concession(_ev(a, s_c2), ukraine, ["ceasefire"], "Accepted"),
    ]

    # Article B: the same summit (another participant), the same summit dated a day later,
    # Putin's conditions dated to the day, a Russian memorandum that reiterates them, a misspelt name.
    w = Writer("test-b", "2025-12-06")
    s_m1 = w.say("Witkoff joined Putin and Trump in Anchorage on 15 August 2025.")
    s_m1b = w.say("Officials put the Anchorage summit on 16 August 2025.")
    s_m1c = w.say("The Moscow talks took place in December 2025.")
    s_p1 = w.say("Putin's conditions of 14 May 2024 were repeated.")
    s_p2 = w.say("Russia's memorandum of June 2025 repeats them.")
    s_d2 = w.say("It demands recognition, withdrawal and elections.")
    s_n = w.say("Igor Yushakov confirmed it.")
    s_c = w.say("Russia rejected a full ceasefire; Ukraine offered to freeze the front.")
    b = w.analysis()
    body = b.doc.body
    b.mentions = [
        mention(putin, "Putin"),
        mention(trump, "Trump"),
        mention(witkoff, "Witkoff"),
        mention(russia, "Russia"),
        mention(ushakov, "Igor Yushakov"),
        mention(ukraine, "Ukraine"),
    ]
    q1 = Proposal(_ev(b, s_p1), "Putin's June 2024 conditions", "Conditions", [putin], None, "2024-05-14")
    q2 = Proposal(
        _ev(b, s_p2), "Russian memorandum", "Memorandum", [russia], None, "2025-06", reiterates=[q1]
    )
    b.proposals = [q1, q2]
    b.demands = [
        Demand(
            _ev(b, s_d2), russia, ["territory-recognition", "territory-withdrawal", "elections"], stated_in=q2
        )
    ]
    b.meetings = [
        Meeting(_ev(b, s_m1), "2025-08-15", place=ANCHORAGE, participants=[putin, trump, witkoff]),
        Meeting(_ev(b, s_m1b), "2025-08-16", place=ANCHORAGE, participants=[putin, trump]),
        Meeting(_ev(b, s_m1c), "2025-12", place=MOSCOW, participants=[witkoff, putin]),
    ]
    b.concessions = [
        Concession(_ev(b, s_c), russia, ["ceasefire"], "Rejected"),
        Concession(_ev(b, s_c), ukraine, ["frontline-freeze"], "Offered"),
    ]
    return [a, b]


@pytest.fixture
def world() -> Store:
    """An in-memory store holding the two hand-built articles of :func:`world_analyses`."""
    s = OxigraphStore()
    for a in world_analyses():
        g = build_article_graph(a)
        s.replace_graph(g.graph, g.article, g.reference)
    return s
