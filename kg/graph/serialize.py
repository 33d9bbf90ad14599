"""Serialising quads with Oxigraph: N-Quads, TriG, Turtle, JSON-LD; non-ASCII text stays UTF-8.

Turtle and TriG declare only the prefixes the data uses (see :data:`OUTPUT_PREFIXES`), so an
article's output starts with a short, readable prefix block.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from kg.graph.namespaces import OUTPUT_PREFIXES

FORMATS = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "json-ld": RdfFormat.JSON_LD,
}


def used_prefixes(quads: Iterable[Quad]) -> dict[str, str]:
    """The entries of :data:`OUTPUT_PREFIXES` whose namespace some IRI of ``quads`` starts with."""
    iris: set[str] = set()
    for q in quads:
        for t in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(t, NamedNode):
                iris.add(t.value)
            elif isinstance(t, Literal):
                iris.add(t.datatype.value)
    out = {}
    # Longest namespace first, so that every IRI is claimed by its most specific prefix.
    for name, ns in sorted(OUTPUT_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if any(i.startswith(ns) for i in iris):
            out[name] = ns
    return dict(sorted(out.items()))


def to_text(quads: Iterable[Quad], fmt: str = "nquads") -> str:
    """Serialise ``quads`` as ``fmt`` (one of :data:`FORMATS`) to a ``str`` (UTF-8 text, no ``\\u`` escapes).

    Turtle has no named graphs: the quads are written as triples of the default graph.
    Raises ``KeyError`` for an unknown format.
    """
    rdf_format = FORMATS[fmt]
    # Grouped by graph, then subject (stable), so TriG/Turtle write each graph block and subject once.
    items: list = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject)))
    prefixes = used_prefixes(items) if rdf_format in (RdfFormat.TRIG, RdfFormat.TURTLE) else None
    if not rdf_format.supports_datasets:
        items = [q.triple for q in items]
    data = (
        serialize(items, format=rdf_format, prefixes=prefixes)
        if prefixes
        else serialize(items, format=rdf_format)
    )
    return data.decode("utf-8")
