"""The concessions stage: status from cue and modality, conceding party, issues, grounding.

Actor mentions are given by hand (names of the gazetteer found in the text), so these tests exercise the
concessions stage alone, whatever the actors stage finds.
"""

from __future__ import annotations

import re

import pytest

from kg.extract import concessions, sentences
from kg.extract.document import parse_article
from kg.extract.gazetteer import entity_by_key, state_of
from kg.extract.model import Analysis, Demand, Mention

# Surface forms → gazetteer keys (what the actors stage is expected to link; metonyms included).
NAMES = {
    "Ukraine": "Q212", "Kyiv": "Q212", "أوكرانيا": "Q212", "كييف": "Q212", "Russians": "Q159",
    "Russia": "Q159", "Moscow": "Q159", "روسيا": "Q159", "موسكو": "Q159",
    "United States": "Q30", "Washington": "Q30",
    "Zelensky": "Q3874799", "زيلينسكي": "Q3874799", "Putin": "Q7747", "بوتين": "Q7747",
    "Britain": "Q145", "بريطانيا": "Q145", "China": "Q148", "Israel": "Q801", "Hamas": "Q38799",
}


def analyse(text: str, demands: list[tuple[str, str, str]] = ()) -> Analysis:
    """Run the concessions stage on ``text`` with hand-made mentions (and demands: (name, issue, quote))."""
    a = Analysis(parse_article(text.encode(), "t"))
    sentences.run(a)
    for name, key in NAMES.items():
        ent = entity_by_key(key)
        assert ent is not None, key
        for m in re.finditer(r"(?<!\w)[وفبل]?(" + re.escape(name) + r")(?!\w)", a.doc.body):
            a.mentions.append(Mention(ent, m.start(1), m.end(1), m.group(1)))
    for name, issue, quote in demands:
        start = a.doc.body.index(quote)
        a.demands.append(Demand(a.evidence(start, start + len(quote)), entity_by_key(NAMES[name]), [issue]))
    concessions.run(a)
    return a


def facts(a: Analysis) -> set[tuple[str, str, str]]:
    """(conceding state, issue, status) triples, as the scorer compares them."""
    return {(state_of(c.by).label_en, i, c.status) for c in a.concessions for i in c.issues}


def test_will_not_cede_is_rejected_not_offered() -> None:
    got = facts(analyse("Ukraine will not cede Donbas."))
    assert got == {("Ukraine", "territory-withdrawal", "Rejected")}


def test_rejected_ceding_is_one_refusal() -> None:
    got = facts(analyse("Kyiv rejected ceding territory to Russia."))
    assert got == {("Ukraine", "territory-withdrawal", "Rejected")}


def test_arabic_refusal_verb_subject_order() -> None:
    got = facts(analyse("رفضت أوكرانيا التنازل عن أراضيها لروسيا."))
    assert got == {("Ukraine", "territory-withdrawal", "Rejected")}


def test_arabic_will_not_concede_sovereignty_is_recognition() -> None:
    got = facts(analyse("وشدد زيلينسكي على أن بلاده لن تتنازل عن سيادتها ووحدة أراضيها."))
    assert got == {("Ukraine", "territory-recognition", "Rejected")}


def test_ready_to_is_an_offer_by_the_speaker() -> None:
    a = analyse("Zelensky said he was ready to freeze the front line.")
    assert facts(a) == {("Ukraine", "frontline-freeze", "Offered")}
    assert a.concessions[0].by.key == "Q3874799"
    assert a.concessions[0].to is not None and a.concessions[0].to.key == "Q159"


def test_conditional_offer_stays_an_offer() -> None:
    got = facts(analyse("If a ceasefire holds, Ukraine could withdraw its troops from Zaporizhzhia."))
    assert ("Ukraine", "territory-withdrawal", "Offered") in got
    assert all(status != "Made" for _, _, status in got)


def test_both_sides_agreed_exchange_binds_both() -> None:
    got = facts(analyse("After talks in Istanbul between Russia and Ukraine, both sides agreed to exchange "
                        "1,000 prisoners of war."))
    assert got == {("Ukraine", "prisoner-exchange", "Accepted"), ("Russia", "prisoner-exchange", "Accepted")}


def test_both_sides_of_another_conflict_are_not_the_belligerents() -> None:
    got = facts(analyse("Israel and Hamas agreed to a truce, and both sides agreed to exchange prisoners."))
    assert not {state for state, _, _ in got} & {"Russia", "Ukraine"}


def test_arabic_release_of_prisoners_is_made() -> None:
    got = facts(analyse("وأفرجت روسيا عن 150 أسير حرب أوكرانيا في إطار صفقة تبادل."))
    assert got == {("Russia", "prisoner-exchange", "Made")}
    got = facts(analyse("Russia and Ukraine exchanged 390 prisoners of war on Friday."))
    assert got == {("Russia", "prisoner-exchange", "Made"), ("Ukraine", "prisoner-exchange", "Made")}


def test_insisting_starts_a_new_object() -> None:
    got = facts(analyse("Russia has repeatedly rejected calls for a ceasefire, insisting that Ukraine first "
                        "withdraw from the four regions."))
    assert got == {("Russia", "ceasefire", "Rejected")}


def test_arabic_coordinated_subjects_signed() -> None:
    got = facts(analyse("ووافقت موسكو وكييف على هدنة في البحر الأسود لمدة شهر."))
    assert got == {("Ukraine", "ceasefire", "Accepted"), ("Russia", "ceasefire", "Accepted")}


def test_requested_needs_concession_framing() -> None:
    got = facts(analyse("The United States wants Ukraine to cede the rest of Donbas to Russia."))
    assert got == {("Ukraine", "territory-withdrawal", "Requested")}
    # A plain demand is the demands stage's business, not a concession.
    assert facts(analyse("Russia demands that Ukraine withdraw from Donetsk.")) == set()


def test_failed_to_convince_is_a_refusal_by_the_object() -> None:
    got = facts(analyse("وأخفق ترامب في إقناع روسيا بتبني هدنة شاملة."))
    assert got == {("Russia", "ceasefire", "Rejected")}


def test_negated_refusal_states_nothing() -> None:
    assert facts(analyse("Putin did not reject the ceasefire.")) == set()


def test_asked_to_agree_is_not_agreement() -> None:
    got = facts(analyse("وأعلن ترامب أنه سيطلب من بوتين الموافقة على قمة ثلاثية."))
    assert ("Russia", "leaders-meeting", "Accepted") not in got


def test_proposal_by_a_non_giver_is_not_an_offer() -> None:
    # China can propose a ceasefire but cannot give one: that is a demand, not a concession.
    assert facts(analyse("China proposed a ceasefire between Russia and Ukraine.")) == set()
    assert facts(analyse("The United States offered a security guarantee for Kyiv.")) == {
        ("United States", "security-guarantees", "Offered")}


def test_rejecting_these_demands_takes_the_issues_of_the_other_side() -> None:
    text = ("Russia demands Ukraine's neutrality and limits on the Ukrainian army. "
            "Ukraine views these demands as tantamount to surrender.")
    a = analyse(text, demands=[("Russia", "neutrality-no-nato", "Russia demands Ukraine's neutrality"),
                               ("Russia", "military-limits", "limits on the Ukrainian army")])
    assert facts(a) == {("Ukraine", "neutrality-no-nato", "Rejected"),
                        ("Ukraine", "military-limits", "Rejected")}
    assert all(c.responds_to is not None and c.responds_to.by.key == "Q159" for c in a.concessions)


def test_third_state_offering_troops_offers_a_guarantee() -> None:
    got = facts(analyse("اقترحت بريطانيا إمكانية إرسال قوات أجنبية إلى أوكرانيا بعد اتفاق سلام."))
    assert got == {("United Kingdom", "security-guarantees", "Offered")}


def test_hedged_and_conditional_agreements_state_no_fact() -> None:
    assert facts(analyse("Russia is unlikely to accept a ceasefire, analysts say.")) == set()
    got = facts(analyse("The United States may ease sanctions on Russia if Moscow agrees to a ceasefire."))
    assert ("Russia", "ceasefire", "Accepted") not in got and ("Russia", "ceasefire", "Offered") not in got


def test_arabic_qad_may_or_had() -> None:
    got = facts(analyse("وقالت روسيا إنها قد تقبل بهدنة لمدة ثلاثين يوما."))
    assert got == {("Russia", "ceasefire", "Offered")}
    assert facts(analyse("وكانت أوكرانيا قد وافقت على هدنة لمدة ثلاثين يوما.")) == {
        ("Ukraine", "ceasefire", "Accepted")}


def test_not_ruling_out_is_an_offer() -> None:
    got = facts(analyse("Moscow does not rule out a meeting between Putin and Zelensky."))
    assert got == {("Russia", "leaders-meeting", "Offered")}


def test_unacceptable_conditions_are_refused_by_the_other_side() -> None:
    text = ("The Russians have put forward a number of unacceptable conditions. "
            "Russia's demands include the withdrawal of Ukrainian troops from Donetsk.")
    a = analyse(text, demands=[("Russia", "territory-withdrawal", "withdrawal of Ukrainian troops")])
    assert facts(a) == {("Ukraine", "territory-withdrawal", "Rejected")}


def test_object_of_a_preposition_is_not_the_subject() -> None:
    text = "Leaders said a deal must include security guarantees for Ukraine and that they are ready to help."
    assert facts(analyse(text)) == set()


def test_passive_agent_is_the_party_and_participles_are_not_cues() -> None:
    got = facts(analyse("The ceasefire proposal was rejected by Moscow on Friday."))
    assert got == {("Russia", "ceasefire", "Rejected")}
    text = "The plan falls short of the security guarantees offered by NATO membership, Ukraine says."
    assert facts(analyse(text)) == set()


def test_agreements_reached_bind_both_and_missing_ones_state_nothing() -> None:
    got = facts(analyse("توصلت روسيا وأوكرانيا إلى اتفاق بشأن تبادل الأسرى."))
    assert got == {("Russia", "prisoner-exchange", "Accepted"), ("Ukraine", "prisoner-exchange", "Accepted")}
    assert facts(analyse("No agreement was reached on a ceasefire between Russia and Ukraine.")) == set()
    got = facts(analyse("اقترحت بريطانيا إرسال قوات أجنبية إلى أوكرانيا بعد التوصل إلى اتفاق سلام مع روسيا."))
    assert ("United Kingdom", "security-guarantees", "Accepted") not in got


def test_football_report_has_no_concessions() -> None:
    text = ("Real Madrid beat Barcelona 2-1 on Sunday. The coach said the team was ready to fight for the "
            "title and refused to comment on the referee. Both sides agreed the pitch was poor.")
    assert analyse(text).concessions == []


@pytest.mark.parametrize("text", [
    "Ukraine will not cede Donbas.",
    "رفضت أوكرانيا التنازل عن أراضيها لروسيا.",
    "After talks in Istanbul between Russia and Ukraine, both sides agreed to exchange 1,000 prisoners.",
])
def test_evidence_is_grounded(text: str) -> None:
    a = analyse(text)
    assert a.concessions
    for c in a.concessions:
        assert a.doc.body[c.evidence.start:c.evidence.end] == c.evidence.quote


def test_a_concession_word_right_after_a_refusal_is_its_object_not_a_request() -> None:
    from kg.extract import extract
    from kg.extract.document import parse_article

    for text in ("ورفض فولوديمير زيلينسكي أي تنازلات عن الأراضي.", "Zelensky rejected any territorial concessions."):
        a = extract(parse_article(("---\npublished: 2025-08-15\n---\n" + text).encode(), "t"))
        assert {(c.by.key, c.status) for c in a.concessions} == {("Q3874799", "Rejected")}, text
    # A list of a plan's clauses after the refusal is still asked of the party.
    a = extract(parse_article(
        b"The draft includes clauses that Kyiv had rejected, such as: conceding areas it holds.", "t"))
    assert {c.status for c in a.concessions} == {"Rejected", "Requested"}


def _extracted_concessions(body: str) -> set[tuple[str, str, str]]:
    from kg.extract import extract, parse_article
    from kg.extract.gazetteer import state_of

    a = extract(parse_article(("---\npublished: 2025-07-24\n---\n" + body).encode(), "t"))
    return {(state_of(c.by).label_en, i, c.status) for c in a.concessions for i in c.issues}


def test_what_one_side_demands_of_the_other_is_no_concession_of_the_other() -> None:
    body = ("Moscow demanded that Ukraine withdraw from four regions Russia claims as its own and renounce any "
            "plans to join NATO.")
    assert not {c for c in _extracted_concessions(body) if c[0] == "Ukraine" and c[2] in ("Offered", "Made")}


def test_an_act_in_a_condition_is_no_fact() -> None:
    body = ("Putin said Russia would halt fighting and start negotiations as soon as Kyiv withdrew its troops "
            "from the Donetsk region.")
    assert ("Ukraine", "territory-withdrawal", "Made") not in _extracted_concessions(body)


def test_a_refusal_ends_where_a_wish_begins() -> None:
    body = "Ukraine has said it will not cede territory and wants an unconditional 30-day ceasefire first."
    assert _extracted_concessions(body) == {("Ukraine", "territory-withdrawal", "Rejected")}


def test_a_territorial_concession_in_the_singular_is_refused_too() -> None:
    assert _extracted_concessions("Ukraine rejected any territorial concession.") == {
        ("Ukraine", "territory-withdrawal", "Rejected")}
