"""Graph building: deterministic IRIs, one node per shared meeting/proposal/actor, reference graph,
names as written, evidence grounding; and serialisation in all four formats."""

from __future__ import annotations

import json

import pytest
from conftest import world_analyses
from pyoxigraph import Literal, NamedNode

from kg.graph import build_article_graph
from kg.graph.namespaces import ID, REFERENCE_GRAPH, pt
from kg.graph.serialize import FORMATS, to_text, used_prefixes


@pytest.fixture(scope="module")
def graphs():
    return [build_article_graph(a) for a in world_analyses()]


def subjects(g, type_: str) -> set[str]:
    return {
        q.subject.value for q in g.article if q.predicate.value.endswith("#type") and q.object == pt(type_)
    }


def test_article_quads_are_in_the_article_graph_and_shared_ones_in_reference(graphs) -> None:
    for g in graphs:
        assert all(q.graph_name == g.graph for q in g.article)
        assert all(q.graph_name == REFERENCE_GRAPH for q in g.reference)
        assert g.graph.value.startswith(ID + "article/")
        # Types and labels of actors are only in the reference graph.
        assert not [
            q
            for q in g.article
            if q.subject.value.startswith(ID + "actor/")
            and q.predicate.value.endswith(("#type", "#label", "#sameAs", "#represents"))
        ]


def test_same_meeting_and_proposal_in_two_articles_is_one_node(graphs) -> None:
    a, b = graphs
    assert ID + "meeting/2025-08-15-anchorage-test" in subjects(a, "Meeting") & subjects(b, "Meeting")
    assert ID + "proposal/Q159-Conditions-2024" in subjects(a, "Proposal") & subjects(b, "Proposal")
    # Each article keeps its own evidence for the shared node.
    node = NamedNode(ID + "meeting/2025-08-15-anchorage-test")
    ev_a = {q.object for q in a.article if q.subject == node and q.predicate == pt("evidence")}
    ev_b = {q.object for q in b.article if q.subject == node and q.predicate == pt("evidence")}
    assert ev_a and ev_b and not ev_a & ev_b


def test_build_is_deterministic() -> None:
    one = [sorted(map(str, build_article_graph(a).quads)) for a in world_analyses()]
    two = [sorted(map(str, build_article_graph(a).quads)) for a in world_analyses()]
    assert one == two


def test_evidence_is_grounded(graphs) -> None:
    for a, g in zip(world_analyses(), graphs, strict=True):
        ev: dict[str, dict[str, str]] = {}
        for q in g.article:
            if q.predicate in (pt("quote"), pt("start"), pt("end")):
                ev.setdefault(q.subject.value, {})[q.predicate.value.rsplit("#", 1)[1]] = q.object.value
        assert ev
        for e in ev.values():
            assert a.doc.body[int(e["start"]) : int(e["end"])] == e["quote"]


def test_name_as_written_kept_per_article(graphs) -> None:
    a, b = graphs
    ushakov = NamedNode(ID + "actor/yuri-ushakov")

    def written(g) -> set[str]:
        return {
            q.object.value for q in g.article if q.subject == ushakov and q.predicate == pt("nameAsWritten")
        }

    assert written(a) == {"Yuri Ushakov"} and written(b) == {"Igor Yushakov"}
    assert Literal("US") in {q.object for q in a.article if q.predicate == pt("nameAsWritten")}  # via alias


def test_role_mentions_are_not_names_as_written() -> None:
    from kg.extract.model import Mention

    a = world_analyses()[0]
    kremlin = a.doc.body.index("Russia")
    a.mentions = [Mention(a.mentions[5].entity, kremlin, kremlin + 6, "Russia", "metonym")]
    g = build_article_graph(a)
    assert not [q for q in g.article if q.predicate == pt("nameAsWritten")]


def test_reference_describes_represented_state(graphs) -> None:
    a, _ = graphs
    ref = {(q.subject.value, q.predicate.value.rsplit("#", 1)[-1]) for q in a.reference}
    assert (ID + "actor/Q7747", "represents") in ref
    assert (ID + "actor/Q159", "type") in ref  # the state Putin represents is described too
    assert (ID + "place/anchorage-test", "type") in ref


def test_place_and_actor_of_one_key_are_both_described() -> None:
    from kg.extract.model import Entity, Meeting

    a = world_analyses()[0]
    russia_as_place = Entity("Q159", "Place", "Russia")
    a.meetings.append(Meeting(a.evidence(0, 5), "2025-01-01", place=russia_as_place))
    g = build_article_graph(a)
    types = {
        (q.subject.value, q.object.value.rsplit("#", 1)[-1])
        for q in g.reference
        if q.predicate.value.endswith("#type")
    }
    assert (ID + "actor/Q159", "State") in types and (ID + "place/Q159", "Place") in types


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_serialisation_utf8_and_parseable(fmt) -> None:
    import rdflib

    a = world_analyses()[1]
    g = build_article_graph(a)
    text = to_text(g.quads, fmt)
    assert "\\u" not in text
    assert "أوشاكوف" in text  # an Arabic label of the reference graph, as written
    if fmt == "json-ld":
        json.loads(text)
    ds = rdflib.Dataset()
    ds.parse(
        data=text, format={"nquads": "nquads", "trig": "trig", "turtle": "turtle", "json-ld": "json-ld"}[fmt]
    )
    n = sum(len(x) for x in ds.graphs())
    assert n == len({(q.subject, q.predicate, q.object) for q in g.quads}) or n == len(g.quads)


def test_turtle_prefixes_are_only_those_used() -> None:
    g = build_article_graph(world_analyses()[1])
    text = to_text(g.quads, "trig")
    declared = [ln.split()[1].rstrip(":") for ln in text.splitlines() if ln.startswith("@prefix")]
    assert set(declared) == set(used_prefixes(g.quads))
    assert "skos" not in declared or "skos:" in text.split("@prefix skos")[1]
    assert "meeting:2025-08-15-anchorage-test" in text


def test_proposal_and_meeting_keys() -> None:
    from conftest import ent

    from kg.extract.model import Evidence, Meeting, Proposal
    from kg.graph.build import meeting_iri, proposal_iri

    ev = Evidence(0, 1, "x")
    trump, us, putin, russia = ent("Q22686"), ent("Q30"), ent("Q7747"), ent("Q159")
    # A person counts as his state; the year does not matter once the point count is known.
    assert proposal_iri(Proposal(ev, "a", authors=[trump], points=28)) == proposal_iri(
        Proposal(ev, "b", authors=[us], points=28, date="2025-11")
    )
    assert proposal_iri(Proposal(ev, "a", authors=[us], points=28)) != proposal_iri(
        Proposal(ev, "a", authors=[us], points=19)
    )
    # Without points: parties, kind and year.
    conditions = Proposal(ev, "c", "Conditions", [putin], date="2024-06")
    draft = Proposal(ev, "d", "DraftTreaty", [russia], date="2024-03")
    assert proposal_iri(conditions) != proposal_iri(draft)
    assert proposal_iri(Proposal(ev, "e", "Conditions", [russia], date="2024")) == proposal_iri(conditions)
    assert proposal_iri(Proposal(ev, "f", authors=[russia])) is None  # nothing to identify it by
    assert proposal_iri(Proposal(ev, "g", points=12)) is None
    # Meetings: date + place, else date + parties.
    call = Meeting(ev, "2025-02-12", participants=[trump, putin])
    assert meeting_iri(call) == meeting_iri(
        Meeting(ev, "2025-02-12", participants=[us, putin, ent("steve-witkoff")])
    )
    assert meeting_iri(Meeting(ev, "2025-02-12", participants=[trump, us])) is None  # one party
    assert meeting_iri(Meeting(ev, None, participants=[trump, putin])) is None


def test_no_self_revision_when_two_proposals_share_an_iri() -> None:
    from conftest import ent

    from kg.extract.model import Proposal

    a = world_analyses()[0]
    us = ent("Q30")
    first = Proposal(a.evidence(0, 5), "plan", authors=[us], points=28)
    amended = Proposal(a.evidence(6, 9), "plan as amended", authors=[us], points=28, revision_of=first)
    a.proposals = [first, amended]
    g = build_article_graph(a)
    assert not [q for q in g.article if q.predicate == pt("revisionOf")]


def test_a_place_comes_with_the_places_it_lies_in() -> None:
    from kg.extract import extract, parse_article

    text = "---\npublished: 2025-12-03\n---\nWitkoff met Putin in the Kremlin on Tuesday."
    a = extract(parse_article(text.encode(), "k"))
    assert a.meetings and a.meetings[0].place is not None
    g = build_article_graph(a)
    located = {(q.subject.value.rsplit("/", 1)[-1], q.object.value.rsplit("/", 1)[-1])
               for q in g.reference if q.predicate.value.endswith("#locatedIn")}
    assert {("moscow-kremlin", "Q649"), ("Q649", "Q159")} <= located
    assert all(q.graph_name == REFERENCE_GRAPH for q in g.reference)


def test_a_fact_stated_twice_in_one_article_is_one_node_with_two_evidences() -> None:
    from kg.extract import extract, parse_article

    sentence = "Russia demanded that Ukraine withdraw from Donetsk."
    text = f"---\npublished: 2025-08-01\n---\n{sentence}\n\n{sentence}\n"
    a = extract(parse_article(text.encode(), "twice"))
    assert len(a.demands) == 2
    g = build_article_graph(a)
    demands = {q.subject for q in g.article if q.object == pt("Demand")}
    assert len(demands) == 1
    evidence = [q for q in g.article if q.subject in demands and q.predicate == pt("evidence")]
    assert len(evidence) == 2
