"""The gazetteer of known actors and places (``kg/lexicon/gazetteer.tsv``), as :class:`Entity` objects."""

from __future__ import annotations

from functools import cache

from kg.extract.lexicon import load_tsv
from kg.extract.model import Entity


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


@cache
def entities() -> dict[str, Entity]:
    """Every gazetteer entity by key (QID where known, else a slug of the English label)."""
    out: dict[str, Entity] = {}
    for row in load_tsv("gazetteer.tsv"):
        labels: list[tuple[str, str]] = []
        for lang in ("ar", "ru", "uk"):
            labels += [(lang, name) for name in _split(row.get(f"labels_{lang}"))]
        out[row["key"]] = Entity(
            key=row["key"],
            kind=row["kind"],
            label_en=row["label_en"],
            qid=row.get("qid") or None,
            represents=row.get("represents") or None,
            labels=tuple(labels),
        )
    return out


@cache
def english_aliases() -> dict[str, tuple[str, ...]]:
    """Extra English names of each entity key (beyond ``label_en``)."""
    return {row["key"]: tuple(_split(row.get("aliases_en"))) for row in load_tsv("gazetteer.tsv")}


def entity_by_key(key: str) -> Entity | None:
    """The gazetteer entity with ``key``, or None."""
    return entities().get(key)


def state_of(e: Entity) -> Entity:
    """The party an actor counts as: the state a person represents, else the actor itself."""
    if e.represents:
        rep = entity_by_key(e.represents)
        if rep is not None:
            return rep
    return e
