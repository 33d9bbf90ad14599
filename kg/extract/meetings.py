"""Stage: meetings. Talks, summits, calls, visits with talks and rounds of negotiations (English, Arabic).

Reads ``a.sentences``, ``a.mentions`` (actors and places) and ``a.dates``; fills ``a.meetings``.

How a meeting is found (cue words are data: ``kg/lexicon/meetings.yaml``):

1. Every cue ("met", "talks", "summit", "phone call", "round of negotiations", "التقى", "اجتماع", "قمة",
   "محادثات", "اتصال هاتفي", "جولة", "زيارة", gapped verbs such as "spoke ... by phone", "ناقش ... مع")
   in a sentence is a *mention* of a meeting, unless a "not a meeting" phrase covers it ("meeting the
   demands", "press conference"). Cues in short heading lines (timelines) only lend their date and
   place to mentions in the text.
2. Its **participants** are the actors named in its clause: the sentence cut at strong breaks
   (", adding", "؛", "، بينما", and purpose/topic/attribution phrases: "to discuss", "بشأن", "according
   to") and to 160 characters around the cue; a cue inside a relative clause whose antecedent is no actor,
   or after an Arabic fronted phrase ("وعلى خلفية ...، قصد"), takes actors from there on only. The owner of
   a role is no participant ("Trump's envoy Witkoff", "مبعوث ترامب", "إدارة ترامب"): his state stands in
   ("Zelensky's delegation" → Ukraine). A visit to a capital meets the capital's state. "The two sides" /
   "الجانبان" (or no actor at all) takes the participants of the previous mention of its kind in the
   paragraph and refers back to it, as does a definite weak cue with no place ("the talks", "المحادثات").
   A later mention adds actors to a meeting only with a meeting verb, "between/with", or no word of
   comment or report in its clause ("In his comments on the Moscow talks, Rubio said ..." adds no Rubio);
   a state beside a person who speaks for it is dropped.
3. Its **place** (never a sea or contested region: ``not_venues`` of places.yaml) is a place named right
   after the cue ("محادثات جنيف"), before it ("Geneva talks"), after a preposition ("in Jeddah",
   "في إسطنبول") or, for visits, the first place after the cue;
   a state counts only after a preposition, when it is not a party and not after "war/peace in".
   "The Turkish capital" / "العاصمة الإماراتية" is the state's capital city (``capitals`` of
   actors.yaml). Coordinated places ("in Geneva and Miami", "كييف وسان بطرسبرغ") make one mention per
   place; a bare comma outside an "and" list is a place and its region ("Miami, Florida"). A mention in
   the dateline sentence ("ISTANBUL, July 22 - ...") with no place takes the dateline's (not calls).
   After ", then" / "، ثم" a meeting verb keeps the subject of the clause before.
4. Its **date** is the date mention of the sentence nearest the cue (within 90 characters; not a
   bare year, not an ISO stamp, not one after "since"/"منذ"); else an explicit date of the previous
   sentence of the paragraph; else the date of the heading line it sits under. A held meeting the
   headline or lead reports with no date at all is dated by the published date (the article's event),
   unless the lead names it as a past landmark ("weeks after the summit in Alaska").
   Its own clause's date wins over the rest of the sentence. A meeting that *ended* on that day after
   lasting N days ("wrapped up two days of talks on Sunday") is dated from its first day.
5. Its **status**: a cancellation cue → Cancelled; a proposal/refusal cue before it ("proposed",
   "ready to meet", "rejected", "اقترح", "مستعد") → Proposed; else the nearest tense cue before
   (then after) it ("will", "expected to", "سيلتقي", "من المقرر" vs "met", "held", "التقى") →
   Planned/Held; a date after the published date → Planned; else Held.
6. Mentions too vague to be one meeting are dropped: without a place a meeting needs two participants
   of two parties; weak cues ("talks", "negotiations", "visit", "signed") need a place or a month/day
   date and no generic wording ("resume talks", "the negotiation process"); a visit needs two parties
   (a host: "in Ankara, where he was on a visit" is none).
7. Mentions of one meeting are **merged**: same status, compatible dates, and the same place; or both
   dated alike with two shared participants; or both undated with the same participants; or an
   undated/dated pair in consecutive sentences whose actors the first already named; phone calls are
   not merged with in-person meetings of other sentences; a day inside another mention's range with a
   country vs a place ("a summit in Switzerland on Sunday" / "held in Geneva on 15-16 June") is one
   meeting. The merged meeting keeps the most precise date (a range over a day of it), the place (a
   city over its country), the union of participants and the first body mention as evidence.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from kg.extract.gazetteer import entities, state_of
from kg.extract.issues import normalise, term_regex
from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis, DateMention, Entity, Meeting, Mention, Sentence

_WINDOW = 160  # characters of a long sentence on each side of a cue that count as its clause
_STATUS_BEFORE = 70
_STATUS_AFTER = 60
_PROPOSAL_REACH = 30
_PLACE_BEFORE_REACH = 50
_DATE_REACH = 90  # a date further than this from the cue (in characters) is about something else
_STATE_PLACE_REACH = 150
# a preposition (folded) ending the text before a place: "in the", "في", "العاصمة"
_PREP_TAIL = re.compile(r"(?:^|[\s,،(])(?:in|at|to|near|في|الى|منتجع|مدينه|العاصمه|ولايه)\s*(?:ال|the\s+)?$")
_JOINED = re.compile(r"\s*(?:,|،)?\s*(?:and|و|or)?\s*")
_CONTINUATION = 400  # characters after a mention within which an undated/dated pair may be one meeting
_CLAUSE_PUNCT = re.compile(r"[,،;؛]")
_WITH = re.compile(r"\bwith\b", re.IGNORECASE)
_SECOND_WITH = re.compile(r"\)?,?\s+and\s+(?:[a-z-]+\s+){1,2}?with\b")
_PERSONAL_RELATIVES = frozenset({"who", "whom", "whose"})
_COMMENT_BEFORE = 12  # characters before a clause in which a comment word still governs it
_SIDES_REACH = 25  # characters after a noun cue within which "between/with" still names its sides
_LEAD_SENTENCES = 3  # headline and lead: what a news article reports as its main event


def _regex(terms: list[str]) -> _Terms:
    return _Terms([str(t) for t in terms])


@cache
def _fold_table() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """A ``str.translate`` table doing what :func:`kg.extract.issues.normalise` does char by char.

    Built by asking ``normalise`` itself about each character of the scripts news text uses, so the two
    agree; characters it drops (diacritics, tatweel) map to None.
    """
    table: dict[int, str | None] = {}
    dropped: list[str] = []
    for lo, hi in ((0x0000, 0x3000), (0xFB00, 0xFFF0)):
        for code in range(lo, hi):
            ch = chr(code)
            folded = normalise(ch)[0]
            if folded != ch:
                table[code] = folded or None
                if not folded:
                    dropped.append(ch)
    return table, re.compile("[" + re.escape("".join(dropped)) + "]") if dropped else re.compile("(?!)")


def fold(text: str) -> tuple[str, list[int]]:
    """Fast :func:`kg.extract.issues.normalise`: the folded text and its offset map (folded → text index).

    ``offsets`` has ``len(folded) + 1`` entries, the last being ``len(text)``.
    """
    table, drop = _fold_table()
    folded = text.translate(table)
    offsets: list[int] = []
    pos = 0
    for m in drop.finditer(text):
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return folded, offsets


class _Terms:
    """Lexicon terms found fast: Aho-Corasick finds each term's key word, its regex confirms the match.

    A big alternation of term regexes tried at every position is slow (~2 MB/s each); the automaton scans
    the folded text at C speed and the regexes run only where a key occurs.
    """

    def __init__(self, terms: list[str]) -> None:
        self.by_key: dict[str, list[re.Pattern[str]]] = {}
        for t in terms:
            norm = normalise(str(t).strip())[0]
            # the key: the term's literal words up to a gap ("...") or wildcard ("*")
            words = re.split(r"\s*(?:\.\.\.|…)\s*", norm)[0].split("*")[0].split()
            if not words:
                continue
            if words[0].startswith("ال") and len(words[0]) > 3:
                words[0] = words[0][2:]  # the article may be fused with a clitic ("بال", "لل")
            key = " ".join(words)
            if key.endswith("ه") and len(key) > 2 and not key.isascii():
                key = key[:-1]  # ta marbuta may be written ت before a suffix
            self.by_key.setdefault(key, []).append(re.compile(term_regex(str(t))))
        _ALL_TERMS.append(self)

    def find(self, folded: str) -> list[tuple[int, int]]:
        """Spans (folded offsets) of every term match in ``folded``, sorted, overlaps kept."""
        if not self.by_key:
            return []
        out: set[tuple[int, int]] = set()
        hits = _key_hits(folded, len(_ALL_TERMS))
        for key in self.by_key:
            for end in hits.get(key, ()):
                self._confirm(folded, key, end, out)
        return sorted(out)

    def _confirm(self, folded: str, key: str, end: int, out: set[tuple[int, int]]) -> None:
        """Add to ``out`` the span of each term of ``key`` matching where the key ends at ``end``."""
        start = end - len(key) + 1
        ws = start
        while ws > 0 and start - ws <= 4 and (folded[ws - 1].isalnum() or folded[ws - 1] == "_"):
            ws -= 1
        if ws > 0 and (folded[ws - 1].isalnum() or folded[ws - 1] == "_"):
            return  # the key sits deep inside a longer word
        for pat in self.by_key[key]:
            m = pat.match(folded, ws) or (pat.match(folded, start) if start != ws else None)
            if m and m.end() > m.start():
                out.add((m.start(), m.end()))


# Every _Terms made so far: their keys share one automaton (see :func:`_key_hits`).
_ALL_TERMS: list[_Terms] = []


@lru_cache(maxsize=1)
def _key_automaton(n_terms: int) -> Any:
    """One Aho-Corasick automaton over the keys of the first ``n_terms`` :class:`_Terms` (value: the key)."""
    auto = ahocorasick.Automaton()
    for terms in _ALL_TERMS[:n_terms]:
        for key in terms.by_key:
            if key not in auto:
                auto.add_word(key, key)
    if len(auto):
        auto.make_automaton()
    return auto


@lru_cache(maxsize=4)
def _key_hits(folded: str, n_terms: int) -> dict[str, list[int]]:
    """Per key of every :class:`_Terms` (see :func:`_key_automaton`), the end offsets of its occurrences in
    ``folded`` (in scan order). Speed: one pass per text serves every term list, instead of one pass each."""
    auto = _key_automaton(n_terms)
    hits: dict[str, list[int]] = {}
    if len(auto):
        for end, key in auto.iter(folded):
            got = hits.get(key)
            if got is None:
                hits[key] = [end]
            else:
                got.append(end)
    return hits


@dataclass(frozen=True)
class _Cue:
    kind: str
    strong: bool
    verb: bool
    pattern: _Terms


@dataclass(frozen=True)
class _Lex:
    cues: tuple[_Cue, ...]
    planned: _Terms
    proposed: _Terms
    cancelled: _Terms
    past: _Terms
    generic: _Terms
    both_sides: _Terms
    place_prep: re.Pattern[str]
    not_date: _Terms
    places: _Terms
    place_of: dict[str, Entity]
    not_meetings: _Terms
    not_place_before: _Terms
    breaks: re.Pattern[str]
    topic_breaks: re.Pattern[str]
    landmark: re.Pattern[str]
    ended: _Terms
    capital_words: frozenset[str]
    sequels: tuple[str, ...]
    durations: tuple[tuple[int, _Terms], ...]
    owner_after: re.Pattern[str]
    relatives: re.Pattern[str]
    commentary: _Terms
    participation: re.Pattern[str]
    owner_before: re.Pattern[str]


def _both(d: dict) -> list[str]:
    return [str(t) for t in (d.get("en") or []) + (d.get("ar") or [])]


@cache
def _lex() -> _Lex:
    lx = load_yaml("meetings.yaml")
    dlx = load_yaml("dates.yaml")
    cues = tuple(
        _Cue(c["kind"], c.get("strength") == "strong", bool(c.get("verb")), _regex(_both(c)))
        for c in lx["cues"]
    )
    st = lx["status"]
    # Places from the gazetteer, matched on folded text: cities a metonym mention may hide ("Moscow").
    place_of: dict[str, Entity] = {}
    for e in entities().values():
        if e.kind != "Place":
            continue
        for name in [e.label_en] + [n for lang, n in e.labels if lang == "ar"]:
            place_of.setdefault(normalise(name)[0], e)
    place_terms = sorted(place_of, key=len, reverse=True)
    preps = lx["place_prepositions"]
    prep_re = "|".join(re.escape(normalise(p)[0]) for p in sorted(_both(preps), key=len, reverse=True))
    return _Lex(
        cues=cues,
        planned=_regex(_both(st["planned"])),
        proposed=_regex(_both(st["proposed"])),
        cancelled=_regex(_both(st["cancelled"])),
        past=_regex(_both(dlx["past_cues"])),
        generic=_regex(_both(st["generic"])),
        both_sides=_regex(_both(lx["both_sides"])),
        place_prep=re.compile(rf"(?:^|[\s,،(])(?:{prep_re})\s*(?:ال|the\s+)?$|(?:^|\s)[بف]$"),
        not_date=_regex(_both(lx["not_meeting_date_before"])),
        places=_Terms(place_terms),
        place_of=place_of,
        not_meetings=_regex(_both(lx.get("not_meetings") or {})),
        not_place_before=_regex(_both(lx.get("state_not_place_after") or {})),
        breaks=re.compile("|".join(re.escape(b) for b in sorted(_both(lx.get("clause_breaks") or {}), key=len,
                                                              reverse=True)) or "(?!)", re.IGNORECASE),
        topic_breaks=re.compile("|".join(re.escape(b) for b in sorted(_both(lx.get("topic_breaks") or {}), key=len,
                                                                      reverse=True)) or "(?!)", re.IGNORECASE),
        sequels=tuple(normalise(b)[0] for b in _both(lx.get("sequel_breaks") or {})),
        # a landmark phrase, then at most an article and two words, right before the cue
        landmark=re.compile(rf"(?<!\w)(?:{'|'.join(_both(lx.get('landmark_before') or {})) or '(?!)'})"
                            r"\s+(?:(?:the|last|its|their|a|an)\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE),
        capital_words=frozenset(normalise(w)[0] for w in _both(lx.get("capital_words") or {})),
        ended=_regex(_both((lx.get("duration") or {}).get("ended") or {})),
        durations=tuple((int(n), _regex(_both(terms)))
                        for n, terms in ((lx.get("duration") or {}).get("days") or {}).items()),
        relatives=re.compile("|".join(re.escape(b) for b in sorted(_both(lx.get("relatives") or {}), key=len,
                                                                   reverse=True)) or "(?!)", re.IGNORECASE),
        commentary=_regex(_both(lx.get("commentary") or {})),
        participation=re.compile(rf"\s+(?:{_alt_folded(_both(lx.get('participation_after') or {}))})\s"),
        **_owner_patterns(lx.get("possessor") or {}),
    )


def _alt_folded(words: list[str]) -> str:
    return "|".join(re.escape(normalise(w)[0]) for w in sorted(set(words), key=len, reverse=True) if w) or "(?!)"


def _owner_patterns(px: dict) -> dict[str, re.Pattern[str]]:
    """Regexes (on folded text) for a person named as the owner of a role ("Trump's envoy", "مبعوث ترامب").

    ``owner_after`` matches the text right after the name, ``owner_before`` the text right before it.
    Between the role noun and the name may stand role words and demonyms ("son-in-law of former US
    President", "المبعوث الخاص للرئيس الأمريكي"): ``roles``, ``role_tokens`` and ``demonyms`` of actors.yaml.
    """
    ax = load_yaml("actors.yaml")
    nouns = px.get("nouns") or {}
    en_nouns = _alt_folded([str(w) for w in nouns.get("en") or []])
    ar_nouns = [str(w) for w in nouns.get("ar") or []]
    ar_all = _alt_folded(ar_nouns)
    ar_indefinite = _alt_folded([w for w in ar_nouns if not normalise(w)[0].startswith("ال")])
    links = _alt_folded([str(w) for w in (px.get("links") or {}).get("en") or []])
    skip_words = _both(ax.get("role_tokens") or {}) + _both(ax.get("roles") or {})
    for forms in (ax.get("demonyms") or {}).values():
        for key in ("en", "ar"):
            skip_words += [str(w) for w in forms.get(key) or []]
            # the Arabic adjective as it stands after a definite noun: "الأمريكي"
            skip_words += ["ال" + str(w) for w in forms.get(key) or [] if key == "ar"]
    skip = _alt_folded(skip_words)
    # a role word behind the clitic لل ("للرئيس الأمريكي دونالد ترامب")
    ar_roles = _alt_folded([normalise(str(w))[0].removeprefix("ال") for w in (ax.get("roles") or {}).get("ar") or []])
    gap = rf"(?:(?:{skip})\s+){{0,4}}"
    after = rf"(?:['’]s\s+(?:[a-z-]+\s+){{0,2}}|\s+)(?:{en_nouns})\b"
    before = (
        rf"(?:^|[\s(])(?:{en_nouns})\s+(?:{links})\s+{gap}$"  # "adviser to (President) X"
        rf"|(?:^|[\s(])[وف]?(?:{ar_indefinite})\s+{gap}$"  # "مبعوث (الرئيس) ترامب"
        rf"|(?:^|[\s(])[وف]?(?:{ar_all})\s+(?:ال\w+\s+){{0,2}}(?:ل|لل(?:{ar_roles})\s+{gap})$"  # "المبعوث الخاص لترامب"
    )
    return {"owner_after": re.compile(after), "owner_before": re.compile(before)}


@dataclass
class _Hit:
    """One mention of a meeting (a cue in a sentence) with what its clause says."""

    start: int
    end: int
    sent: Sentence
    kind: str
    status: str
    date: DateMention | None
    place: Entity | None
    participants: list[Entity] = field(default_factory=list)
    heading: bool = False  # found in a short heading line: only supports mentions of the body
    source: _Hit | None = None  # the earlier mention this one refers back to ("the talks", "الجانبان")
    # whether the clause says who took part: a meeting verb ("met", "التقى") or a noun followed by
    # "between/with" ("talks between X and Y"); else its actors may only comment on the meeting
    names_sides: bool = False

    @property
    def date_value(self) -> str | None:
        return self.date.value if self.date else None


class _Finder:
    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.body = a.doc.body
        self.lex = _lex()
        self.folded, self.offs = fold(self.body)
        self._found: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        # body index → folded index (first folded char at or after it)
        self.sent_starts = [s.start for s in a.sentences]
        self.dates = sorted(a.dates, key=lambda d: d.start)
        self.date_starts = [d.start for d in self.dates]
        self.mentions = sorted(a.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.headings = self._headings()
        self.cue_starts: set[int] = set()
        self.dateline = self._dateline()

    # -- folded/body offsets
    def fspan(self, m: re.Match[str]) -> tuple[int, int]:
        if m.end() == m.start():
            return self.offs[m.start()], self.offs[m.start()]
        return self.offs[m.start()], self.offs[m.end() - 1] + 1

    def fidx(self, pos: int) -> int:
        return bisect.bisect_left(self.offs, pos)

    def search(self, terms: _Terms, start: int, end: int) -> list[tuple[int, int]]:
        """Body spans of ``terms`` matches lying inside body ``[start, end)`` (whole-text matches cached)."""
        cached = self._found.get(id(terms))
        if cached is None:
            spans = terms.find(self.folded)
            cached = ([fs for fs, _fe in spans], spans)
            self._found[id(terms)] = cached
        starts, spans = cached
        fs, fe = self.fidx(start), self.fidx(end)
        out = []
        for i in range(bisect.bisect_left(starts, fs), len(starts)):
            s, e = spans[i]
            if s >= fe:
                break
            if e <= fe:
                out.append((self.offs[s], self.offs[e - 1] + 1))
        return out

    # -- context
    def sentence_of(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.a.sentences[i].end >= pos:
            return self.a.sentences[i]
        return None

    def _headings(self) -> list[tuple[int, int, DateMention | None]]:
        """Short lines (headings, as in timelines) with their precise date if any, by offsets."""
        out: list[tuple[int, int, DateMention | None]] = []
        pos = 0
        for line in self.body.split("\n"):
            stripped = line.strip()
            if 0 < len(stripped) < 90 and not stripped.endswith((".", "!", "?", "؟", ":", "،", ",")):
                date = next((d for d in self.dates_between(pos, pos + len(line)) if self._usable(d)), None)
                out.append((pos, pos + len(line), date))
            pos += len(line) + 1
        self.heading_starts = [h[0] for h in out]
        return out

    def _dateline(self) -> tuple[int, Entity] | None:
        """The dateline of the lead paragraph ("ISTANBUL, July 22 -", "بكين –"): (its sentence's start, the
        place), or None.

        A news lead reports from where its event happens; a lead meeting that names no place of its own
        takes this one. English datelines are capitalised words at a paragraph start; Arabic ones a short
        prefix ending in a dash. Only the first two paragraphs are looked at.
        """
        pos = 0
        for para in self.body.split("\n\n")[:3]:
            lead = para.lstrip()
            off = pos + len(para) - len(lead)
            pos += len(para) + 2
            m = re.match(r"([^\n]{2,60}?)\s[-–—]\s", lead)
            caps = re.match(r"[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+)*\b", lead)
            if not m or (lead[:1].isascii() and not caps):
                continue
            for s, _e in self.search(self.lex.places, off, off + m.end(1)):
                ent = self._place_named(normalise(self.body[s:_e])[0])
                if ent is not None and s - off <= 3:
                    sent = self.sentence_of(s)
                    return (sent.start if sent else off), ent
            for mention in self.mentions_between(off, off + m.end(1)):
                if mention.entity.kind == "Place" and mention.start - off <= 3:
                    sent = self.sentence_of(mention.start)
                    return (sent.start if sent else off), mention.entity
        return None

    def duration_start(self, date: DateMention | None, lo: int, hi: int) -> DateMention | None:
        """A meeting that *ended* on a day after lasting N days ("wrapped up two days of talks on Sunday",
        "اختتمت يوم الخميس ... استمرت يومين") began N-1 days earlier: the date becomes that range."""
        if date is None or not date.value or len(date.value) != 10 or date.end_value:
            return date
        if not self.search(self.lex.ended, lo, hi):
            return date
        for n, terms in self.lex.durations:
            if n > 1 and self.search(terms, lo, hi):
                end = dt.date.fromisoformat(date.value)
                start = end - dt.timedelta(days=n - 1)
                return dataclasses.replace(date, value=start.isoformat(), end_value=end.isoformat())
        return date

    def in_heading(self, pos: int) -> bool:
        i = bisect.bisect_right(self.heading_starts, pos) - 1
        return i >= 0 and self.headings[i][0] <= pos < self.headings[i][1]

    def heading_date(self, pos: int) -> DateMention | None:
        """The date of the nearest heading line before ``pos`` (None if that heading has none)."""
        i = bisect.bisect_right(self.heading_starts, pos) - 1
        if i >= 0 and self.headings[i][1] > pos:  # pos is in the heading itself
            i -= 1
        return self.headings[i][2] if i >= 0 else None

    @staticmethod
    def _usable(d: DateMention) -> bool:
        """A date that can date a meeting: month or day precision, not an ISO stamp ("date 2025-12-03")."""
        return bool(d.value) and len(d.value or "") >= 7 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.text)

    # -- pieces of a hit
    def clause(self, sent: Sentence, cs: int, ce: int) -> tuple[int, int]:
        """The clause of a cue: its sentence cut at strong breaks (", adding", "؛", "، بينما") and to
        :data:`_WINDOW` characters on each side."""
        lo, hi = max(sent.start, cs - _WINDOW), min(sent.end, ce + _WINDOW)
        start, end = lo, hi
        for m in self.lex.breaks.finditer(self.body, lo, hi):
            if m.end() <= cs:
                start = m.end()
            elif m.start() >= ce:
                end = m.start()
                break
        for m in self.lex.topic_breaks.finditer(self.body, start, end):
            if m.end() <= cs and not _CLAUSE_PUNCT.search(self.body, m.end(), cs):
                start = m.end()
            elif m.start() >= ce:
                end = m.start()
                break
        # "summits with Putin (in Alaska) and engagements with Zelensky": a second "with" governed by another
        # noun starts another event
        second = _SECOND_WITH.search(self.body, ce, end)
        if second is not None and _WITH.search(self.body, ce, second.start()):
            end = second.start()
        return start, end

    def participant_start(self, lo: int, cs: int) -> int:
        """Where the actors of a cue at ``cs`` may start, in its clause starting at ``lo``: after a relative
        pronoun whose antecedent is no actor ("the plan, which was cut in talks with the Ukrainians in
        Geneva"), and after a comma right before a cue (Arabic verb-first clauses: in "وعلى خلفية تقارب
        بوتين من ترامب، قصد زيلينسكي واشنطن للقاء ترامب" the fronted phrase puts Putin into neither the
        visit nor the later cue of its clause). Places and dates still come from the whole clause."""
        start = lo
        for m in self.lex.relatives.finditer(self.body, lo, cs):
            before = self.mentions_between(max(lo, m.start() - 40), m.start() + 1)
            if any(x.entity.is_actor and x.via != "demonym" and m.start() - x.end <= 2 for x in before):
                continue
            # "who/whom/whose" speaks of a person: named earlier in the clause, maybe before an apposition
            # ("Kirill Dmitriev, Putin's special envoy ..., who travelled to the US for talks with Witkoff")
            personal = m.group(0).strip(" ,،").lower() in _PERSONAL_RELATIVES
            if personal and any(x.entity.kind == "Person" and x.via != "demonym"
                                for x in self.mentions_between(lo, m.start())):
                continue
            start = m.end()
        if self.body[cs].isascii():
            return start  # an English verb after a comma follows its subject: "X, an adviser to Y, met Z"
        for comma in (i for i in range(start, cs) if self.body[i] in ",،"):
            verb = re.match(r"\s*(?:و|ثم\s*)?", self.body[comma + 1:cs])
            if verb is None or comma + 1 + verb.end() not in self.cue_starts:
                continue
            # not after an apposition, which is the verb's subject: "المبعوث الخاص لترامب، ستيف ويتكوف، ناقش"
            prev = max(self.body.rfind(",", start, comma), self.body.rfind("،", start, comma))
            seg_lo = prev + 1 if prev >= 0 else start
            seg = self.body[seg_lo:comma]
            named = [x for x in self.mentions_between(seg_lo, comma) if x.entity.is_actor]
            if not (named and len(seg.strip()) <= sum(x.end - x.start for x in named) + 3):
                start = comma + 1
        return start

    def status(self, cue: _Cue, sent: Sentence, cs: int, ce: int) -> str:
        lo, hi = max(sent.start, cs - _STATUS_BEFORE), min(sent.end, ce + _STATUS_AFTER)
        if self.search(self.lex.cancelled, lo, hi):
            return "Cancelled"
        near_lo = max(sent.start, cs - (25 if cue.verb else _STATUS_BEFORE))
        # up to the cue's end: the cue may sit inside the phrase ("ready to meet", "would meet"); a
        # proposal word further away is about something else ("a ceasefire proposed by X after talks")
        if self.search(self.lex.proposed, max(sent.start, cs - _PROPOSAL_REACH), ce):
            return "Proposed"
        before = self._tense(near_lo, ce)
        if before:
            return max(before)[1]
        if cue.verb:
            return "Held"
        after = self._tense(ce, hi)
        if after:
            return min(after)[1]
        # A cue inside a future expression: "يلتقي" after "أن" / "to meet".
        return "Held"

    def _tense(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """Tense cues in ``[lo, hi)`` as (start, "Planned"|"Held"); a cue inside a longer cue of the other
        tense ("held" in "to be held", "scheduled" in "pre-scheduled") does not count."""
        planned = self.search(self.lex.planned, lo, hi)
        past = self.search(self.lex.past, lo, hi)

        def inside(x: tuple[int, int], others: list[tuple[int, int]]) -> bool:
            return any(os <= x[0] and x[1] <= oe and (os, oe) != x for os, oe in others)

        # the longer phrase decides: "to be held" is future, "pre-scheduled" is past
        return [(s, "Planned") for s, e in planned if not inside((s, e), past)] + \
            [(s, "Held") for s, e in past if not inside((s, e), planned)]

    def date_for(self, sent: Sentence, cs: int, ce: int,
                 clause: tuple[int, int] | None = None) -> DateMention | None:
        """The date of a cue at ``[cs, ce)``: the nearest usable date of its clause ``(lo, hi)`` if it has
        one ("met A on Wednesday, then met B on Thursday"), else of its sentence; None if none is near."""
        if clause is not None and clause != (sent.start, sent.end):
            own = self._nearest_date(clause[0], clause[1], cs, ce)
            if own is not None:
                return own
        return self._nearest_date(sent.start, sent.end, cs, ce)

    def _nearest_date(self, lo: int, hi: int, cs: int, ce: int) -> DateMention | None:
        i = bisect.bisect_left(self.date_starts, lo)
        best: tuple[int, DateMention] | None = None
        for d in itertools.islice(self.dates, i, None):
            if d.start >= hi:
                break
            if d.end > hi or not self._usable(d):
                continue
            if self.search(self.lex.not_date, max(lo, d.start - 50), d.start):
                continue
            dist = cs - d.end if d.end <= cs else d.start - ce
            if dist > _DATE_REACH:
                continue
            dist = max(dist, 0) + (0 if d.start >= ce else 5)  # a little preference for dates after the cue
            if best is None or dist < best[0]:
                best = (dist, d)
        return best[1] if best else None

    def context_date(self, sent: Sentence) -> DateMention | None:
        """A date for a mention whose sentence has none: the previous sentence of the paragraph, else the
        heading's."""
        i = bisect.bisect_right(self.sent_starts, sent.start) - 2
        if i >= 0:
            prev = self.a.sentences[i]
            gap = self.body[prev.end:sent.start]
            if "\n\n" not in gap and not self.in_heading(prev.start):
                # only explicit dates carry over: "on Tuesday" dates what that sentence reports
                dates = [d for d in self.dates_between(prev.start, prev.end) if self._usable(d)
                         and not d.relative
                         and not self.search(self.lex.not_date, max(prev.start, d.start - 50), d.start)]
                if dates:
                    return dates[-1]
        return self.heading_date(sent.start)

    def places(self, lo: int, hi: int, cue: _Cue, cs: int, ce: int,
               parties: set[str]) -> list[tuple[int, Entity]]:
        """Places of the clause ``[lo, hi)`` that read as the meeting's location, nearest the cue first."""
        found: dict[int, tuple[int, int, Entity]] = {}

        def free(s: int, e: int) -> bool:
            return not any(s < fe and e > fs for fs, fe, _ in found.values())

        for m in self.mentions_between(lo, hi):
            if m.entity.kind == "Place":
                found[m.start] = (m.start, m.end, m.entity)
        for s, e in self.search(self.lex.places, lo, hi):
            ent = self._place_named(normalise(self.body[s:e])[0])
            if ent is not None and free(s, e):
                found[s] = (s, e, ent)
        for m in self.mentions_between(lo, hi):
            # "العاصمة الإماراتية", "the Emirati capital": the capital of the state the demonym names
            cap = self._capital_named(m)
            if cap is not None and free(m.start, m.end):
                found[m.start] = (m.start, m.end, cap)
        states: set[int] = set()
        for m in self.mentions_between(lo, hi):
            # A state is the place only right after a preposition near the cue ("في السعودية"), or right
            # after the cue ("قمة سويسرا"), and when it is not a party to the meeting.
            if m.entity.kind == "State" and m.entity.key not in parties and free(m.start, m.end):
                near = -_STATE_PLACE_REACH <= m.start - ce <= _STATE_PLACE_REACH or \
                    -_STATE_PLACE_REACH <= cs - m.end <= _STATE_PLACE_REACH
                scope = self.search(self.lex.not_place_before, max(lo, m.start - 22), m.start)
                if near and not scope and (self._after_prep(m.start) or 0 <= m.start - ce <= 3):
                    found[m.start] = (m.start, m.end, dataclasses.replace(m.entity, kind="Place"))
                    states.add(m.start)
        ranked: list[tuple[int, int, int, Entity]] = []
        first_after = min((s for s in found if s >= ce), default=None)
        prev_end: int | None = None
        for s, e, ent in sorted(found.values()):
            if ent.key in _not_venues():
                prev_end = None
                continue  # "the Black Sea talks": what the talks are about, not where
            adjacent = 0 <= s - ce <= 3 or 0 <= cs - e <= 2  # "محادثات جنيف", "Geneva talks"
            # the object of a visit: "visited Kyiv", "زار ... كييف"
            visited = cue.kind == "visit" and s == first_after
            # joined to an accepted place: "in Geneva and Miami", "كييف وسان بطرسبرغ"
            joined = prev_end is not None and _JOINED.fullmatch(self.body[prev_end:s]) is not None
            # a place well before the cue belongs to something else ("the ministry in Beijing called for
            # ... talks")
            far_before = e <= cs and cs - e > _PLACE_BEFORE_REACH and not joined
            if (self._after_prep(s) or adjacent or visited or joined) and not far_before:
                dist = s - ce if s >= ce else cs - e
                ranked.append((1 if s in states else 0, abs(dist), s, ent))
                prev_end = e
            else:
                prev_end = None
        ranked.sort(key=lambda t: (t[0], t[1], t[2]))
        return [(s, ent) for _st, _d, s, ent in ranked]

    def _capital_named(self, m: Mention) -> Entity | None:
        """The capital city a demonym mention stands for when a "capital" word sits next to it ("the Russian
        capital", "العاصمة الإماراتية"); None otherwise. Capitals: ``capitals`` of ``actors.yaml``."""
        if m.via != "demonym" or m.entity.kind != "State":
            return None
        cap_key = _capital_of().get(m.entity.key)
        if cap_key is None:
            return None
        fs, fe = self.fidx(m.start), self.fidx(m.end)
        before = self.folded[max(0, fs - 12):fs].split()
        after = self.folded[fe:fe + 12].split()
        words = self.lex.capital_words
        if (before and before[-1] in words) or (after and after[0].strip(",.،") in words):
            return entities().get(cap_key)
        return None

    def _place_named(self, folded: str) -> Entity | None:
        for pre in ("", "و", "ب", "ل", "ف", "وب", "ول"):
            for art in ("", "ال"):
                key = folded[len(pre) + len(art):] if folded.startswith(pre + art) else None
                if key and key in self.lex.place_of:
                    return self.lex.place_of[key]
        return None

    def _after_prep(self, pos: int) -> bool:
        """Whether a place preposition ("in", "في", "بـ" ...) stands right before body offset ``pos``."""
        if pos >= 1 and self.body[pos - 1] in "بف" and (pos == 1 or self.body[pos - 2] in " \nو"):
            return True  # "بإسطنبول" with the mention starting after the clitic
        fi = self.fidx(pos)
        before = self.folded[max(0, fi - 24):fi].rstrip()
        if not before and pos > 0:
            return False
        # the word itself may carry the preposition: "بإسطنبول"
        m = re.match(r"\w+", self.folded[fi:fi + 30])
        if m and m.group(0).startswith("ب") and m.group(0)[1:] in self.lex.place_of:
            return True
        return bool(self.lex.place_prep.search(before + " ")) or bool(
            _PREP_TAIL.search(before))

    def dates_between(self, lo: int, hi: int) -> list[DateMention]:
        """Date mentions starting in ``[lo, hi)``, in text order."""
        i, j = bisect.bisect_left(self.date_starts, lo), bisect.bisect_left(self.date_starts, hi)
        return self.dates[i:j]

    def mentions_between(self, lo: int, hi: int) -> list[Mention]:
        i = bisect.bisect_left(self.mention_starts, lo)
        out = []
        for m in itertools.islice(self.mentions, i, None):
            if m.start >= hi:
                break
            if m.end <= hi:
                out.append(m)
        return out

    def participants(self, lo: int, hi: int, place_spans: list[tuple[int, int]]) -> list[Entity]:
        """Actors of the clause ``[lo, hi)``, minus places and states named only as a location ("the war in
        Ukraine") or only by an adjective of a person who represents them ("Russian President Putin")."""
        out: dict[str, Entity] = {}
        via: dict[str, set[str]] = {}
        for m in self.mentions_between(lo, hi):
            if not m.entity.is_actor or m.via == "location":
                continue
            if any(m.start < pe and m.end > ps for ps, pe in place_spans):
                continue
            entity, how = m.entity, m.via
            if self.owner(m):
                # "Zelensky's delegation", "Trump's envoy Witkoff": the owner's side takes part, not he
                entity, how = state_of(m.entity), "demonym"
            out.setdefault(entity.key, entity)
            via.setdefault(entity.key, set()).add(how)
        represented = {e.represents for e in out.values() if e.represents}
        return [e for k, e in out.items() if not (via[k] == {"demonym"} and k in represented)]

    def owner(self, m: Mention) -> bool:
        """Whether person mention ``m`` names the owner of someone else's role, not an actor of the clause
        ("Trump's envoy Steve Witkoff", "إدارة ترامب", "المبعوث الخاص لترامب"; ``possessor`` of
        meetings.yaml)."""
        if m.entity.kind != "Person":
            return False
        fs, fe = self.fidx(m.start), self.fidx(m.end)
        if self.lex.owner_after.match(self.folded, fe):
            return True
        return self.lex.owner_before.search(self.folded[max(0, fs - 80):fs]) is not None

    # -- main
    def cues(self) -> list[tuple[int, int, _Cue]]:
        """Cue matches (body offsets), longest first where they overlap, minus "not a meeting" phrases."""
        raw: list[tuple[int, int, _Cue]] = []
        for cue in self.lex.cues:
            for s, e in self.search(cue.pattern, 0, len(self.body)):
                raw.append((s, e, cue))
        blocked = self.search(self.lex.not_meetings, 0, len(self.body))
        raw.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out: list[tuple[int, int, _Cue]] = []
        for s, e, cue in raw:
            if out and s < out[-1][1]:
                continue
            if any(bs <= s < be for bs, be in blocked):
                continue
            out.append((s, e, cue))
        return out

    def hits(self) -> list[_Hit]:
        out: list[_Hit] = []
        last_by_para: dict[int, _Hit] = {}
        last_of_kind: dict[tuple[int, str], _Hit] = {}
        cues = self.cues()
        self.cue_starts = {cs for cs, _ce, _cue in cues}
        # sentences that speak of a phone call: a call has no place, so no dateline place either
        # (searched apart from the cue list, where "spoke by phone" hides the call cue "by phone")
        call_sents = {call_sent.start for c in self.lex.cues if c.kind == "call"
                      for cs, _ce in self.search(c.pattern, 0, len(self.body))
                      if (call_sent := self.sentence_of(cs)) is not None}
        for cs, ce, cue in cues:
            sent = self.sentence_of(cs)
            if sent is None:
                continue
            para = self.body.rfind("\n\n", 0, cs)
            lo, hi = self.clause(sent, cs, ce)
            status = self.status(cue, sent, cs, ce)
            heading = self.in_heading(cs)
            date = self.date_for(sent, cs, ce, (lo, hi)) or (None if heading else self.context_date(sent))
            date = self.duration_start(date, sent.start, sent.end)
            prev = last_by_para.get(para)
            mentions_actors = [m for m in self.mentions_between(lo, hi)
                               if m.entity.is_actor and m.via != "location"]
            parties = {state_of(m.entity).key for m in mentions_actors if m.entity.kind != "State"}
            parties |= {m.entity.key for m in mentions_actors if m.entity.kind == "State"
                        and not self._after_prep(m.start)}
            places = self.places(lo, hi, cue, cs, ce, parties)
            chosen = self._coordinated(places)
            if not chosen and self.dateline is not None and sent.start == self.dateline[0] \
                    and sent.start not in call_sents and status == "Held":
                chosen = [self.dateline[1]]  # "ISTANBUL, July 22 - Russia and Ukraine signed ..."
            place_spans = [(s, self._mention_end(s)) for s, _ in places]
            parts = self.participants(self.participant_start(lo, cs), hi, place_spans)
            if cue.verb and prev is not None and prev.sent == sent and prev.participants and self._sequel(lo):
                # "X met A on Wednesday, then met B on Thursday": X is the subject of both clauses
                subject = prev.participants[0]
                if subject.key not in {p.key for p in parts}:
                    parts = [subject] + parts
            source = None
            # A mention referring back refers to the last one of its kind if the paragraph has one ("this
            # visit" after "... visited Washington, and Trump said he would ask for a summit").
            prev = last_of_kind.get((para, cue.kind), prev)
            # Inherit the participants of the previous mention for "the two sides", or for a mention that
            # names neither actor nor place ("the talks ended"); one with its own place stands alone.
            if prev is not None and not heading and (
                    self.search(self.lex.both_sides, lo, hi) or (not parts and not places)):
                source = prev
                parts = parts + [p for p in prev.participants if p.key not in {x.key for x in parts}]
            elif prev is not None and not heading and not cue.strong and not places and self._definite(cs) \
                    and _compatible(date.value if date else None, prev.date_value):
                source = prev  # "the talks" / "المحادثات": the meeting just mentioned
            if date is not None and date.value and self.a.doc.published is not None and status == "Held":
                pub = self.a.doc.published.isoformat()
                if date.value > pub[: len(date.value)]:
                    status = "Planned"  # a date after publication cannot be a meeting that took place
            after_cue = {ent.key for s, ent in places if s >= ce}
            for place in chosen or [None]:
                hparts = list(parts)
                # the object of the visit ("a visit to Kyiv"), not a place it happened in ("In Ankara, where he
                # was on a visit")
                host = _host_of(place) if cue.kind == "visit" and place is not None and place.key in after_cue \
                    else None
                if host is not None and hparts and host.key not in {state_of(p).key for p in hparts}:
                    hparts.append(host)  # "a visit to Kyiv": the visitor meets the capital's state
                hit = _Hit(cs, ce, sent, cue.kind, status, date, place, hparts, heading, source,
                           names_sides=cue.verb or self._sides_follow(ce)
                           # (a comment word just before the clause counts: "، تركزت المفاوضات على ...")
                           or not self.search(self.lex.commentary, max(sent.start, lo - _COMMENT_BEFORE), hi))
                if self._keep(hit, cue):
                    out.append(hit)
                    if not heading:
                        last_by_para[para] = hit
                        last_of_kind[(para, cue.kind)] = hit
        return out

    def _sequel(self, lo: int) -> bool:
        """Whether the clause starting at ``lo`` follows a "then" break (``sequel_breaks``): its verb shares
        the subject of the clause before."""
        fi = self.fidx(lo)
        before = self.folded[max(0, fi - 12):fi]
        return any(before.endswith(b) or before.endswith(b.rstrip()) for b in self.lex.sequels)

    def _definite(self, cs: int) -> bool:
        """Whether the cue at ``cs`` is definite: "the talks", "المحادثات" (not "talks", "محادثات")."""
        word = normalise(self.body[cs:cs + 6])[0]
        return word.startswith(("ال", "وال", "بال", "لل")) or self.body[max(0, cs - 4):cs].lower() == "the "

    def _mention_end(self, start: int) -> int:
        i = bisect.bisect_left(self.mention_starts, start)
        if i < len(self.mentions) and self.mentions[i].start == start:
            return self.mentions[i].end
        return start + 1

    def _coordinated(self, places: list[tuple[int, Entity]]) -> list[Entity]:
        """The nearest place, plus places joined to it by "and"/"و" ("في جنيف وميامي", "in Geneva, Miami and
        Riyadh"). Places joined by a bare comma with no "and" after them are one place and its region
        ("Miami, Florida", "Jeddah, Saudi Arabia"): only the first counts."""
        if not places:
            return []
        first_s, first = places[0]
        chosen = [first]
        spans = sorted(places)
        idx = [s for s, _ in spans].index(first_s)
        end = self._mention_end(first_s)
        committed = 1  # places of the chain up to its last "and" join
        for s, ent in spans[idx + 1:]:
            gap = self.body[end:s]
            if _JOINED.fullmatch(gap) and ent.key not in {c.key for c in chosen}:
                chosen.append(ent)
                end = self._mention_end(s)
                if gap.strip(" ,،"):  # an "and"/"و" join: the list so far is a real list
                    committed = len(chosen)
            else:
                break
        return chosen[:committed]

    def _keep(self, hit: _Hit, cue: _Cue) -> bool:
        precise = hit.date is not None and self._usable(hit.date)
        parties = {state_of(p).key for p in hit.participants}
        if hit.heading:  # headings only lend their date/place to mentions in the text
            return hit.place is not None or precise
        if hit.place is None and (len(hit.participants) < 2 or len(parties) < 2):
            return False
        if cue.kind == "visit" and len(parties) < 2:
            return False  # "in Ankara, where he was on a visit": a visit with no host named is no talks
        generic = self.search(self.lex.generic, max(hit.sent.start, hit.start - 60),
                              min(hit.sent.end, hit.end + 60))
        if not cue.strong:
            if generic:
                return False
            if hit.place is None and not precise and not self._named_sides(hit):
                return False
        elif generic and hit.place is None and not precise:
            return False
        return True


    def _named_sides(self, hit: _Hit) -> bool:
        """Whether a weak cue is followed by who took part, persons of two parties ("talks involving X, with
        Y", "محادثات بين X وY"): one meeting even with no place or date."""
        people = [p for p in hit.participants if p.kind == "Person"]
        if len(people) < 2 or len({state_of(p).key for p in people}) < 2:
            return False
        return self.lex.participation.match(self.folded, self.fidx(hit.end)) is not None

    def _sides_follow(self, ce: int) -> bool:
        """Whether "between/with/بين/مع" follows the cue ending at ``ce``, maybe after its place ("talks in
        Moscow between X and Y")."""
        fe = self.fidx(ce)
        return self.lex.participation.search(self.folded[fe:fe + _SIDES_REACH]) is not None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


@dataclass
class _Group:
    """Mentions of one meeting, with the richest data so far."""

    hits: list[_Hit]
    date: str | None = None
    end: str | None = None  # the last day of a multi-day meeting ("15-16 June")
    place: Entity | None = None
    keys: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    # what _fits asks of every hit, kept up to date (speed: an article with many mentions of one meeting)
    sentences: set[int] = field(default_factory=set)  # starts of the hits' sentences
    calls: set[bool] = field(default_factory=set)  # for body hits: whether each is a phone call

    def add(self, h: _Hit) -> None:
        self.hits.append(h)
        self.sentences.add(h.sent.start)
        if not h.heading:
            self.calls.add(h.kind == "call")
        if h.date_value and (self.date is None or len(h.date_value) > len(self.date)
                             or (h.date and h.date.end_value and not self.end
                                 and len(h.date_value) >= len(self.date))):
            self.date = h.date_value
            self.end = h.date.end_value if h.date else None
        if self.place is None or (_is_state(self.place) and h.place is not None and not _is_state(h.place)):
            self.place = h.place or self.place  # a city is more precise than its country
        self.keys |= {p.key for p in h.participants}
        self.parties |= {state_of(p).key for p in h.participants}

    @property
    def status(self) -> str:
        return self.hits[0].status


@cache
def _capital_states() -> dict[str, str]:
    """Capital city key → key of its state (``capitals`` of ``actors.yaml``)."""
    caps = load_yaml("actors.yaml").get("capitals") or {}
    return {str(city): str(state) for city, state in caps.items()}


@cache
def _capital_of() -> dict[str, str]:
    """State key → key of its capital city (the first city ``capitals`` names for it)."""
    out: dict[str, str] = {}
    for city, state in _capital_states().items():
        out.setdefault(state, city)
    return out


@cache
def _not_venues() -> frozenset[str]:
    """Keys of places talks are about but never held in (``not_venues`` of ``places.yaml``: seas, regions)."""
    return frozenset(str(k) for k in load_yaml("places.yaml").get("not_venues") or [])


def _host_of(place: Entity) -> Entity | None:
    """The state whose capital ``place`` is, or None."""
    key = _capital_states().get(place.key)
    return entities().get(key) if key else None


@cache
def _state_keys() -> frozenset[str]:
    return frozenset(k for k, e in entities().items() if e.kind == "State") | frozenset(
        e.key for e in entities().values() if e.kind == "State")


def _is_state(place: Entity) -> bool:
    """Whether a meeting place is a whole country ("in the Swiss Alps", "في السعودية")."""
    return place.key in _state_keys()


def _in_range(day: str | None, start: str | None, end: str | None) -> bool:
    """Whether ``day`` (YYYY-MM-DD) falls in the multi-day range ``[start, end]``."""
    return bool(day and start and end and len(day) == 10 and start <= day <= end)


def _fits(h: _Hit, g: _Group) -> bool:
    """Whether mention ``h`` is the meeting of group ``g`` (see the module docstring)."""
    h_end = h.date.end_value if h.date else None
    # a day inside the other's range ("a two-day summit ... on Sunday" / "held on 15-16 June")
    ranged = _in_range(h.date_value, g.date, g.end) or _in_range(g.date, h.date_value, h_end)
    if h.status != g.status or not (_compatible(h.date_value, g.date) or ranged):
        return False
    same_sentence = h.sent.start in g.sentences
    if not h.heading and not same_sentence and \
            (h.kind != "call") in g.calls:
        return False  # a phone call is not the talks held in person the same month
    if h.place is not None and g.place is not None:
        if ranged and h.place.key != g.place.key and (_is_state(h.place) or _is_state(g.place)):
            return True  # same days, a country and a place named in it: one meeting
        return h.place.key == g.place.key
    keys = {p.key for p in h.participants}
    parties = {state_of(p).key for p in h.participants}
    if not keys or not g.keys:  # a heading or bare mention: same date, no conflicting place
        return bool(h.date_value and g.date and h.date_value == g.date)
    if h.date_value and g.date:
        nested = parties <= g.parties or g.parties <= parties
        return len(keys & g.keys) >= 2 or (len(parties & g.parties) >= 2 and nested)
    if not h.date_value and not g.date:
        return len(keys & g.keys) >= 2 and (keys <= g.keys or g.keys <= keys)
    # One dated, one not: the same meeting only when the text goes on about it (the next sentences)
    # with no new place and actors it already named ("the talks that lasted until last night").
    near = h.start - g.hits[-1].sent.end < _CONTINUATION
    small, big = (keys, g.keys) if h.date_value else (g.keys, keys)
    return near and h.place is None and len(small & big) >= 2 and small <= big


def _merge(hits: list[_Hit]) -> list[_Group]:
    groups: list[_Group] = []
    group_of: dict[int, _Group] = {}
    for h in hits:
        target = None
        if h.source is not None:
            src = group_of.get(id(h.source))
            if src is not None and h.status == src.status and _compatible(h.date_value, src.date) and (
                    h.place is None or src.place is None or h.place.key == src.place.key):
                target = src
        if target is None:
            target = next((g for g in groups if _fits(h, g)), None)
        if target is None:
            target = _Group([])
            groups.append(target)
        target.add(h)
        group_of[id(h)] = target
    # Groups made of headings only (a timeline's titles) state no meeting by themselves.
    return [g for g in groups if not all(h.heading for h in g.hits)]


def _label(kind: str, place: Entity | None, parts: list[Entity]) -> str:
    noun = {"call": "Phone call", "summit": "Summit", "visit": "Visit", "round": "Round of talks",
            "signing": "Signing",
            "meeting": "Meeting", "talks": "Talks"}.get(kind, "Talks")
    people = [p.label_en for p in parts if p.kind == "Person"][:3] or [p.label_en for p in parts][:3]
    label = noun
    if people:
        label += " " + ("with " if len(people) == 1 else "between ") + "–".join(people)
    if place is not None:
        label += f" in {place.label_en}"
    return label


def _meeting(a: Analysis, group: _Group) -> Meeting:
    body_hits = [h for h in group.hits if not h.heading]
    first = body_hits[0]
    dated = [h for h in group.hits if h.date is not None and h.date.value]
    # the most precise date; a range ("15-16 June") over a single day of it ("on Sunday")
    best = max(dated, key=lambda h: (len(h.date_value or ""), bool(h.date and h.date.end_value), -h.start)) \
        if dated else None
    parts: dict[str, Entity] = {}
    for h in body_hits:
        # A later mention adds actors only if it says they took part: "In his comments on the Moscow
        # talks, Rubio said ..." does not put Rubio at the table.
        if h.sent != first.sent and not h.names_sides:
            continue
        for p in h.participants:
            parts.setdefault(p.key, p)
    # a state beside a person who speaks for it adds nothing ("Putin" and "Russia" at one meeting)
    spoken_for = {p.represents for p in parts.values() if p.represents}
    parts = {k: p for k, p in parts.items() if k not in spoken_for}
    kinds = [h.kind for h in group.hits]
    order = ("summit", "call", "round", "meeting", "visit", "signing", "talks")
    kind = next((k for k in order if k in kinds), "talks")
    ev = a.evidence(first.sent.start, first.sent.end)
    if ev.end - ev.start > 300:  # a long sentence: quote the clause around the cue
        ev = a.evidence(max(first.sent.start, first.start - 140), min(first.sent.end, first.end + 140))
    date = best.date_value if best else None
    end_date = best.date.end_value if best and best.date else None
    if date is None and group.status == "Held" and a.doc.published is not None and a.sentences:
        # The article's main event: a meeting its headline or lead reports is dated by publication
        # ("Istanbul talks address ...", "talks are continuing in Istanbul").
        lead_end = a.sentences[min(_LEAD_SENTENCES, len(a.sentences)) - 1].end
        # ... unless the lead names it as a past landmark ("Weeks after the summit in Alaska", "منذ قمة")
        landmark = _lex().landmark
        if any(h.start < lead_end and not landmark.search(a.doc.body, max(0, h.start - 30), h.start)
               for h in group.hits):
            date = a.doc.published.isoformat()
    return Meeting(
        evidence=ev,
        date=date,
        end_date=end_date,
        place=group.place,
        participants=list(parts.values()),
        status=group.status,
        label=_label(kind, group.place, list(parts.values())),
        spans=[(h.start, h.end) for h in body_hits],
    )


def find_meetings(a: Analysis) -> list[Meeting]:
    """The meetings ``a`` states, one per meeting (mentions merged), in order of first mention."""
    hits = _Finder(a).hits()
    return [_meeting(a, g) for g in _merge(hits)]


def run(a: Analysis) -> None:
    """Fill ``a.meetings``."""
    a.meetings = find_meetings(a)
