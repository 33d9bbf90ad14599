"""Scopes of the shapes, the reference plan, and the vocabulary check."""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.validate.engine import (
    ARTICLE,
    REFERENCE,
    SCOPES,
    VOCABULARY,
    reference_plan,
    scope_of,
    scoped_shapes,
    targeted_shapes,
    validate_graph,
)
from kg.validate.resources import issues_graph, ontology_graph, shapes_graph, support_index

PT = "https://w3id.org/peacetalks/ontology#"


def test_each_targeted_shape_is_active_in_exactly_one_scope() -> None:
    full = shapes_graph()
    targeted = targeted_shapes(full)
    assert len(targeted) >= 60
    for shape in targeted:
        active = [sc for sc in SCOPES if (shape, SH.deactivated, Literal(True)) not in scoped_shapes(sc)]
        assert active == [scope_of(full, shape)], shape


def test_only_targeted_shapes_are_ever_deactivated() -> None:
    full = shapes_graph()
    targeted = targeted_shapes(full)
    for scope in SCOPES:
        deactivated = set(scoped_shapes(scope).subjects(SH.deactivated, Literal(True)))
        assert deactivated and deactivated <= targeted


def test_reference_plan_covers_actor_and_place_descriptions() -> None:
    plan = reference_plan()
    assert {URIRef(PT + c) for c in ("Actor", "Person", "State", "Organization", "Place")} <= plan.classes
    assert URIRef(PT + "Meeting") not in plan.classes
    assert {RDF.type, RDFS.label, URIRef(PT + "represents")} <= plan.predicates
    assert URIRef(PT + "evidence") not in plan.predicates  # article-level facts stay in the article scope


def test_support_adds_subclass_axioms_and_issue_types() -> None:
    support = support_index()
    assert (URIRef(PT + "Person"), RDFS.subClassOf, URIRef(PT + "Actor")) in support.always
    ceasefire = URIRef("https://w3id.org/peacetalks/issue/ceasefire")
    assert (ceasefire, RDF.type, URIRef(PT + "Issue")) in support.types[ceasefire]


def test_a_broken_vocabulary_fails() -> None:
    g = Graph()
    for t in ontology_graph():
        g.add(t)
    for t in issues_graph():
        g.add(t)
    ceasefire = URIRef("https://w3id.org/peacetalks/issue/ceasefire")
    g.remove((ceasefire, SKOS.broader, None))
    g.add((URIRef(PT + "Adjourned"), RDF.type, URIRef(PT + "MeetingStatus")))
    conforms, results = validate_graph(g, VOCABULARY)
    assert not conforms
    expected = {(str(ceasefire), str(SKOS.broader)), (PT + "Adjourned", None)}
    assert {(r.focus, r.path) for r in results} >= expected


def test_scopes_do_not_leak() -> None:
    g = Graph()
    actor = URIRef("https://w3id.org/peacetalks/id/actor/x")
    g.add((actor, RDF.type, URIRef(PT + "State")))  # no label: a reference-scope violation only
    assert validate_graph(g, ARTICLE)[0]
    for t in support_index().always:
        g.add(t)
    assert not validate_graph(g, REFERENCE)[0]


def test_public_pyshacl_path_gives_the_same_results(monkeypatch) -> None:  # noqa: ANN001
    """If pySHACL's internals change, validation falls back to pyshacl.validate with the same outcome."""
    import pyoxigraph as ox

    from kg.validate import clear_memo, engine, validate_quads

    actor = ox.NamedNode("https://w3id.org/peacetalks/id/actor/x")
    quads = [ox.Quad(actor, ox.NamedNode(str(RDF.type)), ox.NamedNode(PT + "State")),
             ox.Quad(actor, ox.NamedNode(str(RDFS.label)), ox.Literal("5", datatype=ox.NamedNode(
                 "http://www.w3.org/2001/XMLSchema#integer")))]
    clear_memo()
    fast = validate_quads(quads)
    monkeypatch.setattr(engine, "_fast", lambda scope: None)
    clear_memo()
    slow = validate_quads(quads)
    assert not fast.conforms and fast.text == slow.text
