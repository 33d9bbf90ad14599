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
   the same subject ("rejected calls for") are dropped, unless an "and" stands between ("will not cede land
   and wants a truce") or the cue is a condition ("refused a truce unless ...").
2. Each cue gets a demander: the actor next to it (Arabic verb-subject order after titles: "ودعا الرئيس
   الأوكراني زيلينسكي"; a topicalised subject: "بوتين الذي ...، طالب"; "أنه يشترط" refers to the main
   subject), else the nearest actor before it that is no prepositional object, else the running subject of
   earlier sentences (Arabic drops subject pronouns; the gender of the verb picks a person or a state;
   English needs "he/it/they", and "he/she" is the first person the sentence before names as a subject).
   A verb after "and" shares the subject of the verb before ("Kyiv proposed A, and demanded B"). A speaker
   stands before an Arabic speech verb ("الكرملين أوضح أن") or is named "باسم X" (X speaks). A document
   as subject ("the plan calls for", "وتطالب الوثيقة") speaks for its author; of a joint document, a term
   binding one author is the other's demand, a term binding none is each author's. A state's organ (its
   foreign ministry) demands for its state.
3. The cue's scope runs to the next cue with another demander, a contrast ("rather than") or the sentence
   end; the issues named there are demanded, except frames ("before a ceasefire", "conditions for a
   ceasefire"), negated ones ("not about a truce"), those after a refusal by the demander, those of
   another war ("a ceasefire in Gaza") and what is offered "in exchange for" the rest.
4. One :class:`Demand` per (demander, scope); ``addressed_to`` is an actor right after the cue ("demands
   that Ukraine withdraw", "urged Putin to"); ``stated_in`` is the proposal the sentence belongs to when
   the demander is its author; ``according_to`` the source the sentence is attributed to ("according to
   Axios", "بحسب ..."). A list item under a proposal ("2. ...") is a demand by its author.

A bare statement of intent ("Ukraine will not cede Donbas") is no demand (no cue); refusals and offers are
concessions (``kg.extract.concessions``).
"""

from __future__ import annotations

from kg.extract.demand_cues import (
    AND_BEFORE,
    ARABIC,
    CLAUSE_END,
    CUE_KINDS,
    LIST_ITEM,
    NAMED_REACH,
    NEGATION_WINDOW,
    TOPIC_WINDOW,
    Cue,
    clause_start,
    cues_in,
    exchange_regex,
    frame_regexes,
    opposites,
    opposition_issues,
    text_between,
    word_sets,
)
from kg.extract.demand_subjects import (
    RunningSubject,
    actor_mentions,
    addressee,
    co_authors,
    demander,
    document_author,
    is_object,
    nearest_before,
    party_of,
    proposal_author,
    proposal_of,
    recent_proposal,
    same_party,
    source_named,
)
from kg.extract.gazetteer import state_of
from kg.extract.issues import IssueMention, find_issues, issues_in, normalise
from kg.extract.modality import modality
from kg.extract.model import Analysis, Demand, Entity, Mention, Sentence

_EXCHANGE_REACH = 40  # characters after an issue term within which an exchange word makes it an offer
# Cue kinds that list a document's or a party's terms: a later "this proposal also ..." continues them.
_DOCUMENT_KINDS = ("proposal_verbs", "proposal_named", "nouns")


def _is_negated(a: Analysis, cue: Cue, sent: Sentence) -> bool:
    """Whether a negation in the cue's clause stands shortly before it ("did not demand", "لم يطالب")."""
    if cue.kind == "conditions":
        return False  # "will not stop unless ...", "لن ينهي الحرب إلا إذا": the negation is the construction
    lo = clause_start(a.doc.body, max(sent.start, cue.start - NEGATION_WINDOW), cue.start)
    # "will not cede territory and wants a ceasefire": a verb coordinated after "and" has its own polarity
    joined = AND_BEFORE.search(a.doc.body, lo, cue.start)
    if joined:
        lo = joined.end()
    return modality(a, lo, cue.start).negated  # a negation in an earlier clause does not reach the cue


def _adjectival(a: Analysis, cue: Cue) -> bool:
    """Whether an English verb cue is used as an adjective or passive: "the proposed ceasefire", "are
    expected to"."""
    if cue.kind != "verbs" or ARABIC.search(cue.text):
        return False
    before = normalise(a.doc.body[max(0, cue.start - 12):cue.start])[0].split()
    if not before:
        return False
    if before[-1] in word_sets()["adjectival_determiners"]:
        return True
    # "are expected to meet", "was asked to": a passive participle is no demand by the subject
    # ("demanded by X" is an ``after`` cue).
    first = normalise(cue.text)[0].split()[0]
    return first.endswith("ed") and before[-1] in word_sets()["be_forms"]


def _framed(a: Analysis, cue: Cue, im: IssueMention, lo: int) -> bool:
    """Whether an issue term frames the demand ("before a ceasefire", "conditions for a ceasefire")."""
    body = a.doc.body
    prefix = normalise(body[max(lo, im.start - 30):im.start])[0]
    if any(rx.search(prefix) for rx in frame_regexes()["frames"]):
        return True
    condition = cue.kind == "nouns" and cues_in(a, cue.start, cue.end, ("condition_nouns",))
    if condition and im.start - cue.end <= 25:
        head = prefix + (normalise(im.text)[0][:1] if ARABIC.search(im.text) else "")
        return any(rx.search(head) for rx in frame_regexes()["condition_frames"])
    return False


def _named_proposal_cues(a: Analysis, sent: Sentence, cues: list[Cue], ms: list[Mention]) -> list[Cue]:
    """Proposal nouns named with their author ("a US proposal for a truce", "اقتراح من ترامب بوقف ...",
    "الخطة الأمريكية لهدنة"), not overlapping another cue, as ``proposal_named`` cues: what follows is
    the author's demand, whoever refuses or accepts it."""
    out: list[Cue] = []
    for noun in cues_in(a, sent.start, sent.end, ("proposal_nouns",)):
        if any(noun.start < c.end and c.start < noun.end for c in cues):
            continue
        if proposal_author(a, noun, ms, sent.end) is not None:
            out.append(Cue("proposal_named", noun.start, noun.end, noun.text))
    return out


def _named_scope_end(a: Analysis, noun: Cue, sent: Sentence) -> int:
    """Where a named proposal's content ends: its clause, continued by later clauses only up to one that
    opens with a copula ("أحد المقترحات التي قدمتها واشنطن، ...، هو اعتراف ..." / "..., is ...")."""
    body = a.doc.body
    ends = [m.start() for m in CLAUSE_END.finditer(body, noun.end, sent.end)]
    if not ends:
        return sent.end
    copulas = word_sets()["copulas"]
    for i, e in enumerate(ends):
        nxt = ends[i + 1] if i + 1 < len(ends) else sent.end
        words = normalise(body[e + 1:nxt])[0].split()
        if words and words[0] in copulas:
            return nxt
    return ends[0]


def _opposition_cues(a: Analysis, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """Refusal cues ("opposes", "تعارض") not overlapping a demand cue, as ``opposition`` cues."""
    out: list[Cue] = []
    for r in modality(a, sent.start, sent.end).cues_of("refusal"):
        if any(r.start < c.end and c.start < r.end for c in cues + out):
            continue
        cue = Cue("opposition", r.start, r.end, r.text)
        if not _is_negated(a, cue, sent):
            out.append(cue)
    return out


def _opposed_means_demand(im: IssueMention) -> bool:
    """Whether opposing this mention demands its issue (see ``opposition_issues`` in demands.yaml)."""
    table = opposition_issues()
    if im.issue not in table:
        return False
    exclude = table[im.issue]
    return exclude is None or not exclude.search(normalise(im.text)[0])


def _negated_mention(a: Analysis, cue: Cue, im: IssueMention) -> bool:
    """Whether a negation stands shortly before the issue term, after the cue and in the same clause.

    "No" issues (see ``opposition_issues``) are exempt: "a commitment not to join NATO" demands neutrality.
    """
    body = a.doc.body
    lo = clause_start(body, max(cue.end, im.start - NEGATION_WINDOW), im.start)
    return lo < im.start and modality(a, lo, im.start).negated


def _opposite_form(a: Analysis, im: IssueMention, lo: int) -> bool:
    """Whether a "no" issue's term is governed by its opposite ("sending foreign troops") without a ban
    before it ("ban sending foreign troops"): see ``opposite_forms`` in demands.yaml."""
    forms, bans = opposites()
    words = set(forms.get(im.issue, frozenset()))
    if not words:
        return False
    body = a.doc.body
    lo = clause_start(body, max(lo, im.start - 80), im.start)
    before = normalise(body[lo:im.start])[0].split()
    stripped = [w[1:] if w[:1] in ("و", "ب", "ل") and w[1:] in words else w for w in before]
    hits = [i for i, w in enumerate(stripped) if w in words and i >= len(stripped) - 4]
    if not hits:
        return False
    # A ban anywhere earlier in the clause scopes over a coordination: "عدم جواز انضمامها ... أو نشر قوات".
    return not any(w in bans for w in stripped[:hits[-1]])


def _offered_in_exchange(a: Analysis, im: IssueMention, scope_end: int) -> bool:
    """Whether an exchange word ("in exchange for", "in return for", "مقابل") follows the issue term shortly,
    before the scope ends: the term is what the demander gives, the conditions after it what he asks."""
    body = a.doc.body
    after = exchange_regex().search(body, im.end, min(scope_end, im.end + _EXCHANGE_REACH))
    return after is not None


def _continues(a: Analysis, prev_end: int, im: IssueMention) -> bool:
    """Whether ``im`` is coordinated with a mention ending at ``prev_end`` ("a truce or a ceasefire")."""
    if prev_end < 0 or prev_end > im.start:
        return False
    words = text_between(a.doc.body, prev_end, im.start).split()
    return len(words) <= 2 and all(w in word_sets()["list_conjunctions"] for w in words)


def _elsewhere(a: Analysis, im: IssueMention, limit: int) -> bool:
    """Whether the issue term is about another war: a place of ``other_conflicts`` follows within 3 words."""
    for c in cues_in(a, im.end, min(limit, im.end + 40), ("other_conflicts",)):
        if len(text_between(a.doc.body, im.end, c.start).split()) <= 3:
            return True
    return False


def _issues_for(a: Analysis, sent: Sentence, cue: Cue, scope_end: int, ms: list[Mention],
                by: Entity) -> list[IssueMention]:
    """Issue mentions a cue governs: after it up to ``scope_end``; for after/modal cues also before it in
    its clause. Issues after a refusal by the demander, and frame issues, are left out."""
    body = a.doc.body
    found = find_issues(a, cue.end, scope_end)
    if cue.kind == "opposition":
        # "rejected a commitment not to join NATO" opposes neutrality: a negated mention is left out.
        found = [im for im in found if _opposed_means_demand(im)
                 and not modality(a, max(cue.end, im.start - NEGATION_WINDOW), im.start).negated]
    if cue.kind in ("after", "modal"):
        found = find_issues(a, clause_start(body, sent.start, cue.start), cue.start) + found
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
        if cue.kind != "opposition" and _offered_in_exchange(a, im, scope_end):
            continue  # "proposes freezing the conflict in exchange for ...": offered; what follows is asked
        if cue.kind != "opposition" and not _opposed_means_demand(im) and (
                _negated_mention(a, cue, im) or _continues(a, negated_end, im)):
            negated_end = im.end
            continue  # "his proposal is not about a truce or a ceasefire": a negated issue is not demanded
        refused = False
        for r in refusals:
            if cue.end <= r.start < im.start:
                # "demands X but rejects Y" drops Y; "clauses that Kyiv rejected, such as Y" keeps it.
                who = nearest_before(body, ms, r.start, cue.end)
                refused = who is None or same_party(who.entity, by)
        if not refused:
            out.append(im)
    return out


def _evidence_span(sent: Sentence, lo: int, hi: int) -> tuple[int, int]:
    """The sentence, or for long sentences the clause from ``lo`` to ``hi`` (kept within the sentence)."""
    if sent.end - sent.start <= 260:
        return sent.start, sent.end
    return max(sent.start, lo), min(sent.end, hi)


def _update_proposal_author(a: Analysis, sent: Sentence, ms: list[Mention], state: RunningSubject) -> None:
    """Remember the author of a proposal named with its author in this sentence."""
    for noun in cues_in(a, sent.start, sent.end, ("proposal_nouns",)):
        author = proposal_author(a, noun, ms, sent.end)
        if author is not None:
            state.proposal_author = author


def _sentence_demands(a: Analysis, sent: Sentence, state: RunningSubject) -> list[Demand]:
    """The demands of one sentence (see the module doc); updates ``state``'s proposal author."""
    body = a.doc.body
    ms = actor_mentions(a, sent.start, sent.end)
    cues = [c for c in cues_in(a, sent.start, sent.end, CUE_KINDS)
            if not _is_negated(a, c, sent) and not _adjectival(a, c)]
    cues = sorted(cues + _opposition_cues(a, sent, cues) + _named_proposal_cues(a, sent, cues, ms),
                  key=lambda c: c.start)
    if not cues:
        _update_proposal_author(a, sent, ms, state)
        return _clause_demands(a, sent)
    prop = proposal_of(a, sent.start, sent.end)
    if prop is None and any(c.kind == "proposal_verbs" for c in cues):
        prop = recent_proposal(a, sent.start)  # "... the memorandum. It also envisages ..."
    attributed = modality(a, sent.start, sent.end).according_to or source_named(a, sent)
    resolved: list[tuple[Cue, Entity]] = []
    for cue in cues:
        prev = next((b for c, b in reversed(resolved) if c.kind != "opposition"), None)
        by = demander(a, sent, cue, ms, state, prop, prev)
        if by is None:
            continue
        by = party_of(by)
        subject = next((m for m in reversed(ms) if m.entity == by and m.end <= cue.start), None)
        lo = subject.end if subject is not None else clause_start(body, sent.start, cue.start)
        joined = AND_BEFORE.search(body, lo, cue.start)
        lo = joined.end() if joined else lo  # "will not cede land and wants a truce": the truce is wanted
        # ("refused a truce unless ...": for a condition the refusal is the construction, as for negation)
        if cue.kind not in ("opposition", "proposal_named", "conditions") and modality(a, lo, cue.start).refused:
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
            if nxt.kind != "opposition" and not same_party(other, by):
                scope_end = nxt.start
                break
        breaks = [c.start for c in cues_in(a, cue.end, scope_end, ("scope_breaks",))]
        if breaks and cue.kind not in ("after",):
            scope_end = breaks[0]  # "X rather than Y": Y is not demanded
        if cue.kind == "proposal_named":
            # Its clause, or at least a few words: "a US proposal for an "immediate, interim ceasefire"".
            near = min(sent.end, cue.end + NAMED_REACH)
            scope_end = min(scope_end, max(_named_scope_end(a, cue, sent), near))
        ims = _issues_for(a, sent, cue, scope_end, ms, by)
        ids = list(dict.fromkeys(im.issue for im in ims if (state_of(by).key, im.issue) not in seen))
        if not ids:
            continue
        seen.update((state_of(by).key, i_) for i_ in ids)
        lo = min([cue.start] + [im.start for im in ims])
        hi = max([cue.end] + [im.end for im in ims])
        s, e = _evidence_span(sent, lo, hi)
        stated_in = prop if prop is not None and any(same_party(by, au) for au in prop.authors) else None
        if stated_in is None and cue.kind == "proposal_verbs" and prop is not None:
            stated_in = prop
        if stated_in is None:
            # The author of a proposal named just before goes on stating its terms.
            recent = recent_proposal(a, sent.start)
            if recent is not None and any(same_party(by, au) for au in recent.authors):
                stated_in = recent
        out.append(Demand(
            evidence=a.evidence(s, e, attributed),
            by=by,
            issues=ids,
            addressed_to=addressee(ms, cue, by),
            stated_in=stated_in,
        ))
        # a term of a joint document that binds none of its authors is demanded by each of them
        for other in co_authors(a, stated_in, by, sent.start, sent.end):
            out.append(Demand(evidence=a.evidence(s, e, attributed), by=party_of(other), issues=ids,
                              addressed_to=addressee(ms, cue, other), stated_in=stated_in))
            seen.update((state_of(other).key, i_) for i_ in ids)
        if stated_in is not None or cue.kind in _DOCUMENT_KINDS:
            state.next_document_author = by
    return out


def _clause_demands(a: Analysis, sent: Sentence) -> list[Demand]:
    """A list item without a cue ("2. Sending weapons ...", "- a ceasefire") that the proposals stage places
    inside a proposal named before it: its issues are the author's demands.

    A sentence that names the proposal itself ("Kyiv rejected the plan for ...") is not one of its clauses.
    """
    body = a.doc.body
    line = body[body.rfind("\n", 0, sent.start) + 1:sent.end]
    if not LIST_ITEM.match(line):
        return []
    prop = proposal_of(a, sent.start, sent.end)
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
    by = document_author(a, prop, sent.start, sent.end)
    if by is None:
        return []
    return [Demand(evidence=a.evidence(sent.start, sent.end, mod.according_to), by=party_of(by),
                   issues=ids, stated_in=prop)]


def find_demands(a: Analysis) -> list[Demand]:
    """Every demand in ``a`` (see the module doc), in text order."""
    body = a.doc.body
    state = RunningSubject()
    out: list[Demand] = []
    for sent in a.sentences:
        state.next_document_author = None
        found = _sentence_demands(a, sent, state)
        out += found
        if any(d.stated_in is not None for d in found):
            state.next_document_author = next(d.by for d in reversed(found) if d.stated_in is not None)
        state.document_author = state.next_document_author
        people = [m for m in actor_mentions(a, sent.start, sent.end)
                  if m.entity.kind == "Person" and m.via != "demonym" and not is_object(body, m)]
        state.previous_person = people[0].entity if people else None
        if found:
            state.set_topic(found[-1].by)
        else:
            # why: only an actor near the start of a sentence is its subject (later ones are objects).
            named = [m for m in actor_mentions(a, sent.start, min(sent.end, sent.start + TOPIC_WINDOW))
                     if m.via != "demonym" and not is_object(body, m)]
            if named:
                state.set_topic(named[0].entity)
    return out


def run(a: Analysis) -> None:
    """Fill ``a.demands``."""
    a.demands = find_demands(a)


__all__ = ["find_demands", "run"]

