"""Stage: concessions — a party concedes, offers, accepts or refuses something, or is asked to concede.

Reads ``a.sentences``, ``a.mentions`` (actors), ``a.demands`` and ``a.proposals``; fills ``a.concessions``.
Cue words are data (``kg/lexicon/concessions.yaml``); issues come from :func:`kg.extract.issues.find_issues`.

How a concession is found, sentence by sentence:

1. Cues are located on normalised text (overlaps: the longer wins): *status* cues that name the status
   (Offered "ready to", "مستعد", "does not rule out"; Accepted "agreed", "وافقت"; Rejected "rejected",
   "لن تتنازل"; Made "withdrew", "انسحبت"); *propose* cues ("proposes", "تقترح", "plans to", "supports")
   that make an offer only for an issue the proposer can give (``givers``: China proposing a ceasefire is
   a demand);
   *framing* cues ("cede", "concessions", "التنازل عن") whose status comes from context (negated → Rejected,
   else Requested: someone asks that X concede); *judgement* cues ("unacceptable", "غير مقبول"). A participle
   ("offered by") or an Arabic purpose form ("للموافقة") is not a cue; a cue right after another ("refused to
   accept", "رفضت أوكرانيا التنازل") is part of it.
2. Modality: a hedge before a cue ("unlikely to", "whether", "analysts") or a request ("will ask Putin to
   agree") makes it state nothing; a negation ("did not agree", "rather than ceding", "لم يوافق") makes it a
   refusal (a negated refusal states nothing); an agreement inside an if-clause ("if", "as soon as",
   "بمجرد") states nothing, one after it is a conditional offer, as is Arabic "قد" + imperfect ("may
   accept"); an act another party demands ("demanded that Ukraine withdraw ... and renounce") is none.
3. The conceding party: "both sides"/"الطرفان" → the belligerents (``parties``) when the article names both;
   "failed to convince X" → X; an actor right after an Arabic verb, past title words (verb-subject order);
   "أنها/بأنه" → the subject of the main clause; else the nearest actor before the cue that does not follow a
   preposition; else a trailing "…, Macron said"; else the topic carried from the sentence before (checked
   against ``givers``). Requested: the subject of the concession verb, "a concession for X", the other side
   of "conceding … to X", else the issue's first giver.
4. Issues: named from the cue to the next cue, a stop word (condition, "in exchange for", "بعد", a new
   demand verb) or the sentence end (framing cues: their clause); object words after a concession verb
   (``objects``: "its sovereignty" → recognition) where issue terms are silent; else the issue just before the
   cue (not in a time phrase). If no cue of the sentence names one, the first cue that refers back ("these
   demands", "the proposal", "big concessions", a judgement) takes the issues of the previous sentence, else
   of the other side's demands around, else of an elaborating next sentence ("Specifically, ...").
5. A two-sided issue (``bilateral``: a prisoner exchange) agreed or exchanged binds both belligerents; a third
   state offering troops in Ukraine offers a security guarantee (``third_party_issue``); a belligerent
   advocating a freeze of the front line offers it (``advocacy_is_offer``).

One :class:`Concession` per (party state, issue, status) in the article, first evidence (the sentence) kept;
``to`` is the other belligerent (or another party named), ``responds_to`` the other side's latest demand on
the issue, ``stated_in`` the proposal the sentence belongs to when the proposals stage can tell.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.gazetteer import entity_by_key, state_of
from kg.extract.issues import IssueMention, find_issues, normalise, normalised, term_regex
from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis, Concession, Demand, Entity, Mention, Proposal, Sentence
from kg.extract.sentences import split as split_sentences
from kg.extract.term_scan import Alternations

CONCESSIONS_FILE = "concessions.yaml"
# Distances in characters (about 1-4 words): how near a word must be to a cue to modify it.
_NEGATION_WINDOW = 22
_VSO_GAP = 32          # Arabic verb … subject
_BEFORE_WINDOW = 160   # nearest actor before a cue
_ANAPHORA_WINDOW = 45  # "rejected [these demands]"
_OBJECT_WINDOW = 40    # "cede [its sovereignty]"
_EVIDENCE_MAX = 260    # longest sentence quoted whole
_ABSORB_GAP = re.compile(r"^[\s\"'“”«»]*(?:to|the idea of|any|the|on|in|of|ل|عن|على|في)?[\s\"'“”«»]*$")
_CLAUSE_END = re.compile(r"[,،;؛:()!?]|\s[-–—]\s")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# A mention right after a preposition is an object or a place, not the subject ("security guarantees for
# Ukraine", "في البيت الأبيض"); an Arabic preposition may be attached ("لأوكرانيا").
_LOCATIVE = re.compile(r"(?:\b(?:in|at|from|for|to|with|against|about|of|on|over|into|towards?|between)\s+"
                       r"(?:the\s+)?|(?<!\w)(?:في|على|مع|إلى|الى|عن|ضد|حول|لدى)\s+|(?<!\w)[وف]?[لب]$)")
_COORD = re.compile(r"^\s*(?:,\s*)?(?:and\s+|و|،\s*|,\s*)\s*$")


@dataclass(frozen=True)
class _Cue:
    """A cue in the body: ``kind`` is status | reached | propose | framing | judgement (the YAML group it
    comes from); ``status`` the status it states before modality is read."""

    kind: str
    status: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Lexicon:
    """``concessions.yaml`` compiled: cue regexes by (kind, status), word-list regexes by name, object
    words by issue, Arabic title words, and the domain tables (parties, givers, bilateral, ...)."""

    parties: dict[str, str]
    cues: tuple[tuple[str, str, re.Pattern[str]], ...]
    patterns: dict[str, re.Pattern[str]]
    objects: tuple[tuple[str, re.Pattern[str]], ...]
    titles: frozenset[str]
    givers: dict[str, tuple[str, ...]]
    bilateral: frozenset[str]
    third_party_issue: dict[str, str]
    advocacy_is_offer: frozenset[str]


# The term regexes of each alternation built by :func:`_alternation` (in its order), so that the scanning
# helpers can match them all in one pass (see :func:`_scanned`).
_TERMS_OF: dict[re.Pattern[str], tuple[str, ...]] = {}


def _alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    regexes = sorted((term_regex(str(t)) for t in terms), key=len, reverse=True)
    if not regexes:
        return None
    rx = re.compile("|".join(f"(?:{r})" for r in regexes))
    _TERMS_OF[rx] = tuple(regexes)
    return rx


def _terms(block: dict | None) -> list[str]:
    return [str(t) for lang in ("en", "ar") for t in ((block or {}).get(lang) or [])]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The compiled concession lexicon (cached)."""
    data = load_yaml(CONCESSIONS_FILE)
    cues: list[tuple[str, str, re.Pattern[str]]] = []
    for status, block in (data.get("status") or {}).items():
        rx = _alternation(_terms(block))
        if rx is not None:
            cues.append(("status", status, rx))
    for kind, status in (("reached", "Accepted"), ("propose", "Offered"), ("framing", "Requested"),
                         ("judgement", "Rejected")):
        rx = _alternation(_terms(data.get(kind)))
        if rx is not None:
            cues.append((kind, status, rx))
    patterns: dict[str, re.Pattern[str]] = {}
    for name in ("both_sides", "scope_stop", "negation", "request", "anaphora", "elaboration", "hedge"):
        rx = _alternation(_terms(data.get(name)))
        if rx is not None:
            patterns[name] = rx
    titles = frozenset(normalise(str(t))[0] for t in _terms(data.get("titles")))
    objects = []
    for issue, block in (data.get("objects") or {}).items():
        rx = _alternation(_terms(block))
        if rx is not None:
            objects.append((issue, rx))
    return _Lexicon(
        parties={k: str(v) for k, v in (data.get("parties") or {}).items()},
        cues=tuple(cues),
        patterns=patterns,
        objects=tuple(objects),
        titles=titles,
        givers={k: tuple(v) for k, v in (data.get("givers") or {}).items()},
        bilateral=frozenset(data.get("bilateral") or ()),
        third_party_issue=dict(data.get("third_party_issue") or {}),
        advocacy_is_offer=frozenset(data.get("advocacy_is_offer") or ()),
    )


# ---------------------------------------------------------------- text scanning


@lru_cache(maxsize=1)
def _scanner() -> tuple[dict[re.Pattern[str], int], Alternations]:
    """Every alternation of the lexicon (cues, word-list patterns, objects) matched together: the index of
    each compiled alternation among the groups, and the scanner (see :mod:`kg.extract.term_scan`)."""
    lex = _lexicon()
    patterns = [rx for _, _, rx in lex.cues] + list(lex.patterns.values()) + [rx for _, rx in lex.objects]
    index = {rx: i for i, rx in enumerate(dict.fromkeys(patterns))}
    return index, Alternations([_TERMS_OF[rx] for rx in index])


@lru_cache(maxsize=8)
def _scanned(text: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per alternation of :func:`_scanner`, the body spans of its matches over the normalised ``text``."""
    norm, offsets = normalised(text)
    return tuple(tuple((offsets[m.start()], offsets[m.end() - 1] + 1) for m in matches)
                 for matches in _scanner()[1].scan(norm))


@lru_cache(maxsize=1)
def _scanner_ids() -> dict[int, tuple[re.Pattern[str], int]]:
    """:func:`_scanner`'s index keyed by pattern identity (every lexicon pattern, equal ones included):
    id -> (the pattern, its index)."""
    index = _scanner()[0]
    lex = _lexicon()
    patterns = [rx for _, _, rx in lex.cues] + list(lex.patterns.values()) + [rx for _, rx in lex.objects]
    return {id(rx): (rx, index[rx]) for rx in patterns}


def _compute_matches(rx: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    """Body spans of every match of ``rx`` over the normalised ``text``."""
    known = _scanner_ids().get(id(rx))
    index = known[1] if known is not None and known[0] is rx else _scanner()[0].get(rx)
    if index is not None:
        return _scanned(text)[index]
    norm, offsets = normalised(text)
    out: list[tuple[int, int]] = []
    for m in rx.finditer(norm):
        if m.end() > m.start():
            out.append((offsets[m.start()], offsets[m.end() - 1] + 1))
    return tuple(out)


# Speed: hashing a compiled pattern hashes its whole compiled code (tens of µs for the big lexicon
# alternations), so the per-body cache keys on the pattern's identity and keeps the pattern to check it.
# (id(rx), text) -> (rx, spans, their starts).
_MATCHES: dict[tuple[int, str], tuple[re.Pattern[str], tuple[tuple[int, int], ...], tuple[int, ...]]] = {}
_MATCHES_MAX = 64


def _all_matches(rx: re.Pattern[str], text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """Body spans of every match of ``rx`` over the normalised ``text`` and their starts (cached: a body is
    scanned once)."""
    key = (id(rx), text)
    got = _MATCHES.get(key)
    if got is not None and got[0] is rx:
        return got[1], got[2]
    spans = _compute_matches(rx, text)
    if len(_MATCHES) >= _MATCHES_MAX:
        _MATCHES.clear()
    starts = tuple(s for s, _ in spans)
    _MATCHES[key] = (rx, spans, starts)
    return spans, starts


def _finditer(rx: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Body spans of matches of ``rx`` (over normalised text) lying within ``text[start:end]``."""
    spans, starts = _all_matches(rx, text)
    # Matches do not overlap, so they are sorted by start: only those starting in [start, end] can fit.
    window = spans[bisect_left(starts, start):bisect_right(starts, end)]
    return [(s, e) for s, e in window if e <= end]


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[_Cue, ...]:
    """Every cue of the body, overlaps resolved (the longer match wins; at equal length the earlier kind)."""
    found: list[tuple[int, int, int, _Cue]] = []
    for rank, (kind, status, rx) in enumerate(_lexicon().cues):
        for s, e in _finditer(rx, text, 0, len(text)):
            found.append((-(e - s), rank, s, _Cue(kind, status, s, e, text[s:e])))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    taken: list[_Cue] = []
    # Speed: the cues taken are disjoint, so kept sorted by start their ends are sorted too; a new cue
    # overlaps one of them iff it overlaps the one starting last before its end (one bisect, not a scan).
    starts: list[int] = []
    ends: list[int] = []
    for _, _, _, cue in found:
        if _not_a_cue(text, cue):
            continue
        i = bisect_left(starts, cue.end)
        if i == 0 or ends[i - 1] <= cue.start:
            taken.append(cue)
            starts.insert(i, cue.start)
            ends.insert(i, cue.end)
    return tuple(sorted(taken, key=lambda c: c.start))


@lru_cache(maxsize=8)
def _scan_starts(text: str) -> tuple[int, ...]:
    """The start offsets of :func:`_scan` (sorted), for bisecting a span's cues."""
    return tuple(c.start for c in _scan(text))


def _cues_between(text: str, lo: int, hi: int) -> tuple[_Cue, ...]:
    """The cues of :func:`_scan` starting in ``[lo, hi]`` (a superset of those lying in ``[lo, hi)``)."""
    starts = _scan_starts(text)
    return _scan(text)[bisect_left(starts, lo):bisect_right(starts, hi)]


_PURPOSE = re.compile(r"^[وف]?ل(?!ا\s|ن\s|م\s|يس)")


_PASSIVE = re.compile(r"(?<!\w)(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)


def _not_a_cue(text: str, cue: _Cue) -> bool:
    """A participle ("protection offered by NATO") or an Arabic purpose form ("لعرض", "للموافقة")."""
    if _is_arabic(cue.text):
        return bool(_PURPOSE.match(normalise(cue.text)[0]))
    # "protection offered by NATO" is a participle; "was rejected by Moscow" is a passive (kept).
    return bool(re.match(r"\s+by\s", text[cue.end:cue.end + 5])) and \
        not _PASSIVE.search(text[max(0, cue.start - 30):cue.start])


def _has(name: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
    rx = _lexicon().patterns.get(name)
    return _finditer(rx, text, start, end) if rx is not None and end > start else []


def _clause_start(body: str, floor: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last clause punctuation in ``body[floor:pos]``."""
    last = floor
    for m in _CLAUSE_END.finditer(body, floor, pos):
        last = m.end()
    return last


def _clause_end(body: str, pos: int, ceiling: int) -> int:
    m = _CLAUSE_END.search(body, pos, ceiling)
    return m.start() if m else ceiling


def _is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


# ---------------------------------------------------------------- actors


def _party(key: str) -> Entity | None:
    code = _lexicon().parties.get(key)
    return entity_by_key(code) if code else None


def _belligerents() -> list[Entity]:
    return [e for e in (_party(k) for k in _lexicon().parties) if e is not None]


def _side(e: Entity) -> str:
    """ukraine | russia | third: the side an actor counts for."""
    key = state_of(e).key
    for name, code in _lexicon().parties.items():
        if key == code:
            return name
    return "third"


def _counterpart(e: Entity) -> Entity | None:
    side = _side(e)
    if side == "third":
        return None
    others = [p for p in _lexicon().parties if p != side]
    return _party(others[0]) if others else None


class _Mentions(list):
    """Actor mentions sorted by (start, -end), with their ``starts`` for bisecting (see :func:`_window`)."""

    starts: list[int]
    named: set[str] | None = None


def _actor_mentions(a: Analysis) -> list[Mention]:
    ms = _Mentions(sorted((m for m in a.mentions if m.entity.is_actor), key=lambda m: (m.start, -m.end)))
    ms.starts = [m.start for m in ms]
    return ms


def _named_states(ms: list[Mention]) -> set[str]:
    """The keys of the states the mentions stand for (kept on a :class:`_Mentions`, which never changes)."""
    named = getattr(ms, "named", None)
    if named is None:
        named = {state_of(m.entity).key for m in ms}
        if isinstance(ms, _Mentions):
            ms.named = named
    return named


def _window(ms: list[Mention], lo: int, hi: int) -> range:
    """Indices of the mentions of ``ms`` that may start in ``[lo, hi]``: all of them for a plain list; for
    the sorted :class:`_Mentions` only those (speed: a long article is not rescanned per cue)."""
    starts = getattr(ms, "starts", None)
    if starts is None:
        return range(len(ms))
    return range(bisect_left(starts, lo), bisect_right(starts, hi))


def _coordinated(body: str, ms: list[Mention], idx: int, forward: bool) -> list[Mention]:
    """The mention at ``idx`` and those joined to it by "and"/"و"/"," ("Moscow and Kyiv agreed")."""
    group = [ms[idx]]
    j = idx
    while True:
        k = j + 1 if forward else j - 1
        if not 0 <= k < len(ms):
            break
        a_, b_ = (ms[j], ms[k]) if forward else (ms[k], ms[j])
        if b_.start < a_.end or not _COORD.match(body[a_.end:b_.start]):
            break
        group.append(ms[k])
        j = k
    return group


_PREPOSITION = re.compile(r"(?<!\w)(?:على|إلى|الى|عن|من|مع|أن|ان|to|with|on|from|of|for)(?!\w)")


def _after_actor(a: Analysis, ms: list[Mention], pos: int, limit: int, gap_max: int,
                 titles_only: bool = False) -> list[Mention]:
    """Actors starting right after ``pos``: a short gap without clause punctuation or prepositions
    (with ``titles_only``, a gap of title words only: "وافق الرئيس الروسي فلاديمير بوتين")."""
    body = a.doc.body
    for i in _window(ms, pos, max(pos, limit)):
        m = ms[i]
        if m.start < pos:
            continue
        if m.start >= limit or m.start - pos > gap_max:
            return []
        gap = body[pos:m.start]
        if _CLAUSE_END.search(gap) or _PREPOSITION.search(gap):
            return []
        if titles_only and any(w not in _lexicon().titles for w in normalise(gap)[0].split()):
            return []
        return _coordinated(body, ms, i, forward=True)
    return []


def _before_actors(a: Analysis, ms: list[Mention], pos: int, floor: int) -> list[list[Mention]]:
    """Candidate subjects before ``pos`` (nearest first), each with its coordinated mentions."""
    body = a.doc.body
    out: list[list[Mention]] = []
    idxs = [i for i in _window(ms, floor, pos) if floor <= ms[i].start and ms[i].end <= pos]
    for i in reversed(idxs):
        m = ms[i]
        if _LOCATIVE.search(body[max(floor, m.start - 12):m.start]):
            continue  # "in the White House", "في البيت الأبيض": a place, not the subject
        out.append(_coordinated(body, ms, i, forward=False))
    return out


def _unique(entities: Iterable[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for e in entities:
        if all(state_of(e).key != state_of(o).key for o in out):
            out.append(e)
    return out


# ---------------------------------------------------------------- issues


def _issue_ids(mentions: Iterable[IssueMention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.issue not in out:
            out.append(m.issue)
    return out


def _object_issues(body: str, start: int, end: int, covered: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Issues read from object words in ``body[start:end]``; a match inside a longer one of another issue
    does not count ("وحدة أراضيه" is territorial integrity, not land)."""
    spans = [(s, e, issue) for issue, rx in _lexicon().objects for s, e in _finditer(rx, body, start, end)
             if not any(cs <= s and e <= ce for cs, ce in covered)]
    out: list[str] = []
    for s, e, issue in sorted(spans):
        if any(o_issue != issue and os_ <= s and e <= oe and oe - os_ > e - s for os_, oe, o_issue in spans):
            continue
        if issue not in out:
            out.append(issue)
    return out


def _demand_issues(a: Analysis, sentences: list[Sentence], lo: int, hi: int, conceder: Entity | None,
                   only: Entity | None = None) -> list[str]:
    """Issues of demands made in sentences ``lo..hi`` by another side than ``conceder`` (or by ``only``)."""
    if lo > hi or not sentences:
        return []
    start, end = sentences[max(lo, 0)].start, sentences[min(hi, len(sentences) - 1)].end
    side = _side(conceder) if conceder is not None else None
    out: list[str] = []
    for d in a.demands:
        if start <= d.evidence.start and d.evidence.end <= end + 1:
            if side is not None and _side(d.by) == side:
                continue
            if only is not None and state_of(d.by).key != state_of(only).key:
                continue
            out += [i for i in d.issues if i not in out]
    return out


# ---------------------------------------------------------------- the stage


@dataclass
class _Found:
    by: Entity
    issue: str
    status: str
    start: int
    end: int
    to: Entity | None = None
    cue: str = ""


@dataclass
class _Reading:
    """What one cue says before its issues are settled."""

    cue: _Cue
    status: str
    subjects: list[Entity]
    issues: list[str]


def run(a: Analysis) -> None:
    """Fill ``a.concessions`` (see the module doc)."""
    body = a.doc.body
    if not body.strip():
        a.concessions = []
        return
    sentences = a.sentences or split_sentences(body)
    ms = _actor_mentions(a)
    found: list[_Found] = []
    topic: list[Entity] = []  # the last actor named, for a verb without a subject ("وفيما تبدي مرونة")
    prev_end = -1
    for si, s in enumerate(sentences):
        if _paragraph_break(body, prev_end, s.start):
            topic = []
        prev_end = s.end
        in_sentence = [c for c in _cues_between(body, s.start, s.end)
                       if c.start >= s.start and c.end <= s.end]
        readings: list[_Reading] = []
        kept = _absorb(body, in_sentence, ms)
        for c in kept:
            r = _read(a, s, c, kept, ms, topic, readings)
            if r is not None:
                readings.append(r)
        readings = _merge_framing(body, readings)
        if readings and not any(r.issues for r in readings):
            # Nothing named in the sentence: a refusal of "these demands" or "big concessions" points back
            # (only the first cue that can: the others restate it).
            for r in readings:
                r.issues = _anaphoric_issues(a, sentences, si, s, r.cue, r.status, r.subjects[0])
                if r.issues:
                    break
        for r in readings:
            found += _emit(a, s, r, ms)
        topic = _topic(body, s, ms, readings) or topic
        found += _advocacy(a, s, ms, found)
    a.concessions = _build(a, found)


def _topic(body: str, s: Sentence, ms: list[Mention], readings: list[_Reading]) -> list[Entity]:
    """Who the next sentence is likely about: the party of the sentence's last cue, else its first actor
    named as a noun (not a demonym, not after a preposition)."""
    if readings:
        return list(readings[-1].subjects)
    for i in _window(ms, s.start, s.end):
        m = ms[i]
        if s.start <= m.start and m.end <= s.end and m.via not in ("demonym", "location") \
                and not _LOCATIVE.search(body[max(s.start, m.start - 12):m.start]):
            return [m.entity]
    return []


def _paragraph_break(body: str, prev_end: int, start: int) -> bool:
    return prev_end >= 0 and body.count("\n", prev_end, start) >= 2


def _absorb(body: str, cues: list[_Cue], ms: list[Mention]) -> list[_Cue]:
    """Drop a cue that directly continues the one before ("refused to accept", "ready to accept"; with the
    subject between them in Arabic: "رفضت أوكرانيا التنازل")."""
    out: list[_Cue] = []
    for c in cues:
        if out and out[-1].kind in ("status", "propose", "reached"):
            gap = body[out[-1].end:c.start]
            for i in _window(ms, out[-1].end, c.start):
                m = ms[i]
                if out[-1].end <= m.start and m.end <= c.start:
                    gap = gap.replace(m.text, " ")
            if _ABSORB_GAP.match(gap):
                continue
        out.append(c)
    return out


# Punctuation between a cue and a framing word: the word is not the cue's direct object
# ("rejected clauses, such as: conceding areas" lists a plan's clauses, asked of the party).
_CLAUSE_PUNCT = re.compile(r"[,:;،؛]")


def _merge_framing(body: str, readings: list[_Reading]) -> list[_Reading]:
    """A framing cue taken up by a later cue of the same party lends it its issues ("pressed Zelensky to give
    up Crimea, which he refused"); unless someone asked for it, it is only restated
    ("تنازلات ... يدرسونها")."""
    out: list[_Reading] = []
    for i, r in enumerate(readings):
        if r.cue.kind == "framing":
            keys = {state_of(e).key for e in r.subjects}
            later = [o for o in readings[i + 1:] if o.cue.kind != "framing"
                     and keys & {state_of(e).key for e in o.subjects}]
            if later:
                if not later[0].issues:
                    later[0].issues = list(r.issues)
                if r.status != "Requested" or not _near_before("request", body, r.cue, 0, 60):
                    continue
            # The object of an earlier cue of the same party ("rejected any concessions", "رفض ... أي
            # تنازلات"): that cue states the position; the framing word only names what it is about.
            before = [o for o in out if o.cue.kind != "framing" and o.cue.end <= r.cue.start
                      and keys & {state_of(e).key for e in o.subjects}
                      and not _CLAUSE_PUNCT.search(body, o.cue.end, r.cue.start)]
            if before and not _near_before("request", body, r.cue, before[-1].cue.end, 60):
                if not before[-1].issues:
                    before[-1].issues = list(r.issues)
                continue
        out.append(r)
    return out


def _near_before(name: str, body: str, cue: _Cue, floor: int, window: int) -> bool:
    lo = _clause_start(body, max(floor, cue.start - window), cue.start)
    return bool(_has(name, body, lo, cue.start))


def _read(a: Analysis, s: Sentence, cue: _Cue, cues: list[_Cue], ms: list[Mention],
          topic: list[Entity], earlier: list[_Reading]) -> _Reading | None:
    """Status, conceding party and directly named issues of one cue (None: the cue states no concession)."""
    body = a.doc.body
    status = cue.status
    negated = _near_before("negation", body, cue, s.start, _NEGATION_WINDOW)
    if cue.kind != "framing" and _near_before("hedge", body, cue, s.start, 40):
        return None  # "Russia is unlikely to accept", "whether Moscow would agree": a guess, not a position
    if cue.kind == "reached" and negated:
        return None  # "no agreement was reached": nobody refused anything
    if status == "Accepted" and _JUST_AFTER_TIME.search(body[max(s.start, cue.start - 12):cue.start]):
        return None  # "after reaching a peace deal", "بعد التوصل إلى اتفاق": a time, not a fact
    if cue.kind == "framing":
        if negated:
            status = "Rejected"
    elif status == "Rejected":
        if negated:
            return None  # "did not reject", "لم يرفض": no fact
    else:
        if _near_before("request", body, cue, s.start, 40):
            return None  # "will ask Putin to agree to a summit": asked, not conceded
        clause = _clause_start(body, s.start, cue.start)
        if status in ("Made", "Offered", "Accepted") and any(
                _THAT_AFTER.match(body, e) for _s, e in _has("request", body, clause, cue.start)):
            return None  # "Moscow demanded that Ukraine withdraw ... and renounce NATO": demanded, not done
        if negated:
            status = "Rejected"
        elif status in ("Accepted", "Made") and _MAY.search(body[max(s.start, cue.start - 6):cue.start]) \
                and normalise(cue.text)[0].lstrip("وف")[:1] in ("ي", "ت", "ن"):
            status = "Offered"  # "قد تقبل" (may accept; "قد وافقت" is "had agreed"): a possibility offered
        elif status in ("Accepted", "Made") and _CONDITION.search(body[s.start:cue.start]):
            if _CONDITION.search(body[_clause_start(body, s.start, cue.start):cue.start]):
                return None  # "if Moscow agrees to a truce": the condition itself, not a fact
            status = "Offered"  # "if the ceasefire holds, Ukraine withdraws": a conditional offer

    if cue.kind == "propose" and re.match(r"\s*(?:that|أن|ان|بأن)(?!\w)", body[cue.end:cue.end + 6]):
        return None  # "proposed that Ukraine cede": a demand on another party (framing cues catch that)
    issues = _direct_issues(a, s, cue, cues, status)
    subjects: list[Entity] = []
    if _PRONOUN_THAT.search(body[max(s.start, cue.start - 12):cue.start]):
        # "مؤكدة أنها لن تتخلى", "بأنه لا يقبل": the pronoun is the subject of the main clause.
        if earlier:
            subjects = list(earlier[-1].subjects)
        else:
            first = [ms[i] for i in _window(ms, s.start, cue.start) if s.start <= ms[i].start < cue.start]
            subjects = [first[0].entity] if first else []
    if not subjects:
        subjects = _subjects(a, s, cue, ms, topic, issues)
    if cue.kind == "framing" and status == "Requested":
        subjects = _requested_party(a, ms, s, cue, issues) or subjects
    if not subjects:
        return None
    return _Reading(cue, status, subjects, issues)


# A time or condition phrase ("after a ceasefire", "بعد وقف إطلاق النار") is not what a cue refers back to.
_TEMPORAL = re.compile(
    r"(?<!\w)(?:after|before|until|during|following|once|بعد|قبل|حتى|خلال|عقب)\s+(?:\S+\s+)?$", re.I)
_JUST_AFTER_TIME = re.compile(r"(?<!\w)(?:after|before|until|upon|بعد|قبل|حتى|عند)\s+$", re.I)
_DEFINITE = re.compile(r"\s+(?:the|this|that|these|those|such|it|them|هذا|هذه|ذلك|تلك|ه|ها)(?!\w)", re.I)
_RECOGNISE = re.compile(r"recogni|اعتراف|تعترف|يعترف|نعترف", re.I)
_MAY = re.compile(r"(?<!\w)قد\s+$")
_EXCHANGE = re.compile(r"exchang|swap|تبادل", re.I)
_PRONOUN_THAT = re.compile(r"(?<!\w)(?:[بل]?[أإا]نها|[بل]?[أإا]نه|[بل]?[أإا]نهم)\s+(?:\w+\s+)?$")
_CONDITION = re.compile(r"(?<!\w)(?:if|unless|as soon as|once(?!\s+again)|provided(?:\s+that)?|on condition that|"
                        r"إذا|اذا|في حال|في حالة|بشرط|شريطة|بمجرد|فور)(?!\w)", re.I)
# A complementizer right after a request word: "demanded that", "طالبت بأن".
_THAT_AFTER = re.compile(r"\s*(?:that|[بل]?[أإا]ن)(?!\w)", re.I)


def _direct_issues(a: Analysis, s: Sentence, cue: _Cue, cues: list[_Cue], status: str) -> list[str]:
    """Issues named in the cue's object (see the module doc, step 4)."""
    body = a.doc.body
    stop = s.end
    for c in cues:
        if c.start > cue.start and c.kind != "framing":
            stop = min(stop, c.start)
            break
    if cue.kind == "framing":
        stop = min(stop, _clause_end(body, cue.end, s.end))
    # A stop word right after the cue is its object ("rejected calls for a ceasefire"), not a new clause.
    stops = _has("scope_stop", body, min(stop, cue.end + 2), stop)
    if stops:
        stop = stops[0][0]
    named = find_issues(a, cue.start, stop)
    if cue.kind == "framing" or status in ("Rejected", "Made", "Accepted"):
        # "will not cede its sovereignty": the object says which issue, whatever the verb alone suggests.
        window_end = min(stop, cue.end + _OBJECT_WINDOW)
        free = [m for m in named if m.end <= cue.start or m.start >= cue.end]
        obj_start = cue.start if cue.kind == "framing" else cue.end  # "trade land": the object is in the cue
        objects = _object_issues(body, obj_start, window_end, covered=[(m.start, m.end) for m in free])
        if _RECOGNISE.search(normalise(cue.text)[0]):
            # "will not recognise the occupied lands as Russian": land is the object of recognition.
            objects = ["territory-recognition" if i == "territory-withdrawal" else i for i in objects]
        if objects:
            return _issue_ids(free) + [i for i in objects if i not in _issue_ids(free)]
    issues = _issue_ids(named)
    if not issues and cue.kind != "framing":
        # "eliminating sanctions – a provision the United States rejected", "security guarantees will be
        # NATO-like": the thing just named (for a refusal, back to the previous cue; else in the clause).
        floor = max((c.end for c in cues if c.end <= cue.start), default=s.start)
        if status != "Rejected":
            floor = _clause_start(body, floor, cue.start)
        before = [m for m in find_issues(a, floor, cue.start)
                  if not _TEMPORAL.search(body[max(floor, m.start - 20):m.start])]
        if before:
            issues = [before[-1].issue]
        elif cue.kind == "judgement":
            # "Crimea is a red line": the judged thing is named before, often by a bare place or word.
            issues = _object_issues(body, _clause_start(body, floor, cue.start), cue.start)[:1]
    return issues


def _subjects(a: Analysis, s: Sentence, cue: _Cue, ms: list[Mention], topic: list[Entity],
              issues: list[str]) -> list[Entity]:
    """The conceding party of a cue (see the module doc, step 3)."""
    body = a.doc.body
    if _has("both_sides", body, max(s.start, cue.start - 40), cue.start) or \
            _has("both_sides", body, cue.end, min(s.end, cue.end + 25)):
        return _both_sides(a, ms, s, cue)
    if re.search(r"convinc|persuad|اقناع", normalise(cue.text)[0]):
        return [m.entity for m in _after_actor(a, ms, cue.end, s.end, 40)]
    if cue.kind == "judgement":
        return _judge(a, s, cue, ms)
    inside = [ms[i].entity for i in _window(ms, cue.start, cue.end)
              if cue.start <= ms[i].start and ms[i].end <= cue.end]
    if inside:
        return inside  # a gapped cue around its subject: "توصلت روسيا وأوكرانيا إلى اتفاق"
    if _is_arabic(cue.text):
        after = _after_actor(a, ms, cue.end, s.end, _VSO_GAP, titles_only=True)
        if after:
            return [m.entity for m in after]
    by_agent = re.match(r"\s+by\s+(?:the\s+)?", body[cue.end:cue.end + 10])
    if by_agent and _PASSIVE.search(body[max(s.start, cue.start - 20):cue.start]):
        after = _after_actor(a, ms, cue.end + by_agent.end(), s.end, 4)
        if after:
            return [m.entity for m in after]  # "the truce was rejected by Moscow"
    cands = _before_actors(a, ms, cue.start, max(s.start, cue.start - _BEFORE_WINDOW))
    if cue.kind == "propose":
        # A proposal is an offer only by a party that can give the issue: take the nearest such party.
        for group in cands:
            ents = [m.entity for m in group]
            if any(_gives(e, _third_reading(e, i)) for e in ents for i in issues):
                return ents
        return []
    if cands:
        return [m.entity for m in cands[0]]
    if cue.kind == "reached":
        return _both_sides(a, ms, s, cue)  # "the round ended in an agreement on a prisoner swap"
    speaker = _trailing_speaker(a, s, cue, ms)
    if speaker is not None:
        return [speaker]
    if topic and issues and not any(_gives(e, i) for e in topic for i in issues):
        # A subject carried over from the sentence before is a guess: if it cannot give what is conceded
        # ("[the draft] does not oppose Ukraine's EU bid"), the other side does.
        others = [o for o in (_counterpart(e) for e in topic) if o is not None]
        if others and any(_gives(o, i) for o in others for i in issues):
            return others[:1]
    return list(topic)


_SAID = re.compile(r"^\s*(?:said|says|told|added|announced|stated|wrote)(?!\w)")


_SAID_BEFORE = re.compile(r"(?<!\w)(?:said|says|told|added)\s+(?:[\w.'-]+\s+){0,4}$")


def _trailing_speaker(a: Analysis, s: Sentence, cue: _Cue, ms: list[Mention]) -> Entity | None:
    """The speaker of a trailing attribution ("..., Macron said.") of an English sentence."""
    body = a.doc.body
    for i in _window(ms, cue.end, s.end):
        m = ms[i]
        said_before = _SAID_BEFORE.search(body[max(cue.end, m.start - 40):m.start])
        if cue.end <= m.start and m.end <= s.end and (_SAID.match(body[m.end:m.end + 12]) or said_before):
            return m.entity
    return None


_DEMAND_WORD = re.compile(r"(?<!\w)(?:demands?|conditions?|terms|مطالب\w*|شروط\w*)(?!\w)")


def _judge(a: Analysis, s: Sentence, cue: _Cue, ms: list[Mention]) -> list[Entity]:
    """Who refuses what a judgement calls unacceptable: "unacceptable to Moscow" → Moscow; "the Russians put
    forward unacceptable conditions" → the other side of the demands' owner; else the speaker before it."""
    body = a.doc.body
    to = re.match(r"\s*(?:to|for|ل|بالنسبة ل|بالنسبة إلى)\s*", body[cue.end:cue.end + 14])
    if to:
        after = _after_actor(a, ms, cue.end + to.end(), s.end, 4)
        if after:
            return [after[0].entity]
    cands = _before_actors(a, ms, cue.start, s.start)
    if not cands:
        return []
    near = body[max(s.start, cue.start - 25):min(s.end, cue.end + 25)]
    if _DEMAND_WORD.search(near):
        other = _counterpart(cands[0][0].entity)
        return [other] if other is not None else []
    return [m.entity for m in cands[0]]


def _both_sides(a: Analysis, ms: list[Mention], s: Sentence, cue: _Cue) -> list[Entity]:
    """"Both sides": the belligerents when the article names them both, else the two parties named last."""
    named = _named_states(ms)
    parties = _belligerents()
    if parties and all(p.key in named for p in parties):
        return parties
    cands = _before_actors(a, ms, cue.start, s.start)
    ents = _unique(e for group in cands for e in (m.entity for m in group))
    return ents[:2] if len(ents) >= 2 else []


def _third_reading(by: Entity, issue: str) -> str:
    if _side(by) == "third":
        return _lexicon().third_party_issue.get(issue, issue)
    return issue


def _evidence_span(body: str, s: Sentence, cue: _Cue) -> tuple[int, int]:
    """The sentence, or for a long one a window around the cue cut at word boundaries."""
    if s.end - s.start <= _EVIDENCE_MAX:
        return s.start, s.end
    start = max(s.start, cue.start - _EVIDENCE_MAX // 2)
    end = min(s.end, max(cue.end, start + _EVIDENCE_MAX))
    while start > s.start and not body[start - 1].isspace():
        start += 1
    while end < s.end and not body[end].isspace():
        end -= 1
    return start, max(end, cue.end)


def _emit(a: Analysis, s: Sentence, r: _Reading, ms: list[Mention]) -> list[_Found]:
    """Concessions of one reading: one per (party, issue), with the two-sided and third-party rules."""
    lex = _lexicon()
    body = a.doc.body
    span = _evidence_span(body, s, r.cue)
    out: list[_Found] = []
    for issue in r.issues:
        for by in _unique(r.subjects):
            iss = _third_reading(by, issue)
            if r.cue.kind == "propose" and not _gives(by, iss):
                continue
            bys = [by]
            if iss in lex.bilateral and _side(by) != "third" and (
                    r.status == "Accepted" or (r.status == "Made" and _EXCHANGE.search(r.cue.text))):
                # An agreed or completed exchange binds both; "Russia released 150 POWs" only Russia.
                bys = _belligerents()
            for b in bys:
                out.append(_Found(b, iss, r.status, *span, _other(a, b, ms, s), r.cue.text))
            if r.cue.kind == "framing" and r.status == "Rejected" and _has("request", body, r.cue.end, s.end):
                # "rather than Ukraine ceding Donbas as Moscow demands": refused, and asked of Ukraine.
                out.append(_Found(by, iss, "Requested", *span, _other(a, by, ms, s), r.cue.text))
    return out


def _gives(e: Entity, issue: str) -> bool:
    return _side(e) in _lexicon().givers.get(issue, ())


def _requested_party(a: Analysis, ms: list[Mention], s: Sentence, cue: _Cue,
                     issues: list[str]) -> list[Entity]:
    """Who is asked to concede: the subject of the concession verb ("أن تتنازل أوكرانيا", "Ukraine ceding"),
    the party named after it ("a concession for Kyiv"), the counterpart of "to X", else the issue's giver."""
    body = a.doc.body
    if _is_arabic(cue.text) and not normalise(cue.text)[0].lstrip("وفبل").startswith("ال"):
        after = _after_actor(a, ms, cue.end, s.end, _VSO_GAP, titles_only=True)
        if after:
            return [m.entity for m in after]
    floor = _clause_start(body, max(s.start, cue.start - 60), cue.start)
    near = _before_actors(a, ms, cue.start, floor)
    if near:
        return [m.entity for m in near[0]]
    tail = body[cue.end:min(s.end, cue.end + 50)]
    m_for = re.match(r"\s*(?:for|from|by|بالنسبة ل|بالنسبة إلى|من)\s*", tail)
    if m_for:
        after = _after_actor(a, ms, cue.end + m_for.end(), s.end, 4)
        if after:
            return [m.entity for m in after]
    m_to = re.search(r"(?<!\w)(?:to\s+|ل)", tail)
    if m_to:
        for m in _after_actor(a, ms, cue.end + m_to.end(), s.end, 4):
            other = _counterpart(m.entity)
            if other is not None:
                return [other]
    for issue in issues:
        for side in _lexicon().givers.get(issue, ()):
            p = _party(side)
            if p is not None:
                return [p]
    return []


def _anaphoric_issues(a: Analysis, sentences: list[Sentence], si: int, s: Sentence, cue: _Cue,
                      status: str, conceder: Entity) -> list[str]:
    """Issues of a cue whose object is named elsewhere ("rejected these demands", "تنازلات كبيرة")."""
    body = a.doc.body
    if status not in ("Rejected", "Requested", "Offered") or cue.kind == "propose":
        return []
    concession_word = cue.kind == "framing" or bool(
        re.search(r"تنازل|concession|surrender", cue.text.lower())) or any(
        c.kind == "framing" and s.start <= c.start and c.end <= cue.start and cue.start - c.end < 80
        for c in _scan(body))  # "big concessions the negotiators were considering"
    anaphor = _has("anaphora", body, cue.end, min(s.end, cue.end + _ANAPHORA_WINDOW)) or \
        _has("anaphora", body, max(s.start, cue.start - _ANAPHORA_WINDOW), cue.start)
    if status == "Rejected" and _DEFINITE.match(body[cue.end:cue.end + 12]):
        anaphor = [(cue.end, cue.end)]  # "had rejected the original cap": something named before
    if not (concession_word or anaphor or cue.kind == "judgement"):
        return []
    if status == "Offered" and not concession_word:
        return []
    if si + 1 < len(sentences) and (cue.kind == "framing" or concession_word):
        nxt = sentences[si + 1]
        if _has("elaboration", body, nxt.start, min(nxt.end, nxt.start + 20)):
            got = _issue_ids(find_issues(a, nxt.start, nxt.end))
            if got:
                return got
    if cue.kind == "judgement":
        owner = _counterpart(conceder)
        got = _demand_issues(a, sentences, si - 3, si + 2, None, only=owner)
        return got
    got: list[str] = []
    if si > 0:
        prev = sentences[si - 1]
        if not _paragraph_break(body, prev.end, s.start) or anaphor:
            own = {i for d in a.demands if prev.start <= d.evidence.start < prev.end
                   and _side(d.by) == _side(conceder) for i in d.issues}
            got = [i for i in _issue_ids(find_issues(a, prev.start, prev.end)) if i not in own]
            if got:
                got += [i for i in _demand_issues(a, sentences, si - 1, si - 1, conceder) if i not in got]
    if not got:
        got = _demand_issues(a, sentences, si - 3, si - 1, conceder)
    if not got and status == "Rejected":
        got = _demand_issues(a, sentences, si, si + 2, conceder)
    return got


def _other(a: Analysis, by: Entity, ms: list[Mention], s: Sentence) -> Entity | None:
    """The party conceded to: the other belligerent, else another state named in the sentence."""
    other = _counterpart(by)
    if other is not None:
        return other
    for i in _window(ms, s.start, s.end):
        m = ms[i]
        if s.start <= m.start and m.end <= s.end and state_of(m.entity).key != state_of(by).key \
                and _side(m.entity) != "third":
            return state_of(m.entity)
    return None


def _advocacy(a: Analysis, s: Sentence, ms: list[Mention], found: list[_Found]) -> list[_Found]:
    """A belligerent advocating an issue of ``advocacy_is_offer`` (freezing the front line) offers it."""
    lex = _lexicon()
    body = a.doc.body
    out: list[_Found] = []
    for im in find_issues(a, s.start, s.end):
        if im.issue not in lex.advocacy_is_offer:
            continue
        if any(f.issue == im.issue and f.start == s.start for f in found):
            continue
        if _has("negation", body, _clause_start(body, s.start, im.start), im.start) or \
                _has("hedge", body, s.start, im.start):
            continue
        if any(c.status == "Rejected" for c in _cues_between(body, s.start, im.start)
               if _clause_start(body, s.start, im.start) <= c.start < im.start):
            continue  # "rejected freezing the front line": a refusal, found from its cue
        cands = _before_actors(a, ms, im.start, s.start)
        group = cands[0] if cands else [ms[i] for i in _window(ms, im.end, s.end)
                                        if im.end <= ms[i].start and ms[i].end <= s.end][:1]
        for m in group:
            if _side(m.entity) != "third":
                out.append(_Found(m.entity, im.issue, "Offered", s.start, s.end, _counterpart(m.entity)))
    for d in a.demands:
        if s.start <= d.evidence.start < s.end and _side(d.by) != "third":
            for issue in d.issues:
                if issue in lex.advocacy_is_offer and not any(
                        f.issue == issue and f.start == s.start for f in found + out):
                    out.append(_Found(d.by, issue, "Offered", s.start, s.end, _counterpart(d.by)))
    return out


def _build(a: Analysis, found: list[_Found]) -> list[Concession]:
    """One Concession per (party, issue, status), first evidence kept; links to demands and proposals."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Concession] = []
    for f in found:
        key = (state_of(f.by).key, f.issue, f.status)
        if key in seen:
            continue
        seen.add(key)
        out.append(Concession(
            evidence=a.evidence(f.start, f.end),
            by=f.by,
            issues=[f.issue],
            status=f.status,
            to=f.to,
            stated_in=_proposal_for(a, f.start, f.end),
            responds_to=_demand_for(a.demands, f),
        ))
    return out


def _demand_for(demands: list[Demand], f: _Found) -> Demand | None:
    """The other side's demand on the same issue made at or before the concession (nearest first)."""
    side = _side(f.by)
    best: Demand | None = None
    for d in demands:
        if f.issue in d.issues and _side(d.by) != side and d.evidence.start <= f.end:
            if best is None or d.evidence.start > best.evidence.start:
                best = d
    return best


def _proposal_for(a: Analysis, start: int, end: int) -> Proposal | None:
    try:
        from kg.extract.proposals import proposal_for_span  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return proposal_for_span(a, start, end)
    except Exception:  # noqa: BLE001 - a proposal link is optional; never fail the stage for it
        return None
