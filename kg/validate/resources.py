"""The files validation reads: the ontology, the issue scheme and the SHACL shapes, parsed once.

They live at the repository root (``ontology/peacetalks.ttl``, ``ontology/issues.ttl``,
``shapes/peacetalks.ttl``). Each is parsed into an rdflib :class:`~rdflib.Graph` on first use and
cached for the life of the process; :func:`support_index` derives from them the few facts the
validator adds to every data graph in place of RDFS inference.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from kg.errors import KGError

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = ROOT / "ontology" / "peacetalks.ttl"
ISSUES_FILE = ROOT / "ontology" / "issues.ttl"
SHAPES_FILE = ROOT / "shapes" / "peacetalks.ttl"

PT = "https://w3id.org/peacetalks/ontology#"

Triple = tuple[Node, Node, Node]


class ResourceMissing(KGError):
    """An ontology or shapes file is missing or unparsable (the package was installed without them)."""

    code = "KG510"


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise ResourceMissing(f"{path} is missing: validation needs the repo's ontology/ and shapes/ folders")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise ResourceMissing(f"{path} is not valid Turtle: {exc}") from exc


@cache
def ontology_graph() -> Graph:
    """The OWL ontology (``ontology/peacetalks.ttl``)."""
    return _parse(ONTOLOGY_FILE)


@cache
def issues_graph() -> Graph:
    """The SKOS issue scheme (``ontology/issues.ttl``)."""
    return _parse(ISSUES_FILE)


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes (``shapes/peacetalks.ttl``)."""
    return _parse(SHAPES_FILE)


@dataclass(frozen=True)
class SupportIndex:
    """Facts added to data graphs so shapes work without inference.

    ``always``: the ontology's ``rdfs:subClassOf`` axioms between its own classes (so ``sh:class pt:Actor``
    accepts a ``pt:Person``). ``types``: for each concept of the issue file (issues, groups), its
    ``rdf:type`` triples, added when the data mentions the concept (so ``sh:class pt:Issue`` holds
    exactly for the scheme's 26 issues).
    """

    always: tuple[Triple, ...]
    types: dict[Node, tuple[Triple, ...]]


@cache
def support_index() -> SupportIndex:
    """Build (once) the :class:`SupportIndex` from the ontology and issue files."""
    onto = ontology_graph()
    always = tuple(
        (s, RDFS.subClassOf, o)
        for s, o in onto.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef) and str(s).startswith(PT) and str(o).startswith(PT)
    )
    issues = issues_graph()
    types: dict[Node, list[Triple]] = defaultdict(list)
    for s, o in issues.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and str(o).startswith(PT):
            types[s].append((s, RDF.type, o))
    return SupportIndex(always, {k: tuple(v) for k, v in types.items()})
