"""Demand cues as data: the word lists of ``kg/lexicon/demands.yaml`` and how they are found in a text.

Used by :mod:`kg.extract.demands` (scopes and issues) and :mod:`kg.extract.demand_subjects` (who demands).

- :class:`Cue`: a span of the body that matched a list of ``demands.yaml`` (``kind`` is the list's name).
- :func:`cues_in` ``(a, start, end, kinds)``: the cues of some kinds in ``body[start:end]``, overlaps reduced
  to the longest; the body is scanned once (cached).
- :func:`word_sets`: the plain word lists (prepositions, titles, ...), normalised;
  :func:`frame_regexes`, :func:`opposition_issues`, :func:`opposites`, :func:`arabic_gender`: the other
  tables. :func:`clause_start`, :func:`text_between`: small text helpers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kg.extract.issues import normalise, normalised, term_regex
from kg.extract.lexicon import load_yaml
from kg.extract.modality import Cue  # one span-with-kind type for every cue scanner
from kg.extract.model import Analysis
from kg.extract.term_scan import Alternations

DEMANDS_FILE = "demands.yaml"


CUE_KINDS = ("verbs", "participles", "verbal_nouns", "nouns", "modal", "conditions", "after",
             "proposal_verbs")


# Auxiliary term lists of demands.yaml (not cues by themselves).
AUX_KINDS = ("proposal_nouns", "speech", "proposal_authors", "condition_nouns", "scope_breaks",
              "other_conflicts")


# Distances in characters: how close an actor must be to a cue to count as "next to" it (about 1-3 words).
ADJACENT_BEFORE = 25


ADJACENT_AFTER = 18


# Plain word lists of demands.yaml (see the comments there).
WORD_LISTS = ("prepositions", "titles", "relatives", "pronoun_subjects", "conjunctions",
               "conjunction_clitics",
               "determiners", "genitive_links", "copulas", "adjectival_determiners",
               "pronoun_complementizers", "list_conjunctions", "auxiliaries", "be_forms")


NEGATION_WINDOW = 14


TOPIC_WINDOW = 45


NAMED_REACH = 60


CLAUSE_END = re.compile(r"[,،;؛:()\"«»“”]")


ARABIC = re.compile(r"[\u0600-\u06FF]")


# "and" right before a verb cue: the verb is coordinated with the one before ("Kyiv proposed A, and demanded B",
# "will not cede land and wants a truce"): it shares that verb's subject but has its own polarity.
AND_BEFORE = re.compile(r"(?:,\s*|\s)and\s+(?:(?:then|also|later|still)\s+)?$", re.IGNORECASE)


# A list item: "1. ...", "2) ...", "- ...", "• ...".
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*–])\s")


@lru_cache(maxsize=1)
def _term_lists() -> dict[str, tuple[str, ...]]:
    """Per cue kind (and ``proposal_nouns``, ``speech``, ...), its term regexes over normalised text, longest
    first (the order of the alternation)."""
    data = load_yaml(DEMANDS_FILE)
    out: dict[str, tuple[str, ...]] = {}
    for kind in (*CUE_KINDS, *AUX_KINDS):
        terms = [str(t) for lang in ("en", "ar") for t in ((data.get(kind) or {}).get(lang) or [])]
        if terms:
            out[kind] = tuple(sorted((term_regex(t) for t in terms), key=len, reverse=True))
    return out


@lru_cache(maxsize=1)
def _scanner() -> Alternations:
    """All kinds' alternations, matched together in one pass (see :mod:`kg.extract.term_scan`)."""
    return Alternations(list(_term_lists().values()))


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[Cue, ...]:
    """Every cue of every kind in ``text`` (offsets into ``text``), cached per body."""
    norm, offsets = normalised(text)
    found: list[Cue] = []
    for kind, matches in zip(_term_lists(), _scanner().scan(norm), strict=True):
        for m in matches:
            s, e = offsets[m.start()], offsets[m.end() - 1] + 1
            found.append(Cue(kind, s, e, text[s:e]))
    return tuple(sorted(found, key=lambda c: (c.start, -(c.end - c.start))))


@lru_cache(maxsize=8)
def _starts(text: str) -> tuple[int, ...]:
    """The start offsets of :func:`_scan` (sorted), for bisecting a span's cues."""
    return tuple(c.start for c in _scan(text))


def cues_in(a: Analysis, start: int, end: int, kinds: tuple[str, ...]) -> list[Cue]:
    """Cues of ``kinds`` within the span, overlapping ones reduced to the longest (earliest on ties)."""
    body = a.doc.body
    starts = _starts(body)
    # Cues are sorted by start: only those starting in [start, end] can lie inside the span.
    window = _scan(body)[bisect_left(starts, start):bisect_right(starts, end)]
    cues = [c for c in window if c.kind in kinds and c.end <= end]
    if len(cues) < 2:  # why: most spans hold at most one cue; nothing to reduce or order
        return cues
    out: list[Cue] = []
    for c in sorted(cues, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(c.start < o.end and o.start < c.end for o in out):
            out.append(c)
    return sorted(out, key=lambda c: c.start)


def clause_start(body: str, lo: int, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last comma/semicolon/colon before it), >= ``lo``."""
    last = lo
    for m in CLAUSE_END.finditer(body, lo, pos):
        last = m.end()
    return last


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    """Plain word lists of demands.yaml (normalised), by name (see :data:`WORD_LISTS`)."""
    data = load_yaml(DEMANDS_FILE)
    out: dict[str, frozenset[str]] = {}
    for kind in WORD_LISTS:
        words = [str(w) for lang in ("en", "ar") for w in ((data.get(kind) or {}).get(lang) or [])]
        out[kind] = frozenset(normalise(w)[0] for w in words)
    return out


@lru_cache(maxsize=1)
def exchange_regex() -> re.Pattern[str]:
    """``exchange`` of demands.yaml (regular expressions): what stands before them is offered, not demanded."""
    data = load_yaml(DEMANDS_FILE).get("exchange") or {}
    terms = [str(t) for lang in ("en", "ar") for t in (data.get(lang) or [])]
    return re.compile("|".join(terms) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=1)
def frame_regexes() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Raw regexes (``re:`` terms) of ``frames`` and ``condition_frames``, matched at the end of a prefix."""
    data = load_yaml(DEMANDS_FILE)
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for kind in ("frames", "condition_frames"):
        terms = [str(t) for lang in ("en", "ar") for t in ((data.get(kind) or {}).get(lang) or [])]
        out[kind] = tuple(re.compile(term_regex(t)) for t in terms)
    return out


@lru_cache(maxsize=1)
def _gender_regexes() -> dict[str, tuple[re.Pattern[str], ...]]:
    """``arabic_gender`` of demands.yaml: regexes per gender, feminine first."""
    data = load_yaml(DEMANDS_FILE).get("arabic_gender") or {}
    return {g: tuple(re.compile(str(rx)) for rx in data.get(g) or []) for g in ("feminine", "masculine")}


def arabic_gender(text: str) -> str | None:
    """"feminine"/"masculine" from an Arabic cue's first word (``arabic_gender`` in demands.yaml), or None."""
    words = text.split()
    if not words or not ARABIC.search(words[0]):
        return None
    for gender, regexes in _gender_regexes().items():
        if any(rx.search(words[0]) for rx in regexes):
            return gender
    return None


def text_between(body: str, start: int, end: int) -> str:
    """The normalised text of ``body[start:end]``, stripped (for word-list comparisons)."""
    return _normalised_text(body[start:end])


@lru_cache(maxsize=4096)
def _normalised_text(text: str) -> str:
    # Speed: the same gaps (between a cue and the nouns around it) are asked for by several subject rules.
    return normalise(text)[0].strip()


@lru_cache(maxsize=1)
def opposition_issues() -> dict[str, re.Pattern[str] | None]:
    """``opposition_issues`` of demands.yaml: per issue, a regex of its terms that are no "no" (or None)."""
    data = load_yaml(DEMANDS_FILE).get("opposition_issues") or {}
    out: dict[str, re.Pattern[str] | None] = {}
    for issue, exclusions in data.items():
        terms = [str(t) for t in exclusions or []]
        out[issue] = re.compile("|".join(f"(?:{term_regex(t)})" for t in terms)) if terms else None
    return out


@lru_cache(maxsize=1)
def opposites() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """``opposite_forms`` per issue and the ``opposite_bans`` of demands.yaml, normalised."""
    data = load_yaml(DEMANDS_FILE)
    forms = {issue: frozenset(normalise(str(w))[0] for lang in ("en", "ar")
                              for w in (langs or {}).get(lang) or [])
             for issue, langs in (data.get("opposite_forms") or {}).items()}
    bans = frozenset(normalise(str(w))[0] for lang in ("en", "ar")
                     for w in ((data.get("opposite_bans") or {}).get(lang) or []))
    return forms, bans

