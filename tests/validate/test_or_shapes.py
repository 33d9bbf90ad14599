"""sh:or (a label's datatype): any member shape conforming is enough; none conforming is one readable result."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.term import Node

from kg.validate.convert import DataGraph
from kg.validate.engine import REFERENCE, validate_graph
from kg.validate.resources import support_index

PT = "https://w3id.org/peacetalks/ontology#"
STATE = URIRef("https://w3id.org/peacetalks/id/TestState")
MESSAGE = "An actor needs at least one rdfs:label, each an xsd:string or a language-tagged string."


def _check(label: Node) -> tuple[bool, list[tuple[str, str | None, str, str | None, str]]]:
    g = DataGraph()
    g.add((STATE, RDF.type, URIRef(PT + "State")))
    g.add((STATE, RDFS.label, label))
    for t in support_index().always:
        g.add(t)
    ok, results = validate_graph(g, REFERENCE)
    return ok, [(r.focus, r.path, r.message, r.value, r.severity) for r in results]


@pytest.mark.parametrize("label", [Literal("Ruritania", lang="en"), Literal("Ruritania")])
def test_a_label_matching_either_member_conforms(label: Literal) -> None:
    assert _check(label) == (True, [])


@pytest.mark.parametrize("label, value", [(Literal(5), "5"), (URIRef("http://ex/n"), "http://ex/n")])
def test_a_label_matching_no_member_is_one_violation(label: Node, value: str) -> None:
    assert _check(label) == (False, [(str(STATE), str(RDFS.label), MESSAGE, value, "Violation")])
