"""The SHACL shapes on small hand-built graphs (one rule per test) and on a real seed article."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.extract import extract, read_article
from kg.graph import build_article_graph
from kg.validate import ValidationReport, clear_memo, validate_quads

REPO = Path(__file__).resolve().parents[1]
PT = "https://w3id.org/peacetalks/ontology#"
ID = "https://w3id.org/peacetalks/id/"
RUSSIA = ID + "actor/Q159"
LAVROV = ID + "actor/Q80137"
DEMAND = ID + "demand/t-1"
MEETING = ID + "meeting/t-1"
EVIDENCE = ID + "evidence/t-0-14"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

PREFIXES = """
@prefix pt: <https://w3id.org/peacetalks/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix issue: <https://w3id.org/peacetalks/issue/> .
@prefix actor: <https://w3id.org/peacetalks/id/actor/> .
@prefix demand: <https://w3id.org/peacetalks/id/demand/> .
@prefix meeting: <https://w3id.org/peacetalks/id/meeting/> .
@prefix concession: <https://w3id.org/peacetalks/id/concession/> .
@prefix ev: <https://w3id.org/peacetalks/id/evidence/> .
@prefix art: <https://w3id.org/peacetalks/id/article/> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""

# A small valid article graph; tests replace one line to break one rule.
ARTICLE = """
GRAPH art:t {
  art:t a pt:Article ; pt:sha256 "%(sha)s" ; pt:language "en" .
  ev:t-0-14 a pt:Evidence ; pt:source art:t ; pt:quote "Russia demands" ;
      pt:start %(start)s ; pt:end %(end)s .
  actor:Q159 pt:evidence ev:t-0-14 ; pt:nameAsWritten "Russia" .
  demand:t-1 a pt:Demand ; pt:demandedBy actor:Q159 ; %(issue)s pt:evidence ev:t-0-14 .
  meeting:t-1 a pt:Meeting ; pt:date %(date)s ; pt:endDate %(end_date)s ;
      pt:participant actor:Q159 , actor:Q80137 ; pt:evidence ev:t-0-14 .
}
GRAPH <https://w3id.org/peacetalks/id/graph/reference> {
  actor:Q159 a pt:State ; %(label)s ; owl:sameAs %(same_as)s .
  actor:Q80137 a pt:Person ; rdfs:label "Sergei Lavrov"@en ; pt:represents actor:Q159 .
}
"""

DEFAULTS = {
    "sha": "a" * 64,
    "start": "0",
    "end": "14",
    "issue": "pt:issue issue:ceasefire ;",
    "date": '"2025-08-15"^^xsd:date',
    "end_date": '"2025-08-16"^^xsd:date',
    "label": 'rdfs:label "Russia"@en , "روسيا"@ar',
    "same_as": "wd:Q159",
}


def quads(extra: str = "", **changes: str) -> list[ox.Quad]:
    """The test article's quads with some fields changed and optional extra TriG appended."""
    text = PREFIXES + ARTICLE % {**DEFAULTS, **changes} + extra
    return list(ox.parse(text, format=ox.RdfFormat.TRIG))


def check(extra: str = "", **changes: str) -> ValidationReport:
    clear_memo()  # each test judges its own descriptions, not remembered ones
    return validate_quads(quads(extra, **changes))


def violations_at(report: ValidationReport, focus: str, path: str | None) -> list:
    return [r for r in report.violations if r.focus == focus and r.path == path]


def test_the_base_graph_conforms() -> None:
    report = check()
    assert report.conforms, report.text
    assert report.text.startswith("Conforms: yes")


def test_an_actor_labelled_only_in_arabic_conforms() -> None:
    report = check(label='rdfs:label "روسيا"@ar')
    assert report.conforms, report.text


def test_an_untagged_string_label_conforms() -> None:
    assert check(label='rdfs:label "Russia"').conforms


def test_an_integer_label_is_a_violation_naming_focus_node_and_path() -> None:
    report = check(label="rdfs:label 5")
    assert not report.conforms
    assert violations_at(report, RUSSIA, LABEL), report.text
    line = next(line for line in report.text.splitlines() if "rdfs:label" in line)
    assert f"<{RUSSIA}>" in line and line.startswith("Violation")


def test_an_actor_without_a_label_is_a_violation() -> None:
    report = check(label="rdfs:comment 'no label'")
    assert violations_at(report, RUSSIA, LABEL), report.text


def test_a_demand_without_an_issue_fails() -> None:
    report = check(issue="")
    assert not report.conforms
    assert violations_at(report, DEMAND, PT + "issue"), report.text


@pytest.mark.parametrize("value", ["issue:no-such-issue", "<https://w3id.org/peacetalks/issue-group/security>",
                                   '"ceasefire"'])
def test_an_issue_outside_the_scheme_fails(value: str) -> None:
    report = check(issue=f"pt:issue {value} ;")
    assert violations_at(report, DEMAND, PT + "issue"), report.text


def test_a_demand_needs_exactly_one_demander() -> None:
    report = check(extra="GRAPH art:t { demand:t-1 pt:demandedBy actor:Q80137 . }")
    assert violations_at(report, DEMAND, PT + "demandedBy"), report.text


@pytest.mark.parametrize(("start", "end"), [("14", "14"), ("20", "14")])
def test_evidence_with_start_not_before_end_fails(start: str, end: str) -> None:
    report = check(start=start, end=end)
    assert not report.conforms
    assert violations_at(report, EVIDENCE, PT + "start"), report.text


def test_evidence_offsets_must_be_integers() -> None:
    report = check(start='"0"')
    assert violations_at(report, EVIDENCE, PT + "start"), report.text


def test_evidence_needs_a_quote_and_a_source_article() -> None:
    report = check(extra="GRAPH art:t { ev:t-9-10 a pt:Evidence ; pt:source actor:Q159 ;"
                         " pt:start 9 ; pt:end 10 . }")
    focus = ID + "evidence/t-9-10"
    assert violations_at(report, focus, PT + "quote"), report.text
    assert violations_at(report, focus, PT + "source"), report.text


@pytest.mark.parametrize("iri", ["<http://www.wikidata.org/wiki/Q159>", "<https://www.wikidata.org/entity/Q159>",
                                 "<http://www.wikidata.org/entity/P31>", '"Q159"'])
def test_a_bad_wikidata_link_fails(iri: str) -> None:
    report = check(same_as=iri)
    assert not report.conforms
    assert violations_at(report, RUSSIA, "http://www.w3.org/2002/07/owl#sameAs"), report.text


def test_meeting_end_before_start_fails() -> None:
    report = check(date='"2025-08-16"^^xsd:date', end_date='"2025-08-15"^^xsd:date')
    assert not report.conforms
    assert violations_at(report, MEETING, PT + "endDate"), report.text


@pytest.mark.parametrize(("date", "end_date", "ok"), [
    ('"2025-08"^^xsd:gYearMonth', '"2025-08-15"^^xsd:date', True),  # same month: consistent
    ('"2025-08-15"^^xsd:date', '"2025-08"^^xsd:gYearMonth', True),
    ('"2025-08-15"^^xsd:date', '"2025-08-15"^^xsd:date', True),  # one-day meeting
    ('"2025"^^xsd:gYear', '"2025-01-02"^^xsd:date', True),
    ('"2025-09"^^xsd:gYearMonth', '"2025-08-15"^^xsd:date', False),
    ('"2025-08-15"^^xsd:date', '"2025-07"^^xsd:gYearMonth', False),
    ('"2025-08"^^xsd:gYearMonth', '"2024"^^xsd:gYear', False),
])
def test_meeting_dates_compare_at_the_coarser_precision(date: str, end_date: str, ok: bool) -> None:
    report = check(date=date, end_date=end_date)
    assert report.conforms is ok, report.text


@pytest.mark.parametrize("date", ['"2025-08-15"', '"15 August 2025"^^xsd:string', "20250815"])
def test_a_date_must_be_a_date_month_or_year(date: str) -> None:
    report = check(date=date)
    assert violations_at(report, MEETING, PT + "date"), report.text


def test_meeting_status_must_be_one_of_the_four() -> None:
    assert check(extra="GRAPH art:t { meeting:t-1 pt:meetingStatus pt:Planned . }").conforms
    report = check(extra="GRAPH art:t { meeting:t-1 pt:meetingStatus pt:Accepted . }")
    assert violations_at(report, MEETING, PT + "meetingStatus"), report.text


def test_a_concession_needs_a_status_from_the_list() -> None:
    good = ("GRAPH art:t { concession:t-1 a pt:Concession ; pt:concededBy actor:Q159 ;"
            " pt:issue issue:amnesty ;"
            " pt:status pt:Offered ; pt:evidence ev:t-0-14 . }")
    assert check(extra=good).conforms
    report = check(extra=good.replace("pt:Offered", "pt:Held"))
    assert violations_at(report, ID + "concession/t-1", PT + "status"), report.text
    report = check(extra=good.replace("pt:status pt:Offered ;", ""))
    assert violations_at(report, ID + "concession/t-1", PT + "status"), report.text


def test_a_person_represents_an_actor_not_a_place() -> None:
    extra = ("GRAPH <https://w3id.org/peacetalks/id/graph/reference> {"
             " actor:Q80137 pt:represents <https://w3id.org/peacetalks/id/place/Q1490> ."
             " <https://w3id.org/peacetalks/id/place/Q1490> a pt:Place ; rdfs:label 'Tokyo'@en . }")
    report = check(extra=extra)
    assert violations_at(report, LAVROV, PT + "represents"), report.text


def test_an_actor_must_be_named_by_an_iri() -> None:
    report = check(extra="GRAPH <https://w3id.org/peacetalks/id/graph/reference> {"
                         " _:x a pt:State ; rdfs:label 'X' . }")
    assert any(r.focus.startswith("_:") and r.path is None for r in report.violations), report.text


def test_a_proposal_cannot_revise_itself() -> None:
    def proposal(node: str, kind: str, revises: str = "") -> str:
        link = f" ; pt:revisionOf <{ID}proposal/{revises}>" if revises else ""
        return (f"GRAPH art:t {{ <{ID}proposal/{node}> a pt:Proposal ; pt:proposalKind pt:{kind} ;"
                f" pt:evidence ev:t-0-14{link} . }}")

    assert check(extra=proposal("p", "PeacePlan", "q") + proposal("q", "Framework")).conforms
    report = check(extra=proposal("p", "PeacePlan", "p"))
    assert violations_at(report, ID + "proposal/p", PT + "revisionOf"), report.text


def test_a_fact_pointing_to_an_undescribed_actor_fails() -> None:
    report = check(extra="GRAPH art:t { meeting:t-1 pt:participant actor:Q999 . }")
    assert violations_at(report, MEETING, PT + "participant"), report.text


def test_a_warning_does_not_break_conformance() -> None:
    report = check(extra='GRAPH art:t { art:t pt:language "english" . }')
    # two languages is a cardinality violation; one odd tag alone is only a warning
    assert not report.conforms
    only_odd = quads()
    only_odd = [q for q in only_odd if q.predicate.value != PT + "language"]
    language = ox.NamedNode(PT + "language")
    only_odd.append(ox.Quad(ox.NamedNode(ID + "article/t"), language, ox.Literal("english")))
    clear_memo()
    report = validate_quads(only_odd)
    assert report.conforms, report.text
    assert [r.severity for r in report.results] == ["Warning"]
    only_odd[-1] = ox.Quad(ox.NamedNode(ID + "article/t"), language, ox.Literal("mixed"))
    clear_memo()
    assert validate_quads(only_odd).results == ()  # what front matter says for a bilingual article


def test_remembered_descriptions_still_report_their_violations() -> None:
    clear_memo()
    bad = quads(label="rdfs:label 5")
    first = validate_quads(bad)
    second = validate_quads(bad)  # the actor's description is now remembered
    assert not first.conforms and not second.conforms
    assert first.text == second.text


def test_a_remembered_entity_linked_from_a_new_one_is_not_misjudged() -> None:
    clear_memo()
    assert validate_quads(quads()).conforms  # Russia and Lavrov are now remembered
    newcomer = ("GRAPH <https://w3id.org/peacetalks/id/graph/reference> {"
                " actor:Q7747 a pt:Person ; rdfs:label 'Vladimir Putin'@en ; pt:represents actor:Q159 . }"
                " GRAPH art:t { meeting:t-1 pt:participant actor:Q7747 . }")
    report = validate_quads(quads(extra=newcomer))  # Russia appears only as Putin's linked state
    assert report.conforms, report.text


def test_a_real_seed_article_conforms() -> None:
    doc = read_article(REPO / "seeds" / "000_762f463857c642e1.txt", 1_000_000)
    graph = build_article_graph(extract(doc))
    clear_memo()
    report = validate_quads(graph.quads)
    assert report.conforms, report.text
