"""Regressions found by a new user trying the CLI: each bad input is refused and changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import BadArticle, BadQuery
from kg.extract import extract, parse_article, read_article
from kg.graph import build_article_graph
from kg.ingest import article_files, ingest_file, ingest_files
from kg.settings import Settings
from kg.store import OxigraphStore
from kg.store.services import check_services, services

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_762f463857c642e1.txt"


def test_service_clauses_are_found_with_prefixes_and_variables() -> None:
    q = ("PREFIX w: <https://query.example.org/> SELECT * WHERE { SERVICE w:sparql { ?s ?p ?o } "
         "OPTIONAL { SERVICE SILENT ?x { ?a ?b ?c } } }")
    assert services(q) == ["https://query.example.org/sparql", "?x"]
    assert services('SELECT * WHERE { ?s ?p "customer service" }') == []


def test_a_service_outside_the_allowlist_is_refused_before_any_request() -> None:
    store = OxigraphStore(None)
    before = store.dump()
    with pytest.raises(BadQuery, match="KG_SERVICE_ALLOWLIST"):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert store.dump() == before
    check_services("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                   ["http://127.0.0.1:9/sparql"])  # listed: allowed


def test_cli_refuses_service_with_exit_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"],
                           env={"KG_DATA_DIR": str(tmp_path / "data")})
    assert r.exit_code == 2
    assert "not allowed" in r.stderr


@pytest.mark.parametrize("var,value", [("KG_IN_MEMORY", "banana"), ("KG_QUERY_TIMEOUT_S", "abc"),
                                       ("KG_DATA_DIR", ""), ("KG_MAX_ARTICLE_BYTES", "-5")])
def test_a_bad_setting_is_a_one_line_error_naming_it(var: str, value: str, tmp_path: Path) -> None:
    env = {"KG_DATA_DIR": str(tmp_path / "data"), var: value}
    r = CliRunner().invoke(app, ["stats"], env=env)
    assert r.exit_code == 2
    assert var in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_build_takes_only_article_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.ttl", "d.py", ".hidden.txt", "e.bak"):
        (tmp_path / name).write_text("Russia and Ukraine met.", encoding="utf-8")
    assert [p.name for p in article_files(tmp_path)] == ["a.txt", "b.md"]


def test_two_files_with_one_article_id_in_one_batch(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    shutil.copy(SEED, tmp_path / "x" / "same.txt")
    (tmp_path / "y" / "same.txt").write_text("Russia demanded a ceasefire.", encoding="utf-8")
    store = OxigraphStore(None)
    batch = ingest_files([tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt"], store,
                         Settings(in_memory=True, data_dir=tmp_path / "d"))
    # neither is ingested: whichever came first, the other would replace it
    assert batch.done == []
    assert len(batch.failed) == 2 and all("rename one" in str(exc) for _p, exc in batch.failed)
    assert store.graphs() == []


def test_the_same_text_under_another_name_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    settings = Settings(in_memory=True, data_dir=tmp_path / "d")
    store = OxigraphStore(None)
    ingest_file(SEED, store, settings)
    before = store.dump()
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    with pytest.raises(BadArticle, match="same text"):
        ingest_file(copy, store, settings)
    assert store.dump() == before


def test_published_may_be_quoted_and_must_be_a_date() -> None:
    doc = parse_article(b'---\npublished: "2025-08-15"\n---\nThe presidents met on Friday.', "t")
    assert doc.published is not None and doc.published.isoformat() == "2025-08-15"
    assert parse_article(b"---\npublished: unknown\n---\nText.", "t").published is None
    with pytest.raises(BadArticle, match="not a date"):
        parse_article(b"---\npublished: March 14, 2025\n---\nText.", "t")


def test_an_article_graph_holds_each_statement_once() -> None:
    graph = build_article_graph(extract(read_article(REPO / "seeds" / "004_9c0425b4b54f0f0d.txt")))
    assert len(graph.article) == len(set(graph.article))
    assert len(graph.reference) == len(set(graph.reference))


def test_actor_parameters_take_usual_forms_and_refuse_unknown_actors(tmp_path: Path) -> None:
    from kg.query.catalog import parse_params, run_named

    settings = Settings(in_memory=True, data_dir=tmp_path / "d")
    store = OxigraphStore(None)
    ingest_file(REPO / "seeds" / "004_9c0425b4b54f0f0d.txt", store, settings)
    answers = [run_named(store, "demands-in-every-memo", {"state": v}).rows
               for v in ("Q159", "actor:Q159", "wd:q159")]
    assert answers[0] and answers[0] == answers[1] == answers[2]
    with pytest.raises(BadQuery, match="no actor 'Russia'"):
        run_named(store, "demands-in-every-memo", {"state": "Russia"})
    with pytest.raises(BadQuery, match="not an actor key"):
        run_named(store, "demands-in-every-memo", {"state": "Q159> } ; DROP ALL #"})
    with pytest.raises(BadQuery, match="given twice"):
        parse_params(["state=Q159", "state=Q212"])


def test_from_names_the_dataset_instead_of_the_union(tmp_path: Path) -> None:
    settings = Settings(in_memory=True, data_dir=tmp_path / "d")
    store = OxigraphStore(None)
    ingest_file(SEED, store, settings)
    g = "https://w3id.org/peacetalks/id/article/000_762f463857c642e1"
    whole = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value
    one = store.query(f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}").rows[0][0].value
    assert int(one) == store.count(NamedNode(g)) < int(whole)


def test_shared_quads_are_written_again_after_their_graph_is_removed() -> None:
    from pyoxigraph import Literal, Quad

    from kg.graph.namespaces import REFERENCE_GRAPH

    store = OxigraphStore(None)
    g1, g2 = NamedNode("https://example.org/a1"), NamedNode("https://example.org/a2")
    shared = [Quad(NamedNode("https://example.org/x"), NamedNode("https://example.org/p"), Literal("v"),
                   REFERENCE_GRAPH)]
    own = [Quad(g1, NamedNode("https://example.org/p"), Literal("1"), g1)]
    store.replace_graph(g1, own, shared)
    assert store.count(REFERENCE_GRAPH) == 1
    store.remove_graph(REFERENCE_GRAPH)
    assert store.count(REFERENCE_GRAPH) == 0
    store.replace_graph(g2, [Quad(g2, NamedNode("https://example.org/p"), Literal("2"), g2)], shared)
    assert store.count(REFERENCE_GRAPH) == 1
