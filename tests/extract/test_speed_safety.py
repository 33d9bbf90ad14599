"""Safety of the speed work: the fast lexicon matcher returns exactly what the plain alternations return, and
a long article goes through the whole pipeline (no timing asserts: speed is measured by bench scripts)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.extract import (
    STAGES,
    concessions,
    demand_cues,
    extract,
    issues,
    modality,
    parse_article,
    read_article,
)
from kg.extract.model import Analysis
from kg.extract.term_scan import Alternations

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _plain(regexes: list[str], text: str) -> list[tuple[int, int]]:
    rx = re.compile("|".join(f"(?:{r})" for r in regexes))
    return [m.span() for m in rx.finditer(text) if m.end() > m.start()]


def _texts() -> list[str]:
    bodies = [issues.normalised(read_article(p).body)[0] for p in sorted(SEEDS.glob("*.txt"))]
    words = " ".join(bodies).split()
    rnd = random.Random(3)
    shuffled = [" ".join(rnd.choice(words) for _ in range(400)) for _ in range(4)]
    return bodies + shuffled


def _lexicon_groups() -> list[list[str]]:
    groups = [list(r) for _, _, r in issues._term_lists()]
    groups += [list(r) for r in demand_cues._term_lists().values()]
    groups += [list(r) for _, r in modality._term_lists()] + [[r] for r in modality._sources()]
    index, _ = concessions._scanner()
    groups += [list(concessions._TERMS_OF[rx]) for rx in index]
    return groups


def test_alternations_match_the_plain_alternations_on_every_lexicon() -> None:
    groups = _lexicon_groups()
    scanner = Alternations(groups)
    for text in _texts():
        got = scanner.scan(text)
        for regexes, matches in zip(groups, got, strict=True):
            assert [m.span() for m in matches] == _plain(regexes, text)


@pytest.mark.parametrize("regexes, text", [
    # Earlier alternative wins at the same start; a later start never beats an earlier one.
    ([r"(?<!\w)ab(?!\w)", r"(?<!\w)ab\s+cd(?!\w)"], "x ab cd ab, zab cd"),
    ([r"(?<!\w)ab\s+cd(?!\w)", r"(?<!\w)ab(?!\w)"], "x ab cd ab, zab cd"),
    # Optional Arabic-like prefix before the anchor, branch anchors, anchorless terms.
    ([r"(?<!\w)(?:(?:و|ف)?(?:بال|ل)?)هدن(?:ه|ت(?=ها))(?!\w)"], "والهدنه هدنتها لهدنه بالهدنةx هدنه"),
    ([r"\b(?:stop|halt)\w*\s+(?:arms|weapons?)\b", r"\w+n't"], "they halted  weapons, won't stop arms"),
    ([r"(?P<src>[a-z]\w*) said\b"], "reuters said that tass said"),
    # A term able to match the empty string: the plain alternation is used.
    ([r"a*", r"b"], "aab b"),
    # A word-only prefix before the anchor: the match starts where the word run starts (short and long runs).
    ([r"(?<!\w)(?:و|ف)?(?:ال)?كتاب(?!\w)", r"(?<!\w)\w*book(?!\w)"],
     "والكتاب فكتاب xكتاب notebook " + "a" * 40 + "book " + "b" * 20 + "book كتاب"),
    # Whitespace runs longer than one character between words.
    ([r"(?<!\w)in\s+exchange\s+for(?!\w)"], "in   exchange \t for it; in exchange for"),
])
def test_alternations_match_the_plain_alternation(regexes: list[str], text: str) -> None:
    got = Alternations([regexes]).scan(text)[0]
    assert [m.span() for m in got] == _plain(regexes, text)
    assert [m.groupdict() for m in got] == [m.groupdict() for m in re.compile(
        "|".join(f"(?:{r})" for r in regexes)).finditer(text) if m.end() > m.start()]


def test_a_200_kb_article_goes_through_the_pipeline() -> None:
    docs = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    rnd = random.Random(5)
    words = " ".join(d.body for d in docs).split()
    body = "\n\n".join(d.body for d in docs) + "\n\n" + " ".join(rnd.choice(words) for _ in range(12000))
    body = body * max(1, 200_000 // len(body.encode()))
    doc = parse_article(("---\npublished: 2026-02-24\n---\n" + body).encode(), "long", 10**8)
    a = Analysis(doc)
    for _name, stage in STAGES:
        stage(a)
    for fact in [*a.demands, *a.concessions]:
        ev = fact.evidence
        assert doc.body[ev.start:ev.end] == ev.quote
    # The facts of a seed found again in the long text: the pipeline still works on it.
    assert len(a.demands) >= len(extract(docs[0]).demands)
