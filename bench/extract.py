"""Throughput of extraction and ingest on the seeds repeated to ~1,000 articles (figures, not asserts).

    .venv/bin/python bench/extract.py [--articles 1000] [--seeds seeds] [--memory] [--no-validate]

Each repetition gets its own article id (``<stem>-r<k>``) and a text of its own, so every article is a
distinct graph and no per-text cache helps.
One pass ingests every article the way :func:`kg.ingest.ingest_document` does (parse → extract →
build → SHACL validation → one ``replace_graph`` transaction), timing each phase, and prints:
extraction (parse + all stages) in articles/s and KB/s with the time per stage; ingest (all phases)
in articles/s and KB/s; the peak resident memory of the process (``ru_maxrss``). Phases are timed
in CPU seconds of this process (the figure for one core, not inflated when the machine is shared);
the wall-clock rate of the whole run is printed too. Targets on one core: extraction >= 500 KB/s;
ingest with validation >= 20 articles/s. Extraction is timed twice: alone over all the articles first,
then as the first phase of each ingest.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.extract import STAGES, grounded
from kg.extract.document import parse_article
from kg.extract.model import Analysis
from kg.graph import build_article_graph
from kg.ingest import article_files, warm_up
from kg.store import OxigraphStore
from kg.validate import validate_quads


def corpus(seeds: Path, n: int) -> list[tuple[str, bytes]]:
    """``n`` (id, bytes) pairs cycling through the seed files, ids and texts made distinct per repetition.

    Each repetition ends with its own line ("Repetition 7."), so no cache keyed by the text helps:
    the figures are those of articles the process has not seen before.
    """
    files = [(p.stem, p.read_bytes()) for p in article_files(seeds)]
    out = []
    for i in range(n):
        stem, data = files[i % len(files)]
        out.append((f"{stem}-r{i // len(files)}", data.rstrip(b"\n") + f"\n\nRepetition {i}.\n".encode()))
    return out


def peak_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extract_only(items: list[tuple[str, bytes]]) -> float:
    """CPU seconds to parse and extract every item, with nothing else in between."""
    s = time.process_time()
    for article_id, data in items:
        a = Analysis(parse_article(data, article_id))
        for _name, stage in STAGES:
            stage(a)
        grounded(a)
    return time.process_time() - s


def run(items: list[tuple[str, bytes]], store: OxigraphStore, validate: bool) -> dict[str, float]:
    """Ingest ``items`` into ``store``; returns seconds spent per phase and per stage, and refusals."""
    t: dict[str, float] = {"parse": 0.0, "build": 0.0, "validate": 0.0, "store": 0.0, "refused": 0}
    t.update({f"stage {name}": 0.0 for name, _ in STAGES})
    for article_id, data in items:
        s = time.process_time()
        a = Analysis(parse_article(data, article_id))
        t["parse"] += time.process_time() - s
        for name, stage in STAGES:
            s = time.process_time()
            stage(a)
            t[f"stage {name}"] += time.process_time() - s
        grounded(a)
        s = time.process_time()
        g = build_article_graph(a)
        t["build"] += time.process_time() - s
        if validate:
            s = time.process_time()
            ok = validate_quads(g.quads).conforms
            t["validate"] += time.process_time() - s
            if not ok:
                t["refused"] += 1
                continue  # as ingest does: a refused article is not stored
        s = time.process_time()
        store.replace_graph(g.graph, g.article, g.reference)
        t["store"] += time.process_time() - s
    return t


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="number of articles (seeds repeated)")
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "seeds")
    ap.add_argument("--memory", action="store_true", help="ingest into an in-memory store (default: on disk)")
    ap.add_argument("--no-validate", action="store_true", help="ingest without SHACL validation")
    args = ap.parse_args(argv)
    warm_up()  # as `kg build` and `kg ingest` do before their first article
    items = corpus(args.seeds, args.articles)
    n, kb = len(items), sum(len(b) for _, b in items) / 1024
    print(f"python {sys.version.split()[0]}; {n} articles ({kb:.0f} KB) from {args.seeds}")
    # Extraction alone first (what `kg extract` and the scorer do: text in, facts out), then the whole
    # ingest; inside an ingest, extraction also pays for the validator's and the store's objects.
    alone = extract_only(items)
    print(f"extraction alone: {n / alone:.1f} articles/s, {kb / alone:.1f} KB/s  (target >= 500 KB/s)")
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(None if args.memory else Path(tmp) / "data")
        cpu0, wall0 = time.process_time(), time.perf_counter()
        t = run(items, store, not args.no_validate)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        quads = store.count()
        store.close()
    stages = {k: v for k, v in t.items() if k.startswith("stage ")}
    extract_s = t["parse"] + sum(stages.values())
    ingest_s = extract_s + t["build"] + t["validate"] + t["store"]
    print(f"extraction within ingest: {n / extract_s:.1f} articles/s, {kb / extract_s:.1f} KB/s")
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<20} {v:8.2f} s  {100 * v / extract_s:5.1f}%")
    what = "without validation" if args.no_validate else "with validation"
    print(
        f"ingest {what}, {'memory' if args.memory else 'disk'}: {n / ingest_s:.1f} articles/s, "
        f"{kb / ingest_s:.1f} KB/s  (target >= 20 articles/s)"
    )
    for k in ("parse", "build", "validate", "store"):
        print(f"  {k:<20} {t[k]:8.2f} s  {1000 * t[k] / n:7.2f} ms/article")
    print(f"  refused by validation: {int(t['refused'])}; stored quads: {quads:,}")
    print(
        f"whole run: wall {wall:.1f} s ({n / wall:.1f} articles/s), cpu {cpu:.1f} s; "
        f"peak RSS {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
