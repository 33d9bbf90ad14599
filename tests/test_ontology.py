"""The ontology, the issue scheme and the shapes agree with each other and with the graph builder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from kg.extract import extract, read_article
from kg.graph import build_article_graph
from kg.validate import validate_vocabulary
from kg.validate.engine import has_target

REPO = Path(__file__).resolve().parents[1]
ISSUES_MD = REPO.parent / "shared" / "eval" / "issues.md"
PT = "https://w3id.org/peacetalks/ontology#"
ISSUE = "https://w3id.org/peacetalks/issue/"
GROUP = "https://w3id.org/peacetalks/issue-group/"
ISSUE_SCHEME = URIRef("https://w3id.org/peacetalks/issues")
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"

# Terms from other vocabularies that data and shapes may use without the ontology declaring them.
EXTERNAL = {RDF.type, RDFS.label, OWL.sameAs, DCTERMS.title, SKOS.altLabel, SKOS.prefLabel, SKOS.inScheme,
            SKOS.broader, SKOS.definition}

# The 26 ids, used only where shared/eval/issues.md is not beside the repository.
FALLBACK_IDS = [
    "territory-recognition", "territory-withdrawal", "frontline-freeze", "buffer-zone", "neutrality-no-nato",
    "military-limits", "no-foreign-troops", "security-guarantees", "end-military-aid", "demobilization",
    "denazification", "ceasefire", "prisoner-exchange", "return-of-civilians", "amnesty", "elections",
    "language-rights", "church", "eu-membership", "sanctions-relief", "reconstruction", "accountability",
    "oversight-body", "nuclear-safety", "food-security", "leaders-meeting",
]


def issue_table() -> dict[str, str]:
    """id → meaning, from shared/eval/issues.md when present (else ids only, meanings empty)."""
    if not ISSUES_MD.is_file():
        return dict.fromkeys(FALLBACK_IDS, "")
    rows = {}
    for line in ISSUES_MD.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*([a-z][a-z-]*)\s*\|\s*(.+?)\s*\|$", line)
        if m and m.group(1) != "id":
            rows[m.group(1)] = m.group(2)
    return rows


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(REPO / "ontology" / "peacetalks.ttl")


@pytest.fixture(scope="module")
def issues() -> Graph:
    return Graph().parse(REPO / "ontology" / "issues.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(REPO / "shapes" / "peacetalks.ttl")


def own(terms) -> set[URIRef]:
    return {t for t in terms if isinstance(t, URIRef) and str(t).startswith(PT)}


def classes(onto: Graph) -> set[URIRef]:
    return own(onto.subjects(RDF.type, OWL.Class))


def properties(onto: Graph) -> set[URIRef]:
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
    return own(s for k in kinds for s in onto.subjects(RDF.type, k))


def declared(onto: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty,
             RDFS.Datatype, OWL.NamedIndividual)
    return own(s for k in kinds for s in onto.subjects(RDF.type, k))


def langs(g: Graph, node: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in g.objects(node, prop) if isinstance(o, Literal) and o.language}


def test_ontology_header(onto: Graph) -> None:
    header = URIRef("https://w3id.org/peacetalks/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) is not None
    assert langs(onto, header, DCTERMS.title) >= {"en", "ar"}


def test_ontology_has_the_classes_and_properties_the_scorer_reads(onto: Graph) -> None:
    names = {str(t)[len(PT):] for t in declared(onto)}
    for name in ["Actor", "Person", "State", "Organization", "Meeting", "Proposal", "ProposalKind", "Demand",
                 "Concession", "Place", "Article", "Evidence", "MeetingStatus", "ConcessionStatus",
                 "represents", "evidence", "date", "endDate", "location", "participant", "meetingStatus",
                 "author", "pointCount", "revisionOf", "reiterates", "demandedBy", "addressedTo", "issue",
                 "statedIn", "concededBy", "concededTo", "status", "source", "quote", "start", "end",
                 "presentedAt", "respondsTo", "url", "published", "language", "publisher", "sha256",
                 "accordingTo", "conflictsWith", "proposalKind",
                 "Held", "Planned", "Proposed", "Cancelled",
                 "Requested", "Offered", "Accepted", "Rejected", "Made",
                 "PeacePlan", "Memorandum", "DraftTreaty", "Framework", "CounterProposal", "Conditions"]:
        assert name in names, name


def test_every_class_and_property_has_english_and_arabic_labels_and_comments(onto: Graph) -> None:
    terms = classes(onto) | properties(onto)
    assert len(terms) > 40
    for t in terms:
        assert langs(onto, t, RDFS.label) >= {"en", "ar"}, t
        assert langs(onto, t, RDFS.comment) >= {"en", "ar"}, t


def test_individuals_have_english_and_arabic_labels(onto: Graph) -> None:
    individuals = own(onto.subjects(RDF.type, OWL.NamedIndividual))
    assert len(individuals) == 15
    for t in individuals:
        assert langs(onto, t, RDFS.label) >= {"en", "ar"}, t


def test_subclasses_and_alignments(onto: Graph) -> None:
    pt = lambda s: URIRef(PT + s)  # noqa: E731
    for sub, sup in [("Person", PT + "Actor"), ("State", PT + "Actor"), ("Organization", PT + "Actor"),
                     ("Meeting", SCHEMA + "Event"), ("Meeting", SEM + "Event"), ("Person", SCHEMA + "Person"),
                     ("Organization", SCHEMA + "Organization"), ("Place", SCHEMA + "Place"),
                     ("Evidence", PROV + "Entity"), ("Article", PROV + "Entity")]:
        assert (pt(sub), RDFS.subClassOf, URIRef(sup)) in onto, (sub, sup)
    for prop, oa in [("start", "start"), ("end", "end"), ("quote", "exact")]:
        assert (pt(prop), RDFS.subPropertyOf, URIRef(OA + oa)) in onto
    assert (pt("conflictsWith"), RDF.type, OWL.SymmetricProperty) in onto
    plover = URIRef(PT + "ploverEventType")
    assert {str(v) for v in onto.objects(pt("Demand"), plover)} == {"DEMAND"}
    assert "CONCEDE" in {str(v) for v in onto.objects(pt("Concession"), plover)}
    assert {str(v) for v in onto.objects(pt("Meeting"), plover)} == {"CONSULT"}
    assert set(onto.objects(pt("Proposal"), plover))


def test_every_class_has_a_node_shape_targeting_it(onto: Graph, shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    targeted = {c for s in node_shapes for c in shapes.objects(s, SH.targetClass)}
    missing = classes(onto) - targeted
    assert not missing, missing


def test_every_property_is_constrained_by_a_shape(onto: Graph, shapes: Graph) -> None:
    paths = set(shapes.objects(None, SH.path))
    missing = properties(onto) - paths
    assert not missing, missing


def test_every_shape_path_and_target_is_declared_or_external(onto: Graph, shapes: Graph) -> None:
    known = declared(onto) | EXTERNAL
    used = set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.targetClass)) \
        | set(shapes.objects(None, SH.targetSubjectsOf)) | set(shapes.objects(None, SH.targetObjectsOf))
    unknown = {t for t in used if t not in known}
    assert not unknown, unknown


def test_every_shape_constraint_has_a_message(shapes: Graph) -> None:
    props = set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.objects(None, SH.property))
    assert len(props) > 40
    for p in props:
        assert shapes.value(p, SH.message) is not None, shapes.value(p, SH.path)
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        if has_target(shapes, s):  # node-level constraints of targeted shapes need one too
            node_level = {SH["in"], SH["not"], SH.nodeKind, SH.pattern, SH.sparql} & set(shapes.predicates(s))
            if node_level:
                assert shapes.value(s, SH.message) is not None or SH.sparql in node_level, s


def test_builder_uses_only_declared_terms() -> None:
    """Static: every pt("X") and term("prefix", "X") in kg/graph/build.py is declared or external."""
    onto = Graph().parse(REPO / "ontology" / "peacetalks.ttl")
    known = declared(onto) | EXTERNAL
    source = (REPO / "kg" / "graph" / "build.py").read_text(encoding="utf-8")
    from kg.graph.namespaces import PREFIXES

    used = {URIRef(PT + n) for n in re.findall(r'\bpt\("([A-Za-z]+)"\)', source)}
    used |= {URIRef(PREFIXES[p] + n) for p, n in re.findall(r'\bterm\("([a-z]+)", "([A-Za-z]+)"\)', source)}
    assert len(used) > 30
    assert not used - known, used - known


def test_a_built_graph_uses_only_declared_terms() -> None:
    """Dynamic: the predicates, classes and pt: values of a real seed's graph are all declared."""
    onto = Graph().parse(REPO / "ontology" / "peacetalks.ttl")
    known = declared(onto) | EXTERNAL
    doc = read_article(REPO / "seeds" / "000_762f463857c642e1.txt", 1_000_000)
    quads = build_article_graph(extract(doc)).quads
    terms = {URIRef(q.predicate.value) for q in quads}
    terms |= {URIRef(q.object.value) for q in quads if q.object.__class__.__name__ == "NamedNode"
              and q.object.value.startswith(PT)}
    assert not terms - known, terms - known


def test_the_issue_scheme_has_exactly_the_26_ids(issues: Graph) -> None:
    table = issue_table()
    assert len(table) == 26
    members = {str(c) for c in issues.subjects(SKOS.inScheme, ISSUE_SCHEME)}
    assert members == {ISSUE + i for i in table}
    typed = {str(c) for c in issues.subjects(RDF.type, URIRef(PT + "Issue"))}
    assert typed == members


def test_each_issue_is_labelled_defined_and_grouped(issues: Graph) -> None:
    table = issue_table()
    groups = set()
    for iid, meaning in table.items():
        node = URIRef(ISSUE + iid)
        assert langs(issues, node, SKOS.prefLabel) >= {"en", "ar"}, iid
        definitions = {o.language: str(o) for o in issues.objects(node, SKOS.definition)}
        assert set(definitions) >= {"en", "ar"}, iid
        if meaning:
            assert definitions["en"] == meaning, iid
        broader = list(issues.objects(node, SKOS.broader))
        assert len(broader) == 1 and str(broader[0]).startswith(GROUP), iid
        groups.add(broader[0])
        mapped = any(issues.objects(node, p) for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch))
        assert mapped or issues.value(node, SKOS.note) is not None, f"{iid}: no PA-X mapping nor note"
    names = {str(g)[len(GROUP):] for g in groups}
    assert names == {"territory", "security", "humanitarian", "political", "economic"}
    for g in groups:  # groups are kept out of the issue scheme
        assert (g, SKOS.inScheme, ISSUE_SCHEME) not in issues
        assert (g, RDF.type, URIRef(PT + "IssueGroup")) in issues


def test_issue_iris_match_the_graph_builder() -> None:
    from kg.graph.namespaces import ISSUE as BUILDER_ISSUE

    assert BUILDER_ISSUE == ISSUE


def test_vocabulary_conforms_to_its_shapes() -> None:
    report = validate_vocabulary()
    assert report.conforms, report.text


def test_no_undeclared_pt_term_anywhere(onto: Graph, issues: Graph, shapes: Graph) -> None:
    """A typo in a pt: name (pt:Canceled for pt:Cancelled) would silently match nothing."""
    known = declared(onto)
    for g in (onto, issues, shapes):
        used = own(t for triple in g for t in triple)
        assert not used - known, used - known
