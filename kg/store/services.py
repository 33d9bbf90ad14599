"""SPARQL ``SERVICE`` (federated query) only to an allow-list (``KG_SERVICE_ALLOWLIST``).

A ``SERVICE <iri>`` clause makes the store send a request to ``iri``: left open, any query could
reach any host the server can (server-side request forgery). Queries are parsed with rdflib's SPARQL
parser to find every ``SERVICE`` clause; one whose endpoint is not allowed is refused before the
query runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from kg.errors import BadQuery
from kg.graph.namespaces import QUERY_PREFIXES


def _walk(node: object) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _walk(value)


def _endpoint(term: object, declared: dict[str, str]) -> str:
    """The endpoint IRI of a SERVICE clause (a prefixed name resolved), or "?var" for a variable."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Variable):
        return f"?{term}"
    if isinstance(term, CompValue) and term.name == "pname":
        prefix = term.get("prefix") or ""
        base = declared.get(prefix, QUERY_PREFIXES.get(prefix, ""))
        return base + (term.get("localname") or "")
    return str(term)


def services(sparql: str) -> list[str]:
    """Endpoint IRIs of every ``SERVICE`` clause of ``sparql`` (variables as ``?name``).

    Raises :class:`BadQuery` if the query does not parse.
    """
    try:
        tree = parseQuery(sparql)
    except ParseException as exc:
        raise BadQuery(f"SPARQL syntax: {exc}") from exc
    declared: dict[str, str] = {}
    for comp in _walk(tree):
        if comp.name == "PrefixDecl":
            declared[str(comp.get("prefix") or "")] = str(comp.get("iri"))
    return [_endpoint(c.get("term"), declared) for c in _walk(tree) if c.name == "ServiceGraphPattern"]


def check_services(sparql: str, allowed: Iterable[str]) -> None:
    """Refuse ``sparql`` if it has a ``SERVICE`` clause to an endpoint not in ``allowed``.

    Raises :class:`BadQuery` naming the endpoint and the setting to change.
    """
    if "service" not in sparql.lower():
        return  # no SERVICE keyword at all: nothing to parse for
    allow = set(allowed)
    for endpoint in services(sparql):
        if endpoint not in allow:
            raise BadQuery(
                f"SERVICE <{endpoint}> is not allowed: federated queries may only reach endpoints listed "
                "in KG_SERVICE_ALLOWLIST"
            )


def names_dataset(sparql: str) -> bool:
    """Whether ``sparql`` names its dataset with ``FROM``/``FROM NAMED`` (then the union default graph
    must not replace it). Raises :class:`BadQuery` if the query does not parse."""
    if "from" not in sparql.lower():
        return False
    try:
        tree = parseQuery(sparql)
    except ParseException as exc:
        raise BadQuery(f"SPARQL syntax: {exc}") from exc
    return any(c.name == "DatasetClause" for c in _walk(tree))
