"""The facts extraction produces, before they become RDF.

Every fact carries :class:`Evidence`: a span of ``Document.body`` with
``body[start:end] == quote`` (Python string indices). Entities (actors and places)
come from the gazetteer (``kg/lexicon/gazetteer.tsv``) or are introduced by the text
(a person named after a role, e.g. "Ukrainian negotiator X").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.document import Document

ACTOR_KINDS = ("Person", "State", "Organization")
MEETING_STATUSES = ("Held", "Planned", "Proposed", "Cancelled")
CONCESSION_STATUSES = ("Requested", "Offered", "Accepted", "Rejected", "Made")
NOT_ACTOR_EVIDENCE = ("demonym", "location")  # Mention.via values that do not make an entity an actor
PROPOSAL_KINDS = ("PeacePlan", "Memorandum", "DraftTreaty", "Framework", "CounterProposal", "Conditions")


@dataclass(frozen=True)
class Evidence:
    """A span of the article body that states a fact: ``body[start:end] == quote``."""

    start: int
    end: int
    quote: str
    according_to: str | None = None  # who reports the fact ("Axios", an actor's label), if the text says


@dataclass(frozen=True)
class Entity:
    """An actor (Person, State, Organization) or a Place.

    ``key`` is stable across articles: the Wikidata QID where known, else a slug of the English label.
    ``represents`` is the key of the state a person speaks for.
    """

    key: str
    kind: str  # Person | State | Organization | Place
    label_en: str
    qid: str | None = None
    represents: str | None = None
    labels: tuple[tuple[str, str], ...] = ()  # (language tag, label) pairs beyond label_en

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS


@dataclass(frozen=True)
class Mention:
    """A span of the body that names an entity (``via`` says how: name, alias, demonym, metonym, role)."""

    entity: Entity
    start: int
    end: int
    text: str
    via: str = "name"


@dataclass(frozen=True)
class DateMention:
    """A date expression in the body, resolved to ISO ``YYYY-MM-DD`` or ``YYYY-MM`` (``value`` None if unresolved).

    ``end_value`` is set for ranges ("17 and 18 February"); ``relative`` for "Friday", "last night" and the like.
    """

    start: int
    end: int
    text: str
    value: str | None
    end_value: str | None = None
    relative: bool = False


@dataclass
class Meeting:
    """Talks, a summit, a call or a visit with talks. ``status`` is Held unless the text plans or proposes it."""

    evidence: Evidence
    date: str | None = None
    end_date: str | None = None
    place: Entity | None = None
    participants: list[Entity] = field(default_factory=list)
    status: str = "Held"
    label: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # body spans of the cue words naming it


@dataclass
class Proposal:
    """A plan, memorandum, draft treaty, framework, counter-proposal or set of conditions."""

    evidence: Evidence
    label: str
    kind: str = "PeacePlan"
    authors: list[Entity] = field(default_factory=list)
    points: int | None = None
    date: str | None = None
    revision_of: Proposal | None = None
    reiterates: list[Proposal] = field(default_factory=list)
    presented_at: Meeting | None = None


@dataclass
class Demand:
    """``by`` demands something on ``issues`` (ids of the issue scheme), optionally as a clause of a proposal."""

    evidence: Evidence
    by: Entity
    issues: list[str]
    addressed_to: Entity | None = None
    stated_in: Proposal | None = None


@dataclass
class Concession:
    """``by`` concedes (or is asked to, offers, refuses, accepts) something on ``issues``."""

    evidence: Evidence
    by: Entity
    issues: list[str]
    status: str = "Requested"
    to: Entity | None = None
    stated_in: Proposal | None = None
    responds_to: Demand | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body, by offsets."""

    start: int
    end: int
    text: str


@dataclass
class Analysis:
    """A document and everything the extraction stages have found in it so far.

    Each stage of :data:`kg.extract.pipeline.STAGES` reads some fields and fills others.
    """

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    demands: list[Demand] = field(default_factory=list)
    concessions: list[Concession] = field(default_factory=list)

    def evidence(self, start: int, end: int, according_to: str | None = None) -> Evidence:
        """Evidence for ``body[start:end]``, trimmed of surrounding whitespace."""
        body = self.doc.body
        start = max(0, min(start, len(body)))
        end = max(start, min(end, len(body)))
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return Evidence(start, end, body[start:end], according_to)

    def actors(self) -> dict[str, tuple[Entity, list[Mention]]]:
        """Actors the text names, by entity key, with their mentions (first mention first)."""
        out: dict[str, tuple[Entity, list[Mention]]] = {}
        for m in sorted(self.mentions, key=lambda m: m.start):
            # A demonym ("the Turkish president") or a state named only as a location ("in Indonesia")
            # is not evidence that the state acts (gold conventions); other stages still see those mentions.
            if m.entity.is_actor and m.via not in NOT_ACTOR_EVIDENCE:
                out.setdefault(m.entity.key, (m.entity, []))[1].append(m)
        return out

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying within ``[start, end)``, in text order."""
        return sorted((m for m in self.mentions if m.start >= start and m.end <= end), key=lambda m: m.start)
