"""Validating one article's quads in two parts: shared entity descriptions (memoised) and the article's facts.

An article graph comes with the reference descriptions of the actors and places it touches (types,
labels in several languages, ``owl:sameAs``, ``pt:represents``). These descriptions are the same in
every article that names the same entity, and checking their many labels is most of pySHACL's work,
so each distinct description is validated once (reference scope) and its outcome remembered.
The rest (meetings, proposals, demands, concessions, evidence, the article node, article-level facts
about actors) is validated every time (article scope), in a data graph that holds the ``rdf:type``
of the described entities and of the issues used instead of their full descriptions.

Which quads form a description is read from the shapes: the subjects typed with a class targeted by
a reference-scope shape (or a subclass), and of those only the predicates those shapes constrain.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.validate.convert import DataGraph, add_triples, iri
from kg.validate.engine import ARTICLE, REFERENCE, reference_plan, validate_graph
from kg.validate.report import ValidationResult
from kg.validate.resources import support_index

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

Key = frozenset[tuple[object, object, object]]

# Outcome of each distinct entity description already checked: key → its results (usually none).
_MEMO: dict[Key, tuple[ValidationResult, ...]] = {}
_MEMO_MAX = 50_000
_MEMO_LOCK = threading.Lock()


def clear_memo() -> None:
    """Forget remembered description outcomes (after the shapes change, or in tests)."""
    with _MEMO_LOCK:
        _MEMO.clear()


def _support(g: Graph, used: Iterable[URIRef]) -> None:
    support = support_index()
    for t in support.always:
        g.add(t)
    for node in used:
        for t in support.types.get(node, ()):
            g.add(t)


def _focus(node: object) -> str:
    """How a report names a node (see :class:`~kg.validate.report.ValidationResult`)."""
    return "_:" + node.value if isinstance(node, ox.BlankNode) else getattr(node, "value", str(node))


def validate_article_quads(quads: Iterable[ox.Quad]) -> tuple[bool, list[ValidationResult]]:
    """Validate quads (graph names ignored); returns ``(conforms, results)``. See the module docstring."""
    plan = reference_plan()
    classes = {c.toPython() for c in plan.classes}
    predicates = {p.toPython() for p in plan.predicates}

    triples = {(q.subject, q.predicate, q.object) for q in quads}
    described: set[object] = {
        s for s, p, o in triples if p.value == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value in classes
    }
    descriptions: dict[object, list[tuple]] = defaultdict(list)
    types: list[tuple] = []
    facts: list[tuple] = []
    for t in triples:
        s, p, _o = t
        if s in described and p.value in predicates:
            descriptions[s].append(t)
            if p.value == RDF_TYPE:
                types.append(t)
        else:
            facts.append(t)

    results: list[ValidationResult] = []
    conforms = True

    # Reference scope: each distinct description once.
    type_of: dict[object, list[tuple]] = defaultdict(list)
    for t in types:
        type_of[t[0]].append(t)
    keys: dict[object, Key] = {}
    todo: list[object] = []
    for s, desc in descriptions.items():
        linked = [t for _s, _p, o in desc if o in type_of and o != s for t in type_of[o]]
        keys[s] = frozenset(desc + linked)
        with _MEMO_LOCK:
            cached = _MEMO.get(keys[s])
        if cached is None:
            todo.append(s)
        else:
            results += cached
    if todo:
        g = add_triples(DataGraph(), (t for s in todo for t in keys[s]))
        _support(g, ())
        _ok, found = validate_graph(g, REFERENCE)
        by_focus: dict[str, list[ValidationResult]] = defaultdict(list)
        for r in found:
            by_focus[r.focus].append(r)
        with _MEMO_LOCK:
            if len(_MEMO) + len(todo) > _MEMO_MAX:
                _MEMO.clear()
            for s in todo:
                own = tuple(by_focus.pop(_focus(s), ()))
                _MEMO[keys[s]] = own
                results += own
        # Any other results are about linked entities present only by their rdf:type (so, e.g., without
        # labels); their own descriptions are judged under their own keys.

    # Article scope: the facts, with the types of described entities and of the issues used.
    g = add_triples(DataGraph(), facts + types)
    used = {iri(o.value) for o in {o for _s, _p, o in facts if isinstance(o, ox.NamedNode)}}
    _support(g, used)
    ok, found = validate_graph(g, ARTICLE)
    results += found
    conforms = ok and not any(r.severity == "Violation" for r in results)
    results.sort(key=lambda x: (x.focus, x.path or "", x.message, x.value or ""))
    return conforms, results
