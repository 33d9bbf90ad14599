"""Stage: demands — a party requiring something on one or more issues.

Reads ``a.sentences``, ``a.mentions`` (actors), ``a.proposals`` (through ``proposals.proposal_for_span``);
fills ``a.demands``. Cue words are data in ``kg/lexicon/demands.yaml`` (each list is commented there), issue
terms in ``kg/lexicon/issues.yaml``, modality cues in ``kg/lexicon/modality.yaml``.

Sentence by sentence:

1. Cues are located. ``verbs`` ("demands", "insists on", "يطالب"), Arabic ``participles`` ("داعيا"),
   ``verbal_nouns`` ("إقناع"), ``nouns`` ("Russia's demands", "شروط بوتين"), ``modal`` ("must", "يجب",
   "unless": the demander is the speaker), ``after`` ("... as Moscow demands"), ``proposal_verbs`` ("the plan
   includes", "تنص على", "under the plan": the document's author demands); besides, a proposal noun named
   with its author ("a US proposal for a truce", "اقتراح من ترامب بوقف ...") and an opposition to a "no"
   issue ("Moscow opposes any deployment of Western troops"). A cue closely after a negation ("did not
   demand"), an English verb used as an adjective ("the proposed truce") and a demand verb after a refusal by
   the same subject ("rejected calls for") are dropped.
2. Each cue gets a demander: the actor next to it (Arabic verb-subject order after titles: "ودعا الرئيس
   الأوكراني زيلينسكي"; a topicalised subject: "بوتين الذي ...، طالب"; "أنه يشترط" refers to the main
   subject), else the nearest actor before it that is no prepositional object, else the running subject of
   earlier sentences (Arabic drops subject pronouns; the gender of the verb picks a person or a state;
   English needs "he/it/they"). A state's organ (its foreign ministry) demands for its state.
3. The cue's scope runs to the next cue with another demander, a contrast ("rather than") or the sentence
   end; the issues named there are demanded, except frames ("before a ceasefire", "conditions for a
   ceasefire"), negated ones ("not about a truce"), those after a refusal by the demander and those of
   another war ("a ceasefire in Gaza").
4. One :class:`Demand` per (demander, scope); ``addressed_to`` is an actor right after the cue ("demands
   that Ukraine withdraw", "urged Putin to"); ``stated_in`` is the proposal the sentence belongs to when
   the demander is its author; ``according_to`` the source the sentence is attributed to ("according to
   Axios", "بحسب ..."). A list item under a proposal ("2. ...") is a demand by its author.

A bare statement of intent ("Ukraine will not cede Donbas") is no demand (no cue); refusals and offers are
concessions (``kg.extract.concessions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.gazetteer import state_of
from kg.extract.issues import IssueMention, find_issues, issues_in, normalise, term_regex
from kg.extract.lexicon import load_yaml
from kg.extract.modality import modality
from kg.extract.model import Analysis, Demand, Entity, Mention, Proposal, Sentence

DEMANDS_FILE = "demands.yaml"
CUE_KINDS = ("verbs", "participles", "verbal_nouns", "nouns", "modal", "conditions", "after",
             "proposal_verbs")
# Auxiliary term lists of demands.yaml (not cues by themselves).
_AUX_KINDS = ("proposal_nouns", "speech", "proposal_authors", "condition_nouns", "scope_breaks",
              "other_conflicts")
# Distances in characters: how close an actor must be to a cue to count as "next to" it (about 1-3 words).
_ADJACENT_BEFORE = 25
_ADJACENT_AFTER = 18
# Plain word lists of demands.yaml (see the comments there).
_WORD_LISTS = ("prepositions", "titles", "relatives", "pronoun_subjects", "conjunctions",
               "conjunction_clitics",
               "determiners", "genitive_links", "copulas", "adjectival_determiners",
               "pronoun_complementizers", "list_conjunctions", "auxiliaries", "be_forms")
_NEGATION_WINDOW = 14
_TOPIC_WINDOW = 45
_NAMED_REACH = 60
_CLAUSE_END = re.compile(r"[,،;؛:()\"«»“”]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# A list item: "1. ...", "2) ...", "- ...", "• ...".
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*–])\s")


@dataclass(frozen=True)
class _Cue:
    kind: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    """One regex per cue kind (and for ``proposal_nouns`` and ``speech``), over normalised text."""
    data = load_yaml(DEMANDS_FILE)
    out: dict[str, re.Pattern[str]] = {}
    for kind in (*CUE_KINDS, *_AUX_KINDS):
        terms = [str(t) for lang in ("en", "ar") for t in ((data.get(kind) or {}).get(lang) or [])]
        if terms:
            regexes = sorted((term_regex(t) for t in terms), key=len, reverse=True)
            out[kind] = re.compile("|".join(f"(?:{r})" for r in regexes))
    return out


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[_Cue, ...]:
    """Every cue of every kind in ``text`` (offsets into ``text``), cached per body."""
    norm, offsets = normalise(text)
    found: list[_Cue] = []
    for kind, rx in _compiled().items():
        for m in rx.finditer(norm):
            if m.end() > m.start():
                s, e = offsets[m.start()], offsets[m.end() - 1] + 1
                found.append(_Cue(kind, s, e, text[s:e]))
    return tuple(sorted(found, key=lambda c: (c.start, -(c.end - c.start))))


def _cues_in(a: Analysis, start: int, end: int, kinds: tuple[str, ...]) -> list[_Cue]:
    """Cues of ``kinds`` within the span, overlapping ones reduced to the longest (earliest on ties)."""
    cues = [c for c in _scan(a.doc.body) if c.kind in kinds and c.start >= start and c.end <= end]
    out: list[_Cue] = []
    for c in sorted(cues, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(c.start < o.end and o.start < c.end for o in out):
            out.append(c)
    return sorted(out, key=lambda c: c.start)


def _proposal_for_span(a: Analysis, start: int, end: int) -> Proposal | None:
    """The proposal a span belongs to, via the proposals stage's ``proposal_for_span`` if it has one."""
    from kg.extract import proposals  # late import: the proposals stage may gain the function later

    finder = getattr(proposals, "proposal_for_span", None)
    if finder is None:
        return None
    try:
        return finder(a, start, end)
    except Exception:  # noqa: BLE001 — a failing helper must not break the demands stage
        return None


def _source_named(a: Analysis, sent: Sentence) -> str | None:
    """A news outlet the sentence names ("وأفاد موقع أكسيوس ..."), via the actors stage's ``sources_in``."""
    from kg.extract import actors  # late import: optional helper of another stage

    finder = getattr(actors, "sources_in", None)
    try:
        found = finder(a, sent.start, sent.end) if finder is not None else []
    except Exception:  # noqa: BLE001 — a failing helper must not break the demands stage
        return None
    return str(found[0][2]) if found else None


def _party(e: Entity) -> Entity:
    """The demander to record: a state's organ (its foreign ministry, its army) speaks for the state.

    Uses the actors stage's organ → state mapping when it offers one (``org_state`` or ``_org_state``).
    """
    if e.kind != "Organization":
        return e
    from kg.extract import actors  # late import: optional helper of another stage

    finder = getattr(actors, "org_state", None) or getattr(actors, "_org_state", None)
    try:
        state = finder(e) if finder is not None else None
    except Exception:  # noqa: BLE001 — a failing helper must not break the demands stage
        state = None
    return state if isinstance(state, Entity) else e


def _actor_mentions(a: Analysis, start: int, end: int) -> list[Mention]:
    return [m for m in a.mentions_in(start, end) if m.entity.is_actor]


def _same_party(x: Entity, y: Entity) -> bool:
    return state_of(x).key == state_of(y).key


def _clause_start(body: str, lo: int, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last comma/semicolon/colon before it), >= ``lo``."""
    last = lo
    for m in _CLAUSE_END.finditer(body, lo, pos):
        last = m.end()
    return last


def _is_negated(a: Analysis, cue: _Cue, sent: Sentence) -> bool:
    if cue.kind == "conditions":
        return False  # "will not stop unless ...", "لن ينهي الحرب إلا إذا": the negation is the construction
    lo = _clause_start(a.doc.body, max(sent.start, cue.start - _NEGATION_WINDOW), cue.start)
    return modality(a, lo, cue.start).negated  # a negation in an earlier clause does not reach the cue


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    """Plain word lists of demands.yaml (normalised), by name (see :data:`_WORD_LISTS`)."""
    data = load_yaml(DEMANDS_FILE)
    out: dict[str, frozenset[str]] = {}
    for kind in _WORD_LISTS:
        words = [str(w) for lang in ("en", "ar") for w in ((data.get(kind) or {}).get(lang) or [])]
        out[kind] = frozenset(normalise(w)[0] for w in words)
    return out


@lru_cache(maxsize=1)
def _frame_regexes() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Raw regexes (``re:`` terms) of ``frames`` and ``condition_frames``, matched at the end of a prefix."""
    data = load_yaml(DEMANDS_FILE)
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for kind in ("frames", "condition_frames"):
        terms = [str(t) for lang in ("en", "ar") for t in ((data.get(kind) or {}).get(lang) or [])]
        out[kind] = tuple(re.compile(term_regex(t)) for t in terms)
    return out


def _conjoined(body: str, cue: _Cue) -> bool:
    """Whether an Arabic verb cue continues the sentence's subject: a conjunction clitic glued to it
    ("وطالب", "فدعا") or a conjunction word before it ("كما اقترحت")."""
    if normalise(cue.text)[0][:1] in _word_sets()["conjunction_clitics"]:
        return True
    before = normalise(body[max(0, cue.start - 8):cue.start])[0].split()
    joined = bool(before) and before[-1] in _word_sets()["conjunctions"]
    return joined and body[cue.start - 1:cue.start].isspace()


def _adjectival(a: Analysis, cue: _Cue) -> bool:
    """Whether an English verb cue is used as an adjective or passive: "the proposed ceasefire", "are
    expected to"."""
    if cue.kind != "verbs" or _ARABIC.search(cue.text):
        return False
    before = normalise(a.doc.body[max(0, cue.start - 12):cue.start])[0].split()
    if not before:
        return False
    if before[-1] in _word_sets()["adjectival_determiners"]:
        return True
    # "are expected to meet", "was asked to": a passive participle is no demand by the subject
    # ("demanded by X" is an ``after`` cue).
    first = normalise(cue.text)[0].split()[0]
    return first.endswith("ed") and before[-1] in _word_sets()["be_forms"]


def _is_object(body: str, m: Mention) -> bool:
    """Whether a mention is governed by a preposition ("headed to Germany", "في روسيا", "لروسيا")."""
    if m.via == "location":
        return True  # the actors stage saw a place after "in"/"في": "a summit in Indonesia"
    before = body[max(0, m.start - 12):m.start]
    if before and before[-1].isalpha():
        # An Arabic proclitic glued to the name: ب/ل mark a prepositional phrase.
        return before[-1] in "بل"
    words = normalise(before)[0].split()
    if not words:
        return False
    return words[-1] in _word_sets()["prepositions"]


class _Sentences:
    """Per-article state while walking sentences.

    ``topic``: the running subject (for pronoun subjects: "وطالب ..." = "and he demanded"), also kept per
    kind (``person``, ``party``) because Arabic verbs agree in gender: a masculine verb ("وطالب", "مطلبه")
    continues the last person, a feminine one ("وطالبت", "مطالبها") the last state (grammatically feminine);
    ``proposal_author``: the author of the last proposal named with its author ("the American plan"), for a
    later bare "the plan includes ..."; ``document_author``: who demanded in the previous sentence's clauses
    of a proposal.
    """

    def __init__(self) -> None:
        self.topic: Entity | None = None
        self.person: Entity | None = None
        self.party: Entity | None = None
        self.proposal_author: Entity | None = None
        self.document_author: Entity | None = None  # demander of the previous sentence's document clauses

    def set_topic(self, e: Entity) -> None:
        self.topic = e
        if e.kind == "Person":
            self.person = e
        else:
            self.party = e

    def pick(self, cue: _Cue) -> Entity | None:
        """The running subject a cue without its own subject refers to (gender-matched in Arabic)."""
        gender = _arabic_gender(cue.text)
        if gender == "masculine" and self.person is not None:
            return self.person
        if gender == "feminine" and self.party is not None:
            return self.party
        return self.topic


@lru_cache(maxsize=1)
def _gender_regexes() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = load_yaml(DEMANDS_FILE).get("arabic_gender") or {}
    return {g: tuple(re.compile(str(rx)) for rx in data.get(g) or []) for g in ("feminine", "masculine")}


def _arabic_gender(text: str) -> str | None:
    """"feminine"/"masculine" from an Arabic cue's first word (``arabic_gender`` in demands.yaml), or None."""
    words = text.split()
    if not words or not _ARABIC.search(words[0]):
        return None
    for gender, regexes in _gender_regexes().items():
        if any(rx.search(words[0]) for rx in regexes):
            return gender
    return None


def _nearest_before(body: str, ms: list[Mention], pos: int, lo: int) -> Mention | None:
    """The nearest actor mention before ``pos`` (from ``lo``) that can be a subject."""
    before = [m for m in ms if m.end <= pos and m.start >= lo and not _is_object(body, m)]
    if not before:
        return None
    near = before[-1]
    # why: a demonym far from the cue is usually an adjective on something else ("said a Russian
    # withdrawal must ..."): prefer a named actor then.
    if near.via == "demonym" and pos - near.end > _ADJACENT_BEFORE:
        named = [m for m in before if m.via != "demonym"]
        if named:
            return named[-1]
    return near


def _gap(body: str, start: int, end: int) -> str:
    return normalise(body[start:end])[0].strip()


def _link_reach(link: _Cue) -> int:
    """How many words may separate a proposal noun from an author link: a one-word preposition ("from",
    "by", "من") must follow the noun closely; a verb ("presented by", "وضعتها") may come after modifiers."""
    words = normalise(link.text)[0].split()
    return 2 if len(words) == 1 and len(words[0]) <= 4 else 8


def _proposal_author(a: Analysis, noun: _Cue, ms: list[Mention], limit: int) -> Entity | None:
    """The author named next to a proposal noun: "Zelensky's plan", "the American plan", "المذكرة الروسية",
    "خطة ترامب", "a proposal from Trump", "خطة ... وضعتها إدارة ترامب" (up to ``limit``), or None."""
    body = a.doc.body
    arabic = bool(_ARABIC.search(noun.text))
    for m in reversed(ms):
        if m.end <= noun.start and noun.start - m.end <= _ADJACENT_BEFORE:
            gap = _gap(body, m.end, noun.start)
            if arabic:
                if not gap and m.via != "demonym":
                    return m.entity  # verb-subject-object: "اقترحت الصين خطة"
                continue
            # "Zelensky's 10-point plan", "the American peace plan": a possessive or demonym, then modifiers.
            possessive = body[m.end:m.end + 2] in ("'s", "’s") or m.via == "demonym"
            determiner = any(w in _word_sets()["determiners"] for w in gap.split())
            if possessive and not determiner and not re.search(r"[,،;:.]", gap) and len(gap.split()) <= 4:
                return m.entity
    links = _cues_in(a, noun.end, min(limit, noun.end + 80), ("proposal_authors",))
    for m in ms:
        if m.start < noun.end or m.start >= limit:
            continue
        gap = _gap(body, noun.end, m.start)
        if arabic and m.via == "demonym" and len(gap.split()) <= 1:
            return m.entity  # "المذكرة الروسية", "خطة السلام الأوكرانية"
        link = next((c for c in links if c.end <= m.start and m.start - c.end <= _ADJACENT_AFTER
                     and len(_gap(body, noun.end, c.start).split()) <= _link_reach(c)), None)
        if link is not None and not re.search(r"[,،;:.]", gap):
            return m.entity
        if arabic and not gap and m.via != "demonym":
            return m.entity  # construct state: "خطة ترامب"
    return None


def _subject_after(body: str, ms: list[Mention], pos: int, limit: int) -> Mention | None:
    """An Arabic post-verbal subject: the actor within a few title words after ``pos`` ("دعا الرئيس الأوكراني
    فولوديمير زيلينسكي"); of a chain of adjacent mentions the person is preferred."""
    after = [m for m in ms if pos <= m.start < limit]
    if not after:
        return None
    first = after[0]
    gap = body[pos:first.start]
    if _CLAUSE_END.search(gap) or len(gap.split()) > 3 or _is_object(body, first):
        return None
    titles = _word_sets()["titles"]
    if any(w not in titles for w in normalise(gap)[0].split()):
        return None  # only titles may stand between a verb and its subject ("دعا الرئيس ...")
    chain = [first]
    for m in after[1:]:
        between = body[chain[-1].end:m.start]
        if _CLAUSE_END.search(between) or len(between.split()) > 1:
            break
        chain.append(m)
    return next((m for m in chain if m.entity.kind == "Person"), first)


def _other_subject_after(a: Analysis, cue: _Cue) -> bool:
    """Whether an Arabic verb is followed by a definite noun that is neither a title, an actor nor an issue
    term: then that noun is its subject ("ويريد القادة الأوروبيون")."""
    body = a.doc.body
    m = re.match(r"\s+(\S+)", body[cue.end:cue.end + 40])
    if m is None:
        return False
    word = normalise(m.group(1))[0]
    if not word.startswith("ال") or word in _word_sets()["titles"]:
        return False
    start = cue.end + m.start(1)
    if any(x.start <= start < x.end for x in a.mentions):
        return False
    return not any(im.start <= start < im.end for im in find_issues(a, start, start + 200))


def _after_proposal_noun(a: Analysis, sent: Sentence, cue: _Cue) -> bool:
    """Whether a proposal noun stands right before the cue ("a memorandum that demands", "مذكرة تطالب")."""
    body = a.doc.body
    for noun in _cues_in(a, max(sent.start, cue.start - 30), cue.start, ("proposal_nouns",)):
        gap = _gap(body, noun.end, cue.start)
        if (not gap or gap in _word_sets()["relatives"]) and not _CLAUSE_END.search(body[noun.end:cue.start]):
            return True
    return False


def _embedded_subject(body: str, start: int, end: int) -> bool:
    """Whether, between an actor and an English cue, "that" opens a clause with a subject of its own
    ("Zelensky said that some partners suggested"); a pronoun or auxiliary there refers back instead."""
    words = _gap(body, start, end).split()
    if "that" not in words:
        return False
    after = words[len(words) - 1 - words[::-1].index("that") + 1:]
    lists = _word_sets()
    return bool(after) and after[0] not in lists["pronoun_subjects"] | lists["auxiliaries"]


def _pronoun_before(body: str, start: int, end: int) -> bool:
    """Whether an English subject pronoun occurs in ``body[start:end]`` ("he would stop only if")."""
    return any(w in _word_sets()["pronoun_subjects"] for w in _gap(body, start, end).split())


def _initial_subject(body: str, ms: list[Mention], sent: Sentence) -> Mention | None:
    """An actor opening the sentence (after titles), which is then its subject: "بوتين الذي ..."."""
    first = next((m for m in ms if not _is_object(body, m)), None)
    if first is None:
        return None
    words = normalise(body[sent.start:first.start])[0].split()
    if any(w not in _word_sets()["titles"] for w in words):
        return None
    return _subject_after(body, ms, sent.start, sent.end) or first


def _after_pronoun_complementizer(body: str, cue: _Cue) -> bool:
    before = normalise(body[max(0, cue.start - 10):cue.start])[0].split()
    return bool(before) and before[-1] in _word_sets()["pronoun_complementizers"]


def _main_speaker(a: Analysis, sent: Sentence, cue: _Cue, ms: list[Mention]) -> Entity | None:
    """The subject of the last speech verb before ``cue`` (Arabic: the actor after it), or None."""
    body = a.doc.body
    for sp in reversed(_cues_in(a, sent.start, cue.start, ("speech",))):
        follow = _subject_after(body, ms, sp.end, cue.start)
        if follow is not None:
            return follow.entity
    first = [m for m in ms if m.end <= cue.start and not _is_object(body, m)]
    return first[0].entity if first else None


def _demander(a: Analysis, sent: Sentence, cue: _Cue, ms: list[Mention], state: _Sentences,
              prop: Proposal | None, prev: Entity | None) -> Entity | None:
    """The actor who demands at ``cue`` (see the module doc), or None.

    ``prev`` is the demander of the previous cue in the same sentence: a list ("..., including X") or a
    conjoined verb without its own subject ("كما اقترحت ...") continues it.
    """
    body = a.doc.body
    arabic = bool(_ARABIC.search(cue.text))
    inside = [m for m in ms if m.start >= cue.start and m.end <= cue.end and not _is_object(body, m)]
    after = [m for m in ms if m.start >= cue.end]
    right_after = after[0] if after and after[0].start - cue.end <= _ADJACENT_AFTER else None
    clause_lo = _clause_start(body, sent.start, cue.start)

    if cue.kind == "after":
        return right_after.entity if right_after else None
    if cue.kind == "modal":
        speech = _cues_in(a, sent.start, cue.start, ("speech",))
        for sp in reversed(speech):
            if arabic:
                follow = _subject_after(body, ms, sp.end, cue.start)
                if follow is not None:
                    return follow.entity  # verb-subject order: "وقال المتحدث ... بيسكوف إنه يجب"
                # "وقال إن ... يجب": the speaker is the running subject.
                initial = _initial_subject(body, ms, sent)
                return prev or (initial.entity if initial else None) or state.pick(cue)
            who = _nearest_before(body, ms, sp.start, sent.start)
            if who is not None:
                return who.entity
            return state.pick(cue)
        return None
    if cue.kind == "proposal_named":
        return _proposal_author(a, cue, ms, sent.end)
    if cue.kind == "conditions":
        # "Putin said he would stop only if ...", "Trump threatened sanctions unless ...": the speaker, else
        # the main clause's subject, demands the condition.
        if _cues_in(a, sent.start, cue.start, ("speech",)):
            return _demander(a, sent, _Cue("modal", cue.start, cue.end, cue.text), ms, state, prop, prev)
        near = _nearest_before(body, ms, cue.start, sent.start)
        if near is not None:
            return near.entity
        return prev or (state.pick(cue) if arabic or _pronoun_before(body, sent.start, cue.start) else None)
    if cue.kind == "proposal_verbs" or (cue.kind == "verbs" and _after_proposal_noun(a, sent, cue)):
        nouns = _cues_in(a, sent.start, cue.start, ("proposal_nouns",))
        author = _proposal_author(a, nouns[-1], ms, cue.start) if nouns else None
        if author is not None:
            return author  # the author named with the document in this sentence
        if prev is not None:
            return prev
        if prop is not None and prop.authors:
            return prop.authors[0]
        if not nouns:
            return None
        first = [m for m in ms if m.end <= nouns[-1].start and not _is_object(body, m) and m.via != "demonym"]
        if first:
            return first[0].entity  # "رئيس جنوب أفريقيا ... لعرض خطة ... تركز على"
        return state.proposal_author or state.pick(cue)
    if cue.kind == "nouns":
        adjacent_before = [m for m in ms if 0 <= cue.start - m.end <= _ADJACENT_BEFORE
                           and len(_gap(body, m.end, cue.start).split()) <= 2]
        if adjacent_before:
            return adjacent_before[-1].entity
        link = _gap(body, cue.end, right_after.start) if right_after is not None else None
        if right_after is not None and (not link or link in _word_sets()["genitive_links"]):
            return right_after.entity
        near = _nearest_before(body, ms, cue.start, sent.start)
        return near.entity if near else state.pick(cue)
    if cue.kind == "participles":
        # "..., داعيا كييف إلى ...": the sentence's subject goes on; the actor after is the addressee.
        if prev is not None:
            return prev
        first = [m for m in ms if m.end <= cue.start and not _is_object(body, m)]
        named = [m for m in first if m.via != "demonym"] or first
        return named[0].entity if named else state.pick(cue)
    if cue.kind == "verbal_nouns":
        near = _nearest_before(body, ms, cue.start, sent.start)
        return near.entity if near else state.pick(cue)
    # verbs
    if arabic and inside:
        return inside[0].entity  # "شدد المستشار ميرتس على ضرورة": the subject sits inside a gapped cue
    if arabic and _after_pronoun_complementizer(body, cue):
        # "أبلغ بوتين ماكرون أنه يشترط ...": "that he demands" refers to the sentence's subject.
        main = _main_speaker(a, sent, cue, ms)
        if main is not None:
            return main
        return prev or state.pick(cue)
    if arabic and not _conjoined(body, cue):
        initial = _initial_subject(body, ms, sent)
        relative = normalise(body[initial.end:initial.end + 12])[0].split()[:1] if initial is not None else []
        in_relative = bool(relative) and relative[0] in _word_sets()["relatives"]
        if initial is not None and initial.start < cue.start and (
                in_relative or not _cues_in(a, initial.end, cue.start, ("speech",))):
            return initial.entity  # a topicalised subject: "بوتين الذي ...، طالب كييف ..."
    if arabic:
        subject = _subject_after(body, ms, cue.end, sent.end)
        if (subject is not None and state.document_author is not None and _conjoined(body, cue)
                and not _same_party(subject.entity, state.document_author)):
            # After a document's clauses, "كما تطالب كييف بـ..." goes on listing them ("it also requires").
            return state.document_author
        if subject is not None:
            return subject.entity  # verb-subject order: "وتطالب روسيا ...", "ودعا الرئيس الأوكراني ..."
        if _other_subject_after(a, cue):
            return None  # "ويريد القادة الأوروبيون ...": a subject that is no actor of ours
        if _conjoined(body, cue):
            # A conjoined verb without its own subject continues the sentence's subject.
            if prev is not None:
                return prev
            first = [m for m in ms if m.end <= cue.start and not _is_object(body, m)]
            named = [m for m in first if m.via != "demonym"] or first
            if named:
                return named[0].entity
            return state.pick(cue)
    in_clause = _nearest_before(body, ms, cue.start, clause_lo)
    if in_clause is not None and not arabic and _embedded_subject(body, in_clause.end, cue.start):
        return None  # "Zelensky noted that some partners suggested ...": the subject is no actor of ours
    if in_clause is not None:
        return in_clause.entity
    nouns = [n for n in _cues_in(a, clause_lo, cue.start, ("proposal_nouns",))
             if len(_gap(body, n.end, cue.start).split()) <= 3]
    if nouns:
        # "The plan calls for ...": the document's author demands.
        author = prop.authors[0] if prop is not None and prop.authors else None
        author = author or _proposal_author(a, nouns[-1], ms, cue.start) or state.proposal_author
        # "This proposal also calls for ...": a document without a named author is the running subject's.
        author = author or state.pick(cue)
        if author is not None:
            return author
    near = _nearest_before(body, ms, cue.start, sent.start)
    if near is not None and not arabic and _embedded_subject(body, near.end, cue.start):
        return None
    if near is not None:
        return near.entity
    if arabic or _pronoun_before(body, clause_lo, cue.start):
        return state.pick(cue)  # Arabic drops the subject pronoun; English says "he", "it", "they"
    return None  # "European leaders want ...": a subject that is no actor of ours


def _addressee(ms: list[Mention], cue: _Cue, by: Entity) -> Entity | None:
    """An actor named right after the cue ("demands that Ukraine ...", "urged Putin to", "من أوكرانيا")."""
    for m in ms:
        if m.start < cue.end or m.start - cue.end > 3 * _ADJACENT_AFTER:
            continue
        if _same_party(m.entity, by):
            continue
        return m.entity if m.entity.kind == "Person" else state_of(m.entity)
    return None


def _framed(a: Analysis, cue: _Cue, im: IssueMention, lo: int) -> bool:
    """Whether an issue term frames the demand ("before a ceasefire", "conditions for a ceasefire")."""
    body = a.doc.body
    prefix = normalise(body[max(lo, im.start - 30):im.start])[0]
    if any(rx.search(prefix) for rx in _frame_regexes()["frames"]):
        return True
    condition = cue.kind == "nouns" and _cues_in(a, cue.start, cue.end, ("condition_nouns",))
    if condition and im.start - cue.end <= 25:
        head = prefix + (normalise(im.text)[0][:1] if _ARABIC.search(im.text) else "")
        return any(rx.search(head) for rx in _frame_regexes()["condition_frames"])
    return False


def _named_proposal_cues(a: Analysis, sent: Sentence, cues: list[_Cue], ms: list[Mention]) -> list[_Cue]:
    """Proposal nouns named with their author ("a US proposal for a truce", "اقتراح من ترامب بوقف ...",
    "الخطة الأمريكية لهدنة"), not overlapping another cue, as ``proposal_named`` cues: what follows is
    the author's demand, whoever refuses or accepts it."""
    out: list[_Cue] = []
    for noun in _cues_in(a, sent.start, sent.end, ("proposal_nouns",)):
        if any(noun.start < c.end and c.start < noun.end for c in cues):
            continue
        if _proposal_author(a, noun, ms, sent.end) is not None:
            out.append(_Cue("proposal_named", noun.start, noun.end, noun.text))
    return out


def _named_scope_end(a: Analysis, noun: _Cue, sent: Sentence) -> int:
    """Where a named proposal's content ends: its clause, continued by later clauses only up to one that
    opens with a copula ("أحد المقترحات التي قدمتها واشنطن، ...، هو اعتراف ..." / "..., is ...")."""
    body = a.doc.body
    ends = [m.start() for m in _CLAUSE_END.finditer(body, noun.end, sent.end)]
    if not ends:
        return sent.end
    copulas = _word_sets()["copulas"]
    for i, e in enumerate(ends):
        nxt = ends[i + 1] if i + 1 < len(ends) else sent.end
        words = normalise(body[e + 1:nxt])[0].split()
        if words and words[0] in copulas:
            return nxt
    return ends[0]


def _opposition_cues(a: Analysis, sent: Sentence, cues: list[_Cue]) -> list[_Cue]:
    """Refusal cues ("opposes", "تعارض") not overlapping a demand cue, as ``opposition`` cues."""
    out: list[_Cue] = []
    for r in modality(a, sent.start, sent.end).cues_of("refusal"):
        if any(r.start < c.end and c.start < r.end for c in cues + out):
            continue
        cue = _Cue("opposition", r.start, r.end, r.text)
        if not _is_negated(a, cue, sent):
            out.append(cue)
    return out


@lru_cache(maxsize=1)
def _opposition_issues() -> dict[str, re.Pattern[str] | None]:
    data = load_yaml(DEMANDS_FILE).get("opposition_issues") or {}
    out: dict[str, re.Pattern[str] | None] = {}
    for issue, exclusions in data.items():
        terms = [str(t) for t in exclusions or []]
        out[issue] = re.compile("|".join(f"(?:{term_regex(t)})" for t in terms)) if terms else None
    return out


def _opposed_means_demand(im: IssueMention) -> bool:
    """Whether opposing this mention demands its issue (see ``opposition_issues`` in demands.yaml)."""
    table = _opposition_issues()
    if im.issue not in table:
        return False
    exclude = table[im.issue]
    return exclude is None or not exclude.search(normalise(im.text)[0])


def _negated_mention(a: Analysis, cue: _Cue, im: IssueMention) -> bool:
    """Whether a negation stands shortly before the issue term, after the cue and in the same clause.

    "No" issues (see ``opposition_issues``) are exempt: "a commitment not to join NATO" demands neutrality.
    """
    body = a.doc.body
    lo = _clause_start(body, max(cue.end, im.start - _NEGATION_WINDOW), im.start)
    return lo < im.start and modality(a, lo, im.start).negated


@lru_cache(maxsize=1)
def _opposites() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    data = load_yaml(DEMANDS_FILE)
    forms = {issue: frozenset(normalise(str(w))[0] for lang in ("en", "ar")
                              for w in (langs or {}).get(lang) or [])
             for issue, langs in (data.get("opposite_forms") or {}).items()}
    bans = frozenset(normalise(str(w))[0] for lang in ("en", "ar")
                     for w in ((data.get("opposite_bans") or {}).get(lang) or []))
    return forms, bans


def _opposite_form(a: Analysis, im: IssueMention, lo: int) -> bool:
    """Whether a "no" issue's term is governed by its opposite ("sending foreign troops") without a ban
    before it ("ban sending foreign troops"): see ``opposite_forms`` in demands.yaml."""
    forms, bans = _opposites()
    words = set(forms.get(im.issue, frozenset()))
    if not words:
        return False
    body = a.doc.body
    lo = _clause_start(body, max(lo, im.start - 80), im.start)
    before = normalise(body[lo:im.start])[0].split()
    stripped = [w[1:] if w[:1] in ("و", "ب", "ل") and w[1:] in words else w for w in before]
    hits = [i for i, w in enumerate(stripped) if w in words and i >= len(stripped) - 4]
    if not hits:
        return False
    # A ban anywhere earlier in the clause scopes over a coordination: "عدم جواز انضمامها ... أو نشر قوات".
    return not any(w in bans for w in stripped[:hits[-1]])


def _continues(a: Analysis, prev_end: int, im: IssueMention) -> bool:
    """Whether ``im`` is coordinated with a mention ending at ``prev_end`` ("a truce or a ceasefire")."""
    if prev_end < 0 or prev_end > im.start:
        return False
    words = _gap(a.doc.body, prev_end, im.start).split()
    return len(words) <= 2 and all(w in _word_sets()["list_conjunctions"] for w in words)


def _elsewhere(a: Analysis, im: IssueMention, limit: int) -> bool:
    """Whether the issue term is about another war: a place of ``other_conflicts`` follows within 3 words."""
    for c in _cues_in(a, im.end, min(limit, im.end + 40), ("other_conflicts",)):
        if len(_gap(a.doc.body, im.end, c.start).split()) <= 3:
            return True
    return False


def _issues_for(a: Analysis, sent: Sentence, cue: _Cue, scope_end: int, ms: list[Mention],
                by: Entity) -> list[IssueMention]:
    """Issue mentions a cue governs: after it up to ``scope_end``; for after/modal cues also before it in
    its clause. Issues after a refusal by the demander, and frame issues, are left out."""
    body = a.doc.body
    found = find_issues(a, cue.end, scope_end)
    if cue.kind == "opposition":
        # "rejected a commitment not to join NATO" opposes neutrality: a negated mention is left out.
        found = [im for im in found if _opposed_means_demand(im)
                 and not modality(a, max(cue.end, im.start - _NEGATION_WINDOW), im.start).negated]
    if cue.kind in ("after", "modal"):
        found = find_issues(a, _clause_start(body, sent.start, cue.start), cue.start) + found
    if not found:
        return []
    refusals = [c for c in modality(a, sent.start, scope_end).cues if c.kind == "refusal"]
    out: list[IssueMention] = []
    negated_end = -1
    for im in found:
        if _framed(a, cue, im, sent.start) or _elsewhere(a, im, sent.end):
            continue
        if cue.kind != "opposition" and _opposite_form(a, im, max(sent.start, cue.end)):
            continue  # "proposed sending foreign troops" asks for troops, not for their absence
        if cue.kind != "opposition" and not _opposed_means_demand(im) and (
                _negated_mention(a, cue, im) or _continues(a, negated_end, im)):
            negated_end = im.end
            continue  # "his proposal is not about a truce or a ceasefire": a negated issue is not demanded
        refused = False
        for r in refusals:
            if cue.end <= r.start < im.start:
                # "demands X but rejects Y" drops Y; "clauses that Kyiv rejected, such as Y" keeps it.
                who = _nearest_before(body, ms, r.start, cue.end)
                refused = who is None or _same_party(who.entity, by)
        if not refused:
            out.append(im)
    return out


def _evidence_span(sent: Sentence, lo: int, hi: int) -> tuple[int, int]:
    """The sentence, or for long sentences the clause from ``lo`` to ``hi`` (kept within the sentence)."""
    if sent.end - sent.start <= 260:
        return sent.start, sent.end
    return max(sent.start, lo), min(sent.end, hi)


def _update_proposal_author(a: Analysis, sent: Sentence, ms: list[Mention], state: _Sentences) -> None:
    for noun in _cues_in(a, sent.start, sent.end, ("proposal_nouns",)):
        author = _proposal_author(a, noun, ms, sent.end)
        if author is not None:
            state.proposal_author = author


def _sentence_demands(a: Analysis, sent: Sentence, state: _Sentences) -> list[Demand]:
    body = a.doc.body
    ms = _actor_mentions(a, sent.start, sent.end)
    cues = [c for c in _cues_in(a, sent.start, sent.end, CUE_KINDS)
            if not _is_negated(a, c, sent) and not _adjectival(a, c)]
    cues = sorted(cues + _opposition_cues(a, sent, cues) + _named_proposal_cues(a, sent, cues, ms),
                  key=lambda c: c.start)
    if not cues:
        _update_proposal_author(a, sent, ms, state)
        return _clause_demands(a, sent)
    prop = _proposal_for_span(a, sent.start, sent.end)
    attributed = modality(a, sent.start, sent.end).according_to or _source_named(a, sent)
    resolved: list[tuple[_Cue, Entity]] = []
    for cue in cues:
        prev = next((b for c, b in reversed(resolved) if c.kind != "opposition"), None)
        by = _demander(a, sent, cue, ms, state, prop, prev)
        if by is None:
            continue
        by = _party(by)
        subject = next((m for m in reversed(ms) if m.entity == by and m.end <= cue.start), None)
        lo = subject.end if subject is not None else _clause_start(body, sent.start, cue.start)
        if cue.kind not in ("opposition", "proposal_named") and modality(a, lo, cue.start).refused:
            continue  # "Zelensky rejected calls for ..." is a refusal, not a demand
        resolved.append((cue, by))
    _update_proposal_author(a, sent, ms, state)
    out: list[Demand] = []
    seen: set[tuple[str, str]] = set()
    for i, (cue, by) in enumerate(resolved):
        # Scope: up to the next cue with another demander.
        scope_end = sent.end
        for nxt, other in resolved[i + 1:]:
            # An opposition cue only claims its own few issues; it does not end another's scope.
            if nxt.kind != "opposition" and not _same_party(other, by):
                scope_end = nxt.start
                break
        breaks = [c.start for c in _cues_in(a, cue.end, scope_end, ("scope_breaks",))]
        if breaks and cue.kind not in ("after",):
            scope_end = breaks[0]  # "X rather than Y": Y is not demanded
        if cue.kind == "proposal_named":
            # Its clause, or at least a few words: "a US proposal for an "immediate, interim ceasefire"".
            near = min(sent.end, cue.end + _NAMED_REACH)
            scope_end = min(scope_end, max(_named_scope_end(a, cue, sent), near))
        ims = _issues_for(a, sent, cue, scope_end, ms, by)
        ids = list(dict.fromkeys(im.issue for im in ims if (state_of(by).key, im.issue) not in seen))
        if not ids:
            continue
        seen.update((state_of(by).key, i_) for i_ in ids)
        lo = min([cue.start] + [im.start for im in ims])
        hi = max([cue.end] + [im.end for im in ims])
        s, e = _evidence_span(sent, lo, hi)
        stated_in = prop if prop is not None and any(_same_party(by, au) for au in prop.authors) else None
        if stated_in is None and cue.kind == "proposal_verbs" and prop is not None:
            stated_in = prop
        out.append(Demand(
            evidence=a.evidence(s, e, attributed),
            by=by,
            issues=ids,
            addressed_to=_addressee(ms, cue, by),
            stated_in=stated_in,
        ))
    return out


def _clause_demands(a: Analysis, sent: Sentence) -> list[Demand]:
    """A list item without a cue ("2. Sending weapons ...", "- a ceasefire") that the proposals stage places
    inside a proposal named before it: its issues are the author's demands.

    A sentence that names the proposal itself ("Kyiv rejected the plan for ...") is not one of its clauses.
    """
    body = a.doc.body
    line = body[body.rfind("\n", 0, sent.start) + 1:sent.end]
    if not _LIST_ITEM.match(line):
        return []
    prop = _proposal_for_span(a, sent.start, sent.end)
    if prop is None or not prop.authors:
        return []
    if sent.start <= prop.evidence.start < sent.end:
        return []
    mod = modality(a, sent.start, sent.end)
    if mod.negated or mod.refused or mod.conditional:
        return []
    ids = issues_in(a, sent.start, sent.end)
    if not ids:
        return []
    return [Demand(evidence=a.evidence(sent.start, sent.end, mod.according_to), by=_party(prop.authors[0]),
                   issues=ids, stated_in=prop)]


def find_demands(a: Analysis) -> list[Demand]:
    """Every demand in ``a`` (see the module doc), in text order."""
    body = a.doc.body
    state = _Sentences()
    out: list[Demand] = []
    for sent in a.sentences:
        found = _sentence_demands(a, sent, state)
        out += found
        clauses = [d for d in found if d.stated_in is not None]
        state.document_author = clauses[-1].by if clauses else None
        if found:
            state.set_topic(found[-1].by)
        else:
            # why: only an actor near the start of a sentence is its subject (later ones are objects).
            named = [m for m in _actor_mentions(a, sent.start, min(sent.end, sent.start + _TOPIC_WINDOW))
                     if m.via != "demonym" and not _is_object(body, m)]
            if named:
                state.set_topic(named[0].entity)
    return out


def run(a: Analysis) -> None:
    """Fill ``a.demands``."""
    a.demands = find_demands(a)


__all__ = ["find_demands", "run"]
