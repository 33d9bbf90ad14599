"""The ``kg`` command through typer's CliRunner (in-process) and one real subprocess.

Each test gets its own on-disk store (KG_DATA_DIR in a temporary folder). SHACL validation is off
here (these tests are about the command, not the shapes) except where a test switches it on;
test_seed_graph_conforms checks the real shapes on the seeds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"
SEEDS = REPO / "seeds"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "KG_DATA_DIR": str(tmp_path / "data"),
        "KG_IN_MEMORY": "false",
        "KG_SEEDS_DIR": str(SEEDS),
        "KG_VALIDATE_ON_INGEST": "false",
    }


def kg(env: dict[str, str], *args: str):
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[Path, str]:
    """The seeds built once per module (validation off): the data folder and `kg build`'s stdout."""
    data = tmp_path_factory.mktemp("seeded") / "data"
    r = kg({"KG_DATA_DIR": str(data), "KG_SEEDS_DIR": str(SEEDS), "KG_VALIDATE_ON_INGEST": "false"}, "build")
    assert r.exit_code == 0, r.stderr
    return data, r.stdout


@pytest.fixture
def built(env, seeded) -> dict[str, str]:
    """``env`` whose KG_DATA_DIR is a copy of the seeds store."""
    shutil.copytree(seeded[0], env["KG_DATA_DIR"])
    return env


def dump(env: dict[str, str]) -> bytes:
    s = OxigraphStore(Path(env["KG_DATA_DIR"]))
    try:
        return s.dump()
    finally:
        s.close()


def test_build_then_rebuild_is_idempotent(built, seeded) -> None:
    env = built
    assert "5 added" in seeded[1]
    first = dump(env)
    r = kg(env, "build")
    assert r.exit_code == 0 and "5 unchanged" in r.stdout
    assert dump(env) == first


def test_build_folder_with_an_empty_file(env, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(p, folder / p.name)
    (folder / "empty.txt").write_bytes(b"")
    r = kg(env, "build", str(folder))
    assert r.exit_code == 1
    assert "2 added, 1 failed" in r.stdout
    assert "empty.txt" in r.stderr and "empty" in r.stderr
    s = OxigraphStore(Path(env["KG_DATA_DIR"]))
    assert len([g for g in s.graphs() if "/article/" in g.value]) == 2
    s.close()


def test_build_missing_folder_is_bad_input(env, tmp_path) -> None:
    r = kg(env, "build", str(tmp_path / "nope"))
    assert r.exit_code == 2 and r.stderr.startswith("error:")


def test_ingest_and_stats(env) -> None:
    r = kg(env, "ingest", str(FIX / "football-en.txt"), str(FIX / "football-ar.txt"))
    assert r.exit_code == 0, r.stderr
    r = kg(env, "stats", "--format", "json")
    stats = json.loads(r.stdout)
    assert stats["articles"] == 2 and stats["meetings"] == 0 and stats["demands"] == 0
    assert set(stats) >= {
        "articles",
        "actors",
        "meetings",
        "proposals",
        "demands",
        "concessions",
        "evidence",
        "triples",
    }


def test_stats_table(built) -> None:
    env = built
    r = kg(env, "stats")
    assert r.exit_code == 0 and "articles" in r.stdout and "triples" in r.stdout


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "json-ld"])
def test_extract_all_formats_utf8_unescaped(env, fmt) -> None:
    r = kg(env, "extract", str(FIX / "football-ar.txt"), "--format", fmt)
    assert r.exit_code == 0, r.stderr
    out = r.stdout_bytes.decode("utf-8")
    assert "هدف متأخر يحسم الديربي" in out  # the Arabic title, as written
    assert "\\u" not in out
    if fmt == "json-ld":
        json.loads(out)
    if fmt in ("trig", "turtle"):
        assert "@prefix article: <https://w3id.org/peacetalks/id/article/>" in out
    assert not Path(env["KG_DATA_DIR"]).exists()  # extract touches no store


def test_extract_output_parses_with_rdflib(env) -> None:
    import rdflib

    for fmt, rd in [("nquads", "nquads"), ("trig", "trig"), ("turtle", "turtle"), ("json-ld", "json-ld")]:
        r = kg(env, "extract", str(FIX / "arabic-talks.txt"), "--format", fmt)
        ds = rdflib.Dataset()
        ds.parse(data=r.stdout_bytes.decode("utf-8"), format=rd)
        assert len(ds) > 0 or sum(len(g) for g in ds.graphs()) > 0


def test_extract_unknown_format(env) -> None:
    r = kg(env, "extract", str(FIX / "football-en.txt"), "--format", "xml")
    assert r.exit_code == 2 and "unknown format" in r.stderr


def test_extract_writes_utf8_even_with_an_ascii_locale(tmp_path) -> None:
    e = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "KG_DATA_DIR": str(tmp_path / "d")}
    p = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(FIX / "football-ar.txt"), "-f", "turtle"],
        capture_output=True,
        env=e,
        cwd=REPO,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert "هدف متأخر" in p.stdout.decode("utf-8")


def test_query_named_with_param_and_formats(built) -> None:
    env = built
    r = kg(env, "query", "--named", "demands-in-every-memo", "--param", "state=Q159", "--format", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["head"]["vars"][:2] == ["state", "issue"]
    for b in doc["results"]["bindings"]:
        assert b["state"]["value"].endswith("/actor/Q159")
    r = kg(env, "query", "-n", "meeting-timeline", "-f", "csv")
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("date,endDate,meeting")
    r = kg(env, "query", "-n", "actors-by-meetings")
    assert r.exit_code == 0 and "row(s)" in r.stdout


def test_query_text_file_and_param(env, tmp_path) -> None:
    kg(env, "ingest", str(FIX / "football-en.txt"))
    r = kg(env, "query", "SELECT ?lang WHERE { ?a pt:language ?lang }", "-f", "csv")
    assert r.stdout.splitlines() == ["lang", "en"]
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?lang ?t WHERE { ?a pt:language ?lang ; dcterms:title ?t }", encoding="utf-8")
    r = kg(env, "query", "--file", str(q), "--param", "lang=ar", "-f", "csv")
    assert r.stdout.splitlines() == ["lang,t"]  # bound to "ar": the English article does not match
    r = kg(env, "query", "ASK { ?a a pt:Article }", "-f", "json")
    assert json.loads(r.stdout)["boolean"] is True


def test_query_truncation_is_reported(built) -> None:
    env = built
    r = CliRunner().invoke(
        app, ["query", "SELECT * WHERE { ?s ?p ?o }", "-f", "csv"], env={**env, "KG_QUERY_MAX_RESULTS": "3"}
    )
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 4
    assert "KG_QUERY_MAX_RESULTS=3" in r.stderr


def test_queries_lists_canned_queries(env) -> None:
    r = kg(env, "queries")
    assert r.exit_code == 0 and "demands-in-every-memo" in r.stdout


def test_validate_store(built, monkeypatch) -> None:
    env = built
    r = kg(env, "validate")
    assert r.exit_code == 0, r.stdout
    import kg.cli as cli
    from kg.validate import ValidationReport

    monkeypatch.setattr(
        cli, "validate_store", lambda quads: ValidationReport(False, "Conforms: False\nviolation")
    )
    r = kg(env, "validate")
    assert r.exit_code == 1 and "violation" in r.stdout


def test_seed_graph_conforms(env) -> None:
    """`kg build` with validation on: every seed article passes the SHACL shapes, then `kg validate` does."""
    r = kg({**env, "KG_VALIDATE_ON_INGEST": "true"}, "build")
    assert r.exit_code == 0, r.stdout + r.stderr
    r = kg(env, "validate")
    assert r.exit_code == 0, r.stdout


def test_ingest_validation_failure_exit_1_store_unchanged(env, monkeypatch) -> None:
    env = {**env, "KG_VALIDATE_ON_INGEST": "true"}
    kg(env, "ingest", str(FIX / "football-en.txt"))
    before = dump(env)
    import kg.ingest as ingest_mod
    from kg.validate import ValidationReport

    monkeypatch.setattr(ingest_mod, "validate_quads", lambda quads: ValidationReport(False, "shape violated"))
    r = kg(env, "ingest", str(FIX / "football-ar.txt"))
    assert r.exit_code == 1 and "does not conform" in r.stderr and "shape violated" in r.stderr
    assert dump(env) == before


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dump(env, fmt) -> None:
    kg(env, "ingest", str(FIX / "football-ar.txt"))
    r = kg(env, "dump", "-f", fmt)
    assert r.exit_code == 0
    text = r.stdout_bytes.decode("utf-8")
    assert "هدف متأخر يحسم الديربي" in text and "\\u" not in text
    assert kg(env, "dump", "-f", "xml").exit_code == 2


def test_ad_hoc_queries_accept_the_prefixes_tables_print(built) -> None:
    r = kg(built, "query", "ASK { actor:Q212 a pt:State . ?m pt:location place:Q797 }", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["boolean"] is True


def test_queries_list_never_cuts_a_name(env) -> None:
    r = CliRunner().invoke(app, ["queries"], env={**env, "COLUMNS": "80"})
    assert r.exit_code == 0
    for name in ("party-demands-vs-refusals", "demands-in-every-memo-inherited"):
        assert name in r.stdout
