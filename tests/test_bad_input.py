"""Every bad input to the CLI: exit status 2, a one-line ``error:`` message, the store unchanged."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad
from typer.testing import CliRunner

from kg.cli import app
from kg.store import OxigraphStore, StoreUnavailable

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = {"KG_DATA_DIR": str(tmp_path / "data"), "KG_IN_MEMORY": "false"}
    r = CliRunner().invoke(app, ["ingest", str(FIX / "football-en.txt")], env=e)
    assert r.exit_code == 0, r.stderr
    # Enough quads for a three-way join to take a while (the timeout test).
    s = OxigraphStore(Path(e["KG_DATA_DIR"]))
    g = NamedNode("https://example.org/g")
    s.replace_graph(
        g,
        [
            Quad(
                NamedNode(f"https://example.org/s{i}"), NamedNode("https://example.org/p"), Literal(str(i)), g
            )
            for i in range(150)
        ],
    )
    s.close()
    return e


def dump(env: dict[str, str]) -> bytes:
    # An abandoned (timed-out) query holds the store until it finishes: wait for it.
    for _ in range(100):
        try:
            s = OxigraphStore(Path(env["KG_DATA_DIR"]))
            break
        except StoreUnavailable:
            time.sleep(0.1)
    try:
        return s.dump()
    finally:
        s.close()


def big_file(tmp_path: Path) -> Path:
    p = tmp_path / "big.txt"
    p.write_bytes(b"---\nlanguage: en\n---\n" + b"peace talks " * 90_000)  # > 1 MB
    return p


CASES = {
    "empty": (["ingest", str(FIX / "empty.txt")], "empty"),
    "blank": (["ingest", str(FIX / "blank.txt")], "empty"),
    "latin-1": (["ingest", str(FIX / "latin1.txt")], "UTF-8"),
    "binary": (["ingest", str(FIX / "binary.png")], "binary"),
    "front matter": (["ingest", str(FIX / "bad-front-matter.txt")], "front matter"),
    "unclosed front matter": (["ingest", str(FIX / "unclosed-front-matter.txt")], "never closed"),
    "missing file": (["ingest", str(FIX / "missing.txt")], "cannot read"),
    "unknown query": (["query", "--named", "no-such-query"], "no canned query"),
    "bad sparql": (["query", "SELECT ?x WHERE { ?x"], "SPARQL syntax"),
    "update via query": (["query", "DROP ALL"], "updates"),
    "update after a prefix": (["query", "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }"], "not accepted"),
    "extract a folder": (["extract", str(FIX)], "folder"),
    "front matter, no body": (["ingest", str(FIX / "front-matter-only.txt")], "no body"),
    "front matter key twice": (["ingest", str(FIX / "published-twice.txt")], "repeats the key"),
    "stats format": (["stats", "--format", "csv"], "unknown format"),
    "not a language tag": (["ingest", str(FIX / "bad-language.txt")], "not a language tag"),
    "not a URL": (["ingest", str(FIX / "bad-url.txt")], "not an absolute http(s) URL"),
    "bad param": (["query", "--named", "refused-issues", "--param", "nobody"], "NAME=VALUE"),
    "unknown param": (["query", "--named", "refused-issues", "--param", "x=1"], "takes no parameter"),
    "no query": (["query"], "exactly one"),
    "bad result format": (["query", "ASK {}", "--format", "xml"], "unknown format"),
    "extract empty": (["extract", str(FIX / "empty.txt")], "empty"),
    "extract binary": (["extract", str(FIX / "binary.png")], "binary"),
    "extract missing": (["extract", str(FIX / "missing.txt")], "cannot read"),
    "missing query file": (["query", "--file", str(FIX / "missing.rq")], "cannot read query file"),
    "query file not UTF-8": (["query", "--file", str(FIX / "latin1.txt")], "cannot read query file"),
    "two queries": (["query", "ASK {}", "--named", "stats"], "exactly one"),
    "bad IRI param": (["query", "--named", "evidence", "--param", "subject=<a b>"], "not a valid IRI"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input(env, case) -> None:
    args, words = CASES[case]
    before = dump(env)
    r = CliRunner().invoke(app, args, env=env)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), r.stderr
    assert words.lower() in lines[0].lower()
    assert "Traceback" not in r.stdout + r.stderr
    assert dump(env) == before


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("KG_SERVICE_ALLOWLIST", "[not json", "KG_SERVICE_ALLOWLIST"),
        ("KG_SERVICE_ALLOWLIST", "ftp://x", "not an http(s) IRI"),
        ("KG_QUERY_TIMEOUT_S", "inf", "KG_QUERY_TIMEOUT_S"),
        ("KG_QUERY_TIMEOUT_S", "1e300", "KG_QUERY_TIMEOUT_S"),
    ],
)
def test_bad_settings(env, name, value, words) -> None:
    r = CliRunner().invoke(app, ["stats"], env={**env, name: value})
    assert r.exit_code == 2 and "Traceback" not in r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: KG001") and words in lines[0], r.stderr


def test_unreachable_service_on_the_allow_list_is_a_clear_error(env) -> None:
    before = dump(env)
    q = "SELECT * WHERE { SERVICE <http://kg-no-such-host.invalid/sparql> { ?s ?p ?o } }"
    allow = {**env, "KG_SERVICE_ALLOWLIST": "http://kg-no-such-host.invalid/sparql"}
    r = CliRunner().invoke(app, ["query", q], env=allow)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: KG302"), r.stderr
    assert dump(env) == before


def test_too_large(env, tmp_path) -> None:
    before = dump(env)
    r = CliRunner().invoke(app, ["ingest", str(big_file(tmp_path))], env=env)
    assert r.exit_code == 2 and "KG_MAX_ARTICLE_BYTES" in r.stderr
    assert dump(env) == before


def test_query_timeout_is_bad_input(env) -> None:
    before = dump(env)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~1 s of work
    r = CliRunner().invoke(app, ["query", slow], env={**env, "KG_QUERY_TIMEOUT_S": "0.05"})
    assert r.exit_code == 2 and "KG_QUERY_TIMEOUT_S" in r.stderr
    assert dump(env) == before


@pytest.mark.parametrize("name", ["football-en.txt", "football-ar.txt"])
def test_unrelated_text_accepted_with_zero_facts(tmp_path, name) -> None:
    e = {"KG_DATA_DIR": str(tmp_path / "d"), "KG_IN_MEMORY": "false"}
    r = CliRunner().invoke(app, ["ingest", str(FIX / name)], env=e)
    assert r.exit_code == 0 and "1 added" in r.stdout
    r = CliRunner().invoke(app, ["stats", "-f", "json"], env=e)
    assert '"demands": 0' in r.stdout and '"meetings": 0' in r.stdout and '"actors": 0' in r.stdout
