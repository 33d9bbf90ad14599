"""Modality of a clause: negation, refusal, condition, future, request and attribution (claim) cues.

The cues are data (``kg/lexicon/modality.yaml``), matched with the term syntax of
:mod:`kg.extract.issues` on normalised text (so Arabic spelling variants and clitics are tolerated).

Public API (shared with the concessions stage):

- :func:`modality` ``(a, start, end) -> Modality``: the cues found in ``a.doc.body[start:end]``.
- :func:`modality_of_text` ``(text) -> Modality``: the same for a bare string (offsets into ``text``).
- :class:`Modality`: boolean flags ``negated``, ``refused``, ``conditional``, ``future``, ``requested``,
  ``claimed``; ``according_to`` (who the clause is attributed to, e.g. "Axios", or None); ``cues`` (every
  :class:`Cue` found, with body offsets) and helpers :meth:`Modality.has` / :meth:`Modality.cues_of` /
  :meth:`Modality.near` to ask whether a cue of some kind lies before or near a position (the flags alone
  cannot tell "Russia rejected X" from "Russia wants Ukraine not to join NATO").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.issues import normalised, term_regex
from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis
from kg.extract.term_scan import Alternations

MODALITY_FILE = "modality.yaml"
KINDS = ("negation", "refusal", "condition", "future", "request", "claim")


@dataclass(frozen=True)
class Cue:
    """A cue in the body: ``kind`` (its lexicon list, e.g. one of :data:`KINDS`) at ``[start, end)``, ``text`` as in
    the source. Also the type of the demand cues (:mod:`kg.extract.demand_cues`)."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Modality:
    """How a span is framed. Flags are true when a cue of that kind occurs anywhere in the span."""

    cues: tuple[Cue, ...] = ()
    according_to: str | None = None

    def has(self, kind: str, before: int | None = None, after: int | None = None) -> bool:
        """Whether a cue of ``kind`` occurs (optionally starting before ``before`` / from ``after`` on)."""
        return bool(self.cues_of(kind, before, after))

    def cues_of(self, kind: str, before: int | None = None, after: int | None = None) -> list[Cue]:
        """Cues of ``kind``, optionally only those starting before ``before`` / from ``after`` on."""
        return [c for c in self.cues if c.kind == kind
                and (before is None or c.start < before) and (after is None or c.start >= after)]

    def near(self, kind: str, pos: int, window: int = 40) -> bool:
        """Whether a cue of ``kind`` starts within ``window`` characters before ``pos`` (or covers it)."""
        return any(c.kind == kind and pos - window <= c.start <= pos for c in self.cues)

    @property
    def negated(self) -> bool:
        return self.has("negation")

    @property
    def refused(self) -> bool:
        return self.has("refusal")

    @property
    def conditional(self) -> bool:
        return self.has("condition")

    @property
    def future(self) -> bool:
        return self.has("future")

    @property
    def requested(self) -> bool:
        return self.has("request")

    @property
    def claimed(self) -> bool:
        return self.has("claim") or self.according_to is not None


@lru_cache(maxsize=1)
def _term_lists() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per kind (:data:`KINDS` order), its term regexes over normalised text, longest first."""
    data = load_yaml(MODALITY_FILE)["cues"]
    out: list[tuple[str, tuple[str, ...]]] = []
    for kind in KINDS:
        langs = data.get(kind) or {}
        terms = [str(t) for lang in ("en", "ar") for t in (langs.get(lang) or [])]
        if terms:
            out.append((kind, tuple(sorted((term_regex(t) for t in terms), key=len, reverse=True))))
    return tuple(out)


@lru_cache(maxsize=1)
def _sources() -> tuple[str, ...]:
    """The ``sources`` regexes (each with a group ``src``), each matched on its own."""
    data = load_yaml(MODALITY_FILE).get("sources") or {}
    return tuple(str(rx) for lang in ("en", "ar") for rx in (data.get(lang) or []))


@lru_cache(maxsize=1)
def _scanner() -> Alternations:
    """The kinds' alternations and the source regexes (one-term alternations), matched in one pass."""
    return Alternations([regexes for _, regexes in _term_lists()] + [[rx] for rx in _sources()])


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[Cue, ...], tuple[tuple[int, int], ...]]:
    """Every cue in ``text`` and every attribution-source span (offsets into ``text``); cached per text."""
    norm, offsets = normalised(text)
    scanned = _scanner().scan(norm)
    kinds = _term_lists()
    cues: list[Cue] = []
    for (kind, _), matches in zip(kinds, scanned[:len(kinds)], strict=True):
        for m in matches:
            s, e = offsets[m.start()], offsets[m.end() - 1] + 1
            cues.append(Cue(kind, s, e, text[s:e]))
    cues.sort(key=lambda c: (c.start, c.end))
    srcs: list[tuple[int, int]] = []
    for matches in scanned[len(kinds):]:
        for m in matches:
            if m.end("src") > m.start("src"):
                srcs.append((offsets[m.start("src")], offsets[m.end("src") - 1] + 1))
    return tuple(cues), tuple(sorted(set(srcs)))


@lru_cache(maxsize=8)
def _starts(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The start offsets of the cues and of the source spans of :func:`_scan` (both sorted)."""
    cues, srcs = _scan(text)
    return tuple(c.start for c in cues), tuple(s for s, _ in srcs)


@lru_cache(maxsize=1)
def _source_words() -> dict[str, frozenset[str]]:
    data = load_yaml(MODALITY_FILE).get("source_cleaning") or {}
    return {k: frozenset(str(w).lower() for w in data.get(k) or []) for k in ("joiners", "stopwords",
                                                                              "arabic_relatives")}


def _clean_source(text: str) -> str | None:
    """Trim a captured source to its name (see ``source_cleaning`` in modality.yaml)."""
    words = text.strip(" .,;:'\"").split()
    if not words:
        return None
    lists = _source_words()
    if re.search(r"[A-Za-z]", text):
        keep: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() or (keep and w.lower() in lists["joiners"]):
                keep.append(w)
            else:
                break
        keep.reverse()
        while keep and keep[0].lower() in lists["stopwords"] | lists["joiners"]:
            keep.pop(0)
        return " ".join(keep) or None
    if len(words) > 2 and words[0] in lists["arabic_relatives"]:
        words = words[2:]  # "ما أعلن الكرملين" → "الكرملين"
    return " ".join(words)


def _modality(text: str, start: int, end: int) -> Modality:
    cues, srcs = _scan(text)
    cue_starts, src_starts = _starts(text)
    # Both lists are sorted by start: only items starting in [start, end] can lie inside the span.
    window = cues[bisect_left(cue_starts, start):bisect_right(cue_starts, end)]
    inside = tuple(c for c in window if c.end <= end)
    according_to = None
    for s, e in srcs[bisect_left(src_starts, start):bisect_right(src_starts, end)]:
        if s >= start and e <= end:
            according_to = _clean_source(text[s:e])
            if according_to:
                break
    return Modality(inside, according_to)


def modality(a: Analysis, start: int, end: int) -> Modality:
    """The modality cues within ``a.doc.body[start:end]`` (cue offsets are body offsets)."""
    return _modality(a.doc.body, start, end)


def modality_of_text(text: str) -> Modality:
    """The modality cues of a bare string (cue offsets are offsets into ``text``)."""
    return _modality(text, 0, len(text))
