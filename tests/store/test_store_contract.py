"""The Store contract, run on the in-memory and the on-disk Oxigraph store (``store`` fixture)."""

from __future__ import annotations

import threading
import time

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadQuery, QueryLimitExceeded
from kg.graph.namespaces import REFERENCE_GRAPH, pt
from kg.store import QueryResult, Store, StoreUnavailable
from kg.store.oxigraph import OxigraphStore

G1 = NamedNode("https://w3id.org/peacetalks/id/article/one")
G2 = NamedNode("https://w3id.org/peacetalks/id/article/two")
S = NamedNode("https://w3id.org/peacetalks/id/actor/x")


def quads(g: NamedNode, n: int, text: str = "v") -> list[Quad]:
    return [Quad(S, pt(f"p{i}"), Literal(f"{text}{i}"), g) for i in range(n)]


def test_is_a_store(store) -> None:
    assert isinstance(store, Store)


def test_replace_graph_replaces_only_that_graph(store) -> None:
    store.replace_graph(G1, quads(G1, 3))
    store.replace_graph(G2, quads(G2, 2))
    assert store.count() == 5 and store.count(G1) == 3
    store.replace_graph(G1, quads(G1, 1, "w"))
    assert store.count(G1) == 1 and store.count(G2) == 2
    assert [q.object.value for q in store.quads(G1)] == ["w0"]
    assert store.graphs() == [G1, G2]


def test_shared_quads_have_set_semantics(store) -> None:
    ref = [Quad(S, pt("label"), Literal("X"), REFERENCE_GRAPH)]
    store.replace_graph(G1, quads(G1, 1), ref)
    store.replace_graph(G2, quads(G2, 1), ref)
    store.replace_graph(G1, quads(G1, 1), ref)
    assert store.count(REFERENCE_GRAPH) == 1


def test_replace_graph_refuses_quads_of_other_graphs(store) -> None:
    store.replace_graph(G1, quads(G1, 2))
    before = store.dump()
    with pytest.raises(ValueError):
        store.replace_graph(G1, quads(G1, 1) + quads(G2, 1))
    assert store.dump() == before


def test_replace_graph_is_atomic_when_the_update_fails(store, monkeypatch) -> None:
    """If the write fails mid-way (here: a literal the update cannot hold), the old graph stays."""
    store.replace_graph(G1, quads(G1, 2))
    before = store.dump()
    import kg.store.oxigraph as ox

    real = ox._insert_data
    monkeypatch.setattr(ox, "_insert_data", lambda qs: real(qs) + " GRAPH <bad iri> { }")
    with pytest.raises(SyntaxError):
        store.replace_graph(G1, quads(G1, 5, "new"))
    assert store.dump() == before


def test_non_ascii_round_trip(store) -> None:
    text = 'بوتين «Путин» "quoted" \\ back\nline'
    store.replace_graph(G1, [Quad(S, pt("quote"), Literal(text, language="ar"), G1)])
    (q,) = list(store.quads(G1))
    assert q.object.value == text
    dump = store.dump().decode("utf-8")
    assert "بوتين" in dump and "\\u" not in dump


def test_article_sha256(store) -> None:
    assert store.article_sha256(G1) is None
    store.replace_graph(G1, [Quad(G1, pt("sha256"), Literal("abc"), G1)])
    assert store.article_sha256(G1) == "abc"


def test_remove_graph(store) -> None:
    store.replace_graph(G1, quads(G1, 2))
    store.remove_graph(G1)
    store.remove_graph(G2)  # absent: no error
    assert store.count() == 0 and store.graphs() == []


def test_query_select_ask_construct(store) -> None:
    store.replace_graph(G1, quads(G1, 3))
    r = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert isinstance(r, QueryResult) and r.kind == "select" and r.variables == ["o"]
    assert [v["o"] for v in r.values()] == ["v0", "v1", "v2"]
    assert store.query("ASK { ?s pt:p0 ?o }").boolean is True  # pt: is predeclared
    g = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert g.kind == "graph" and len(g) == 3


def test_union_default_graph_and_named_only(store) -> None:
    store.replace_graph(G1, quads(G1, 1))
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }")) == 1
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }", union=False)) == 0


def test_query_limit_truncates_and_says_so(store) -> None:
    store.replace_graph(G1, quads(G1, 10))
    r = store.query("SELECT * WHERE { ?s ?p ?o }", limit=4)
    assert len(r) == 4 and r.truncated and r.limit == 4
    assert not store.query("SELECT * WHERE { ?s ?p ?o }", limit=10).truncated


def test_bindings(store) -> None:
    store.replace_graph(G1, quads(G1, 3))
    r = store.query("SELECT ?p ?o WHERE { ?s ?p ?o }", bindings={"p": pt("p1")})
    assert [v["o"] for v in r.values()] == ["v1"]


def test_bad_sparql_raises_bad_query_with_parser_message(store) -> None:
    with pytest.raises(BadQuery, match="SPARQL syntax: error at 1:"):
        store.query("SELECT WHERE {")
    with pytest.raises(BadQuery):
        store.query("SELECT ?o WHERE { ?s ?p ?o }", bindings={"nope": pt("x")})


def test_timeout(store) -> None:
    store.replace_graph(G1, quads(G1, 150))  # ~0.5 s of work: the abandoned worker ends soon
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    t0 = time.monotonic()
    with pytest.raises(QueryLimitExceeded, match="KG_QUERY_TIMEOUT_S"):
        store.query(slow, timeout_s=0.05)
    assert time.monotonic() - t0 < 2


def test_concurrent_readers(store) -> None:
    store.replace_graph(G1, quads(G1, 50))
    counts: list[int] = []

    def read() -> None:
        counts.append(len(store.query("SELECT * WHERE { ?s ?p ?o }")))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counts == [50] * 8


def test_dump_is_stable(store) -> None:
    store.replace_graph(G2, quads(G2, 3))
    store.replace_graph(G1, quads(G1, 3))
    assert store.dump() == store.dump()
    assert store.dump("trig").decode().count("{") == 2


def test_on_disk_store_persists_and_locks(tmp_path) -> None:
    s = OxigraphStore(tmp_path / "d")
    s.replace_graph(G1, quads(G1, 2))
    with pytest.raises(StoreUnavailable, match="KG_DATA_DIR"):
        OxigraphStore(tmp_path / "d")
    s.close()
    again = OxigraphStore(tmp_path / "d")
    assert again.count() == 2
    again.close()


def test_adding_a_new_graph_is_atomic(store) -> None:
    """A new graph goes in with one transaction: a bad item at the end leaves nothing behind."""
    store.replace_graph(G2, quads(G2, 1))
    before = store.dump()
    with pytest.raises(TypeError):
        store.replace_graph(G1, quads(G1, 5), ["not a quad"])  # type: ignore[list-item]
    assert store.dump() == before
