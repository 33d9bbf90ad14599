"""Every gazetteer entity's reference description conforms, so no article is refused for naming it."""

from __future__ import annotations

from kg.extract.gazetteer import entities, located_in
from kg.graph.build import describe_entity
from kg.validate import clear_memo, validate_quads


def test_every_gazetteer_entity_description_conforms() -> None:
    known = entities()
    assert len(known) > 50
    # as kg.graph.build does: a place comes with the places it lies in (pt:locatedIn needs its object)
    parents = [p for e in known.values() if e.kind == "Place" and (p := located_in(e)) is not None]
    quads = [q for e in [*known.values(), *parents] for q in describe_entity(e)]
    clear_memo()
    report = validate_quads(quads)
    assert report.conforms, report.text
    assert not report.results, report.text


def test_every_located_in_key_is_a_gazetteer_place_or_state() -> None:
    from kg.extract.lexicon import load_yaml

    known = entities()
    for inner, outer in load_yaml("places.yaml")["located_in"].items():
        assert known[str(inner)].kind == "Place", inner
        assert known[str(outer)].kind in ("Place", "State"), outer
