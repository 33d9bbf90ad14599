"""Measure validation speed (articles/s) on article graphs: ``python -m kg.validate.bench``.

Two sources of graphs:

- ``pipeline`` (default): each article through the real extraction pipeline and graph builder.
- ``gold``: graphs built from the gold facts of a dev set (``--gold`` folder of ``<id>.json``), so
  the figure reflects realistic graph sizes even while extraction stages are incomplete.
  ``--scale N`` repeats every fact N times (with distinct evidence) to imitate larger outputs.

Prints, per article, quads and CPU milliseconds (``time.process_time``, so other processes on the
machine do not inflate the figure), then the total rate. Validation only is timed
(``validate_quads``), after one warm-up call that parses the ontology and shapes. Entity descriptions
are remembered between calls (as at ingest); ``--cold`` forgets them before every call.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from kg.extract import extract, read_article
from kg.extract.document import Document
from kg.extract.gazetteer import entities
from kg.extract.model import Analysis, Concession, Demand, Entity, Meeting, Mention, Proposal
from kg.graph import ArticleGraph, build_article_graph
from kg.validate import clear_memo, validate_quads


def _entity(name: str | None, kind: str, qid: str | None = None) -> Entity | None:
    if not name and not qid:
        return None
    known = [e for e in entities().values() if (e.kind == "Place") == (kind == "Place")]
    for e in known:
        if (qid and e.qid == qid) or (name and e.label_en.lower() == name.lower()):
            return e
    key = qid or re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
    return Entity(key=key, kind=kind, label_en=name or key, qid=qid)


def gold_analysis(doc: Document, gold: dict, scale: int = 1) -> Analysis:
    """An :class:`Analysis` holding the gold facts of ``doc`` (for benchmarking only)."""
    a = Analysis(doc)
    body = doc.body

    def ev(quote: str | None, copy: int) -> tuple[int, int]:
        i = body.find(quote) if quote else -1
        if i < 0:
            i, n = 0, min(len(body), 20)
        else:
            n = len(quote or "")
        # Distinct copies get distinct (shorter) spans so their nodes differ.
        return i, max(i + 1, i + n - copy)

    actor_kind = {x["name"]: x.get("type", "Person") for x in gold.get("actors", [])}
    actor_qid = {x["name"]: x.get("wikidata") for x in gold.get("actors", [])}

    def actor(name: str | None) -> Entity | None:
        return _entity(name, actor_kind.get(name or "", "State"), actor_qid.get(name or ""))

    for c in range(scale):
        for x in gold.get("actors", []):
            e = actor(x["name"])
            s, t = ev(x.get("evidence"), c)
            if e is not None:
                a.mentions.append(Mention(e, s, t, body[s:t]))
        for x in gold.get("meetings", []):
            s, t = ev(x.get("evidence"), c)
            place = _entity(x.get("place"), "Place", x.get("place_wikidata"))
            parts = [p for p in (actor(n) for n in x.get("participants", [])) if p is not None]
            a.meetings.append(Meeting(a.evidence(s, t), date=x.get("date"), place=place, participants=parts,
                                      label=x.get("label")))
        for x in gold.get("proposals", []):
            s, t = ev(x.get("evidence"), c)
            authors = [p for p in (actor(n) for n in x.get("authors", [])) if p is not None]
            a.proposals.append(Proposal(a.evidence(s, t), label=x.get("label") or "proposal",
                                        kind=x.get("kind") or "PeacePlan", authors=authors,
                                        points=x.get("points"), date=x.get("date")))
        for x in gold.get("demands", []):
            s, t = ev(x.get("evidence"), c)
            by = actor(x.get("by"))
            if by is not None:
                a.demands.append(Demand(a.evidence(s, t), by=by, issues=[x["issue"]],
                                        addressed_to=actor(x.get("addressed_to"))))
        for x in gold.get("concessions", []):
            s, t = ev(x.get("evidence"), c)
            by = actor(x.get("by"))
            if by is not None:
                a.concessions.append(Concession(a.evidence(s, t), by=by, issues=[x["issue"]],
                                                status=(x.get("status") or "requested").capitalize(),
                                                to=actor(x.get("to"))))
    return a


def graphs(articles: Path, source: str, gold: Path | None, scale: int) -> list[tuple[str, ArticleGraph]]:
    """The article graphs to validate, by article id."""
    out = []
    for path in sorted(p for p in articles.iterdir() if p.suffix == ".txt"):
        doc = read_article(path, 10_000_000)
        if source == "gold":
            assert gold is not None, "--gold is required with --source gold"
            gpath = gold / f"{path.stem}.json"
            if not gpath.is_file():
                continue
            a = gold_analysis(doc, json.loads(gpath.read_text(encoding="utf-8")), scale)
        else:
            a = extract(doc)
        out.append((path.stem, build_article_graph(a)))
    return out


def main() -> None:
    """Command-line entry point; see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=Path("seeds"))
    ap.add_argument("--source", choices=("pipeline", "gold"), default="pipeline")
    ap.add_argument("--gold", type=Path, default=None)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="validate each graph this many times")
    ap.add_argument("--cold", action="store_true", help="forget remembered entity descriptions each time")
    args = ap.parse_args()
    items = graphs(args.articles, args.source, args.gold, args.scale)
    validate_quads(items[0][1].quads)  # warm-up: parse ontology, issues, shapes
    total_t, total_n = 0.0, 0
    for name, g in items:
        best = float("inf")
        for _ in range(args.repeat):
            if args.cold:
                clear_memo()
            t0 = time.process_time()
            report = validate_quads(g.quads)
            spent = time.process_time() - t0
            best = min(best, spent)
            total_t += spent
            total_n += 1
        print(f"{name}: {len(g.quads)} quads, best {best * 1000:.1f} ms CPU, conforms={report.conforms}")
        if not report.conforms:
            print("  " + "\n  ".join(report.text.splitlines()[:6]))
    print(f"{total_n} validations in {total_t:.2f} s CPU: {total_n / total_t:.1f} articles/s")


if __name__ == "__main__":
    main()
