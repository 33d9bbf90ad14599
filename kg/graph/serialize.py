"""Serialising quads with Oxigraph: N-Quads, TriG, Turtle, JSON-LD; non-ASCII text stays UTF-8."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad, RdfFormat, serialize

from kg.graph.namespaces import PREFIXES

FORMATS = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "json-ld": RdfFormat.JSON_LD,
}


def to_text(quads: Iterable[Quad], fmt: str = "nquads") -> str:
    """Serialise ``quads`` as ``fmt`` (one of :data:`FORMATS`).

    Turtle has no named graphs: the quads are written as triples of the default graph.
    Raises ``KeyError`` for an unknown format.
    """
    rdf_format = FORMATS[fmt]
    items: list = list(quads)
    if not rdf_format.supports_datasets:
        items = [q.triple for q in items]
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"} if rdf_format in (RdfFormat.TRIG, RdfFormat.TURTLE) else None
    data = serialize(items, format=rdf_format, prefixes=prefixes) if prefixes else serialize(items, format=rdf_format)
    return data.decode("utf-8")
