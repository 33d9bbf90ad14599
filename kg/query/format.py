"""Rendering a :class:`~kg.store.QueryResult` as JSON (SPARQL 1.1 results), CSV or a rich table.

Output is UTF-8 text with non-ASCII characters written as they are (``ensure_ascii=False``).
"""

from __future__ import annotations

import csv
import io
import json

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, serialize

from kg.graph.namespaces import OUTPUT_PREFIXES
from kg.store import QueryResult, Term

FORMATS = ("table", "json", "csv")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_json(t: Term) -> dict[str, str]:
    """A term in the SPARQL 1.1 JSON results shape (``{"type": "uri", "value": …}`` and so on)."""
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != _XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}


def compact(t: Term | None) -> str:
    """A short display form: IRIs with a known prefix as ``prefix:local``, literals by their value."""
    if t is None:
        return ""
    if isinstance(t, NamedNode):
        best = max((ns for ns in OUTPUT_PREFIXES.values() if t.value.startswith(ns)), key=len, default=None)
        if best is None:
            return t.value
        name = next(k for k, v in OUTPUT_PREFIXES.items() if v == best)
        return f"{name}:{t.value[len(best) :]}"
    if isinstance(t, Literal):
        return t.value
    return str(t)


def to_json(r: QueryResult) -> str:
    """SPARQL 1.1 JSON results (plus ``"truncated": true`` when the row cap cut the result)."""
    if r.kind == "ask":
        doc: dict = {"head": {}, "boolean": r.boolean}
    elif r.kind == "select":
        doc = {
            "head": {"vars": r.variables},
            "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in r.dicts()]},
        }
    else:
        doc = {
            "head": {"vars": ["subject", "predicate", "object"]},
            "results": {
                "bindings": [
                    {
                        "subject": term_json(t.subject),
                        "predicate": term_json(t.predicate),
                        "object": term_json(t.object),
                    }
                    for t in r.triples
                ]
            },
        }
    if r.truncated:
        doc["truncated"] = True
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_csv(r: QueryResult) -> str:
    """SPARQL 1.1 CSV results (plain values; ``true``/``false`` for ASK)."""
    if r.kind == "ask":
        return "boolean\r\n" + ("true" if r.boolean else "false") + "\r\n"
    buf = io.StringIO()
    w = csv.writer(buf)
    if r.kind == "select":
        w.writerow(r.variables)
        for row in r.rows:
            w.writerow(
                ["" if t is None else t.value if isinstance(t, NamedNode | Literal) else str(t) for t in row]
            )
    else:
        w.writerow(["subject", "predicate", "object"])
        for t in r.triples:
            w.writerow(
                [
                    x.value if isinstance(x, NamedNode | Literal) else str(x)
                    for x in (t.subject, t.predicate, t.object)
                ]
            )
    return buf.getvalue()


def to_turtle(r: QueryResult) -> str:
    """The triples of a CONSTRUCT/DESCRIBE result as Turtle (UTF-8)."""
    return serialize(r.triples, format=RdfFormat.TURTLE, prefixes=OUTPUT_PREFIXES).decode("utf-8")


def table_rows(r: QueryResult) -> tuple[list[str], list[list[str]]]:
    """Column names and compacted cell texts for a table display."""
    if r.kind == "ask":
        return ["boolean"], [["true" if r.boolean else "false"]]
    if r.kind == "select":
        return r.variables, [[compact(t) for t in row] for row in r.rows]
    return ["subject", "predicate", "object"], [
        [compact(t.subject), compact(t.predicate), compact(t.object)] for t in r.triples
    ]
