"""Every gazetteer entity's reference description conforms, so no article is refused for naming it."""

from __future__ import annotations

from kg.extract.gazetteer import entities
from kg.graph.build import describe_entity
from kg.validate import clear_memo, validate_quads


def test_every_gazetteer_entity_description_conforms() -> None:
    known = entities()
    assert len(known) > 50
    quads = [q for e in known.values() for q in describe_entity(e)]
    clear_memo()
    report = validate_quads(quads)
    assert report.conforms, report.text
    assert not report.results, report.text
