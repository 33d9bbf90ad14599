"""Validation of graphs against the SHACL shapes of ``shapes/`` (pySHACL), with the ontology and issue scheme.

Entry points, each returning a :class:`ValidationReport` (``conforms``, readable ``text``,
structured ``results``); a non-conforming graph is a result, not an exception:

- :func:`validate_quads` — one article's quads before they are stored (the ingest gate).
- :func:`validate_store` — all quads of a store, graph by graph (for ``kg validate``).
- :func:`validate_vocabulary` — the ontology's individuals and the issue scheme themselves.

None runs RDFS/OWL inference (too slow for ingest): data graphs are completed with the
ontology's ``rdfs:subClassOf`` axioms between ``pt:`` classes and the ``rdf:type`` of the issues
used, which is all the shapes need. The ontology, issue scheme and shapes are parsed
once per process. Only :class:`~kg.validate.resources.ResourceMissing` (a missing or broken
ontology/shapes file) is raised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from pyoxigraph import DefaultGraph, NamedNode, Quad
from rdflib import Graph

from kg.graph.namespaces import REFERENCE_GRAPH
from kg.validate.article import clear_memo, validate_article_quads
from kg.validate.engine import VOCABULARY, validate_graph
from kg.validate.report import ValidationReport, ValidationResult, make_report
from kg.validate.resources import ResourceMissing, issues_graph, ontology_graph

REFERENCE_GRAPH_IRI = REFERENCE_GRAPH.value

__all__ = [
    "ResourceMissing",
    "ValidationReport",
    "ValidationResult",
    "clear_memo",
    "validate_quads",
    "validate_store",
    "validate_vocabulary",
]


def validate_quads(quads: Iterable[Quad]) -> ValidationReport:
    """Validate an article's quads: its named graph plus the reference descriptions of the nodes it uses.

    Graph names are ignored (all quads form one data graph). Pass ``ArticleGraph.quads``.
    Returns a report; ``report.conforms`` is False when any result has severity Violation.
    Entity descriptions already seen are not re-checked (see :mod:`kg.validate.article`).
    """
    conforms, results = validate_article_quads(quads)
    return make_report(conforms, results)


def validate_vocabulary() -> ValidationReport:
    """Validate the ontology's individuals and the issue scheme against the vocabulary-scope shapes."""
    g = Graph()
    for source in (ontology_graph(), issues_graph()):
        for t in source:
            g.add(t)
    conforms, results = validate_graph(g, VOCABULARY)
    return make_report(conforms, results)


def _touched(quads: list[Quad]) -> set[NamedNode]:
    nodes: set[NamedNode] = set()
    for q in quads:
        nodes.add(q.subject)  # type: ignore[arg-type]
        if isinstance(q.object, NamedNode):
            nodes.add(q.object)
    return nodes


def validate_store(quads: Iterable[Quad]) -> ValidationReport:
    """Validate every graph of a store, given all its quads (e.g. ``quads_for_pattern(None, None, None)``).

    Each named graph other than the reference graph (one per article), and the default graph if it
    holds anything, is validated on its own together with the reference descriptions of the nodes it
    touches (followed transitively, e.g. a person's ``pt:represents`` state), just as at ingest;
    the reference graph is then validated once on its own. Values that several articles state
    differently for one node (a meeting's date, say) are thus not reported at all (together they
    would be a warning): the project keeps such conflicts and lists them by query instead.

    The returned report's results carry the graph they come from (``ValidationResult.graph``, the
    graph IRI, or ``""`` for the default graph); its text lines are prefixed with ``[graph]``.
    """
    reference_iri = NamedNode(REFERENCE_GRAPH_IRI)
    graphs: dict[object, list[Quad]] = defaultdict(list)
    reference: list[Quad] = []
    for q in quads:
        if q.graph_name == reference_iri:
            reference.append(q)
        else:
            graphs[q.graph_name].append(q)
    about: dict[NamedNode, list[Quad]] = defaultdict(list)
    for q in reference:
        about[q.subject].append(q)  # type: ignore[index]

    def with_reference(own: list[Quad]) -> list[Quad]:
        out = list(own)
        todo = [n for n in _touched(own) if n in about]
        seen = set(todo)
        while todo:
            for q in about[todo.pop()]:
                out.append(q)
                o = q.object
                if isinstance(o, NamedNode) and o in about and o not in seen:
                    seen.add(o)
                    todo.append(o)
        return out

    results: list[ValidationResult] = []
    conforms = True
    names = {g: "" if isinstance(g, DefaultGraph) else g.value for g in graphs}  # type: ignore[attr-defined]
    jobs = [(names[g], with_reference(graphs[g])) for g in sorted(graphs, key=names.__getitem__)]
    if reference:
        jobs.append((REFERENCE_GRAPH_IRI, reference))
    for name, qs in jobs:
        report = validate_quads(qs)
        conforms = conforms and report.conforms
        label = name or "default graph"
        results += [replace(r, graph=name, line=f"[{label}] {r.line}") for r in report.results]
    return make_report(conforms, results)

