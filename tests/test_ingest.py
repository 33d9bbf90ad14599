"""Ingest: atomic per article, idempotent, validation gate, bad input refused with the store unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.ingest as ingest_mod
from kg.errors import BadArticle, ValidationFailed
from kg.graph.namespaces import article_iri
from kg.ingest import ADDED, REPLACED, UNCHANGED, article_files, ingest_bytes, ingest_file, ingest_files
from kg.store import OxigraphStore
from kg.validate import ValidationReport

FIX = Path(__file__).parent / "fixtures"
ARTICLE = b"---\nlanguage: en\npublished: 2025-12-03\n---\nSteve Witkoff met Vladimir Putin in Moscow.\n"


@pytest.fixture
def mem() -> OxigraphStore:
    return OxigraphStore()


def test_ingest_seeds_one_graph_per_article(mem, settings) -> None:
    batch = ingest_files(article_files(settings.seeds_dir), mem, settings)
    assert batch.ok and {r.status for r in batch.done} == {ADDED}
    arts = {g.value for g in mem.graphs()} - {"https://w3id.org/peacetalks/id/graph/reference"}
    assert arts == {article_iri(p.stem).value for p in article_files(settings.seeds_dir)}


def test_reingest_same_text_changes_nothing(mem, settings) -> None:
    ingest_bytes(ARTICLE, "a1", mem, settings)
    before = mem.dump()
    r = ingest_bytes(ARTICLE, "a1", mem, settings)
    assert r.status == UNCHANGED
    assert mem.dump() == before


def test_forced_reingest_gives_the_same_store(mem, settings) -> None:
    ingest_bytes(ARTICLE, "a1", mem, settings)
    before = mem.dump()
    assert ingest_bytes(ARTICLE, "a1", mem, settings, force=True).status == REPLACED
    assert mem.dump() == before


def test_changed_text_replaces_the_graph(mem, settings) -> None:
    ingest_bytes(ARTICLE, "a1", mem, settings)
    ingest_bytes(ARTICLE + b"\nA second article adds this line.\n", "a2", mem, settings)
    other_before = list(mem.quads(article_iri("a2")))
    changed = ARTICLE.replace(b"2025-12-03", b"2025-12-04")
    r = ingest_bytes(changed, "a1", mem, settings)
    assert r.status == REPLACED
    mine = " ".join(str(q) for q in mem.quads(article_iri("a1")))
    assert "2025-12-04" in mine and "2025-12-03" not in mine
    assert list(mem.quads(article_iri("a2"))) == other_before


@pytest.mark.parametrize("existing", [False, True])
def test_validation_failure_leaves_store_unchanged(mem, settings, monkeypatch, existing) -> None:
    ingest_bytes(ARTICLE, "other", mem, settings)
    if existing:
        ingest_bytes(ARTICLE + b" More text.", "a1", mem, settings)  # another text: the same text is refused
    before = mem.dump()
    monkeypatch.setattr(
        ingest_mod, "validate_quads", lambda quads: ValidationReport(False, "shape X violated")
    )
    with pytest.raises(ValidationFailed) as info:
        ingest_bytes(ARTICLE.replace(b"Moscow", b"Minsk"), "a1", mem, settings)
    assert info.value.report == "shape X violated"
    assert mem.dump() == before


def test_validation_can_be_switched_off(mem, settings, monkeypatch) -> None:
    def boom(quads):
        raise AssertionError("validation must not run")

    monkeypatch.setattr(ingest_mod, "validate_quads", boom)
    settings.validate_on_ingest = False
    assert ingest_bytes(ARTICLE, "a1", mem, settings).status == ADDED


def test_validator_sees_article_and_reference_quads(mem, settings, monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(
        ingest_mod, "validate_quads", lambda quads: seen.append(list(quads)) or ValidationReport(True, "")
    )
    ingest_bytes(ARTICLE, "a1", mem, settings)
    assert seen and any("sha256" in str(q) for q in seen[0])


@pytest.mark.parametrize("name", ["football-en.txt", "football-ar.txt"])
def test_unrelated_text_is_accepted_with_zero_facts(mem, settings, name) -> None:
    r = ingest_file(FIX / name, mem, settings)
    assert r.status == ADDED
    assert r.facts == {"actors": 0, "meetings": 0, "proposals": 0, "demands": 0, "concessions": 0}
    kinds = {q.object.value.rsplit("#", 1)[-1] for q in mem.quads() if q.predicate.value.endswith("#type")}
    assert kinds == {"Article"}


@pytest.mark.parametrize(
    "name",
    [
        "empty.txt",
        "blank.txt",
        "latin1.txt",
        "binary.png",
        "bad-front-matter.txt",
        "unclosed-front-matter.txt",
        "missing.txt",
    ],
)
def test_bad_files_are_refused_and_store_unchanged(mem, settings, name) -> None:
    ingest_bytes(ARTICLE, "a1", mem, settings)
    before = mem.dump()
    with pytest.raises(BadArticle):
        ingest_file(FIX / name, mem, settings)
    assert mem.dump() == before


def test_too_large_is_refused(mem, settings, tmp_path) -> None:
    settings.max_article_bytes = 1000
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300)
    with pytest.raises(BadArticle, match="KG_MAX_ARTICLE_BYTES"):
        ingest_file(big, mem, settings)
    assert mem.count() == 0


def test_folder_with_one_empty_file_commits_the_others(mem, settings, tmp_path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for p in article_files(settings.seeds_dir)[:2]:
        shutil.copy(p, folder / p.name)
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / ".hidden").write_bytes(b"ignored")
    batch = ingest_files(article_files(folder), mem, settings)
    assert len(batch.done) == 2 and [p.name for p, _ in batch.failed] == ["zz-empty.txt"]
    assert isinstance(batch.failed[0][1], BadArticle)
    assert len(mem.graphs()) == 3  # two articles + the reference graph (or 2 if nothing is shared)


def test_a_folder_is_not_an_article(mem, settings, tmp_path) -> None:
    with pytest.raises(BadArticle, match="folder"):
        ingest_file(tmp_path, mem, settings)
    with pytest.raises(BadArticle, match="not a folder of articles"):
        article_files(tmp_path / "nope")


@pytest.mark.parametrize("copy", [
    lambda t: t + b"\n",  # one more newline
    lambda t: t.replace(b"language: en\n", b"language: en\ntitle: a copy\n"),  # other front matter
    lambda t: t.replace(b"\n", b"\r\n"),  # CRLF line ends
])
def test_the_same_body_under_another_id_is_refused(mem, settings, copy) -> None:
    ingest_bytes(ARTICLE, "a1", mem, settings)
    before = mem.dump()
    with pytest.raises(BadArticle, match="same text"):
        ingest_bytes(copy(ARTICLE), "a1-copy", mem, settings)
    assert mem.dump() == before
