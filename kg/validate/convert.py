"""pyoxigraph terms and quads → rdflib terms and a single rdflib :class:`~rdflib.Graph`.

Validation runs on the union of the quads' graphs (named graph names are dropped): an article's
named graph plus the reference descriptions of the nodes it touches form one data graph.
Conversion is on the ingest path: converted IRIs and typed literals are kept in bounded caches
(keyed by the pyoxigraph term itself), and triples go straight into the graph's store.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# IRIs repeat across articles (predicates, classes, actors): interning them saves most conversions.
_IRI_CACHE: dict[str, URIRef] = {}
_IRI_CACHE_MAX = 200_000
# Converted terms by pyoxigraph term (IRIs and non-string literals, which recur: offsets, dates).
_TERM_CACHE: dict[object, Node] = {}
_TERM_CACHE_MAX = 200_000


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class DataGraph(Graph):
    """An in-memory rdflib Graph whose SPARQL queries are parsed once per distinct text.

    pySHACL runs a SHACL-SPARQL constraint as one query per focus node, always with the same text;
    rdflib would parse it every time (tens of milliseconds each). Results are unchanged.

    Triple patterns are answered straight from the in-memory store's indices while this graph is
    the store's only context (always, for a graph this module fills): rdflib's ``Memory.triples``
    otherwise formats the context name and checks every matching triple's contexts, which is most
    of the cost of pySHACL's many ``objects()`` calls. Any other case goes through rdflib.
    """

    def triples(self, triple: Any) -> Any:  # type: ignore[override]
        s, p, o = triple
        st = self.store
        if (p is None or isinstance(p, URIRef)) and type(st) is Memory and len(st._Memory__all_contexts) <= 1 \
                and (s is not None or p is not None or o is not None):
            return _index_triples(st, s, p, o)
        return super().triples(triple)

    def query(self, query_object: str | Query, processor: Any = "sparql", result: Any = "sparql",  # type: ignore[override]
              initNs: Any = None, initBindings: Any = None, use_store_provided: bool = True,  # noqa: N803
              **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not initNs and "base" not in kwargs:
            # Parsed without the graph's own prefixes: pySHACL's query texts declare theirs.
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided,
                             **kwargs)


def _index_triples(st: Memory, s: Any, p: Any, o: Any) -> Any:
    """The triples of ``st`` matching ``(s, p, o)`` (None = any; not all None), read from its indices."""
    if s is not None:
        by_p = st._Memory__spo.get(s)  # type: ignore[attr-defined]
        if not by_p:
            return
        if p is not None:
            objs = by_p.get(p)
            if not objs:
                return
            if o is not None:
                if o in objs:
                    yield s, p, o
                return
            for x in list(objs):
                yield s, p, x
            return
        if o is not None:
            for q in list(by_p):
                if o in by_p[q]:
                    yield s, q, o
            return
        for q, objs in list(by_p.items()):
            for x in list(objs):
                yield s, q, x
        return
    if p is not None:
        by_o = st._Memory__pos.get(p)  # type: ignore[attr-defined]
        if not by_o:
            return
        if o is not None:
            for x in list(by_o.get(o, ())):
                yield x, p, o
            return
        for y, subs in list(by_o.items()):
            for x in list(subs):
                yield x, p, y
        return
    by_s = st._Memory__osp.get(o)  # type: ignore[attr-defined]
    if not by_s:
        return
    for x, preds in list(by_s.items()):
        for q in list(preds):
            yield x, q, o


def iri(value: str) -> URIRef:
    """The rdflib IRI for ``value``, from a bounded cache."""
    node = _IRI_CACHE.get(value)
    if node is None:
        if len(_IRI_CACHE) >= _IRI_CACHE_MAX:
            _IRI_CACHE.clear()
        node = _IRI_CACHE[value] = URIRef(value)
    return node


def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> Node:
    """Convert one pyoxigraph term. Raises ``TypeError`` for RDF-star triples (not used by this project)."""
    if isinstance(t, ox.NamedNode):
        return iri(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        # xsd:string literals stay plain, as rdflib parses them from Turtle or N-Triples.
        return Literal(t.value) if dt == XSD_STRING else Literal(t.value, datatype=iri(dt))
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    raise TypeError(f"cannot convert {t!r} to an rdflib term")


def cached_term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """:func:`term`, remembering IRIs and typed non-string literals (plain strings are mostly unique)."""
    node = _TERM_CACHE.get(t)
    if node is None:
        node = term(t)
        if isinstance(t, ox.NamedNode) or (isinstance(t, ox.Literal) and not t.language
                                           and t.datatype.value != XSD_STRING):
            if len(_TERM_CACHE) >= _TERM_CACHE_MAX:
                _TERM_CACHE.clear()
            _TERM_CACHE[t] = node
    return node


def triples(quads: Iterable[ox.Quad]) -> Iterable[tuple[Node, Node, Node]]:
    """The quads as rdflib triples (graph names dropped; duplicates are left to the graph)."""
    for q in quads:
        yield cached_term(q.subject), cached_term(q.predicate), cached_term(q.object)


def add_triples(g: Graph, items: Iterable[tuple[object, object, object]]) -> Graph:
    """Add pyoxigraph ``(subject, predicate, object)`` triples to the rdflib graph ``g``; returns ``g``."""
    store = g.store
    add = store.add  # the store directly: Graph.add only re-checks term types
    conv = cached_term
    todo = ((conv(s), conv(p), conv(o)) for s, p, o in items)
    fast = type(store) is Memory and not store.dispatcher.get_map()
    for t in todo:
        add(t, g, False)  # type: ignore[arg-type]
        if fast and _sole_context(store, g) is not None:
            break
    else:
        return g
    _fill_memory(store, g, todo)
    return g


def _sole_context(store: Memory, g: Graph) -> str | None:
    """The store's name for ``g`` when ``g`` is the only graph in ``store`` and holds all its triples, else None.

    Then rdflib's ``Memory`` records every triple's contexts as its default ``{g: False, None: False}``.
    """
    default = store._Memory__defaultContexts  # type: ignore[attr-defined]
    graphs = store._Memory__all_contexts  # type: ignore[attr-defined]
    if not default or len(default) != 2 or None not in default or any(default.values()) or len(graphs) != 1:
        return None
    if next(iter(graphs)) is not g or store._Memory__tripleContexts:  # type: ignore[attr-defined]
        return None
    (name,) = (k for k in default if k is not None)
    return name if store._Memory__context_obj_map.get(name) is g else None  # type: ignore[attr-defined]


def _fill_memory(store: Memory, g: Graph, todo: Iterable[tuple[Node, Node, Node]]) -> None:
    """Add triples to ``g``, the sole graph of ``store`` (see :func:`_sole_context`), writing rdflib's
    ``Memory`` indices directly: the same state ``store.add(t, g)`` leaves (no listeners are subscribed),
    without its per-triple context bookkeeping (~10 us a triple, most of building a data graph)."""
    name = _sole_context(store, g)
    assert name is not None
    spo, pos, osp = store._Memory__spo, store._Memory__pos, store._Memory__osp  # type: ignore[attr-defined]
    everything = store._Memory__contextTriples[None]  # type: ignore[attr-defined]
    mine = store._Memory__contextTriples[name]  # type: ignore[attr-defined]
    for t in todo:
        s, p, o = t
        by_p = spo.get(s)
        if by_p is None:
            by_p = spo[s] = {}
        objs = by_p.get(p)
        if objs is None:
            objs = by_p[p] = {}
        if o in objs:
            continue
        objs[o] = 1
        by_o = pos.get(p)
        if by_o is None:
            by_o = pos[p] = {}
        subs = by_o.get(o)
        if subs is None:
            subs = by_o[o] = {}
        subs[s] = 1
        by_s = osp.get(o)
        if by_s is None:
            by_s = osp[o] = {}
        preds = by_s.get(s)
        if preds is None:
            preds = by_s[s] = {}
        preds[p] = 1
        everything.add(t)
        mine.add(t)


def to_graph(quads: Iterable[ox.Quad], graph: Graph | None = None) -> Graph:
    """Add the quads' triples to ``graph`` (a new :class:`DataGraph` if None) and return it."""
    g = DataGraph() if graph is None else graph
    return add_triples(g, ((q.subject, q.predicate, q.object) for q in quads))
