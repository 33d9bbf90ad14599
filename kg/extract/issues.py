"""Issue-term detection: which of the 26 issues of the scheme a span of text talks about.

The terms are data: ``kg/lexicon/issues.yaml`` maps each issue id to English (``en``) and Arabic (``ar``)
terms. A term is a phrase with a small pattern syntax (see the YAML header):

- ``...``      a gap of up to 8 words ("recognise ... as Russian");
- ``*`` at the end of a word: any word ending ("recogni*" → recognise, recognition, recognized);
- ``re:<regex>`` a raw regular expression (matched on the normalised text).

Matching runs on a *normalised* copy of the body (lower case; Arabic hamza/alef, ta marbuta, alef maqsura
folded; diacritics and tatweel dropped) with an offset map back to the body, so every
:class:`IssueMention` spans real body text. Arabic terms tolerate proclitics (و ف ب ل ك ال لل س)
on their first word and pronoun/plural suffixes on their last.

Public API (also used by the concessions stage):

- :func:`find_issues` ``(a, start, end) -> list[IssueMention]``: issue mentions inside ``body[start:end]``.
- :func:`issues_in` ``(a, start, end) -> list[str]``: the distinct issue ids there, in text order.
- :func:`find_issues_in_text` ``(text) -> list[IssueMention]``: the same on a bare string.
- :func:`normalise` ``(text) -> (normalised, offsets)``: the folding used, with ``offsets[i]`` the index in
  ``text`` of normalised character ``i`` (``offsets`` has one extra entry: ``len(text)``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis
from kg.extract.term_scan import Alternations

ISSUES_FILE = "issues.yaml"

# Arabic folding: why: news text mixes hamza spellings (أ/إ/آ/ا), ta marbuta/ha and alef maqsura/ya freely.
_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
# Diacritics (harakat, shadda, sukun, superscript alef) and tatweel carry no lexical difference here.
_DROP = set(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670", "\u0640"}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Typographic quotes/apostrophes folded so "Ukraine’s" and "Ukraine's" match alike.
_PUNCT_FOLD = {"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"}

# A gap of up to 8 words that does not cross a sentence or clause end (nor an Arabic comma).
_GAP = r"(?:[^\w.;!?؛؟،]+\w+){0,8}?[^\w.;!?؛؟،]+"


@dataclass(frozen=True)
class IssueMention:
    """A span of the body naming an issue: ``body[start:end] == text``; ``issue`` is an id of the scheme."""

    issue: str
    start: int
    end: int
    text: str


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with an offset map (normalised index → ``text`` index).

    Uses the project's folding (:func:`kg.extract.arabic.fold`: case and accents, Arabic letter variants,
    diacritics, tatweel, whitespace runs) and also folds typographic quotes and dashes one-to-one.
    ``offsets`` has ``len(normalised) + 1`` entries; the last is ``len(text)``.
    """
    if len(text) <= _SHORT:
        norm, offsets = _normalise_short(text)
        return norm, list(offsets)
    return _normalise(text)


# Speed: short strings (words, cue phrases, the gap between two words) recur across the sentences of an
# article and across articles, so their folding is cached; the caller gets a fresh offsets list each time.
_SHORT = 48


@lru_cache(maxsize=16384)
def _normalise_short(text: str) -> tuple[str, tuple[int, ...]]:
    norm, offsets = _normalise(text)
    return norm, tuple(offsets)


def _normalise(text: str) -> tuple[str, list[int]]:
    try:
        from kg.extract.arabic import fold
    except ImportError:  # pragma: no cover — the shared folding is optional; fall back to our own
        return _normalise_simple(text)
    f = fold(text)
    # Speed: same as ``f.text.translate(_PUNCT_TABLE)`` (one character for one, no value is a key), but
    # str.translate walks a non-ASCII text character by character in Python objects; replace() does not.
    out = f.text
    for k, v in _PUNCT_FOLD.items():
        if k in out:
            out = out.replace(k, v)
    return out, list(f.index)


_PUNCT_TABLE = str.maketrans(_PUNCT_FOLD)


@lru_cache(maxsize=8)
def normalised(text: str) -> tuple[str, tuple[int, ...]]:
    """:func:`normalise` of a whole body, cached: the lexicon scanners of several stages fold it once."""
    norm, offsets = normalise(text)
    return norm, tuple(offsets)


def _normalise_simple(text: str) -> tuple[str, list[int]]:
    """A self-contained folding (lower case, Arabic variants, diacritics, quotes), one char at a time."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        ch = _FOLD.get(ch) or _PUNCT_FOLD.get(ch) or ch
        low = ch.lower()
        # why: a few characters lower-case to two; keep one-to-one offsets by taking the first.
        out.append(low[0] if low else ch)
        offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


@lru_cache(maxsize=1)
def _clitics() -> tuple[str, str]:
    """Regexes for the Arabic proclitics of a first word and the suffixes of a last word, from
    ``arabic_clitics`` in issues.yaml."""
    data = load_yaml(ISSUES_FILE).get("arabic_clitics") or {}

    def alt(key: str) -> str:
        forms = sorted((normalise(str(x))[0] for x in data.get(key) or []), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(f) for f in forms) + ")" if forms else "(?:)"

    return f"(?:{alt('conjunctions')}?{alt('proclitics')}?)", alt("suffixes")


def _word_regex(word: str) -> str:
    if word.endswith("*") and len(word) > 1:
        return re.escape(word[:-1]) + r"\w*"
    return re.escape(word)


def term_regex(term: str) -> str:
    """The regular expression (over normalised text) for one lexicon term (see the module doc)."""
    if term.startswith("re:"):
        return term[3:].strip()
    norm, _ = normalise(term.strip())
    arabic = bool(_ARABIC.search(norm))
    parts: list[str] = []
    for chunk in re.split(r"\s*(?:\.\.\.|…)\s*", norm):
        words = chunk.split()
        if words:
            parts.append(r"\s+".join(_word_regex(w) for w in words))
    body = _GAP.join(parts)
    if not arabic:
        return r"(?<!\w)" + body + r"(?!\w)"
    plain, suffixes = _clitics()
    if body.startswith("ال"):
        # The article is one proclitic among others: "الحياد" also matches "حياد كييف", "والحياد".
        body = body[len("ال"):]
    prefix = plain
    suffix = "" if norm.endswith("*") else suffixes + "?"
    if suffix and body.endswith("ه"):
        # why: ta marbuta (folded to ه) is written ت before a suffix: هدنة → هدنتها.
        body = body[:-1] + "(?:ه|ت(?=" + suffixes + "))"
    return r"(?<!\w)" + prefix + body + suffix + r"(?!\w)"


def _is_gapped(term: str) -> bool:
    """Whether a term spans a gap of words ("recognise ... as Russian", or a raw regex with ``{0,n}``)."""
    return ("..." in term or "…" in term) if not term.startswith("re:") else "{0," in term


@lru_cache(maxsize=1)
def _term_lists() -> tuple[tuple[str, bool, tuple[str, ...]], ...]:
    """Per issue id (lexicon order), the regexes of its contiguous terms and of its gapped terms, each list
    longest first (so the alternation prefers the fullest phrase)."""
    data = load_yaml(ISSUES_FILE)
    out: list[tuple[str, bool, tuple[str, ...]]] = []
    for issue, langs in data["issues"].items():
        terms: list[str] = []
        for lang in ("en", "ar"):
            terms += [str(t) for t in (langs or {}).get(lang) or []]
        for gapped in (False, True):
            chosen = [t for t in terms if _is_gapped(t) == gapped]
            if chosen:
                regexes = sorted((term_regex(t) for t in chosen), key=len, reverse=True)
                out.append((issue, gapped, tuple(regexes)))
    return tuple(out)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    """Per issue id (lexicon order), one alternation of its contiguous terms and one of its gapped terms."""
    return tuple((issue, gapped, re.compile("|".join(f"(?:{r})" for r in regexes)))
                 for issue, gapped, regexes in _term_lists())


@lru_cache(maxsize=1)
def _scanner() -> Alternations:
    """The alternations of :func:`_term_lists`, matched together (same matches as :func:`_compiled`)."""
    return Alternations([regexes for _, _, regexes in _term_lists()])


def issue_ids() -> list[str]:
    """Every issue id the lexicon defines terms for."""
    return list(dict.fromkeys(issue for issue, _, _ in _term_lists()))


@lru_cache(maxsize=8)
def _mentions_of(text: str) -> tuple[IssueMention, ...]:
    """All issue mentions in ``text`` after overlap resolution (cached per text: bodies are scanned once)."""
    norm, offsets = normalised(text)
    found: list[tuple[IssueMention, bool]] = []
    for (issue, gapped, _), matches in zip(_term_lists(), _scanner().scan(norm), strict=True):
        for m in matches:
            s, e = offsets[m.start()], offsets[m.end() - 1] + 1
            found.append((IssueMention(issue, s, e, text[s:e]), gapped))
    return tuple(_resolve(found))


@lru_cache(maxsize=8)
def _starts_of(text: str) -> tuple[int, ...]:
    """The start offsets of :func:`_mentions_of` (sorted), for bisecting a span's mentions."""
    return tuple(m.start for m in _mentions_of(text))


def _resolve(found: list[tuple[IssueMention, bool]]) -> list[IssueMention]:
    """Drop a mention strictly inside a longer mention of the same issue, or inside a longer contiguous
    mention of another issue (the longer phrase is more specific); a gapped match ("give up ... territory")
    suppresses no other issue inside its gap.

    Why: "demilitarized zone" is a buffer zone, not a military limit; "give up its ambitions of joining
    NATO and cede territory" names both NATO membership and territory.
    """
    # Speed: a mention containing m starts at most ``longest`` characters before m, so only the mentions
    # starting in [m.start - longest, m.start] are compared (bisect over the starts), not all of them.
    by_start = sorted(found, key=lambda f: f[0].start)
    starts = [o.start for o, _ in by_start]
    longest = max((o.end - o.start for o, _ in found), default=0)
    keep: set[IssueMention] = set()
    for m, _ in found:
        near = by_start[bisect_left(starts, m.start - longest):bisect_right(starts, m.start)]
        inside = any(
            (o.issue == m.issue or not o_gapped) and o.start <= m.start and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o, o_gapped in near
        )
        if not inside:
            keep.add(m)
    return sorted(keep, key=lambda m: (m.start, m.end, m.issue))


def find_issues_in_text(text: str) -> list[IssueMention]:
    """Issue mentions in ``text`` (offsets into ``text``), in text order."""
    return list(_mentions_of(text))


def find_issues(a: Analysis, start: int, end: int) -> list[IssueMention]:
    """Issue mentions lying within ``a.doc.body[start:end]`` (offsets into the body), in text order."""
    mentions = _mentions_of(a.doc.body)
    starts = _starts_of(a.doc.body)
    # Mentions are sorted by start: only those starting in [start, end] can lie inside the span.
    lo, hi = bisect_left(starts, start), bisect_right(starts, end)
    return [m for m in mentions[lo:hi] if m.end <= end]


def issues_in(a: Analysis, start: int, end: int) -> list[str]:
    """Distinct issue ids mentioned within ``body[start:end]``, in order of first mention."""
    out: list[str] = []
    for m in find_issues(a, start, end):
        if m.issue not in out:
            out.append(m.issue)
    return out
