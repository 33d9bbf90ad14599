"""pyoxigraph → rdflib conversion used to build pySHACL data graphs."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.validate.convert import DataGraph, term, to_graph

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_terms_convert_to_their_rdflib_equivalents() -> None:
    assert term(ox.NamedNode("http://ex/a")) == URIRef("http://ex/a")
    assert term(ox.Literal("روسيا", language="ar")) == Literal("روسيا", lang="ar")
    assert term(ox.Literal("5", datatype=ox.NamedNode(XSD + "integer"))) == Literal(5)
    month = term(ox.Literal("2025-08", datatype=ox.NamedNode(XSD + "gYearMonth")))
    assert month.datatype == URIRef(XSD + "gYearMonth")
    assert isinstance(term(ox.BlankNode("b1")), BNode)


def test_plain_strings_stay_plain() -> None:
    lit = term(ox.Literal("Russia"))
    assert isinstance(lit, Literal) and lit.datatype is None and lit.language is None


def test_quads_of_several_graphs_merge_into_one_graph() -> None:
    s, p = ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p")
    quads = [ox.Quad(s, p, ox.Literal("x"), ox.NamedNode("http://ex/g1")),
             ox.Quad(s, p, ox.Literal("x"), ox.NamedNode("http://ex/g2")),
             ox.Quad(s, p, ox.Literal("y"))]
    g = to_graph(quads)
    assert isinstance(g, DataGraph)
    assert len(g) == 2


def test_data_graph_queries_give_the_same_answers_when_repeated() -> None:
    g = to_graph([ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("x"))])
    text = "SELECT ?o WHERE { ?s <http://ex/p> ?o }"
    first = [tuple(r) for r in g.query(text)]
    second = [tuple(r) for r in g.query(text, initBindings={"s": URIRef("http://ex/s")})]
    third = [tuple(r) for r in g.query(text, initBindings={"s": URIRef("http://ex/other")})]
    assert first == second == [(Literal("x"),)]
    assert third == []


def test_data_graph_patterns_match_plain_rdflib() -> None:
    """DataGraph answers triple patterns from the store's indices: same triples as a plain rdflib Graph."""
    from itertools import product

    from rdflib import Graph

    a, b, c = URIRef("http://ex/a"), URIRef("http://ex/b"), URIRef("http://ex/c")
    p, q = URIRef("http://ex/p"), URIRef("http://ex/q")
    data = [(a, p, b), (a, p, c), (a, q, Literal("x")), (b, p, c), (c, q, a), (b, q, BNode("n"))]
    fast, plain = DataGraph(), Graph()
    for t in data:
        fast.add(t)
        plain.add(t)
    fast.remove((b, q, None))
    plain.remove((b, q, None))
    nodes = [None, a, b, c, p, q, Literal("x")]
    for pattern in product(nodes, [None, p, q, a], nodes):
        assert sorted(fast.triples(pattern)) == sorted(plain.triples(pattern)), pattern
    assert sorted(fast.objects(a, p)) == [b, c]
    assert (a, q, Literal("x")) in fast and (a, q, Literal("y")) not in fast


def test_data_graph_sharing_its_store_with_another_graph_filters_by_graph() -> None:
    """With a second context in the store, patterns are answered per graph (rdflib's own path)."""
    a, p = URIRef("http://ex/a"), URIRef("http://ex/p")
    g = DataGraph()
    g.add((a, p, Literal("mine")))
    other = DataGraph(store=g.store, identifier=URIRef("http://ex/other"))
    other.add((a, p, Literal("theirs")))
    assert list(g.objects(a, p)) == [Literal("mine")]
    assert list(other.objects(a, p)) == [Literal("theirs")]


def test_add_triples_leaves_the_store_as_rdflib_add_would() -> None:
    """add_triples writes rdflib's Memory indices directly: same state as Graph.add, duplicates included."""
    from kg.validate.convert import add_triples

    a, b = ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/b")
    p, q = ox.NamedNode("http://ex/p"), ox.NamedNode("http://ex/q")
    items = [(a, p, b), (a, p, ox.Literal("x")), (b, q, a), (a, p, b), (b, p, ox.Literal("5", datatype=ox.NamedNode(
        XSD + "integer"))), (b, q, ox.BlankNode("n"))]
    name = URIRef("http://ex/g")
    fast = add_triples(DataGraph(identifier=name), items)
    slow = DataGraph(identifier=name)
    for s, pr, o in items:
        slow.add((term(s), term(pr), term(o)))
    assert len(fast) == len(slow) == 5
    for attr in ("spo", "pos", "osp", "contextTriples", "tripleContexts", "defaultContexts"):
        assert getattr(fast.store, "_Memory__" + attr) == getattr(slow.store, "_Memory__" + attr), attr
    fast.remove((term(a), None, None))
    assert sorted(fast) == sorted((term(s), term(pr), term(o)) for s, pr, o in items if s != a)
