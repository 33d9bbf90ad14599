"""Time of each canned query on the seeds repeated to ~1,000 articles (figures, not asserts).

    .venv/bin/python bench/queries.py [--articles 1000] [--seeds seeds] [--timeout 60]

The store is built in memory as ``bench/extract.py`` builds it (each repetition its own article id and
text, without SHACL validation, which does not change what is stored), so every meeting and proposal
that the seeds report is reported by ~200 articles: the union default graph repeats their triples that
many times, the case the DISTINCT sub-selects of ``kg/queries/*.rq`` are written for. Article-local
nodes (undated meetings, proposals without authors) multiply too. Prints, per query, the wall-clock
seconds of one run and its row count; a query over the time limit prints "over the limit".
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import corpus, run  # noqa: E402 (bench/extract.py, beside this file)

from kg.errors import QueryLimitExceeded  # noqa: E402
from kg.ingest import warm_up  # noqa: E402
from kg.query import names, run_named  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="number of articles (seeds repeated)")
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "seeds")
    ap.add_argument("--timeout", type=float, default=60.0, help="time limit per query, seconds")
    args = ap.parse_args(argv)
    warm_up()
    store = OxigraphStore()
    s = time.perf_counter()
    run(corpus(args.seeds, args.articles), store, validate=False)
    print(f"{args.articles} articles stored in {time.perf_counter() - s:.1f} s; {store.count()} quads")
    for name in names():
        s = time.perf_counter()
        try:
            rows = len(run_named(store, name, timeout_s=args.timeout).values())
        except QueryLimitExceeded:
            print(f"{name:40s} over the limit ({args.timeout:.0f} s)")
            continue
        print(f"{name:40s} {time.perf_counter() - s:7.2f} s  {rows:5d} rows")


if __name__ == "__main__":
    main()
