"""Stage: proposals — peace plans, memoranda, draft treaties, frameworks, counter-proposals, conditions.

Reads ``a.sentences``, ``a.mentions`` (actors, with demonyms), ``a.dates`` and ``a.meetings``; fills
``a.proposals``. The cue words and patterns are data (``kg/lexicon/proposals.yaml``).

How it works, per article:

1. **Cues**: every cue word ("plan", "28-point peace plan", "memorandum", "declaration", "communiqué",
   "consensus", "formula", "terms", "الخطة", "المذكرة", "توافق", "مشروع اتفاق", ...) is a *hit* with a kind
   (or none for generic words), definiteness, and what its context says: explicit authors
   (possessive/demonym next to the cue, "presented/signed/negotiated by X", "التي قدمتها واشنطن", "الصادرة
   عن"), the subject of its clause (a contrast word "while"/"فيما" starts a new clause; a reported clause's
   own subject comes before the speaker's; a group such as "African leaders" is marked, never named), a
   pronoun tying it to a subject ("its own proposals", "In the memorandum it handed over, Moscow ..."), a
   point count (via :mod:`kg.extract.numbers`), a revision ("revised", "reduced from 28 to 19", "المعدلة"),
   an "original/initial" marker, a theatre qualifier ("the Gaza plan"), negation, and a date (never one
   after the article's own).
2. **Coreference**: hits are resolved in text order to proposals. A hit with distinguishing attributes joins
   the most recent compatible proposal (its author states a subset of the proposal's, same point count where
   both give one, compatible kind, same theatre and proper name, no other month for an indefinite dated
   introduction) or starts a new one; a bare anaphoric hit ("the plan", "الخطة") joins the proposal last
   named nearby. Only hits with enough substance start a proposal (a strong cue, a point count, or an
   author: explicit, or the sentence's first actor when an authoring verb ties it to the cue), so one plan
   named ten ways in an article stays one record.
3. **Links**: ``revision_of`` from revision hits, ``reiterates`` from "repeats the demands ..." sentences
   (earlier proposals of the same party), ``presented_at`` from a held meeting named with a presenting verb
   in a sentence naming the proposal.

Limits: two proposals of one party with neither a count, a date nor a name to tell them apart become one
record; a proposal whose author is named only in another sentence stays without author (except "He
presented ...", a fronted phrase with a pronoun, and conditions in reported speech: the last person quoted).

Public helpers for later stages: :func:`proposal_for_span` (the proposal a clause belongs to) and
:func:`proposal_mentions` (every span resolved to a proposal).
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from kg.extract.gazetteer import state_of
from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis, Entity, Evidence, Meeting, Mention, Proposal, Sentence
from kg.extract.numbers import number_before, parse_number
from kg.extract.term_scan import Alternations

LEXICON = "proposals.yaml"
# Kinds that may be used for one another (a "framework" is often the peace plan itself).
_LOOSE_KINDS = {None, "PeacePlan", "Framework"}
# How far before a document's cue a meeting mention may stand that it came out of ("talks in X produced ...").
_OUTCOME_REACH = 60
# How far back (characters) a bare "the plan" looks for the proposal it refers to.
ANAPHORA_WINDOW = 1500
# A date after "since"/"before" dates something else ("the war since February 2022").
_SINCE = re.compile(r"(?:\bsince|\bbefore|(?<!\w)منذ|(?<!\w)قبل)\s+(?:\S+\s+)?$", re.IGNORECASE)
# A speech verb just after a speaker's name: "Peskov said", "Lavrov, speaking separately, said".
_SAID_AFTER = re.compile(r"\s*,?\s+(?:[\w-]+\s+){0,2}?(?:said|says|told|added|stressed|insisted)\b")
# Speech "verbs" that are prepositions: what follows them is not a reported clause's subject.
_NOT_A_VERB = re.compile(r"according to|[وف]?(?:بحسب|وفق|وفقا)$", re.IGNORECASE)
# Between two coordinated actors: a conjunction or a comma.
_COORDINATED = re.compile(r"\s*(?:[,،]\s*(?:and|&|و)?|and|&|و)\s*")
# Longest evidence quote; longer sentences are cut around the cue.
MAX_QUOTE = 300


# --------------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]  # the cue with its boundaries (Arabic: and proclitics), on the body
    core: re.Pattern[str]  # the cue alone, case-sensitive, for a fast scan (English: on a lower-cased body)
    kind: str | None
    strong: bool
    plural: bool
    setting: bool
    arabic: bool
    linkonly: bool = False
    name: str | None = None
    needs_author: bool = False
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Lex:
    cues: tuple[_Cue, ...]
    not_before: tuple[re.Pattern[str], ...]
    not_after: tuple[re.Pattern[str], ...]
    verb_after: tuple[re.Pattern[str], ...]
    definite: frozenset[str]
    indefinite: frozenset[str]
    generic: tuple[str, ...]
    negation: re.Pattern[str]
    mod_en: re.Pattern[str]
    mod_words_en: str
    mod_ar: re.Pattern[str]
    agent_start_en: re.Pattern[str]
    agent_start_ar: re.Pattern[str]
    agent_end_en: re.Pattern[str]
    agent_end_ar: re.Pattern[str]
    non_author: re.Pattern[str]
    author_verbs: re.Pattern[str]
    setting_verbs: re.Pattern[str]
    speech_verbs: re.Pattern[str]
    presenting_verbs: re.Pattern[str]
    outcome_verbs: re.Pattern[str]
    from_to: tuple[re.Pattern[str], ...]
    revision_before: re.Pattern[str]
    revision_after: re.Pattern[str]
    revision_again: re.Pattern[str]
    original_before: re.Pattern[str]
    original_after: re.Pattern[str]
    point_words: re.Pattern[str]
    reiterates: re.Pattern[str]
    theatres: tuple[tuple[str, re.Pattern[str]], ...]
    theatre_any: re.Pattern[str]  # every theatre pattern, as group t<i>: one scan per cue
    group_words: frozenset[str]
    clause_verbs: re.Pattern[str]
    kind_words: dict[str, str]
    fronted_en: re.Pattern[str]
    clause_boundary: re.Pattern[str]
    that_after: re.Pattern[str]
    fronted_ar: re.Pattern[str]
    pron_before_en: re.Pattern[str]
    pron_after_en: re.Pattern[str]
    pron_after_ar: re.Pattern[str]
    pron_suffix_ar: re.Pattern[str]


def _re(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


@cache
def _lex() -> _Lex:
    d: dict[str, Any] = load_yaml(LEXICON)
    cues: list[_Cue] = []
    for lang in ("en", "ar"):
        for c in d["cues"][lang]:
            if lang == "en":
                pat = rf"(?<![\w-])(?:{c['re']})(?![\w-])"
                core = rf"(?:{c['re']})(?![\w-])"
            else:
                # proclitics و ف ب ل ك, then the article ال (or لل = ل + ال)
                pat = rf"(?<!\w)(?P<pre>[وف]?[بلك]?(?:ال|ل)?)(?:{c['re']})(?!\w)"
                core = rf"(?:{c['re']})(?!\w)"
            # The core has no lookbehind and no IGNORECASE, so the regex engine can skip ahead to the
            # cue's first letters: most of the stage's time went into scanning every cue over the body.
            cues.append(_Cue(_re(pat), re.compile(core), c.get("kind"), bool(c.get("strong")),
                             bool(c.get("plural")), bool(c.get("setting")), lang == "ar",
                             bool(c.get("linkonly")), c.get("name"),
                             bool(c.get("needs_author")),
                             _re(c["not_before"]) if c.get("not_before") else None,
                             _re(c["not_after"]) if c.get("not_after") else None))
    det = d["determiners"]
    mods = d["modifiers"]
    return _Lex(
        cues=tuple(cues),
        not_before=tuple(_re(p) for p in d["not_before"]),
        not_after=tuple(_re(p) for p in d["not_after"]),
        verb_after=tuple(_re(p) for p in d["verb_after"]),
        definite=frozenset(w.lower() for w in det["definite"]),
        indefinite=frozenset(w.lower() for w in det["indefinite"]),
        generic=tuple(w.lower() for w in det["generic"]),
        negation=_re(d["negation"]),
        mod_en=_re(rf"^(?:['’]s?)?(?:\s+|-)(?:(?:{mods['en']})\s+|[-–/]\s*)*$"),
        mod_words_en=f"(?:{mods['en']})",
        mod_ar=_re(rf"^(?:\s+(?:{mods['ar']}))*\s+$"),
        agent_start_en=_re(d["agent_after"]["start_en"]),
        agent_start_ar=_re(d["agent_after"]["start_ar"]),
        agent_end_en=_re(d["agent_after"]["end_en"]),
        agent_end_ar=_re(d["agent_after"]["end_ar"]),
        non_author=_re(d["non_author_verbs"]),
        author_verbs=_re(d["author_verbs"]),
        setting_verbs=_re(d["setting_verbs"]),
        speech_verbs=_re(d["speech_verbs"]),
        presenting_verbs=_re(d["presenting_verbs"]),
        outcome_verbs=_re(d["outcome_verbs"]),
        from_to=tuple(_re(p) for p in d["revision_from_to"]),
        revision_before=_re(d["revision_before"]),
        revision_after=_re(d["revision_after"]),
        revision_again=_re(d["revision_again"]),
        original_before=_re(d["original_before"]),
        original_after=_re(d["original_after"]),
        point_words=_re(d["point_words"]),
        reiterates=_re(d["reiterates"]),
        theatres=tuple((name, _re(p)) for name, p in d["other_theatres"].items()),
        theatre_any=_re("|".join(f"(?P<t{i}>{p})" for i, p in enumerate(d["other_theatres"].values()))),
        group_words=frozenset(w.lower() for w in d["group_words"]),
        clause_verbs=_re(d["clause_verbs"]),
        kind_words=dict(d["kind_words"]),
        fronted_en=_re(d["fronted"]["start_en"]),
        clause_boundary=_re(d["clause_boundary"]),
        that_after=_re(d["that_after"]),
        fronted_ar=_re(d["fronted"]["start_ar"]),
        pron_before_en=_re(d["fronted"]["pronoun_before_en"]),
        pron_after_en=_re(d["fronted"]["pronoun_after_en"]),
        pron_after_ar=_re(d["fronted"]["pronoun_after_ar"]),
        pron_suffix_ar=_re(d["fronted"]["pronoun_suffix_ar"]),
    )


# --------------------------------------------------------------------------------------------------
# Hits: cue words with what their context says


@dataclass
class _Hit:
    start: int
    end: int
    text: str
    kind: str | None
    strong: bool
    plural: bool
    arabic: bool
    sentence: Sentence
    linkonly: bool = False
    name: str | None = None  # a known plan's proper name ("Victory Plan")
    definite: bool = False
    generic: bool = False  # "any plan": refers to no proposal in particular
    negated: bool = False
    authors: list[Entity] = field(default_factory=list)  # explicit (possessive, demonym, "by X")
    subject: list[Entity] = field(default_factory=list)  # the sentence's first actor(s) before the cue
    subject_ok: bool = False  # the subject may be taken as author (no "rejected"/"agreed to" between)
    subject_authoring: bool = False  # an authoring verb ("presented", "اقترحت") lies between subject and cue
    group_subject: bool = False  # a group of parties ("African leaders", "الدول الأوروبية") is the subject
    spoken_of: bool = False  # the subject only speaks of it ("X said the plan ..."): author of a new one only
    points: int | None = None
    old_points: int | None = None  # "reduced from <old> to <points>"
    revision: str | None = None  # "from_to" | "adjective" | "again"
    original: bool = False
    theatre: str | None = None
    date: str | None = None
    from_meeting: str | None = None  # the date of the meeting the document came out of ("" if undated)


def _states(entities: list[Entity]) -> frozenset[str]:
    return frozenset(state_of(e).key for e in entities)


class _Mentions(list[Mention]):
    """Actor mentions sorted by start, with their starts for bisection."""

    def __init__(self, items: list[Mention]) -> None:
        super().__init__(sorted(items, key=lambda m: (m.start, -m.end)))
        self.starts = [m.start for m in self]


def _actor_mentions(a: Analysis) -> list[Mention]:
    lex = _lex()
    def group(m: Mention) -> bool:
        # "European", "European powers", "الدول الأوروبية" (not "European Union" by name): a group, no party.
        words = m.text.strip().lower().split()
        return m.text.strip().lower() in lex.group_words or (
            m.via != "name" and any(w in lex.group_words for w in words))

    return _Mentions([m for m in a.mentions if m.entity.is_actor and not group(m)])


# The sentence list last indexed and its starts (the stage asks for sentences of one article many times).
_STARTS: list[Any] = [None, []]


def _sentence_starts(a: Analysis) -> list[int]:
    """``[s.start for s in a.sentences]``, cached while ``a.sentences`` is the same unchanged list."""
    sents = a.sentences
    if _STARTS[0] is not sents or len(_STARTS[1]) != len(sents):
        _STARTS[0], _STARTS[1] = sents, [s.start for s in sents]
    return _STARTS[1]


def _sentence_at(a: Analysis, pos: int) -> Sentence:
    """The sentence of ``a`` holding offset ``pos`` (else the line holding it)."""
    i = bisect_right(_sentence_starts(a), pos) - 1
    if 0 <= i < len(a.sentences) and a.sentences[i].start <= pos < a.sentences[i].end:
        return a.sentences[i]
    # No sentence stage output (e.g. tests): the line holding pos.
    body = a.doc.body
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    end = len(body) if end == -1 else end
    return Sentence(start, end, body[start:end])


# ASCII upper → lower case, one character for one (offsets stay valid, unlike str.lower()).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_LETTER = re.compile(r"[a-z]")


@cache
def _core_scanners() -> tuple[Alternations, Alternations]:
    """The cue cores as one-term alternations, English ones then Arabic ones (lexicon order): one scan gives
    each core's ``finditer`` matches (see :mod:`kg.extract.term_scan`), instead of one regex pass per cue."""
    cues = _lex().cues
    return (Alternations([[c.core.pattern] for c in cues if not c.arabic]),
            Alternations([[c.core.pattern] for c in cues if c.arabic]))


def _find_cues(a: Analysis) -> list[tuple[int, int, _Cue]]:
    """Non-overlapping cue spans (longest first, then leftmost), in text order.

    Each cue's core is scanned first (fast); a core hit counts when the full pattern (boundaries, Arabic
    proclitics) matches from the start of the word holding it.
    """
    lex = _lex()
    body = a.doc.body
    lower = body.lower()
    if len(lower) != len(body):  # a letter that lower-cases to two ("İ"): offsets would shift
        lower = body.translate(_ASCII_LOWER)
    has_ar, has_en = bool(_ARABIC_LETTER.search(body)), bool(_LATIN_LETTER.search(lower))
    found: list[tuple[int, int, _Cue]] = []
    seen: set[tuple[int, int, int]] = set()
    en_scanner, ar_scanner = _core_scanners()
    en_cores = iter(en_scanner.scan(lower) if has_en else ())
    ar_cores = iter(ar_scanner.scan(body) if has_ar else ())
    for i, cue in enumerate(lex.cues):
        cores = next(ar_cores if cue.arabic else en_cores, ())
        for c in cores:
            ws = c.start()
            if cue.arabic:
                # back to the start of the word (the proclitics are part of it)
                while ws > 0 and (body[ws - 1].isalnum() or body[ws - 1] == "_") and c.start() - ws <= 4:
                    ws -= 1
            m = cue.pattern.match(body, ws)
            while m is None and ws < c.start():
                ws += 1
                m = cue.pattern.match(body, ws)
            if m is None:
                continue
            s = m.start() + (len(m.group("pre")) if cue.arabic and m.group("pre") else 0)
            if (s, m.end(), i) not in seen:
                seen.add((s, m.end(), i))
                found.append((s, m.end(), cue))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    taken: list[tuple[int, int, _Cue]] = []
    for s, e, cue in found:
        if any(s < te and ts < e for ts, te, _ in taken):
            continue
        taken.append((s, e, cue))
    return sorted(taken, key=lambda t: t[0])


def _is_definite(body: str, s: int, e: int, cue: _Cue, sent: Sentence, lex: _Lex) -> tuple[bool, bool]:
    """(definite, generic) for the cue at ``[s, e)``."""
    if cue.arabic:
        word_start = s
        while word_start > sent.start and not body[word_start - 1].isspace():
            word_start -= 1
        prefix = body[word_start:s + 2]
        # "الخطة", "للمبادرة", or a construct with a definite noun or a name: "خطة السلام", "مقترح زيلينسكي".
        nxt = re.match(r"\s+(\S+)", body[e:sent.end])
        definite = bool(re.match(r"^[وف]?[بلك]?(?:ال|لل)", prefix)) or " ال" in body[s:e] or bool(
            nxt and nxt.group(1).startswith("ال") and not re.match(r"ال(?:تي|ذي|ذين|لتي)$", nxt.group(1)))
        before = body[max(sent.start, word_start - 12):word_start].split()
        generic = bool(before) and before[-1] in lex.generic
        return definite, generic
    words = re.findall(r"[\w'’-]+", body[max(sent.start, s - 60):s].lower())
    for w in reversed(words[-5:]):
        if w in lex.definite:
            return True, False
        if w in lex.indefinite:
            return False, False
        if w in lex.generic:
            return False, True
        if w.endswith(("'s", "’s")):
            return True, False
    tail = body[max(sent.start, s - 20):s].lower()
    return False, any(tail.rstrip().endswith(g) for g in lex.generic if " " in g)


def _negated(body: str, s: int, sent: Sentence, lex: _Lex) -> bool:
    """A negation among the five words before the cue ("not centered around a draft", "وليس على مقترحات")."""
    words = list(re.finditer(r"\S+", body[sent.start:s]))[-5:]
    lo = sent.start + words[0].start() if words else s
    return bool(lex.negation.search(body, lo, s))


def _noun_before(body: str, s: int, sent: Sentence, lex: _Lex, mentions: list[Mention]) -> bool:
    """The word before an English cue shows it is a noun: a determiner, a possessive, a modifier, or a
    capitalised adjective ("the American plan to ...", "the Gaza plan to ..."), but not an actor's name
    ("Kyiv and Washington plan to meet")."""
    lo = max(sent.start, s - 40)
    m = re.search(r"([\w'’-]+)\W*$", body[lo:s])
    if not m:
        return False
    w, w_start = m.group(1).lower(), lo + m.start(1)
    if m.group(1)[:1].isupper() and w_start > sent.start:
        named = [x for x in _window(mentions, w_start - 40, w_start + 1) if x.start <= w_start < x.end]
        if not named or any(x.via == "demonym" for x in named):
            return True
        # A name used as a modifier after a determiner: "the US proposal on Tuesday".
        return _noun_before(body, min(x.start for x in named), sent, lex, [])
    return (w in lex.definite or w in lex.indefinite or w in lex.generic or w.endswith(("'s", "’s", "-point"))
            or bool(re.fullmatch(lex.mod_words_en, w)))


def _window(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    """Mentions (sorted by start) that start in ``[lo, hi)``."""
    starts = mentions.starts if isinstance(mentions, _Mentions) else [m.start for m in mentions]
    return mentions[bisect_left(starts, lo):bisect_left(starts, hi)]


def _explicit_authors(a: Analysis, mentions: list[Mention], s: int, e: int, arabic: bool,
                      plural: bool = False) -> list[Entity]:
    """Actors tied to the cue at ``[s, e)`` by position: "Trump's plan", "الخطة الأمريكية", "presented by X".

    For a plural cue a bare name before it is a topic, not an author ("the Gaza and Ukraine plans"): only a
    possessive or a demonym counts there.
    """
    lex = _lex()
    body = a.doc.body
    out: list[Entity] = []
    # Before the cue (English possessive/adjective; "the US and Ukraine's plan"). Arabic modifiers follow.
    near = _window(mentions, s - 200, e + 100)
    before = [] if arabic else [m for m in near if m.end <= s and s - m.end <= 60]
    pos = s
    for m in reversed(before):
        gap = body[m.end:pos]
        if pos == s:
            ok = bool(lex.mod_en.match(gap)) or gap in ("", " ")
        else:
            ok = bool(re.fullmatch(r"\s*(?:[-–/,]|and|&|و)?\s*", gap))
        if not ok or any(c in gap for c in "\"“”«».;:"):
            break
        if plural and pos == s and m.via != "demonym" and not re.match(r"['’]", gap):
            break
        out.append(m.entity)
        pos = m.start
    # After the cue: Arabic adjective/idafa ("خطة ترامب"), "presented by X", "من الرئيس الأمريكي".
    after = [m for m in near if m.start >= e and m.start - e <= 90]
    for m in after:
        gap = body[e:m.start]
        if "\n" in gap or re.search(r"[.;:!?؟]", gap):
            break
        if (arabic and (lex.mod_ar.match(gap) or gap == " " or lex.agent_start_ar.match(gap)
                        or lex.agent_end_ar.search(gap))) or (
                not arabic and (lex.agent_start_en.match(gap) or lex.agent_end_en.search(gap))):
            out.append(m.entity)
            # Coordinated authors after the first: "by the US and Ukraine", "الصين والبرازيل".
            last = m
            for m2 in after:
                if m2.start < last.end:
                    continue
                gap2 = body[last.end:m2.start]
                # ... or the same party again after a title: "by Ukrainian President Volodymyr Zelensky".
                same_party = state_of(m2.entity).key == state_of(last.entity).key and len(gap2) <= 25 \
                    and not re.search(r"[,.;:!?؟،\n]", gap2)
                if re.fullmatch(r"\s*(?:[,،]|and|&|و)?\s*(?:the\s+)?", gap2) or same_party or (
                        gap2 == " " and body[m2.start:m2.start + 1] == "و"):
                    out.append(m2.entity)
                    last = m2
                else:
                    break
            break
    # One entity per state (a person and their state are the same party here).
    seen: set[str] = set()
    uniq: list[Entity] = []
    for ent in out:
        if ent.key not in seen:
            seen.add(ent.key)
            uniq.append(ent)
    return uniq


def _authoring(body: str, lo: int, hi: int) -> bool:
    """An authoring verb in ``body[lo:hi]`` with no complementizer after it ("announced a plan", "أعلنت خطة";
    not "announced that the plan ...", "أعلنت أوكرانيا أن البيان ...": there the verb reports speech)."""
    lex = _lex()
    return any(not lex.that_after.search(body, m.end(), hi) for m in lex.author_verbs.finditer(body, lo, hi))


def _own(a: Analysis, mentions: list[Mention], h: _Hit, subj_end: int) -> bool:
    """The cue carries a possessive pronoun ("its own proposals", "his plan", "مقترحاتها") and no other actor
    stands between the subject and the cue, so the pronoun refers to the subject."""
    lex = _lex()
    body = a.doc.body
    if any(subj_end <= m.start and m.end <= h.start for m in _window(mentions, subj_end, h.start)):
        return False
    if h.arabic:
        return bool(lex.pron_suffix_ar.search(h.text) or re.search(r"(?:ها|هم|هما)$", h.text))
    return bool(re.search(r"\b(?:its|his|her|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?$",
                          body[max(h.sentence.start, h.start - 40):h.start], re.IGNORECASE))


def _clause_start(body: str, sent: Sentence, s: int) -> int:
    """Where the clause holding ``s`` begins: after the last contrast word before it ("..., while European
    governments offered a counter-proposal", "فيما قدمت الدول الأوروبية خطة مضادة"), else at ``sent``."""
    ends = [m.end() for m in _lex().clause_boundary.finditer(body, sent.start, s)]
    return ends[-1] if ends else sent.start


def _subject(a: Analysis, mentions: list[Mention], sent: Sentence, s: int,
             lo: int | None = None) -> tuple[list[Entity], int, int]:
    """The first actor(s) of the clause from ``lo`` (default: the sentence start) before ``s`` (coordinated
    ones too) and where they start and end."""
    body = a.doc.body
    lo = sent.start if lo is None else lo
    inside = [m for m in _window(mentions, lo, s) if lo <= m.start and m.end <= s]
    if not inside and lo > sent.start:
        return [], -1, -1
    if not inside:
        # "He presented a 20-point plan": the person the sentence before begins with (not "He added that").
        pron = re.match(r"(?:He|She)\s+(?:\w+\s+)?", body[sent.start:s])
        if pron and not _lex().author_verbs.match(body, sent.start + pron.end()) and not \
                _lex().author_verbs.match(body, sent.start + len(pron.group(0).split()[0]) + 1):
            pron = None
        prev = _sentence_at(a, sent.start - 2) if pron and sent.start >= 2 else None
        if prev is not None and prev.end <= sent.start:
            people = [m for m in _window(mentions, prev.start, prev.end) if m.entity.kind == "Person"]
            if people:
                return [people[0].entity], sent.start, sent.start + pron.end()
        return [], -1, -1
    first = inside[0]
    out = [first.entity]
    last = first
    for m in inside[1:]:
        gap = body[last.end:m.start]
        if m.start < last.end:
            continue
        # A conjunction or a comma joins them ("Russia and Ukraine", "روسيا وأوكرانيا"); two names side by
        # side are subject and object in Arabic ("وسلمت روسيا أوكرانيا مذكرة").
        if _COORDINATED.fullmatch(gap) or (gap == " " and body[m.start] == "و"):
            if state_of(m.entity).key not in {state_of(x).key for x in out}:
                out.append(m.entity)
            last = m
        else:
            break
    return out, first.start, last.end


def _fronted_author(a: Analysis, mentions: list[Mention], sent: Sentence, s: int, e: int,
                    arabic: bool) -> list[Entity]:
    """The main clause's subject, for a cue in a fronted phrase that a pronoun ties to it.

    "In the memorandum it handed over on June 2, Moscow demanded ...", "Under its plan, China ...",
    "وفي مذكرتها، طالبت موسكو ...": the phrase opens the sentence with a preposition, names no actor before
    the cue, and a pronoun (possessive, or the subject of a relative clause with an authoring verb) refers
    forward to the first actor after the comma that closes it. Returns that actor and those coordinated
    with it, else ``[]``.
    """
    lex = _lex()
    body = a.doc.body
    head = body[sent.start:s]
    if not (lex.fronted_ar if arabic else lex.fronted_en).match(head) or re.search(r"[,،;:]", head):
        return []
    after = body[e:min(sent.end, e + 80)]
    if arabic:
        tied = bool(lex.pron_suffix_ar.search(body, s, e) or lex.pron_after_ar.match(after))
    else:
        m = lex.pron_after_en.match(after)
        tied = bool(lex.pron_before_en.search(head)) or bool(m and (
            lex.author_verbs.match(after, m.end()) or lex.presenting_verbs.match(after, m.end())))
    if not tied:
        return []
    comma = re.compile(r"[,،]").search(body, e, min(sent.end, e + 200))
    if comma is None:
        return []
    out: list[Entity] = []
    last_end = comma.end()
    for m in _window(mentions, comma.end(), min(sent.end, comma.end() + 60)):
        gap = body[last_end:m.start]
        if not out and (len(gap.split()) > 2 or re.search(r"[.;:!?؟\"“”«»]", gap)):
            break
        coordinated = re.fullmatch(r"\s*(?:[,،]|and|&|و)?\s*", gap) or (gap == " " and body[m.start] == "و")
        if out and not coordinated:
            break
        if state_of(m.entity).key not in _states(out):
            out.append(m.entity)
        last_end = m.end
    return out


def _last_speaker(a: Analysis, mentions: list[Mention], pos: int, window: int = 2000) -> list[Entity]:
    """The person last quoted before ``pos`` ("وقالت زاخاروفا", "Peskov said", "said Lavrov"): ``[person]``.

    For conditions in reported speech with no speaker named in their sentence ("The spokeswoman added that
    peace is possible only on the basis of ..."): they are the last speaker's.
    """
    lex = _lex()
    body = a.doc.body
    for m in reversed(_window(mentions, max(0, pos - window), pos)):
        if m.entity.kind != "Person" or m.end > pos:
            continue
        # "وقالت زاخاروفا", "said Lavrov" (verb before); "Peskov said", "Peskov, the spokesman, said" (after)
        if lex.speech_verbs.search(body, max(0, m.start - 12), m.start) or lex.speech_verbs.match(
                body, m.end + 1) or _SAID_AFTER.match(body, m.end, m.end + 30):
            return [m.entity]
    return []


def _points(body: str, s: int, e: int, sent: Sentence, lex: _Lex) -> int | None:
    """A point count next to the cue: "28-point plan", "خطة من عشر نقاط", "the 5 points of the plan"."""
    # Before the cue, within its noun phrase: "a 28-point American peace proposal", "the 5 points of the".
    lo = max(sent.start, s - 45)
    for pw in reversed(list(lex.point_words.finditer(body, lo, s))):
        n = number_before(body, pw.start(), 16)
        if n and n.start >= lo and re.fullmatch(r"[\s-]{0,2}", body[n.end:pw.start()]):
            if not re.search(r"[.;:!?؟]", body[pw.end():s]):
                return n.value
    # After the cue: "خطة سلام من عشر نقاط", "مكونة من 28 نقطة", "ذات الـ19 بنداً", "plan with 20 points".
    hi = min(sent.end, e + 70)
    for pw in lex.point_words.finditer(body, e, hi):
        if re.search(r"[.;!?؟]", body[e:pw.start()]):
            break
        n = number_before(body, pw.start(), 16)
        if n and n.start >= e and re.fullmatch(r"[\s\-ـ]{0,3}", body[n.end:pw.start()]):
            # "الـ19": the clitic is part of the number mention; a count is never a year.
            if 1 < n.value < 100:
                return n.value
        # "النقاط العشر", "البنود الـ28": the number after a definite point word.
        if pw.group(0).startswith("ال"):
            m = re.match(r"\s+(\S+)", body[pw.end():hi])
            if m:
                v = parse_number(m.group(1))
                if v and 1 < v < 100:
                    return v
    return None


def _from_to(body: str, e: int, sent: Sentence, lex: _Lex) -> tuple[int, int] | None:
    """``(old, new)`` counts from "reduced from 28 points to 19" after the cue, in its sentence."""
    seg_end = min(sent.end, e + 160)
    for pat in lex.from_to:
        m = pat.search(body, e, seg_end)
        if m:
            old, new = parse_number(m.group("old")), parse_number(m.group("new"))
            if old and new and old != new:
                return old, new
    return None


def _date_in(a: Analysis, sent: Sentence) -> str | None:
    """The first date of month precision or better in the sentence, not after the article's date.

    A proposal the article names exists already: a later date is a planned step ("talks on June 20") or a
    misread year, never the proposal's date.
    """
    published = a.doc.published.isoformat() if a.doc.published else None
    for d in sorted(a.dates, key=lambda d: d.start):
        if sent.start <= d.start < sent.end and d.value and len(d.value) >= 7:
            # "since February 2022" dates the war, not the proposal.
            if _SINCE.search(a.doc.body[max(0, d.start - 20):d.start]):
                continue
            if published and d.value[:10] > published[:len(d.value[:10])]:
                continue
            return d.value
    return None


def _revision(body: str, s: int, e: int, sent: Sentence, arabic: bool, lex: _Lex) -> str | None:
    """How the cue at ``[s, e)`` names a revised version, if it does.

    ``"again"``: the plan named was changed into a new version ("the 19-point plan was modified again");
    ``"adjective"``: the cue names the new version ("the revised plan", "الخطة المعدلة", "revised framework").
    """
    before, after = body[max(sent.start, s - 50):s], body[e:min(sent.end, e + 60)]
    if lex.revision_again.search(after) and not lex.revision_before.search(before):
        return "again"
    # "revised" may be part of an English cue itself ("a revised framework for peace").
    if lex.revision_before.search(before) or lex.revision_after.search(after) or (
            not arabic and lex.revision_before.search(body[s:e])):
        return "adjective"
    return None


def _theatre(body: str, s: int, e: int, sent: Sentence, lex: _Lex) -> str | None:
    """Another conflict qualifying the cue ("the Gaza plan", "خطة ترامب لوقف إطلاق النار في غزة"), by name."""
    first: dict[str, re.Match[str]] = {}
    for m in lex.theatre_any.finditer(body, max(sent.start, s - 25), min(sent.end, e + 45)):
        first.setdefault(m.lastgroup or "", m)
    if not first:
        return None
    for i, (name, _pat) in enumerate(lex.theatres):
        th = first.get(f"t{i}")
        if th:
            gap = body[th.end():s] if th.end() <= s else body[e:th.start()]
            if not re.search(r"[,.;:،]", gap) and len(gap.split()) <= 5:
                return name
    return None


def _hits(a: Analysis) -> list[_Hit]:
    """Every cue word of the body that may name a proposal, with what its context says, in text order."""
    lex = _lex()
    body = a.doc.body
    mentions = _actor_mentions(a)
    out: list[_Hit] = []
    for s, e, cue in _find_cues(a):
        sent = _sentence_at(a, s)
        pre = body[max(sent.start, s - 30):s]
        post = body[e:min(sent.end, e + 30)]
        if any(p.search(pre) for p in lex.not_before) or any(p.search(post) for p in lex.not_after):
            continue
        if (cue.not_before and cue.not_before.search(pre)) or (cue.not_after and cue.not_after.search(
                body[e:min(sent.end, e + 60)])):
            continue
        h = _Hit(s, e, body[s:e], cue.kind, cue.strong, cue.plural, cue.arabic, sent, cue.linkonly, cue.name)
        h.definite, h.generic = _is_definite(body, s, e, cue, sent, lex)
        if not cue.arabic and not cue.strong and any(p.search(post) for p in lex.verb_after) and \
                not _noun_before(body, s, sent, lex, mentions):
            continue
        h.negated = _negated(body, s, sent, lex)
        h.authors = _explicit_authors(a, mentions, s, e, cue.arabic, cue.plural)
        clause = _clause_start(body, sent, s)
        h.subject, subj_start, subj_end = _subject(a, mentions, sent, s, clause)
        # "Putin told them that Ukraine walked away from a draft", "Zelensky said Trump presented his plan":
        # the reported clause's own subject (after a complementizer, else after the speech verb) comes first.
        starts = [m.end() for m in lex.that_after.finditer(body, clause, s)
                  if lex.speech_verbs.search(body, max(clause, m.start() - 40), m.start())]
        starts += [m.end() for m in lex.speech_verbs.finditer(body, clause, s)
                   if not _NOT_A_VERB.match(m.group(0))]
        for start in sorted(set(starts), reverse=True):
            inner = _subject(a, mentions, sent, s, start)
            if inner[0]:
                clause, (h.subject, subj_start, subj_end) = start, inner
                break
        if h.subject:
            # Not the author: one who rejects/receives/discusses it, or one who only speaks of it ("Zelensky
            # said the 28-point plan ...", "وقال زيلينسكي إن الخطة") unless an authoring verb follows.
            speech = list(lex.speech_verbs.finditer(body, max(sent.start, subj_start - 15), s))
            # (Conditions are stated: there the speaker is the author.)
            spoken_of = bool(speech) and cue.kind != "Conditions" and not lex.author_verbs.search(
                body, speech[-1].end(), s)
            h.subject_ok = not lex.non_author.search(body, clause, s)
            h.spoken_of = spoken_of
            h.subject_authoring = _authoring(body, max(clause, subj_end - 40), s)
        outcome = _outcome_of(a, sent, s) if not h.authors else None
        if outcome is not None:
            # "the Istanbul talks produced a draft treaty": written by the meeting's parties, at the meeting
            h.authors = _parties(outcome.participants)
            h.from_meeting = outcome.date
        if not h.authors and h.subject and h.subject_ok and _own(a, mentions, h, subj_end):
            # "Kyiv said its own proposals ...", "قالت كييف إن مقترحاتها": the subject's own
            h.authors = list(h.subject)
        if not h.authors and not h.subject:
            h.authors = _fronted_author(a, mentions, sent, s, e, cue.arabic)
            words = re.findall(r"\w+", body[clause:s].lower())
            h.group_subject = any(w in lex.group_words for w in words)
        if cue.kind == "Conditions" and not h.authors and not h.subject and lex.speech_verbs.search(
                body, sent.start, s):
            # reported speech with no speaker in the sentence ("The spokesman added that ..."): the last
            # person quoted
            h.subject = _last_speaker(a, mentions, sent.start)
            h.subject_ok = bool(h.subject) and not lex.non_author.search(body, sent.start, s)
        if cue.needs_author and not h.authors and not (h.subject and h.subject_ok):
            continue
        if cue.setting and not h.authors:
            # "conditions" counts only when someone sets them: "Putin set out conditions", "حدد شروطاً".
            if not lex.setting_verbs.search(body, max(sent.start, s - 45), s):
                continue
        ft = _from_to(body, e, sent, lex)
        if ft:
            h.revision, (h.old_points, h.points) = "from_to", ft
        else:
            h.points = _points(body, s, e, sent, lex)
            h.revision = _revision(body, s, e, sent, cue.arabic, lex)
        h.original = bool(lex.original_before.search(body[max(sent.start, s - 40):s]) or
                          lex.original_after.search(body[e:min(sent.end, e + 20)]))
        h.theatre = _theatre(body, s, e, sent, lex)
        h.date = h.from_meeting[:7] if h.from_meeting else _date_in(a, sent)
        out.append(h)
    return out


def _outcome_of(a: Analysis, sent: Sentence, s: int) -> Meeting | None:
    """The held meeting a document at ``s`` came out of: a mention of the meeting in the sentence before the
    cue, followed by an outcome verb (``outcome_verbs``: "produced", "تمخضت عن") within a few words of the
    cue; None if there is none or the meeting has fewer than two parties."""
    body = a.doc.body
    for m in a.meetings:
        if m.status != "Held" or len(_parties(m.participants)) < 2:
            continue
        for ms, me in m.spans:
            if sent.start <= ms and me <= s and s - me <= _OUTCOME_REACH:
                verb = _lex().outcome_verbs.search(body, me, s)
                if verb and len(body[verb.end():s].split()) <= 3:
                    return m
    return None


def _parties(actors: list[Entity]) -> list[Entity]:
    """The parties of ``actors`` (a person counts as his state), each once, in order."""
    out: dict[str, Entity] = {}
    for x in actors:
        party = state_of(x)
        out.setdefault(party.key, party)
    return list(out.values())


# --------------------------------------------------------------------------------------------------
# Resolution: hits → proposals


@dataclass
class _State:
    a: Analysis
    proposals: list[Proposal] = field(default_factory=list)
    last_seen: dict[int, int] = field(default_factory=dict)  # id(proposal) → offset of its latest mention
    theatre: dict[int, str | None] = field(default_factory=dict)
    name: dict[int, str | None] = field(default_factory=dict)
    created_by: dict[int, _Hit] = field(default_factory=dict)
    spans: list[tuple[int, int, Proposal]] = field(default_factory=list)

    def see(self, p: Proposal, h: _Hit) -> None:
        self.last_seen[id(p)] = h.start
        if h.name and not self.name.get(id(p)) and h.kind in _LOOSE_KINDS:
            self.name[id(p)] = h.name
        self.spans.append((h.start, h.end, p))

    def recent(self, pos: int, window: int = ANAPHORA_WINDOW) -> list[Proposal]:
        """Proposals named within ``window`` characters before ``pos``, latest first."""
        seen = [(self.last_seen[id(p)], p) for p in self.proposals if pos - self.last_seen[id(p)] <= window]
        return [p for _, p in sorted(seen, key=lambda t: -t[0])]


def _kind_ok(p: Proposal, kind: str | None) -> bool:
    return kind is None or p.kind == kind or (kind in _LOOSE_KINDS and p.kind in _LOOSE_KINDS)


def _compatible(st: _State, p: Proposal, h: _Hit, authors: list[Entity]) -> bool:
    if st.theatre.get(id(p)) != h.theatre:
        return False
    if h.name and st.name.get(id(p)) and st.name[id(p)] != h.name:
        return False
    # "In March a US proposal ...; in November a US plan ...": an indefinite, dated introduction of a plan
    # is another proposal than one dated to another month.
    if not h.definite and h.date and p.date and h.date[:7] != p.date[:7] and (authors or h.points):
        return False
    if h.points and p.points and h.points != p.points:
        return False
    # A mention may name fewer parties of a joint proposal ("the US plan" for the US–Russian draft), never
    # more ("China and Brazil's initiative" is not China's plan).
    if authors and p.authors and not _states(authors) <= _states(p.authors):
        return False
    return _kind_ok(p, h.kind)


def _new(st: _State, h: _Hit, authors: list[Entity], points: int | None = None,
         revision_of: Proposal | None = None) -> Proposal:
    kind = h.kind or "PeacePlan"
    a = st.a
    p = Proposal(evidence=_evidence(a, h), label="", kind=kind, authors=list(authors), points=points,
                 date=h.date, revision_of=revision_of)
    st.proposals.append(p)
    st.last_seen[id(p)] = h.start
    st.theatre[id(p)] = h.theatre
    st.name[id(p)] = h.name
    st.created_by[id(p)] = h
    return p


def _merge(p: Proposal, h: _Hit, authors: list[Entity], explicit: bool, a: Analysis | None = None) -> None:
    """Add what hit ``h`` says to ``p`` (authors and count only where ``p`` lacks them).

    With ``a``, the evidence moves to ``h``'s sentence when that sentence is the first to give the count or
    the author (the quote then states what the record says).
    """
    if a is not None and ((h.points and not p.points) or (authors and not p.authors)):
        p.evidence = _evidence(a, h)
    if authors and not p.authors:
        p.authors = list(authors)
    elif explicit and authors and _states(authors) == _states(p.authors):
        # A person and their state: keep both, they name the same party.
        for e in authors:
            if e.key not in {x.key for x in p.authors}:
                p.authors.append(e)
    if h.points and not p.points:
        p.points = h.points
    if h.kind and p.kind != h.kind and p.kind == "PeacePlan" and h.kind not in _LOOSE_KINDS:
        p.kind = h.kind
    if p.date is None and h.date and (authors or h.points):
        p.date = h.date


def _root(p: Proposal) -> Proposal:
    seen: set[int] = set()
    while p.revision_of is not None and id(p) not in seen:
        seen.add(id(p))
        p = p.revision_of
    return p


def _find(st: _State, pred: Any, pool: list[Proposal] | None = None) -> Proposal | None:
    """The proposal (of ``pool``, else all, latest named first) satisfying ``pred``, or None."""
    for p in (pool if pool is not None else sorted(st.proposals, key=lambda q: -st.last_seen[id(q)])):
        if pred(p):
            return p
    return None


def _resolve(st: _State, h: _Hit) -> Proposal | None:
    """The proposal hit ``h`` names (found or created), or None when it names none."""
    if h.generic:
        return None
    recent = st.recent(h.start)
    # "a memorandum that sets out its conditions", "مذكرة تتضمن شروطها": conditions inside a proposal named
    # earlier in the sentence are its content, not another proposal.
    if h.kind == "Conditions":
        inside = [p for s0, _e, p in st.spans if h.sentence.start <= s0 < h.start and p.kind != "Conditions"]
        if inside:
            return inside[-1]
    if h.linkonly and not (h.points and (h.authors or (h.subject_ok and h.subject_authoring))):
        # "the document", "الوثيقة": the proposal named before; "X issued a six-point document": a new one
        return next((q for q in recent if _kind_ok(q, h.kind)), None)
    explicit = bool(h.authors)
    # "the Russian and Ukrainian memoranda": one proposal per party, not a joint one.
    if h.plural and len(_states(h.authors)) >= 2:
        each: list[Proposal | None] = []
        for party in sorted(_states(h.authors)):
            mine = [e for e in h.authors if state_of(e).key == party]
            each.append(_resolve_distinct(st, _with(h, authors=mine, plural=False), mine, True, recent))
        return next((p for p in reversed(each) if p is not None), None)
    authors = h.authors or (h.subject if h.subject_ok else [])
    if not explicit and h.spoken_of and authors:
        # "Zelensky said the 28-point plan ...": the plan already named, whoever wrote it; the speaker is
        # taken as author only of a plan not named before.
        known = _find(st, lambda p: _compatible(st, p, h, []) and (
            h.points or h.theatre or h.name or h.kind not in _LOOSE_KINDS or p in recent[:1]))
        if known is not None and not h.revision:
            _merge(known, h, [], False)
            return known
    if h.revision:
        p = _resolve_revision(st, h, authors, explicit, recent)
        if p is not None:
            return p
    # "the original plan", "النسخة الأولية": the first version of the plan in question.
    if h.original:
        p = _find(st, lambda p: _compatible(st, p, _with(h, points=None), h.authors)) if h.authors else (
            recent[0] if recent else None)
        if p is not None:
            return _root(p)
    # "The position paper issued by the Foreign Ministry": an office of no known state names no new author.
    if explicit and h.definite and recent and all(e.kind == "Organization" and not e.represents
                                                  for e in h.authors):
        near = next((q for q in recent if _kind_ok(q, h.kind) and st.theatre.get(id(q)) == h.theatre), None)
        if near is not None:
            return near
    if explicit or h.points or h.theatre or h.kind not in _LOOSE_KINDS:
        return _resolve_distinct(st, h, authors, explicit, recent)
    if h.definite or h.negated or h.plural:
        return _resolve_bare(st, h, recent)
    # Indefinite: "a peace plan", "خطة". A bare weak cue needs its subject to author it ("X presented a plan",
    # not "X said a plan was needed").
    if authors and (h.strong or h.subject_authoring):
        return _resolve_distinct(st, h, authors, explicit, recent)
    if h.strong:
        p = next((q for q in recent if _compatible(st, q, h, [])), None)
        if p is None and _presented(st, h):
            p = _new(st, h, [])
        return p
    return None


def _presented(st: _State, h: _Hit) -> bool:
    """An authoring verb just before an anonymous cue: "European powers presented a counter-proposal" (but
    not "leaders called for a peace plan")."""
    return bool(_lex().author_verbs.search(st.a.doc.body, max(h.sentence.start, h.start - 60), h.start))


def _resolve_revision(st: _State, h: _Hit, authors: list[Entity], explicit: bool,
                      recent: list[Proposal]) -> Proposal | None:
    """The new version a revision hit names ("cut from 28 to 19 points", "was modified again", "revised")."""
    if h.revision == "from_to" and h.old_points and h.points:
        older = _with(h, points=None)
        base = _find(st, lambda p: p.points == h.old_points and _compatible(st, p, older, authors))
        if base is None:  # the plan named before without its count: "the US plan ... cut from 28 to 19"
            base = _find(st, lambda p: p.points is None and p.revision_of is None
                         and _compatible(st, p, h, authors), recent)
        if base is None:
            base = _new(st, h, authors, points=h.old_points)
        elif base.points is None:
            base.points = h.old_points
            _merge(base, older, authors, explicit)
        new = _find(st, lambda p: p.points == h.points and p.revision_of is base) or \
            _find(st, lambda p: p.points == h.points and _compatible(st, p, h, authors))
        if new is None:
            new = _new(st, h, authors or base.authors, points=h.points, revision_of=base)
        st.last_seen[id(base)] = h.start  # named here too, but the span belongs to the new version
        return new
    if h.revision == "again":
        base = (_find(st, lambda p: p.points == h.points and _compatible(st, p, h, authors)) if h.points
                else (recent[0] if recent else None))
        if base is None:
            return None
        new = _find(st, lambda p: p.revision_of is base and p.points is None)
        return new if new is not None else _new(st, _with(h, points=None), authors or base.authors,
                                                revision_of=base)
    if h.revision == "adjective":
        pool = [p for p in recent if p.revision_of is None] or recent
        # The version revised: by the same party if one is named nearby, else the last one named.
        shared = [p for p in pool if authors and p.authors and _states(p.authors) & _states(authors)]
        base = shared[0] if shared else (pool[0] if pool else None)
        if base is None:
            return None
        new = _find(st, lambda p: p.revision_of is base and (not h.points or p.points in (None, h.points)))
        if new is None and h.points:
            # "the revised 19-point plan": the 19-point one if it exists already
            new = _find(st, lambda p: p.points == h.points and _compatible(st, p, h, authors))
        if new is None:
            return _new(st, h, authors or base.authors, points=h.points, revision_of=base)
        _merge(new, h, authors, explicit, st.a)
        return new
    return None


def _resolve_distinct(st: _State, h: _Hit, authors: list[Entity], explicit: bool,
                      recent: list[Proposal]) -> Proposal | None:
    """A hit that says something of its own (author, count, theatre, specific kind): the proposal it fits, or
    a new one when it has enough substance."""
    # A named author joins a proposal of the same party; an anonymous one only in the case below.
    p = _find(st, lambda p: _compatible(st, p, h, authors) and (not authors or bool(p.authors))
              and (authors or _anonymous_may_join(st, p, h, recent)) and not _tabled_after_conditions(h, p))
    if p is None and explicit and h.definite and recent and recent[0].authors \
            and _states(recent[0].authors) < _states(authors) and _compatible(st, recent[0], h, []):
        # "Witkoff drafted a plan ... the plan drafted by Witkoff and Dmitriev": the plan just named, with
        # all its parties now.
        p = recent[0]
        p.authors += [e for e in authors if state_of(e).key not in _states(p.authors)]
    if p is None and authors:
        # The proposal last named nearby has no author yet: "a plan ... the plan proposed by X" (not "a
        # counter-proposal to the US plan": a generic word does not give its author to a specific kind).
        near = [q for q in recent[:1] if not q.authors and _compatible(st, q, h, [])
                and (q.kind in _LOOSE_KINDS or q.kind == h.kind)]
        p = near[0] if near else None
    if p is not None:
        _merge(p, h, authors, explicit, st.a)
        return p
    if h.negated or (h.plural and not explicit and not h.points):
        return None
    anonymous_ok = h.strong and (h.definite or _presented(st, h))
    if not authors and not h.points and not h.theatre and not anonymous_ok:
        return None
    return _new(st, h, authors, points=h.points)


def _anonymous_may_join(st: _State, p: Proposal, h: _Hit, recent: list[Proposal]) -> bool:
    """Whether a hit with no author may be a mention of ``p``.

    An indefinite one with its own count introduces a proposal ("African leaders presented a 10-point
    initiative"): it is ``p`` only with the same count, or when ``p`` is the proposal just named, without a
    count, and no group of parties is the hit's subject ("Kyiv presented a plan. It is a 20-point plan").
    """
    if h.definite or not h.points or p.points == h.points:
        return True
    return not h.group_subject and bool(recent) and p is recent[0] and p.points is None \
        and h.start - st.last_seen[id(p)] <= 300


def _tabled_after_conditions(h: _Hit, p: Proposal) -> bool:
    """Conditions are set, a document is tabled: "Moscow tabled its own draft" after Putin's conditions
    names another proposal (a generic word its subject authors is not the conditions)."""
    return p.kind == "Conditions" and h.kind is None and h.subject_authoring and h.subject_ok and \
        bool(h.subject) and (not h.authors or _states(h.authors) == _states(h.subject))


def _resolve_bare(st: _State, h: _Hit, recent: list[Proposal]) -> Proposal | None:
    """A definite, negated or plural cue saying nothing of its own ("the plan", "المبادرة"): an anaphor."""
    p = next((q for q in recent if _kind_ok(q, h.kind) and st.theatre.get(id(q)) is None
              and not _tabled_after_conditions(h, q)), None)
    # "وأعلنت الصين والبرازيل عن المبادرة": a new party presents it, not the plan named before.
    new_party = (h.subject_authoring and h.subject_ok and bool(h.subject) and not h.negated and not h.plural)
    if p is not None and not (new_party and p.authors and not _states(h.subject) & _states(p.authors)):
        _merge(p, h, [], False)
        return p
    if h.negated or h.plural:
        return None
    if new_party:
        p = _find(st, lambda p: _compatible(st, p, h, h.subject) and bool(p.authors)
                  and not _tabled_after_conditions(h, p))
        return p if p is not None else _new(st, h, h.subject)
    if h.strong and not recent:
        return _new(st, h, [])
    return recent[0] if recent else None


def _with(h: _Hit, **changes: Any) -> _Hit:
    """A copy of ``h`` with some fields changed (e.g. the count of the older version dropped)."""
    return replace(h, **changes)


# --------------------------------------------------------------------------------------------------
# Evidence, labels, links


def _evidence(a: Analysis, h: _Hit) -> Evidence:
    """The sentence of hit ``h`` as evidence, cut to about :data:`MAX_QUOTE` characters around the cue."""
    s = h.sentence
    if s.end - s.start <= MAX_QUOTE:
        return a.evidence(s.start, s.end)
    lo = max(s.start, h.start - MAX_QUOTE // 2)
    hi = min(s.end, lo + MAX_QUOTE)
    body = a.doc.body
    while lo > s.start and not body[lo - 1].isspace():
        lo -= 1
    while hi < s.end and not body[hi].isspace():
        hi += 1
    return a.evidence(lo, hi)


def _label(p: Proposal, theatre: str | None, name: str | None = None) -> str:
    lex = _lex()
    parts: list[str] = []
    if p.authors:
        names: list[str] = []
        seen: set[str] = set()
        # One name per party, the person's own where the text names the person ("Zelenskyy's plan").
        people: dict[str, Entity] = {}
        for e in p.authors:  # the first person named for each party
            if e.kind == "Person":
                people.setdefault(state_of(e).key, e)
        for e in p.authors:
            key = state_of(e).key
            if key in seen:
                continue
            seen.add(key)
            names.append(people.get(key, e).label_en)
        parts.append(" and ".join(names) + ("'" if names[-1].endswith("s") else "'s"))
    if p.revision_of is not None:
        parts.append("revised")
    if p.points:
        parts.append(f"{p.points}-point")
    if theatre:
        parts.append(theatre)
    parts.append(name if name and p.kind in _LOOSE_KINDS else lex.kind_words.get(p.kind, "proposal"))
    label = " ".join(parts)
    if p.date:
        label += f" ({p.date})"
    return label[0].upper() + label[1:]


def _links(st: _State) -> None:
    a, lex, body = st.a, _lex(), st.a.doc.body
    order = {id(p): i for i, p in enumerate(st.proposals)}
    for p in st.proposals:
        # Reiteration: the sentence (of any mention) says it repeats earlier demands → earlier proposals
        # of the same author states.
        for s, _e, q in st.spans:
            if q is not p:
                continue
            sen = _sentence_at(a, s)
            if lex.reiterates.search(body, sen.start, sen.end) and p.authors:
                for r in st.proposals:
                    if order[id(r)] < order[id(p)] and r.authors and _states(r.authors) & _states(p.authors) \
                            and r is not p.revision_of and r not in p.reiterates and r.kind != p.kind:
                        p.reiterates.append(r)
                break
        # Presented at a meeting: a sentence naming the proposal, a meeting and a presenting verb
        # ("Witkoff presented the plan to Putin in Moscow", "لعرض خطة").
        for s, _e, q in st.spans:
            if q is not p or p.presented_at is not None:
                continue
            sen = _sentence_at(a, s)
            if not lex.presenting_verbs.search(body, sen.start, sen.end):
                continue
            p.presented_at = next((m for m in a.meetings if sen.start <= m.evidence.start < sen.end
                                   and m.status == "Held"), None)


# --------------------------------------------------------------------------------------------------
# Public API

# Spans resolved to proposals, per Analysis (weakly held: the registry never keeps an article alive).
_REGISTRY: dict[int, tuple[weakref.ref[Analysis], list[tuple[int, int, Proposal]]]] = {}


def run(a: Analysis) -> None:
    """Fill ``a.proposals`` (one record per proposal of the article, labels in English)."""
    st = _State(a)
    for h in _hits(a):
        p = _resolve(st, h)
        if p is not None:
            st.see(p, h)
    _links(st)
    for p in st.proposals:
        p.label = _label(p, st.theatre.get(id(p)), st.name.get(id(p)))
    a.proposals = st.proposals
    for k in [k for k, (ref, _) in _REGISTRY.items() if ref() is None]:
        del _REGISTRY[k]
    _REGISTRY[id(a)] = (weakref.ref(a), sorted(st.spans, key=lambda t: t[0]))


def proposal_mentions(a: Analysis) -> list[tuple[int, int, Proposal]]:
    """Every span ``(start, end, proposal)`` the stage resolved to one of ``a.proposals``, in text order.

    Empty before :func:`run` has seen ``a``; for proposals made elsewhere, their evidence spans.
    """
    entry = _REGISTRY.get(id(a))
    if entry is not None and entry[0]() is a:
        kept = {id(p) for p in a.proposals}  # identity, as ``is``: the proposals still in ``a``
        return [t for t in entry[1] if id(t[2]) in kept]
    return sorted(((p.evidence.start, p.evidence.end, p) for p in a.proposals), key=lambda t: t[0])


def proposal_for_span(a: Analysis, start: int, end: int) -> Proposal | None:
    """The proposal a clause ``body[start:end]`` belongs to, or None.

    - A proposal named inside the span's sentence(s) ("the plan includes ...", "وتضمنت الخطة ...",
      "the Russian memorandum demands ..."): the one named last before ``end`` (else the first after it).
    - Otherwise, if the clause reads like a clause of a document ("includes", "calls for", "تنص", "كما",
      or a list item "1. ...", "- ...") and a proposal was named within the same or the previous two
      lines: that proposal.
    Call it after the proposals stage has run on ``a``.
    """
    spans = proposal_mentions(a)
    if not spans:
        return None
    body = a.doc.body
    first = _sentence_at(a, max(0, min(start, len(body) - 1)))
    last = _sentence_at(a, max(0, min(max(start, end - 1), len(body) - 1)))
    lo, hi = first.start, last.end
    inside = [t for t in spans if lo <= t[0] < hi]
    if inside:
        before = [t for t in inside if t[0] < end]
        return (before[-1] if before else inside[0])[2]
    line_start = body.rfind("\n", 0, lo) + 1
    lines_back = line_start
    for _ in range(2):
        if lines_back <= 0:
            break
        lines_back = body.rfind("\n", 0, max(0, lines_back - 2)) + 1
    prior = [t for t in spans if lines_back <= t[0] < lo]
    if not prior:
        return None
    text = body[lo:hi]
    if _lex().clause_verbs.search(text) or re.match(r"^\s*(?:\d+[.)]|[-•*–])\s", body[line_start:hi]):
        return prior[-1][2]
    return None
