"""Fast and exact matching of lexicon alternations over a (normalised) text.

The lexicon modules (issues, demand cues, modality, concessions) each build *alternations*: an ordered list
of term regexes ``r1, r2, ...`` meant to be matched like ``re.compile("(?:r1)|(?:r2)|...").finditer(text)``.
Python's ``re`` tries every alternative at every position of the text, so a lexicon of a thousand terms costs
a thousand attempts per character. :class:`Alternations` gives the same matches much faster:

1. Each term regex is parsed (``re._parser``) to find an *anchor*: a set of literal strings one of which
   every match must contain at a bounded distance ``lo..hi`` from the match start (e.g. ``مستعد`` at 0..4
   characters after an optional proclitic, ``not`` at 0). Zero-width assertions (``(?<!\\w)``, ``\\b``) are
   skipped; the first literal run of a group or of every branch of an alternation counts. A repeated
   character class (``\\s+``, ``\\w*``, ``[a-z]*``) before the anchor spans at most the longest run of that
   class in the text scanned, so ``hi`` is computed per text.
2. One Aho-Corasick pass (pyahocorasick) over the text finds every occurrence of every anchor literal; a
   term can only match at ``occurrence - lead`` for ``lead`` in ``lo..hi``. Terms without an anchor (or
   whose lead is too wide in a given text) list every start where they match (``search`` from each start
   on), which is exact but slow; few have none.
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
from functools import lru_cache

import ahocorasick

try:  # Python 3.11+: the regex parser of the standard library (private but stable across 3.11-3.13)
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

# How far (characters, estimated) an anchor literal may lie from the match start: each character of spread
# is one more candidate start per occurrence of the literal.
MAX_LEAD = 64
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


# A width in characters: (lo, hi, runs) spans ``lo`` to ``hi + sum(n * W[c] for c, n in runs.items())``,
# where ``W[c]`` is the longest run of characters of class ``c`` in the text scanned: an ``\s+`` or ``\w*``
# cannot span more there. ``runs`` maps a class key (see :func:`_run_class`) to how many such runs there are.
Width = tuple[int, int, dict[str, int]]
# For choosing anchors only, a typical longest run of a class (exactness never depends on it).
_TYPICAL_RUN = 8


_CATEGORIES = {_c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W", _c.CATEGORY_SPACE: r"\s",
               _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D"}


def _class_source(op, av) -> str | None:
    """Regex source of one parsed single-character item (a class, a literal, ``.``), or None."""
    if op is _c.LITERAL:
        return f"\\U{av:08x}"
    if op is _c.NOT_LITERAL:
        return f"[^\\U{av:08x}]"
    if op is _c.ANY:
        return "."
    parts: list[str] = []
    for o, a in av:
        if o is _c.NEGATE:
            parts.append("^")
        elif o is _c.LITERAL:
            parts.append(f"\\U{a:08x}")
        elif o is _c.RANGE:
            parts.append(f"\\U{a[0]:08x}-\\U{a[1]:08x}")
        elif o is _c.CATEGORY and a in _CATEGORIES:
            parts.append(_CATEGORIES[a])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _run_class(sub, classes: dict[str, re.Pattern[str]]) -> str | None:
    """The key of a repeated single-character item (``\\s``, ``\\w``, ``[a-z]``), or None; a regex matching
    its runs is recorded in ``classes`` (key -> regex) to measure the longest run in a text."""
    items = list(sub.data)
    if len(items) != 1 or items[0][0] not in (_c.IN, _c.LITERAL, _c.NOT_LITERAL, _c.ANY):
        return None
    key = repr(items)
    if key not in classes:
        source = _class_source(*items[0])
        # why: the rebuilt class must parse back to the very same item, or its runs would be mismeasured.
        if source is None or list(_sre.parse(source).data) != items:
            return None
        classes[key] = re.compile(f"(?:{source})+")
    return key


def _plus(x: Width, y: Width, times: int = 1) -> Width:
    """``x`` followed by ``y`` repeated up to ``times`` times (lower bound: ``x``'s plus ``y``'s once)."""
    runs = dict(x[2])
    for k, n in y[2].items():
        runs[k] = runs.get(k, 0) + n * times
    return x[0] + y[0], x[1] + y[1] * times, runs


def _width(state, items: list, classes: dict[str, re.Pattern[str]]) -> Width | None:
    """The width of a parsed sequence (see :data:`Width`), or None when it is otherwise unbounded."""
    w: Width = (0, 0, {})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            mn, mx, sub = av
            if mx is _c.MAXREPEAT:
                key = _run_class(sub, classes)
                if key is None:
                    return None
                w = (w[0] + mn, w[1], {**w[2], key: w[2].get(key, 0) + 1})
                continue
            inner = _width(state, list(sub.data), classes)
            if inner is None:
                return None
            w = _plus(w, (inner[0] * mn, inner[1], inner[2]), mx) if mx else w
            continue
        if op is _c.SUBPATTERN:
            if av[1] or av[2]:
                return None
            inner = _width(state, list(av[3].data), classes)
            if inner is None:
                return None
            w = _plus(w, inner)
            continue
        if op is _c.BRANCH:
            branches = [_width(state, list(b.data), classes) for b in av[1]]
            if any(b is None for b in branches):
                return None
            runs: dict[str, int] = {}
            for b in branches:
                for k, n in b[2].items():  # type: ignore[index]
                    runs[k] = max(runs.get(k, 0), n)
            w = _plus(w, (min(b[0] for b in branches), max(b[1] for b in branches), runs))  # type: ignore[index]
            continue
        lo, hi = _sre.SubPattern(state, [(op, av)]).getwidth()
        if hi >= _c.MAXREPEAT:
            return None
        w = (w[0] + lo, w[1] + hi, w[2])
    return w


def _estimate(w: Width) -> int:
    return w[1] + sum(n * _TYPICAL_RUN for n in w[2].values())


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches (``re`` on str: alphanumeric or underscore)."""
    return ch.isalnum() or ch == "_"


_NOT_AFTER_WORD = (_c.ASSERT_NOT, (-1, [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])]))


def _word_only(items: list) -> bool:
    """Whether a parsed sequence consumes word characters only (letters, digits, ``_``)."""
    for op, av in items:
        if op is _c.LITERAL:
            if not _is_word(chr(av)):
                return False
        elif op is _c.IN:
            if not all((o is _c.LITERAL and _is_word(chr(a))) or (o is _c.CATEGORY and a is _c.CATEGORY_WORD)
                       for o, a in av):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            if not _word_only(list(av[2].data)):
                return False
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or not _word_only(list(av[3].data)):
                return False
        elif op is _c.BRANCH:
            if not all(_word_only(list(b.data)) for b in av[1]):
                return False
        else:
            return False
    return True


def _at_word_start(parsed, anchor_index: int) -> bool:
    """Whether a match must start where a word starts and consume word characters up to the anchor: the
    regex opens with ``(?<!\\w)`` and only word characters come before the anchor (an Arabic proclitic).
    Then the match start is fixed by the anchor: the start of the word run just before it."""
    items = list(parsed.data)
    return bool(items) and items[0] == _NOT_AFTER_WORD and _word_only(items[1:anchor_index])


def _anchor(parsed, classes: dict[str, re.Pattern[str]]) -> tuple[tuple[str, ...], Width, int] | None:
    """The best anchor of a parsed regex: (literals, lead, item index), one of the literals lying ``lead``
    (a :data:`Width`) after the match start. Prefers literals of 4+ characters, then a narrow lead."""
    lead: Width = (0, 0, {})
    best: tuple[tuple[str, ...], Width, int] | None = None
    best_key: tuple[int, int, int] | None = None
    items = list(parsed.data)
    for i, item in enumerate(items):
        if item[0] in _ZERO_WIDTH:
            continue
        lits = _first_literals(items[i:])
        if lits:
            shortest = min(map(len, lits))
            key = (min(shortest, 4), lead[0] - _estimate(lead), shortest)
            if best_key is None or key > best_key:
                best, best_key = (lits, lead, i), key
        w = _width(parsed.state, [item], classes)
        if w is None:
            break
        lead = _plus(lead, w)
        if _estimate(lead) > MAX_LEAD:
            break
    return best


# How far back from an anchor a word run is measured (see :func:`_at_word_start`).
_WORD_CAP = 32
# Beyond this many candidate starts per occurrence (a text with very long runs), a term is searched instead.
_MAX_SPREAD = 400


class Alternations:
    """Several alternations of term regexes, matched over one text in one Aho-Corasick pass.

    ``groups[k]`` is an ordered list of regexes (over the text as given); :meth:`scan` returns, per group,
    the non-empty matches ``re.compile("|".join(f"(?:{r})" for r in groups[k])).finditer(text)`` yields
    (each a match object of the term regex that matched, so named groups keep working).
    """

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        # Per group: its terms (compiled regexes, in alternation order), or the combined regex (fallback).
        self._groups: list[list[re.Pattern[str]] | re.Pattern[str]] = []
        # Anchor literal -> (group, rank, lead, at_word_start) of every term anchored on it.
        self._by_literal: dict[str, list[tuple[int, int, Width, bool]]] = {}
        # Terms without an anchor: (group, rank, literals one of which the text must contain, or None).
        self._unanchored: list[tuple[int, int, tuple[str, ...] | None]] = []
        classes: dict[str, re.Pattern[str]] = {}
        self._automaton = ahocorasick.Automaton()
        for g, regexes in enumerate(groups):
            parsed_terms = [_sre.parse(r) for r in regexes]
            if any(p.getwidth()[0] == 0 or p.state.flags & ~_c.SRE_FLAG_UNICODE for p in parsed_terms):
                self._groups.append(re.compile("|".join(f"(?:{r})" for r in regexes)))
                continue
            self._groups.append([re.compile(r) for r in regexes])
            for rank, parsed in enumerate(parsed_terms):
                anchor = _anchor(parsed, classes)
                if anchor is None:
                    required = _required(parsed)
                    self._unanchored.append((g, rank, required))
                    for lit in required or ():
                        self._automaton.add_word(lit, lit)
                    continue
                lits, lead, index = anchor
                at_word_start = _at_word_start(parsed, index)
                for lit in lits:
                    self._automaton.add_word(lit, lit)
                    self._by_literal.setdefault(lit, []).append((g, rank, lead, at_word_start))
        if len(self._automaton):
            self._automaton.make_automaton()
        # Per class key, a regex matching its runs (to measure the longest run in a text).
        self._runs = classes
        # Bits for a rank in a coded candidate (see :meth:`scan`).
        self._shift = max((len(g) for g in self._groups if isinstance(g, list)), default=1).bit_length()

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
        longest: dict[str, int] = {}  # longest run per class in this text, measured when first needed
        # why ints: a candidate (start, rank) is coded as ``start << shift | rank`` so that ranges of starts
        # are added in C (``set.update(range)``) and sorting compares ints, not tuples; the order is the same.
        shift = self._shift
        cands: list[set[int]] = [set() for _ in self._groups]
        searched: list[tuple[int, int]] = []
        back: dict[int, int] = {}  # per hit offset, the length of the word run just before it
        for lit, starts in hits.items():
            for g, rank, (lo, hi, runs), at_word_start in self._by_literal.get(lit, ()):
                for k, n in runs.items():
                    if k not in longest:
                        longest[k] = _longest_run(self._runs[k], text)
                    hi += n * longest[k]
                if hi - lo > _MAX_SPREAD:
                    searched.append((g, rank))
                    continue
                cs = cands[g]
                if at_word_start and hi < _WORD_CAP:
                    # The match starts where the word run before the anchor starts: one candidate. A run
                    # of _WORD_CAP or more characters is longer than ``hi``, so it is not measured further.
                    add = cs.add
                    for h in starts:
                        d = back.get(h)
                        if d is None:
                            d = 0
                            while d < h and d < _WORD_CAP and _is_word(text[h - d - 1]):
                                d += 1
                            back[h] = d
                        if lo <= d <= hi:
                            add((h - d) << shift | rank)
                    continue
                step = 1 << shift
                update = cs.update
                for h in starts:
                    # starts h - hi .. h - lo (those >= 0), each with this rank
                    first = h - hi if h >= hi else 0
                    if first <= h - lo:
                        update(range(first << shift | rank, ((h - lo) << shift | rank) + 1, step))
        for g, rank, required in self._unanchored:
            if required is None or any(lit in hits for lit in required):
                searched.append((g, rank))
            # else: every match contains one of ``required``, and none occurs in the text
        for g, rank in dict.fromkeys(searched):
            # Every start where the term matches (search resumes one past each start).
            rx = self._groups[g][rank]  # type: ignore[index]
            add = cands[g].add
            m = rx.search(text)
            while m is not None:
                add(m.start() << shift | rank)
                m = rx.search(text, m.start() + 1)
        out: list[list[re.Match[str]]] = []
        mask = (1 << shift) - 1
        for group, cs in zip(self._groups, cands, strict=True):
            if isinstance(group, re.Pattern):
                out.append([m for m in group.finditer(text) if m.end() > m.start()])
                continue
            found: list[re.Match[str]] = []
            pos = 0
            for c in sorted(cs):
                start = c >> shift
                if start >= pos:
                    m = group[c & mask].match(text, start)
                    if m is not None:
                        found.append(m)
                        pos = m.end()
            out.append(found)
        return out


@lru_cache(maxsize=64)
def _longest_run(rx: re.Pattern[str], text: str) -> int:
    """The length of the longest match of ``rx`` (a class run) in ``text``; cached, as several scanners
    measure the same classes over the same text."""
    return max(map(len, rx.findall(text)), default=0)
