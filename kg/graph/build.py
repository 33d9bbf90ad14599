"""Facts of one article → quads: its named graph, plus reference descriptions of the entities it uses.

What an article states goes into its named graph (graph IRI = article IRI). What is shared by
all articles (an actor's or place's types, labels, ``skos:altLabel``, ``owl:sameAs`` and
``pt:represents``) goes once into the reference graph :data:`REFERENCE_GRAPH`, so counting queries
over the union default graph are not inflated by copies (oxigraph issue 1919).

Identity and conflicts. Instance IRIs are deterministic, so several articles describing the same
actor, meeting (see :func:`meeting_iri`) or proposal (see :func:`proposal_iri`) add to one node,
each article in its own named graph with its own ``pt:evidence``. Disagreements are kept, not resolved:

- a functional value (``pt:date``, ``pt:endDate``, ``pt:pointCount``, ``pt:location``,
  ``pt:meetingStatus``) stated differently by two articles appears twice on the node, once per named
  graph; ``kg/queries/conflicts.rq`` lists such pairs with the graphs that state them (dates of
  different precision that agree, 2024-06 and 2024-06-14, are not a conflict);
- a name as written (``pt:nameAsWritten``, in the article's graph, one per distinct surface form of
  the actor's name mentions) that differs from every label of the entity it was resolved to
  (e.g. "Igor Yushakov" for Yuri Ushakov) is listed by the same query;
- the same event reported with dates a few days apart, or at month and at day precision, at one
  place (so two meeting nodes) is listed as a possible duplicate by the same query.
Conflicts are computed by the query rather than stored, so they stay right whichever order
articles arrive in and whenever one is replaced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.gazetteer import english_aliases, entity_by_key, located_in, state_of
from kg.extract.model import Analysis, Entity, Evidence, Meeting, Proposal
from kg.graph.namespaces import (
    REFERENCE_GRAPH,
    WD,
    XSD,
    article_iri,
    instance,
    issue_iri,
    pt,
    term,
)

RDF_TYPE = term("rdf", "type")
LABEL = term("rdfs", "label")
SAME_AS = term("owl", "sameAs")
ALT_LABEL = term("skos", "altLabel")
# Mentions whose text is a name of the entity (not "the Kremlin" or "Russian"): their surface form
# is kept as pt:nameAsWritten, so variant spellings stay visible after resolution.
NAME_VIAS = ("name", "alias")


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))


def _date(value: str) -> Literal:
    """An ISO date (``YYYY-MM-DD`` → xsd:date, ``YYYY-MM`` → xsd:gYearMonth, ``YYYY`` → xsd:gYear)."""
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]
    return Literal(value, datatype=NamedNode(XSD + kind))


def entity_iri(e: Entity) -> NamedNode:
    """The IRI of an actor or place: ``id/actor/<key>`` or ``id/place/<key>``."""
    return instance("place" if e.kind == "Place" else "actor", e.key)


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()[:12]


def _parties(actors: list[Entity]) -> str:
    """The sorted, de-duplicated keys of the parties of ``actors`` (a person counts as his state)."""
    return "_".join(sorted({state_of(a).key for a in actors}))


def meeting_iri(m: Meeting) -> NamedNode | None:
    """The article-independent IRI of a meeting, or None if the facts cannot identify it.

    Keyed by start date and place (``meeting/2025-08-15-Q1234``); without a place, by date and the
    parties taking part (``meeting/2025-02-12-Q159_Q30``: persons counted as their states, so "Trump
    and Putin" and "Trump, Witkoff and Putin" on one day are one call); without a date, None (the
    meeting stays article-local).
    """
    if m.date and m.place:
        return instance("meeting", m.date, m.place.key)
    if m.date and len({state_of(p).key for p in m.participants}) >= 2:
        return instance("meeting", m.date, _parties(m.participants))
    return None


def proposal_iri(p: Proposal) -> NamedNode | None:
    """The article-independent IRI of a proposal, or None if the facts cannot identify it.

    Keyed by its author parties (a person counts as his state, so "Trump's 28-point plan" and "the
    US 28-point plan" are one node) and point count (``proposal/Q30-28``); without a point count, by
    author parties, kind and year (``proposal/Q159-Conditions-2024``, so Putin's 2024 conditions and a
    2024 Russian draft treaty stay apart). The year is left out when the point count is known because
    articles often name a plan by its points alone, and one party rarely issues two plans of the
    same length. Without authors, or without both point count and date, None (article-local).
    """
    if not p.authors:
        return None
    if p.points:
        return instance("proposal", _parties(p.authors), str(p.points))
    if p.date:
        return instance("proposal", _parties(p.authors), p.kind, p.date[:4])
    return None


@dataclass
class ArticleGraph:
    """The quads of one article: ``article`` (its named graph) and ``reference`` (shared descriptions)."""

    graph: NamedNode
    article: list[Quad] = field(default_factory=list)
    reference: list[Quad] = field(default_factory=list)

    @property
    def quads(self) -> list[Quad]:
        return self.article + self.reference


class _Builder:
    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.g = article_iri(a.doc.id)
        self.out = ArticleGraph(self.g)
        # By IRI, not key: a state can also be a meeting's place (actor/Q43 and place/Q43).
        self.entities: dict[str, Entity] = {}
        self.proposal_iris: dict[int, NamedNode] = {}
        self.meeting_iris: dict[int, NamedNode] = {}

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.out.article.append(Quad(s, p, o, self.g))

    def entity(self, e: Entity) -> NamedNode:
        self.entities[entity_iri(e).value] = e
        if e.represents:
            rep = entity_by_key(e.represents)
            if rep is not None:
                self.entities.setdefault(entity_iri(rep).value, rep)
        parent = located_in(e) if e.kind == "Place" else None
        while parent is not None and entity_iri(parent).value not in self.entities:
            self.entities[entity_iri(parent).value] = parent  # described too: pt:locatedIn needs its object
            parent = located_in(parent)
        return entity_iri(e)

    def _proposal_key(self, p: Proposal | None) -> str:
        return self.proposal_iris[id(p)].value if p is not None and id(p) in self.proposal_iris else ""

    def evidence(self, subject: NamedNode, ev: Evidence) -> None:
        node = instance("evidence", self.a.doc.id, str(ev.start), str(ev.end))
        if not any(q.subject == node for q in self.out.article[-8:]):
            self.add(node, RDF_TYPE, pt("Evidence"))
            self.add(node, pt("source"), self.g)
            self.add(node, pt("quote"), Literal(ev.quote))
            self.add(node, pt("start"), _int(ev.start))
            self.add(node, pt("end"), _int(ev.end))
            if ev.according_to:
                self.add(node, pt("accordingTo"), Literal(ev.according_to))
        self.add(subject, pt("evidence"), node)

    def article(self) -> None:
        d = self.a.doc
        self.add(self.g, RDF_TYPE, pt("Article"))
        if d.url:
            self.add(self.g, pt("url"), Literal(d.url, datatype=NamedNode(XSD + "anyURI")))
        if d.published:
            self.add(self.g, pt("published"), _date(d.published.isoformat()))
        if d.language:
            self.add(self.g, pt("language"), Literal(d.language))
        if d.title:
            self.add(self.g, term("dcterms", "title"), Literal(d.title))
        if d.source:
            self.add(self.g, pt("publisher"), Literal(d.source))
        self.add(self.g, pt("sha256"), Literal(d.sha256))
        if d.body_sha256:
            self.add(self.g, pt("bodySha256"), Literal(d.body_sha256))

    def actors(self) -> None:
        for _key, (e, mentions) in self.a.actors().items():
            node = self.entity(e)
            m = mentions[0]
            self.evidence(node, self.a.evidence(m.start, m.end))
            seen: set[str] = set()
            for m in mentions:
                written = " ".join(m.text.split())
                if m.via not in NAME_VIAS or not written or written in seen:
                    continue
                seen.add(written)
                self.add(node, pt("nameAsWritten"), Literal(written))
                if m is not mentions[0]:
                    self.evidence(node, self.a.evidence(m.start, m.end))

    def meeting(self, i: int, m: Meeting) -> NamedNode:
        node = meeting_iri(m) or instance("meeting", self.a.doc.id, str(i))
        self.add(node, RDF_TYPE, pt("Meeting"))
        if m.label:
            self.add(node, LABEL, Literal(m.label, language="en"))
        if m.date:
            self.add(node, pt("date"), _date(m.date))
        if m.end_date:
            self.add(node, pt("endDate"), _date(m.end_date))
        if m.place:
            self.add(node, pt("location"), self.entity(m.place))
        for p in m.participants:
            self.add(node, pt("participant"), self.entity(p))
        if m.status != "Held":
            self.add(node, pt("meetingStatus"), pt(m.status))
        self.evidence(node, m.evidence)
        return node

    def proposal(self, i: int, p: Proposal) -> NamedNode:
        node = proposal_iri(p) or instance("proposal", self.a.doc.id, str(i))
        self.add(node, RDF_TYPE, pt("Proposal"))
        self.add(node, LABEL, Literal(p.label, language="en"))
        self.add(node, pt("proposalKind"), pt(p.kind))
        for a in p.authors:
            self.add(node, pt("author"), self.entity(a))
        if p.points:
            self.add(node, pt("pointCount"), _int(p.points))
        if p.date:
            self.add(node, pt("date"), _date(p.date))
        self.evidence(node, p.evidence)
        return node

    def build(self) -> ArticleGraph:
        a = self.a
        self.article()
        self.actors()
        for i, m in enumerate(a.meetings):
            self.meeting_iris[id(m)] = self.meeting(i, m)
        for i, p in enumerate(a.proposals):
            self.proposal_iris[id(p)] = self.proposal(i, p)
        for p in a.proposals:
            node = self.proposal_iris[id(p)]
            # Two proposals can share one IRI (same parties and point count): no self-links then.
            target = self.proposal_iris.get(id(p.revision_of)) if p.revision_of is not None else None
            if target is not None and target != node:
                self.add(node, pt("revisionOf"), target)
            for r in p.reiterates:
                if id(r) in self.proposal_iris and self.proposal_iris[id(r)] != node:
                    self.add(node, pt("reiterates"), self.proposal_iris[id(r)])
            if p.presented_at is not None and id(p.presented_at) in self.meeting_iris:
                self.add(node, pt("presentedAt"), self.meeting_iris[id(p.presented_at)])
        demand_iris: dict[int, NamedNode] = {}
        # One node per fact of the article: the same demand stated twice (a repeated sentence, a lead and
        # its body) is one pt:Demand with two pieces of evidence, so counts are per article, not per sentence.
        for d in a.demands:
            node = instance("demand", a.doc.id, _digest(
                d.by.key, *sorted(d.issues), d.addressed_to.key if d.addressed_to else "",
                self._proposal_key(d.stated_in)))
            demand_iris[id(d)] = node
            self.add(node, RDF_TYPE, pt("Demand"))
            self.add(node, pt("demandedBy"), self.entity(d.by))
            if d.addressed_to:
                self.add(node, pt("addressedTo"), self.entity(d.addressed_to))
            for issue in d.issues:
                self.add(node, pt("issue"), issue_iri(issue))
            if d.stated_in is not None and id(d.stated_in) in self.proposal_iris:
                self.add(node, pt("statedIn"), self.proposal_iris[id(d.stated_in)])
            self.evidence(node, d.evidence)
        for c in a.concessions:
            node = instance("concession", a.doc.id, _digest(
                c.by.key, *sorted(c.issues), c.status, c.to.key if c.to else "", self._proposal_key(c.stated_in),
                demand_iris[id(c.responds_to)].value if c.responds_to is not None and id(c.responds_to) in
                demand_iris else ""))
            self.add(node, RDF_TYPE, pt("Concession"))
            self.add(node, pt("concededBy"), self.entity(c.by))
            if c.to:
                self.add(node, pt("concededTo"), self.entity(c.to))
            for issue in c.issues:
                self.add(node, pt("issue"), issue_iri(issue))
            self.add(node, pt("status"), pt(c.status))
            if c.stated_in is not None and id(c.stated_in) in self.proposal_iris:
                self.add(node, pt("statedIn"), self.proposal_iris[id(c.stated_in)])
            if c.responds_to is not None and id(c.responds_to) in demand_iris:
                self.add(node, pt("respondsTo"), demand_iris[id(c.responds_to)])
            self.evidence(node, c.evidence)
        self.out.reference = [q for e in self.entities.values() for q in describe_entity(e)]
        # A graph is a set: the same statement found twice (one evidence node cited by two facts,
        # one participant named twice) is written once.
        self.out.article = list(dict.fromkeys(self.out.article))
        self.out.reference = list(dict.fromkeys(self.out.reference))
        return self.out


def describe_entity(e: Entity) -> list[Quad]:
    """Reference-graph quads of an entity: type, labels (en + others), English aliases (``skos:altLabel``),
    ``owl:sameAs`` wd:Q…, ``pt:represents`` and, for a place, ``pt:locatedIn`` (``kg/lexicon/places.yaml``)."""
    node = entity_iri(e)
    g = REFERENCE_GRAPH
    out = [Quad(node, RDF_TYPE, pt(e.kind), g)]
    if e.label_en:  # a person known only by an Arabic name has no English label
        out.append(Quad(node, LABEL, Literal(e.label_en, language="en"), g))
    out += [Quad(node, LABEL, Literal(text, language=lang), g) for lang, text in e.labels]
    out += [
        Quad(node, ALT_LABEL, Literal(text, language="en"), g) for text in english_aliases().get(e.key, ())
    ]
    if e.qid:
        out.append(Quad(node, SAME_AS, NamedNode(WD + e.qid), g))
    if e.represents:
        rep = entity_by_key(e.represents)
        if rep is not None:
            out.append(Quad(node, pt("represents"), entity_iri(rep), g))
    parent = located_in(e) if e.kind == "Place" else None
    if parent is not None:
        out.append(Quad(node, pt("locatedIn"), entity_iri(parent), g))
    return out


def build_article_graph(a: Analysis) -> ArticleGraph:
    """RDF of one article's facts: its named graph and the reference quads of the entities it uses.

    Instance IRIs are deterministic (``https://w3id.org/peacetalks/id/...``): the same actor, or the
    same meeting (keyed by date and place), found in several articles is one node.
    """
    return _Builder(a).build()
