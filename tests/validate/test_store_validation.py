"""validate_store: every graph of a store on its own, with the reference descriptions it touches."""

from __future__ import annotations

import pyoxigraph as ox

from kg.validate import clear_memo, validate_quads, validate_store

PT = "https://w3id.org/peacetalks/ontology#"

TRIG = """
@prefix pt: <https://w3id.org/peacetalks/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix art: <https://w3id.org/peacetalks/id/article/> .
@prefix actor: <https://w3id.org/peacetalks/id/actor/> .
@prefix ev: <https://w3id.org/peacetalks/id/evidence/> .
@prefix m: <https://w3id.org/peacetalks/id/meeting/> .
GRAPH art:a {
  art:a a pt:Article ; pt:sha256 "%(sha_a)s" .
  ev:a-0-5 a pt:Evidence ; pt:source art:a ; pt:quote "talks" ; pt:start 0 ; pt:end 5 .
  m:x a pt:Meeting ; pt:date "2025-08-15"^^xsd:date ; pt:participant actor:Q159 ; pt:evidence ev:a-0-5 .
}
GRAPH art:b {
  art:b a pt:Article ; pt:sha256 "%(sha_b)s" .
  ev:b-0-5 a pt:Evidence ; pt:source art:b ; pt:quote "talks" ; pt:start 0 ; pt:end %(end_b)s .
  m:x a pt:Meeting ; pt:date "2025-08-16"^^xsd:date ; pt:participant actor:Q159 ; pt:evidence ev:b-0-5 .
}
GRAPH <https://w3id.org/peacetalks/id/graph/reference> {
  actor:Q159 a pt:State ; rdfs:label "Russia"@en .
  actor:Q212 a pt:State ; rdfs:label %(label_212)s .
}
"""
DEFAULTS = {"sha_a": "a" * 64, "sha_b": "b" * 64, "end_b": "5", "label_212": '"Ukraine"@en'}


def store_quads(**changes: str) -> list[ox.Quad]:
    return list(ox.parse(TRIG % {**DEFAULTS, **changes}, format=ox.RdfFormat.TRIG))


def test_two_articles_giving_a_meeting_different_dates_conform_graph_by_graph() -> None:
    clear_memo()
    quads = store_quads()
    together = validate_quads(quads)  # all at once: two pt:date values on one meeting, a conflict
    assert together.conforms
    assert [(r.severity, r.path) for r in together.results] == [("Warning", PT + "date")]
    report = validate_store(quads)  # graph by graph: each article states one date
    assert report.conforms and report.results == (), report.text


def test_a_violation_names_its_graph() -> None:
    clear_memo()
    report = validate_store(store_quads(end_b="0"))
    assert not report.conforms
    graphs = {r.graph for r in report.violations}
    assert graphs == {"https://w3id.org/peacetalks/id/article/b"}
    assert "[https://w3id.org/peacetalks/id/article/b]" in report.text


def test_reference_entities_no_article_touches_are_still_checked() -> None:
    clear_memo()
    report = validate_store(store_quads(label_212="42"))
    assert not report.conforms
    assert {r.graph for r in report.violations} == {"https://w3id.org/peacetalks/id/graph/reference"}


def test_an_empty_store_conforms() -> None:
    report = validate_store([])
    assert report.conforms and report.results == ()
