"""Fast and exact matching of lexicon alternations over a (normalised) text.

The lexicon modules (issues, demand cues, modality, concessions) each build *alternations*: an ordered list
of term regexes ``r1, r2, ...`` meant to be matched like ``re.compile("(?:r1)|(?:r2)|...").finditer(text)``.
Python's ``re`` tries every alternative at every position of the text, so a lexicon of a thousand terms costs
a thousand attempts per character. :class:`Alternations` gives the same matches much faster:

1. Each term regex is parsed (``re._parser``) to find an *anchor*: a set of literal strings one of which
   every match must contain at a bounded distance ``lo..hi`` from the match start (e.g. ``مستعد`` at 0..4
   characters after an optional proclitic, ``not`` at 0). Zero-width assertions (``(?<!\\w)``, ``\\b``) are
   skipped; the first literal run of a group or of every branch of an alternation counts.
2. One Aho-Corasick pass (pyahocorasick) over the text finds every occurrence of every anchor literal; a
   term can only match at ``occurrence - lead`` for ``lead`` in ``lo..hi``. Terms without an anchor list
   every start where they match (``search`` from each start on), which is exact but slow, so few have none.
3. The candidates (start, rank) are tried in order with ``rx.match(text, start)``: the first success is the
   leftmost match and, at that start, the first alternative that matches — exactly what the alternation
   returns; the next search continues at the match's end, as ``finditer`` does.

Why it is exact: a match of a term starting at ``s`` contains an anchor literal at ``s + lead``, so ``s`` is
among the candidates; ``rx.match(text, s)`` sees the whole string (look-behinds included) and returns the
same match the alternation finds at ``s`` when no earlier alternative matches there. Alternations in which
some term can match the empty string (where ``finditer``'s stepping rules differ) are matched with the
combined regex instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ahocorasick

try:  # Python 3.11+: the regex parser of the standard library (private but stable across 3.11-3.13)
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

# How far (characters) an anchor literal may lie from the match start; more candidates per hit beyond it.
MAX_LEAD = 12
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def _first_literals(items: list) -> tuple[str, ...] | None:
    """Literal strings one of which every match of the parsed sequence ``items`` starts with, or None."""
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            run = []
            for op2, av2 in items[i:]:
                if op2 is not _c.LITERAL:
                    break
                run.append(chr(av2))
            return ("".join(run),)
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _first_literals(list(sub.data))
        if op is _c.BRANCH:
            out: list[str] = []
            for branch in av[1]:
                lits = _first_literals(list(branch.data))
                if not lits:
                    return None
                out.extend(lits)
            return tuple(dict.fromkeys(out))
        return None
    return None


def _required(parsed) -> tuple[str, ...] | None:
    """Literals one of which every match of a parsed regex contains (the longest such set), or None."""
    best: tuple[str, ...] | None = None
    items = list(parsed.data)
    for i, (op, _av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        lits = _first_literals(items[i:])
        if lits and (best is None or min(map(len, lits)) > min(map(len, best))):
            best = lits
    return best


def _is_space_run(op, av) -> bool:
    """Whether a parsed item is ``\\s+`` or ``\\s*`` (its width is bounded per text, see :meth:`_ws_bound`)."""
    return op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] is _c.MAXREPEAT and \
        list(av[2].data) == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])]


def _anchor(parsed) -> tuple[tuple[str, ...], int, int, int] | None:
    """The best anchor of a parsed regex: (literals, lo, hi, spaces), preferring long literals.

    The anchor lies ``lo`` to ``hi + spaces * W`` characters after the match start, where ``spaces`` counts
    the ``\\s+``/``\\s*`` before it and ``W`` is the longest whitespace run of the text scanned.
    """
    lo = hi = spaces = 0
    best: tuple[tuple[str, ...], int, int, int] | None = None
    items = list(parsed.data)
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        lits = _first_literals(items[i:])
        if lits and (best is None or (min(map(len, lits)), lo - hi - spaces) >
                     (min(map(len, best[0])), best[1] - best[2] - best[3])):
            best = (lits, lo, hi, spaces)
        if _is_space_run(op, av):
            lo += av[0]
            spaces += 1
        else:
            w_lo, w_hi = _sre.SubPattern(parsed.state, [(op, av)]).getwidth()
            lo, hi = lo + w_lo, hi + w_hi
        if hi + spaces > MAX_LEAD:
            break
    return best


_SPACE_RUN = re.compile(r"\s{2,}")


def _ws_bound(text: str) -> int:
    """The longest run of whitespace in ``text`` (at least 1): what one ``\\s+`` can span there."""
    return max((len(r) for r in _SPACE_RUN.findall(text)), default=1)


class Alternations:
    """Several alternations of term regexes, matched over one text in one Aho-Corasick pass.

    ``groups[k]`` is an ordered list of regexes (over the text as given); :meth:`scan` returns, per group,
    the non-empty matches ``re.compile("|".join(f"(?:{r})" for r in groups[k])).finditer(text)`` yields
    (each a match object of the term regex that matched, so named groups keep working).
    """

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        # Per group: its terms (compiled regexes, in alternation order), or the combined regex (fallback).
        self._groups: list[list[re.Pattern[str]] | re.Pattern[str]] = []
        # Anchor literal -> (group, rank, lo, hi, spaces) of every term anchored on it.
        self._by_literal: dict[str, list[tuple[int, int, int, int, int]]] = {}
        # Terms without an anchor: (group, rank, literals one of which the text must contain, or None).
        self._unanchored: list[tuple[int, int, tuple[str, ...] | None]] = []
        self._automaton = ahocorasick.Automaton()
        for g, regexes in enumerate(groups):
            parsed_terms = [_sre.parse(r) for r in regexes]
            if any(p.getwidth()[0] == 0 or p.state.flags & ~_c.SRE_FLAG_UNICODE for p in parsed_terms):
                self._groups.append(re.compile("|".join(f"(?:{r})" for r in regexes)))
                continue
            self._groups.append([re.compile(r) for r in regexes])
            for rank, parsed in enumerate(parsed_terms):
                anchor = _anchor(parsed)
                if anchor is None:
                    required = _required(parsed)
                    self._unanchored.append((g, rank, required))
                    for lit in required or ():
                        self._automaton.add_word(lit, lit)
                    continue
                lits, lo, hi, spaces = anchor
                for lit in lits:
                    self._automaton.add_word(lit, lit)
                    self._by_literal.setdefault(lit, []).append((g, rank, lo, hi, spaces))
        if len(self._automaton):
            self._automaton.make_automaton()

    def _hits(self, text: str) -> dict[str, list[int]]:
        """Start offsets of every anchor literal in ``text``."""
        hits: dict[str, list[int]] = {}
        if len(self._automaton):
            for end, lit in self._automaton.iter(text):
                got = hits.get(lit)
                if got is None:
                    hits[lit] = [end - len(lit) + 1]
                else:
                    got.append(end - len(lit) + 1)
        return hits

    def scan(self, text: str) -> list[list[re.Match[str]]]:
        """Per group, its matches over ``text`` in text order (see the class doc)."""
        hits = self._hits(text)
        ws = _ws_bound(text)
        cands: list[set[tuple[int, int]]] = [set() for _ in self._groups]
        for lit, starts in hits.items():
            for g, rank, lo, hi, spaces in self._by_literal.get(lit, ()):
                add = cands[g].add
                for lead in range(lo, hi + spaces * ws + 1):
                    for h in starts:
                        if h >= lead:
                            add((h - lead, rank))
        for g, rank, required in self._unanchored:
            if required is not None and not any(lit in hits for lit in required):
                continue  # why: every match contains one of ``required``, and none occurs in the text
            # Every start where the term matches (search resumes one past each start).
            rx = self._groups[g][rank]  # type: ignore[index]
            m = rx.search(text)
            while m is not None:
                cands[g].add((m.start(), rank))
                m = rx.search(text, m.start() + 1)
        out: list[list[re.Match[str]]] = []
        for group, cs in zip(self._groups, cands):
            if isinstance(group, re.Pattern):
                out.append([m for m in group.finditer(text) if m.end() > m.start()])
                continue
            found: list[re.Match[str]] = []
            pos = 0
            for start, rank in sorted(cs):
                if start >= pos:
                    m = group[rank].match(text, start)
                    if m is not None:
                        found.append(m)
                        pos = m.end()
            out.append(found)
        return out
