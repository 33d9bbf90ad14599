"""Who demands: the actor a demand cue belongs to, the running subject across sentences, the addressee.

Used by :mod:`kg.extract.demands`. The rules (Arabic verb-subject order after titles, topicalised subjects,
"أنه يشترط", pronoun subjects and the gender of Arabic verbs, prepositional objects, proposal authors, a
state's organs) are described in that module's doc; the word lists are in ``kg/lexicon/demands.yaml``.

- :func:`demander` ``(a, sent, cue, mentions, state, proposal, previous) -> Entity | None``;
- :class:`RunningSubject`: the per-article state (topic, last person, last party, proposal author);
- :func:`addressee`, :func:`proposal_author`, :func:`party_of`, :func:`same_party`, :func:`is_object`,
  :func:`nearest_before`, :func:`actor_mentions`, :func:`proposal_of`, :func:`source_named`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kg.extract import actors, proposals
from kg.extract.demand_cues import (
    ADJACENT_AFTER,
    ADJACENT_BEFORE,
    AND_BEFORE,
    ARABIC,
    CLAUSE_END,
    Cue,
    arabic_gender,
    clause_start,
    cues_in,
    text_between,
    word_sets,
)
from kg.extract.gazetteer import state_of
from kg.extract.issues import find_issues, normalise
from kg.extract.model import Analysis, Entity, Mention, Proposal, Sentence


def proposal_of(a: Analysis, start: int, end: int) -> Proposal | None:
    """The proposal a span belongs to (the proposals stage's :func:`~kg.extract.proposals.proposal_for_span`)."""
    return proposals.proposal_for_span(a, start, end)


def source_named(a: Analysis, sent: Sentence) -> str | None:
    """A news outlet the sentence names ("وأفاد موقع أكسيوس ..."), via the actors stage's ``sources_in``."""
    found = _sources_within(a, actors.sources_in, sent.start, sent.end)
    return str(found[0][2]) if found else None


# Speed: the body's sources, asked once per body (not once per sentence): (body, finder, sources, starts).
_SOURCES: list = [None, None, [], []]


def _sources_within(a: Analysis, finder, start: int, end: int) -> list:
    """``finder(a, start, end)`` computed from ``finder(a)`` (the whole body's sources) kept per body.

    The finder's sources are spans of the body in text order, filtered by lying in ``[start, end)``; when
    they are sorted by start only those starting in ``[start, end]`` are looked at (bisect).
    """
    body = a.doc.body
    if _SOURCES[0] is not body or _SOURCES[1] is not finder:
        found = list(finder(a))
        starts = [x[0] for x in found]
        _SOURCES[:] = [body, finder, found, starts if starts == sorted(starts) else None]
    found, starts = _SOURCES[2], _SOURCES[3]
    if starts is not None:
        found = found[bisect_left(starts, start):bisect_right(starts, end)]
    return [x for x in found if x[0] >= start and x[1] <= end]


def party_of(e: Entity) -> Entity:
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


def actor_mentions(a: Analysis, start: int, end: int) -> list[Mention]:
    """Mentions of actors (persons, states, organisations) within ``body[start:end]``, in text order."""
    # why: an actor with neither an English label nor a QID is a mis-parse (e.g. a role word taken for a
    # name); it cannot be scored or shown, and it would shadow the real subject.
    return [m for m in _mentions_in(a, start, end)
            if m.entity.is_actor and (m.entity.label_en.strip() or m.entity.qid)]


# Speed: the mentions sorted by start, kept while the analysis' mention list is the same object of the same
# length (the demand and concession stages add no mentions): (list, length, sorted mentions, starts, the
# longest mention's length).
_MENTIONS: list = [None, -1, [], [], 0]


def _sorted_mentions(a: Analysis) -> tuple[list[Mention], list[int], int]:
    if _MENTIONS[0] is not a.mentions or _MENTIONS[1] != len(a.mentions):
        ordered = sorted(a.mentions, key=lambda m: m.start)
        longest = max((m.end - m.start for m in ordered), default=0)
        _MENTIONS[:] = [a.mentions, len(a.mentions), ordered, [m.start for m in ordered], longest]
    return _MENTIONS[2], _MENTIONS[3], _MENTIONS[4]


def _mention_covers(a: Analysis, pos: int) -> bool:
    """Whether a mention spans ``pos`` (``start <= pos < end``): only mentions starting at most the longest
    mention's length before ``pos`` can, so only those are looked at."""
    ordered, starts, longest = _sorted_mentions(a)
    return any(pos < x.end for x in ordered[bisect_left(starts, pos - longest):bisect_right(starts, pos)])


def _mentions_in(a: Analysis, start: int, end: int) -> list[Mention]:
    """Same as ``a.mentions_in(start, end)`` (mentions within ``[start, end)`` in text order, ties in list
    order), bisecting a sorted copy instead of filtering every mention of the article for every span."""
    ordered, starts, _ = _sorted_mentions(a)
    return [m for m in ordered[bisect_left(starts, start):bisect_right(starts, end)] if m.end <= end]


def same_party(x: Entity, y: Entity) -> bool:
    """Whether two actors count as the same party (a person counts as the state they represent)."""
    return state_of(x).key == state_of(y).key


def conjoined(body: str, cue: Cue) -> bool:
    """Whether an Arabic verb cue continues the sentence's subject: a conjunction clitic glued to it
    ("وطالب", "فدعا") or a conjunction word before it ("كما اقترحت")."""
    if normalise(cue.text)[0][:1] in word_sets()["conjunction_clitics"]:
        return True
    before = normalise(body[max(0, cue.start - 8):cue.start])[0].split()
    joined = bool(before) and before[-1] in word_sets()["conjunctions"]
    return joined and body[cue.start - 1:cue.start].isspace()


def is_object(body: str, m: Mention) -> bool:
    """Whether a mention is governed by a preposition ("headed to Germany", "في روسيا", "لروسيا")."""
    if m.via == "location":
        return True  # the actors stage saw a place after "in"/"في": "a summit in Indonesia"
    before = body[max(0, m.start - 12):m.start]
    if before and before[-1].isalpha():
        # An Arabic proclitic glued to the name: ب/ل mark a prepositional phrase.
        return before[-1] in "بل"
    words = normalise(before)[0].split()
    while words and words[-1] in word_sets()["determiners"]:
        words.pop()  # "to the European Union"
    if not words:
        return False
    return words[-1] in word_sets()["prepositions"]


class RunningSubject:
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
        self.next_document_author: Entity | None = None  # the same, being collected for the current sentence
        # the first person the previous sentence names as a subject: what an English "he"/"she" refers to
        # ("... after President Vladimir Putin set out his own terms. Speaking in Moscow, he said ...")
        self.previous_person: Entity | None = None

    def set_topic(self, e: Entity) -> None:
        """Make ``e`` the running subject (and the last person or party, by its kind)."""
        self.topic = e
        if e.kind == "Person":
            self.person = e
        else:
            self.party = e

    def pick(self, cue: Cue) -> Entity | None:
        """The running subject a cue without its own subject refers to (gender-matched in Arabic)."""
        gender = arabic_gender(cue.text)
        if gender == "masculine" and self.person is not None:
            return self.person
        if gender == "feminine" and self.party is not None:
            return self.party
        if not ARABIC.search(cue.text) and self.previous_person is not None:
            return self.previous_person
        return self.topic


def nearest_before(body: str, ms: list[Mention], pos: int, lo: int) -> Mention | None:
    """The nearest actor mention before ``pos`` (from ``lo``) that can be a subject."""
    before = [m for m in ms if m.end <= pos and m.start >= lo and not is_object(body, m)]
    if not before:
        return None
    near = before[-1]
    # why: a demonym far from the cue is usually an adjective on something else ("said a Russian
    # withdrawal must ..."): prefer a named actor then.
    if near.via == "demonym" and pos - near.end > ADJACENT_BEFORE:
        named = [m for m in before if m.via != "demonym"]
        if named:
            return named[-1]
    return near


def _link_reach(link: Cue) -> int:
    """How many words may separate a proposal noun from an author link: a one-word preposition ("from",
    "by", "من") must follow the noun closely; a verb ("presented by", "وضعتها") may come after modifiers."""
    words = normalise(link.text)[0].split()
    return 2 if len(words) == 1 and len(words[0]) <= 4 else 8


def proposal_author(a: Analysis, noun: Cue, ms: list[Mention], limit: int) -> Entity | None:
    """The author named next to a proposal noun: "Zelensky's plan", "the American plan", "المذكرة الروسية",
    "خطة ترامب", "a proposal from Trump", "خطة ... وضعتها إدارة ترامب" (up to ``limit``), or None."""
    body = a.doc.body
    arabic = bool(ARABIC.search(noun.text))
    for m in reversed(ms):
        if m.end <= noun.start and noun.start - m.end <= ADJACENT_BEFORE:
            gap = text_between(body, m.end, noun.start)
            if arabic:
                if not gap and m.via != "demonym":
                    return m.entity  # verb-subject-object: "اقترحت الصين خطة"
                continue
            # "Zelensky's 10-point plan", "the American peace plan": a possessive or demonym, then modifiers.
            possessive = body[m.end:m.end + 2] in ("'s", "’s") or m.via == "demonym"
            determiner = any(w in word_sets()["determiners"] for w in gap.split())
            if possessive and not determiner and not re.search(r"[,،;:.]", gap) and len(gap.split()) <= 4:
                return m.entity
    links = cues_in(a, noun.end, min(limit, noun.end + 80), ("proposal_authors",))
    for m in ms:
        if m.start < noun.end or m.start >= limit:
            continue
        gap = text_between(body, noun.end, m.start)
        if arabic and m.via == "demonym" and len(gap.split()) <= 1:
            return m.entity  # "المذكرة الروسية", "خطة السلام الأوكرانية"
        link = next((c for c in links if c.end <= m.start and m.start - c.end <= ADJACENT_AFTER
                     and len(text_between(body, noun.end, c.start).split()) <= _link_reach(c)), None)
        if link is not None and not re.search(r"[,،;:.]", gap):
            return m.entity
        if arabic and not gap and m.via != "demonym":
            return m.entity  # construct state: "خطة ترامب"
    return None


def subject_after(body: str, ms: list[Mention], pos: int, limit: int) -> Mention | None:
    """An Arabic post-verbal subject: the actor within a few title words after ``pos`` ("دعا الرئيس الأوكراني
    فولوديمير زيلينسكي"); of a chain of adjacent mentions the person is preferred."""
    after = [m for m in ms if pos <= m.start < limit]
    if not after:
        return None
    first = after[0]
    word_start = first.start
    while word_start > pos and not body[word_start - 1].isspace():
        word_start -= 1  # a proclitic glued to the name ("للأمم") belongs to the name's word
    gap = body[pos:word_start]
    titles = word_sets()["titles"]
    gap_words = normalise(gap)[0].split()
    if CLAUSE_END.search(gap) or len(gap_words) > 3 or any(w not in titles for w in gap_words):
        return None  # only titles may stand between a verb and its subject ("دعا الرئيس ...")
    # A title's genitive is glued with ل: "الأمين العام للأمم المتحدة" names the UN's secretary-general.
    genitive = bool(gap_words) and body[first.start - 1:first.start] == "ل"
    if is_object(body, first) and not genitive:
        return None
    chain = [first]
    for m in after[1:]:
        between = body[chain[-1].end:m.start]
        if CLAUSE_END.search(between) or len(between.split()) > 1:
            break
        chain.append(m)
    return next((m for m in chain if m.entity.kind == "Person"), first)


def _other_subject_after(a: Analysis, cue: Cue) -> bool:
    """Whether an Arabic verb is followed by a definite noun that is neither a title, an actor nor an issue
    term: then that noun is its subject ("ويريد القادة الأوروبيون")."""
    body = a.doc.body
    m = re.match(r"\s+(\S+)", body[cue.end:cue.end + 40])
    if m is None:
        return False
    word = normalise(m.group(1))[0]
    if not word.startswith("ال") or word in word_sets()["titles"]:
        return False
    start = cue.end + m.start(1)
    if _mention_covers(a, start):
        return False
    return not any(im.start <= start < im.end for im in find_issues(a, start, start + 200))


def _after_proposal_noun(a: Analysis, sent: Sentence, cue: Cue) -> bool:
    """Whether a proposal noun stands right before the cue ("a memorandum that demands", "مذكرة تطالب")."""
    body = a.doc.body
    for noun in cues_in(a, max(sent.start, cue.start - 30), cue.start, ("proposal_nouns",)):
        gap = text_between(body, noun.end, cue.start)
        if (not gap or gap in word_sets()["relatives"]) and not CLAUSE_END.search(body[noun.end:cue.start]):
            return True
    return False


def _embedded_subject(body: str, start: int, end: int) -> bool:
    """Whether, between an actor and an English cue, "that" opens a clause with a subject of its own
    ("Zelensky said that some partners suggested"); a pronoun or auxiliary there refers back instead."""
    words = text_between(body, start, end).split()
    if "that" not in words:
        return False
    after = words[len(words) - 1 - words[::-1].index("that") + 1:]
    lists = word_sets()
    return bool(after) and after[0] not in lists["pronoun_subjects"] | lists["auxiliaries"]


def _pronoun_before(body: str, start: int, end: int) -> bool:
    """Whether an English subject pronoun occurs in ``body[start:end]`` ("he would stop only if")."""
    return any(w in word_sets()["pronoun_subjects"] for w in text_between(body, start, end).split())


def _initial_subject(body: str, ms: list[Mention], sent: Sentence) -> Mention | None:
    """An actor opening the sentence (after titles), which is then its subject: "بوتين الذي ..."."""
    first = next((m for m in ms if not is_object(body, m)), None)
    if first is None:
        return None
    words = normalise(body[sent.start:first.start])[0].split()
    if any(w not in word_sets()["titles"] for w in words):
        return None
    return subject_after(body, ms, sent.start, sent.end) or first


def _after_pronoun_complementizer(body: str, cue: Cue) -> bool:
    """Whether an Arabic cue follows "that he/she" ("أنه", "أنها")."""
    before = normalise(body[max(0, cue.start - 10):cue.start])[0].split()
    return bool(before) and before[-1] in word_sets()["pronoun_complementizers"]


def _main_speaker(a: Analysis, sent: Sentence, cue: Cue, ms: list[Mention]) -> Entity | None:
    """The subject of the last speech verb before ``cue`` (Arabic: the actor after it), or None."""
    body = a.doc.body
    for sp in reversed(cues_in(a, sent.start, cue.start, ("speech",))):
        follow = subject_after(body, ms, sp.end, cue.start)
        if follow is not None:
            return follow.entity
    first = [m for m in ms if m.end <= cue.start and not is_object(body, m)]
    return first[0].entity if first else None


@dataclass(frozen=True)
class _Context:
    """What the demander rules of one cue look at."""

    a: Analysis
    sent: Sentence
    cue: Cue
    ms: list[Mention]
    state: RunningSubject
    prop: Proposal | None
    prev: Entity | None

    @property
    def body(self) -> str:
        return self.a.doc.body

    @property
    def arabic(self) -> bool:
        return bool(ARABIC.search(self.cue.text))


def demander(a: Analysis, sent: Sentence, cue: Cue, ms: list[Mention], state: RunningSubject,
             prop: Proposal | None, prev: Entity | None) -> Entity | None:
    """The actor who demands at ``cue`` (see :mod:`kg.extract.demands`), or None.

    ``ms`` are the sentence's actor mentions; ``prop`` the proposal the sentence belongs to (or None);
    ``prev`` the demander of the previous cue in the same sentence: a list ("..., including X") or a
    conjoined verb without its own subject ("كما اقترحت ...") continues it.
    """
    c = _Context(a, sent, cue, ms, state, prop, prev)
    if cue.kind == "after":
        after = [m for m in ms if m.start >= cue.end]
        return after[0].entity if after and after[0].start - cue.end <= ADJACENT_AFTER else None
    if cue.kind == "proposal_named":
        return proposal_author(a, cue, ms, sent.end)
    if cue.kind == "proposal_verbs" or (cue.kind == "verbs" and _after_proposal_noun(a, sent, cue)):
        return _by_document(c)
    rule = {"modal": _by_speaker, "conditions": _by_condition, "nouns": _by_noun,
            "participles": _by_participle, "verbal_nouns": _by_verbal_noun}.get(cue.kind, _by_verb)
    return rule(c)


def _by_speaker(c: _Context) -> Entity | None:
    """A necessity ("must", "يجب") is the speaker's demand: the subject of a speech verb before it, or of one
    closing the quote after it."""
    a, sent, cue, ms, body = c.a, c.sent, c.cue, c.ms, c.body
    for sp in reversed(cues_in(a, sent.start, cue.start, ("speech",))):
        if c.arabic:
            follow = subject_after(body, ms, sp.end, cue.start)
            if follow is not None:
                return follow.entity  # verb-subject order: "وقال المتحدث ... بيسكوف إنه يجب"
            before = nearest_before(body, ms, sp.start, sent.start)
            if before is not None and not text_between(body, before.end, sp.start).strip():
                return before.entity  # subject-verb order: "غير أن الكرملين أوضح أن ... إلا إذا"
            # "وقال إن ... يجب": the speaker is the running subject.
            initial = _initial_subject(body, ms, sent)
            return c.prev or (initial.entity if initial else None) or c.state.pick(cue)
        who = nearest_before(body, ms, sp.start, sent.start)
        return who.entity if who is not None else c.state.pick(cue)
    # A quote closed by its speaker: '"Ukraine must withdraw," Peskov said' / '..., said Peskov'.
    for sp in cues_in(a, cue.end, sent.end, ("speech",)):
        who = next((m for m in reversed(ms)
                    if cue.end <= m.end <= sp.start and sp.start - m.end <= 3), None)
        who = who or subject_after(body, ms, sp.end, sent.end)
        if who is not None:
            return who.entity
    return None


def _by_condition(c: _Context) -> Entity | None:
    """"Putin said he would stop only if ...", "Trump threatened sanctions unless ...": the speaker, else the
    main clause's subject, demands the condition."""
    a, sent, cue = c.a, c.sent, c.cue
    if cues_in(a, sent.start, cue.start, ("speech",)):
        return _by_speaker(c)
    near = nearest_before(c.body, c.ms, cue.start, sent.start)
    if near is not None:
        return near.entity
    if c.prev is not None:
        return c.prev
    return c.state.pick(cue) if c.arabic or _pronoun_before(c.body, sent.start, cue.start) else None


def _by_document(c: _Context) -> Entity | None:
    """A document's clause ("the plan includes", "تنص على"): the author named with the document here, else
    the previous demander of the sentence, the proposals stage's author, an actor opening the sentence, the
    last proposal named with its author, or the author of the previous sentence's clauses."""
    a, sent, cue, ms, body = c.a, c.sent, c.cue, c.ms, c.body
    nouns = cues_in(a, sent.start, cue.start, ("proposal_nouns",))
    author = proposal_author(a, nouns[-1], ms, cue.start) if nouns else None
    if author is not None:
        return author
    if c.prev is not None:
        return c.prev
    if c.prop is not None and c.prop.authors:
        return document_author(a, c.prop, sent.start, sent.end)
    if not nouns:
        return None
    first = [m for m in ms if m.end <= nouns[-1].start and not is_object(body, m) and m.via != "demonym"]
    if first:
        return first[0].entity  # "رئيس جنوب أفريقيا ... لعرض خطة ... تركز على"
    return c.state.proposal_author or c.state.document_author


def document_author(a: Analysis, prop: Proposal | None, start: int, end: int) -> Entity | None:
    """Who demands a term of ``prop`` stated in ``body[start:end]``: its author; for a document of several
    parties (a joint draft), the one author party the term does not name, since a term binding Ukraine
    is the other side's demand; None when that does not single out one party."""
    if prop is None or not prop.authors:
        return None
    parties = _author_parties(prop)
    if len(parties) == 1:
        return prop.authors[0]
    named = _parties_named(a, start, end)
    others = [au for key, au in parties.items() if key not in named]
    if len(others) == len(parties):
        return prop.authors[0]  # a term binding none of them (mediators' terms): all demand it, see co_authors
    return others[0] if len(others) == 1 else None


def co_authors(a: Analysis, prop: Proposal | None, by: Entity, start: int, end: int) -> list[Entity]:
    """The other author parties of a joint document who demand a term with ``by``: all of them when the
    term (``body[start:end]``) names none of the authors (China and Brazil's joint call for a ceasefire)."""
    if prop is None or len(prop.authors) < 2:
        return []
    parties = _author_parties(prop)
    mine = state_of(party_of(by)).key
    if _parties_named(a, start, end) & set(parties) or mine not in parties:
        return []
    return [au for key, au in parties.items() if key != mine]


def _author_parties(prop: Proposal) -> dict[str, Entity]:
    """The author parties of ``prop`` (key of the state each speaks for → first author of it)."""
    parties: dict[str, Entity] = {}
    for au in prop.authors:
        parties.setdefault(state_of(party_of(au)).key, au)
    return parties


def _parties_named(a: Analysis, start: int, end: int) -> set[str]:
    """Keys of the states the actors named in ``body[start:end]`` speak for."""
    return {state_of(party_of(m.entity)).key for m in actor_mentions(a, start, end)}


def _by_noun(c: _Context) -> Entity | None:
    """"Russia's demands", "Russian demands", "مطالب روسيا", "demands of Russia"; else the nearest subject
    before, else the running subject ("مطلبه": his demand)."""
    cue, ms, body = c.cue, c.ms, c.body
    adjacent_before = [m for m in ms if 0 <= cue.start - m.end <= ADJACENT_BEFORE
                       and len(text_between(body, m.end, cue.start).split()) <= 2]
    if adjacent_before:
        return adjacent_before[-1].entity
    after = [m for m in ms if m.start >= cue.end]
    if after and after[0].start - cue.end <= ADJACENT_AFTER:
        link = text_between(body, cue.end, after[0].start)
        if not link or link in word_sets()["genitive_links"]:
            return after[0].entity
    near = nearest_before(body, ms, cue.start, c.sent.start)
    return near.entity if near else c.state.pick(cue)


def _by_participle(c: _Context) -> Entity | None:
    """"..., داعيا كييف إلى ...": the sentence's subject goes on; the actor after is the addressee."""
    sent, cue, ms, body = c.sent, c.cue, c.ms, c.body
    if c.prev is not None:
        return c.prev
    opening = re.match(r"\s*\S+", body[sent.start:cue.start])
    if opening is not None:
        # Most Arabic sentences open with their verb: its subject follows ("ورحب الأمين العام ...").
        main = subject_after(body, ms, sent.start + opening.end(), cue.start)
        if main is not None:
            return main.entity
    first = [m for m in ms if m.end <= cue.start and not is_object(body, m)]
    named = [m for m in first if m.via != "demonym"] or first
    return named[0].entity if named else c.state.pick(cue)


def _by_verbal_noun(c: _Context) -> Entity | None:
    """"في إقناع روسيا": the subject precedes a verbal noun; the actor after it is the addressee."""
    near = nearest_before(c.body, c.ms, c.cue.start, c.sent.start)
    return near.entity if near else c.state.pick(c.cue)


def _by_verb(c: _Context) -> Entity | None:
    """A demand verb: Arabic subject rules first (inside a gapped cue, "أنه", topicalised, post-verbal,
    conjoined), then the nearest subject in the clause, a document subject, the nearest in the sentence, and
    the running subject for a pronoun."""
    if c.arabic:
        document = _document_subject_after(c)
        if document is not None:
            return document
        found, who = _arabic_verb_subject(c)
        if found:
            return who
    a, sent, cue, ms, body = c.a, c.sent, c.cue, c.ms, c.body
    shared = _shared_subject(c)
    if shared is not None:
        return shared
    clause_lo = clause_start(body, sent.start, cue.start)
    in_clause = nearest_before(body, ms, cue.start, clause_lo)
    if in_clause is not None and not c.arabic and _embedded_subject(body, in_clause.end, cue.start):
        return None  # "Zelensky noted that some partners suggested ...": the subject is no actor of ours
    if in_clause is not None:
        return in_clause.entity
    nouns = [n for n in cues_in(a, clause_lo, cue.start, ("proposal_nouns",))
             if len(text_between(body, n.end, cue.start).split()) <= 3]
    if nouns:
        # "The plan calls for ...": the document's author demands; "This proposal also calls for ..." right
        # after a document's (or a party's) listed terms goes on with them.
        author = document_author(a, c.prop, sent.start, sent.end)
        author = author or proposal_author(a, nouns[-1], ms, cue.start) or c.state.proposal_author
        author = author or c.state.document_author
        if author is not None:
            return author
    near = nearest_before(body, ms, cue.start, sent.start)
    if near is not None and not c.arabic and _embedded_subject(body, near.end, cue.start):
        return None
    if near is not None:
        return near.entity
    if c.arabic or _pronoun_before(body, clause_lo, cue.start):
        return c.state.pick(cue)  # Arabic drops the subject pronoun; English says "he", "it", "they"
    return None  # "European leaders want ...": a subject that is no actor of ours


def _shared_subject(c: _Context) -> Entity | None:
    """The subject of an English verb coordinated with the one before ("Kyiv had proposed a summit between
    Zelensky and Putin, and demanded the return of the children"): the first actor, not governed by a
    preposition, after the last speech verb before it ("Umerov said Kyiv ..."), or of the sentence; None if the
    cue follows no "and" or no actor stands there."""
    a, sent, cue, body = c.a, c.sent, c.cue, c.body
    if not AND_BEFORE.search(body, max(sent.start, cue.start - 16), cue.start):
        return None
    speech = cues_in(a, sent.start, cue.start, ("speech",))
    lo = speech[-1].end if speech else sent.start
    first = next((m for m in c.ms if lo <= m.start < cue.start and not is_object(body, m)), None)
    return first.entity if first is not None else None


def _document_subject_after(c: _Context) -> Entity | None:
    """Arabic verb-subject order with a document as subject ("وتطالب الوثيقة ب...", "وتدعو الخطة إلى ..."): the
    document's author (:func:`document_author`), the document being the sentence's proposal or the one named
    last; None if no proposal noun stands right after the verb."""
    a, cue = c.a, c.cue
    nouns = cues_in(a, cue.end, min(c.sent.end, cue.end + 24), ("proposal_nouns",))
    if not nouns or text_between(c.body, cue.end, nouns[0].start).strip():
        return None
    prop = c.prop or recent_proposal(a, cue.start)
    return document_author(a, prop, c.sent.start, c.sent.end)


def _arabic_verb_subject(c: _Context) -> tuple[bool, Entity | None]:
    """The subject of an Arabic demand verb as (decided, entity); (False, None): the general rules decide."""
    a, sent, cue, ms, body, state, prev = c.a, c.sent, c.cue, c.ms, c.body, c.state, c.prev
    inside = [m for m in ms if m.start >= cue.start and m.end <= cue.end and not is_object(body, m)]
    if inside:
        return True, inside[0].entity  # "شدد المستشار ميرتس على ضرورة": the subject sits inside a gapped cue
    if _after_pronoun_complementizer(body, cue):
        # "أبلغ بوتين ماكرون أنه يشترط ...": "that he demands" refers to the sentence's subject.
        return True, _main_speaker(a, sent, cue, ms) or prev or state.pick(cue)
    if not conjoined(body, cue):
        initial = _initial_subject(body, ms, sent)
        if initial is not None and initial.start < cue.start:
            relative = normalise(body[initial.end:initial.end + 12])[0].split()[:1]
            in_relative = bool(relative) and relative[0] in word_sets()["relatives"]
            if in_relative or not cues_in(a, initial.end, cue.start, ("speech",)):
                return True, initial.entity  # a topicalised subject: "بوتين الذي ...، طالب كييف ..."
    subject = subject_after(body, ms, cue.end, sent.end)
    if (subject is not None and state.document_author is not None and conjoined(body, cue)
            and not same_party(subject.entity, state.document_author)):
        # After a document's clauses, "كما تطالب كييف بـ..." goes on listing them ("it also requires").
        return True, state.document_author
    if subject is not None:
        return True, subject.entity  # verb-subject order: "وتطالب روسيا ...", "ودعا الرئيس الأوكراني ..."
    if _other_subject_after(a, cue):
        return True, None  # "ويريد القادة الأوروبيون ...": a subject that is no actor of ours
    if conjoined(body, cue):
        # A conjoined verb without its own subject continues the sentence's subject.
        if prev is not None:
            return True, prev
        first = [m for m in ms if m.end <= cue.start and not is_object(body, m)]
        named = [m for m in first if m.via != "demonym"] or first
        return True, (named[0].entity if named else state.pick(cue))
    return False, None


def addressee(ms: list[Mention], cue: Cue, by: Entity) -> Entity | None:
    """An actor named right after the cue ("demands that Ukraine ...", "urged Putin to", "من أوكرانيا")."""
    for m in ms:
        if m.start < cue.end or m.start - cue.end > 3 * ADJACENT_AFTER:
            continue
        if same_party(m.entity, by):
            continue
        return m.entity if m.entity.kind == "Person" else state_of(m.entity)
    return None



_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?؟:؛]\s*$")


def recent_proposal(a: Analysis, pos: int, reach: int = 1500) -> Proposal | None:
    """The proposal named last before ``pos`` while the discourse still runs on from it, or None.

    "Putin set out his conditions. He demanded ... He insisted ..." : the later demands are clauses of
    the conditions. The discourse runs on within ``reach`` characters, across at most one paragraph
    break and no heading (a short line without sentence-final punctuation starts another section).
    """
    before = [t for t in proposals.proposal_mentions(a) if t[1] <= pos]
    if not before:
        return None
    _start, end, proposal = before[-1]
    gap = a.doc.body[end:pos]
    if len(gap) > reach or len(_PARAGRAPH_BREAK.findall(gap)) > 1:
        return None
    for line in gap.split("\n")[1:-1]:
        text = line.strip()
        if text and len(text) < 80 and not _SENTENCE_END.search(text):
            return None
    return proposal
