"""IRIs of the ontology, the issue scheme, the instance data and the vocabularies they align with."""

from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import NamedNode

PT = "https://w3id.org/peacetalks/ontology#"
ISSUE = "https://w3id.org/peacetalks/issue/"
ID = "https://w3id.org/peacetalks/id/"
WD = "http://www.wikidata.org/entity/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

REFERENCE_GRAPH = NamedNode(ID + "graph/reference")
PREFIXES = {
    "pt": PT,
    "issue": ISSUE,
    "id": ID,
    "wd": WD,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
}
# Kinds of instance IRI (``id/<kind>/...``); each gets a prefix of its own in Turtle/TriG output
# (``meeting:2025-08-15-Q1234``), since ``id:meeting/...`` is not a valid prefixed name.
INSTANCE_KINDS = (
    "article",
    "actor",
    "place",
    "meeting",
    "proposal",
    "demand",
    "concession",
    "evidence",
    "graph",
)
OUTPUT_PREFIXES = {
    **{k: v for k, v in PREFIXES.items() if k != "id"},
    **{k: ID + k + "/" for k in INSTANCE_KINDS},
}


# What a SPARQL query may use without declaring it: PREFIXES plus the instance prefixes that result tables
# print (``actor:Q212``, ``meeting:2025-08-15-Q797``).
QUERY_PREFIXES = {**OUTPUT_PREFIXES, **PREFIXES}


def pt(local: str) -> NamedNode:
    """An ontology term, e.g. ``pt("Meeting")``."""
    return NamedNode(PT + local)


def term(prefix: str, local: str) -> NamedNode:
    """A term of one of :data:`PREFIXES`, e.g. ``term("rdfs", "label")``."""
    return NamedNode(PREFIXES[prefix] + local)


def instance(kind: str, *parts: str) -> NamedNode:
    """A deterministic instance IRI under ``id/<kind>/``; parts are percent-encoded and joined by ``-``."""
    return NamedNode(ID + kind + "/" + "-".join(quote(p, safe="") for p in parts))


def article_iri(article_id: str) -> NamedNode:
    """The IRI of an article, which is also the IRI of its named graph."""
    return instance("article", article_id)


def issue_iri(issue_id: str) -> NamedNode:
    """The IRI of an issue of the SKOS scheme (one of the 26 ids of ``ontology/issues.ttl``)."""
    return NamedNode(ISSUE + issue_id)
