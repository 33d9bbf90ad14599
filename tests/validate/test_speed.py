"""Validation is fast enough for ingest: a seed article's graph in well under the 50 ms budget per article."""

from __future__ import annotations

import time
from pathlib import Path

from kg.extract import extract, read_article
from kg.graph import build_article_graph
from kg.validate import validate_quads

REPO = Path(__file__).resolve().parents[2]


def test_validating_a_seed_article_is_fast() -> None:
    doc = read_article(REPO / "seeds" / "000_762f463857c642e1.txt", 1_000_000)
    quads = build_article_graph(extract(doc)).quads
    validate_quads(quads)  # warm-up: parses ontology, issues and shapes
    runs = 5
    t0 = time.process_time()  # CPU time: other processes on the machine do not count
    for _ in range(runs):
        report = validate_quads(quads)
    per_article = (time.process_time() - t0) / runs
    assert report.conforms, report.text
    assert per_article < 0.05, f"{per_article * 1000:.1f} ms CPU per validation"
