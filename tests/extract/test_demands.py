"""Demands stage (kg.extract.demands): who demands what, on which issues, in English and Arabic.

The analyses are built by hand (sentences split, actor mentions placed from the gazetteer) so these tests
check the demands rules alone, whatever the actors stage does.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import demands, proposals
from kg.extract.demand_subjects import RunningSubject
from kg.extract.document import Document
from kg.extract.gazetteer import entity_by_key, state_of
from kg.extract.model import Analysis, Demand, Mention, Proposal
from kg.extract.sentences import split

RUSSIA, UKRAINE, USA, CHINA = "Q159", "Q212", "Q30", "Q148"
PUTIN, TRUMP = "Q7747", "Q22686"


def _analysis(body: str, names: dict[str, str], demonyms: dict[str, str] | None = None) -> Analysis:
    """An analysis of ``body`` with every occurrence of each name tagged as a mention of its gazetteer key."""
    a = Analysis(Document("t", body))
    a.sentences = split(body)
    for table, via in ((names, "name"), (demonyms or {}, "demonym")):
        for text, key in table.items():
            entity = entity_by_key(key)
            assert entity is not None, key
            start = body.find(text)
            while start >= 0:
                a.mentions.append(Mention(entity, start, start + len(text), text, via))
                start = body.find(text, start + 1)
    return a


def _pairs(ds: list[Demand]) -> set[tuple[str, str]]:
    return {(state_of(d.by).key, i) for d in ds for i in d.issues}


def _run(a: Analysis, monkeypatch: pytest.MonkeyPatch, prop: Proposal | None = None) -> list[Demand]:
    monkeypatch.setattr(proposals, "proposal_for_span", lambda a_, s, e: prop, raising=False)
    demands.run(a)
    for d in a.demands:
        assert a.doc.body[d.evidence.start:d.evidence.end] == d.evidence.quote
    return a.demands


def test_english_demand_with_addressee(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Russia demands that Ukraine withdraw from Donetsk and drop its bid to join NATO."
    ds = _run(_analysis(body, {"Russia": RUSSIA, "Ukraine": UKRAINE}), monkeypatch)
    assert len(ds) == 1
    assert ds[0].by.key == RUSSIA
    assert ds[0].issues == ["territory-withdrawal", "neutrality-no-nato"]
    assert ds[0].addressed_to is not None and ds[0].addressed_to.key == UKRAINE
    assert ds[0].evidence.quote == body


def test_person_is_the_demander(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Putin insists on a cap on the size of the army of Ukraine."
    ds = _run(_analysis(body, {"Putin": PUTIN, "Ukraine": UKRAINE}), monkeypatch)
    assert [(d.by.key, d.issues) for d in ds] == [(PUTIN, ["military-limits"])]


def test_arabic_verb_subject_order_and_clitics(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "وتطالب روسيا بانسحاب أوكرانيا من دونيتسك وبوقف إمدادات الأسلحة."
    ds = _run(_analysis(body, {"روسيا": RUSSIA, "أوكرانيا": UKRAINE}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "territory-withdrawal"), (RUSSIA, "end-military-aid")}


def test_arabic_pronoun_subject_continues_previous_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "وعرض بوتين رؤيته للسلام. وطالب بحياد أوكرانيا وعدم انضمامها إلى الناتو."
    ds = _run(_analysis(body, {"بوتين": PUTIN, "أوكرانيا": UKRAINE}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "neutrality-no-nato")}
    assert ds[0].by.key == PUTIN


def test_refusal_and_negation_yield_no_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    names = {"Ukraine": UKRAINE, "Russia": RUSSIA, "Zelensky": "Q3874799"}
    for body in ("Ukraine will not cede Donbas.",
                 "Russia did not demand a ceasefire.",
                 "Zelensky rejected calls for a ceasefire.",
                 "ورفضت أوكرانيا الانسحاب من دونباس."):
        assert _run(_analysis(body, names | {"أوكرانيا": UKRAINE}), monkeypatch) == [], body


def test_refused_issue_is_dropped_but_other_party_refusal_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Russia demands a buffer zone but rejected a ceasefire."
    assert _pairs(_run(_analysis(body, {"Russia": RUSSIA}), monkeypatch)) == {(RUSSIA, "buffer-zone")}
    body = "The US plan includes clauses that Kyiv rejected, such as a cap on the army."
    ds = _run(_analysis(body, {"Kyiv": UKRAINE}, {"US": USA}), monkeypatch)
    assert _pairs(ds) == {(USA, "military-limits")}


def test_proposal_clause_is_a_demand_by_its_author(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "China presented a plan. The document calls for a ceasefire and the lifting of sanctions."
    a = _analysis(body, {"China": CHINA})
    china = entity_by_key(CHINA)
    assert china is not None
    plan = Proposal(a.evidence(0, 23), "Chinese peace plan", authors=[china])
    a.proposals.append(plan)
    ds = _run(a, monkeypatch, prop=plan)
    assert _pairs(ds) == {(CHINA, "ceasefire"), (CHINA, "sanctions-relief")}
    assert all(d.stated_in is plan for d in ds)


def test_attribution_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Russia demands recognition of Crimea as Russian, according to Axios."
    ds = _run(_analysis(body, {"Russia": RUSSIA}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "territory-recognition")}
    assert ds[0].evidence.according_to == "Axios"


def test_frame_issue_is_not_demanded(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Russia's demands include a Ukrainian withdrawal from Donbas before a ceasefire can start."
    ds = _run(_analysis(body, {"Russia": RUSSIA}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "territory-withdrawal")}


def test_demand_after_its_content(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Kyiv wants to freeze the front line, rather than cede Donbas as Moscow demands."
    ds = _run(_analysis(body, {"Kyiv": UKRAINE, "Moscow": RUSSIA}), monkeypatch)
    assert _pairs(ds) == {(UKRAINE, "frontline-freeze"), (RUSSIA, "territory-withdrawal")}


def test_football_report_has_no_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    body = ("Shakhtar demanded a penalty in the second half. The coach insisted his team wants to win the "
            "league, and the fans called for a new stadium in Kyiv.")
    assert _run(_analysis(body, {"Kyiv": UKRAINE}), monkeypatch) == []


def test_opposing_a_no_issue_demands_it(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Moscow opposes any deployment of Western troops in Ukraine."
    ds = _run(_analysis(body, {"Moscow": RUSSIA, "Ukraine": UKRAINE}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "no-foreign-troops")}
    # Opposing neutrality, or a ceasefire, is no demand.
    body = "Kyiv rejected neutrality and opposes a ceasefire."
    assert _run(_analysis(body, {"Kyiv": UKRAINE}), monkeypatch) == []


def test_list_item_of_a_proposal_is_a_demand_by_its_author(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "China presented a plan with five points.\n1. A ceasefire along all fronts.\nPrices rose."
    a = _analysis(body, {"China": CHINA})
    china = entity_by_key(CHINA)
    assert china is not None
    plan = Proposal(a.evidence(0, 40), "Chinese plan", authors=[china])
    ds = _run(a, monkeypatch, prop=plan)
    assert _pairs(ds) == {(CHINA, "ceasefire")}
    assert ds[0].stated_in is plan and ds[0].evidence.quote.endswith("A ceasefire along all fronts.")


def test_arabic_title_before_subject_and_non_actor_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "ودعا الرئيس الأوكراني زيلينسكي إلى هدنة. ويريد القادة الأوروبيون ضمانات أمنية لأوكرانيا."
    ds = _run(_analysis(body, {"زيلينسكي": "Q3874799", "أوكرانيا": UKRAINE}, {"الأوكراني": UKRAINE}),
              monkeypatch)
    assert [(d.by.key, d.issues) for d in ds] == [("Q3874799", ["ceasefire"])]


def test_halting_aid_is_the_issue_not_seeking_it(monkeypatch: pytest.MonkeyPatch) -> None:
    names = {"Kyiv": UKRAINE, "Lavrov": "sergey-lavrov"}
    assert _run(_analysis("Kyiv is seeking more military aid.", names), monkeypatch) == []
    ds = _run(_analysis("Lavrov demanded that the West stop supplying weapons to Kyiv.", names), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "end-military-aid")}


def test_proposal_named_with_its_author_demands_its_content(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "وافق بوتين على اقتراح من ترامب بوقف استهداف منشآت الطاقة لمدة 30 يوما."
    ds = _run(_analysis(body, {"بوتين": PUTIN, "ترامب": TRUMP}), monkeypatch)
    assert _pairs(ds) == {(USA, "ceasefire")}
    body = "Russia rejected the US proposal for a ceasefire."
    ds = _run(_analysis(body, {"Russia": RUSSIA}, {"US": USA}), monkeypatch)
    assert _pairs(ds) == {(USA, "ceasefire")}


def test_issue_of_another_war_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Trump's plan calls for a ceasefire in Gaza."
    assert _run(_analysis(body, {"Trump": TRUMP}), monkeypatch) == []


def test_arabic_participle_keeps_the_sentence_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "واعتبر بوتين أن الحرب طويلة، داعيا كييف إلى اعتماد وضع الحياد."
    ds = _run(_analysis(body, {"بوتين": PUTIN, "كييف": UKRAINE}), monkeypatch)
    assert [(d.by.key, d.issues) for d in ds] == [(PUTIN, ["neutrality-no-nato"])]
    assert ds[0].addressed_to is not None and ds[0].addressed_to.key == UKRAINE


def test_adjectival_proposed_is_no_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Zelensky has accepted the proposed ceasefire."
    assert _run(_analysis(body, {"Zelensky": "Q3874799"}), monkeypatch) == []


def test_under_the_plan_is_a_clause_of_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Under the plan, Ukraine would hold elections within 100 days."
    a = _analysis(body, {"Ukraine": UKRAINE})
    usa = entity_by_key(USA)
    assert usa is not None
    plan = Proposal(a.evidence(0, 14), "US plan", authors=[usa])
    ds = _run(a, monkeypatch, prop=plan)
    assert _pairs(ds) == {(USA, "elections")} and ds[0].stated_in is plan


def test_arabic_that_he_demands_refers_to_the_main_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "أبلغ بوتين ماكرون أنه يشترط الاعتراف بالقرم أرضا روسية وإعلان حياد كييف."
    ds = _run(_analysis(body, {"بوتين": PUTIN, "ماكرون": "Q3052772", "كييف": UKRAINE}), monkeypatch)
    assert {d.by.key for d in ds} == {PUTIN}
    assert _pairs(ds) == {(RUSSIA, "territory-recognition"), (RUSSIA, "neutrality-no-nato")}


def test_arabic_gender_picks_the_running_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "ورفضت كييف هذه المطالب. وكرر مطلبه بنزع سلاح أوكرانيا."
    a = _analysis(body, {"كييف": UKRAINE, "أوكرانيا": UKRAINE})
    putin = entity_by_key(PUTIN)
    assert putin is not None
    monkeypatch.setattr(proposals, "proposal_for_span", lambda a_, s, e: None, raising=False)
    state = RunningSubject()
    state.set_topic(putin)  # Putin spoke in an earlier sentence
    ukraine = entity_by_key(UKRAINE)
    assert ukraine is not None
    state.set_topic(ukraine)
    second = a.sentences[1]
    ds = demands._sentence_demands(a, second, state)
    assert [(d.by.key, d.issues) for d in ds] == [(PUTIN, ["military-limits"])]


def test_negated_issue_is_not_demanded(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Putin insisted that his plan is not about a truce or a ceasefire but about neutrality."
    ds = _run(_analysis(body, {"Putin": PUTIN}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "neutrality-no-nato")}


def test_embedded_subject_that_is_no_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Zelensky noted that some partners suggested a buffer zone."
    assert _run(_analysis(body, {"Zelensky": "Q3874799"}), monkeypatch) == []
    body = "Zelensky said that he wants a buffer zone."
    ds = _run(_analysis(body, {"Zelensky": "Q3874799"}), monkeypatch)
    assert _pairs(ds) == {(UKRAINE, "buffer-zone")}


def test_asking_to_send_troops_is_not_no_foreign_troops(monkeypatch: pytest.MonkeyPatch) -> None:
    names = {"Britain": "Q145", "Moscow": RUSSIA}
    assert _run(_analysis("Britain proposed sending foreign troops to Ukraine.", names), monkeypatch) == []
    ds = _run(_analysis("Moscow demands a ban on deploying foreign troops.", names), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "no-foreign-troops")}


def test_condition_clause_is_demanded_by_the_main_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Trump threatened new tariffs on Russia unless it agrees to a ceasefire."
    ds = _run(_analysis(body, {"Trump": TRUMP, "Russia": RUSSIA}), monkeypatch)
    assert _pairs(ds) == {(USA, "ceasefire")}
    body = "وقال بوتين إنه لن ينهي الحرب إلا إذا تخلت كييف عن الانضمام إلى الناتو."
    ds = _run(_analysis(body, {"بوتين": PUTIN, "كييف": UKRAINE}), monkeypatch)
    assert _pairs(ds) == {(RUSSIA, "neutrality-no-nato")}


def test_passive_demand_names_the_demander_after(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "The ceasefire demanded by Kyiv has not materialised."
    ds = _run(_analysis(body, {"Kyiv": UKRAINE}), monkeypatch)
    assert _pairs(ds) == {(UKRAINE, "ceasefire")}


def test_passive_expected_to_is_no_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Witkoff is expected to meet Zelensky and Putin on Friday."
    names = {"Witkoff": "steve-witkoff", "Zelensky": "Q3874799", "Putin": PUTIN}
    assert _run(_analysis(body, names), monkeypatch) == []


_WORDS = ("Russia demands that Ukraine withdraw from Donbas ceasefire NATO ، . , ; : وتطالب روسيا بانسحاب "
          "أوكرانيا هدنة الناتو إلا إذا unless must يجب as Moscow demands rather than the plan includes 1. - "
          "« » ’ ـ ً  أنه يشترط داعيا").split(" ")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30),
       st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12)), max_size=4))
def test_any_text_yields_grounded_demands(words: list[str], spans: list[tuple[int, int]]) -> None:
    body = " ".join(words)
    a = Analysis(Document("t", body))
    a.sentences = split(body)
    russia = entity_by_key(RUSSIA)
    assert russia is not None
    for start, length in spans:
        if start < len(body):
            end = min(len(body), start + length)
            a.mentions.append(Mention(russia, start, end, body[start:end]))
    demands.run(a)
    for d in a.demands:
        assert body[d.evidence.start:d.evidence.end] == d.evidence.quote
        assert d.issues


def test_arabic_participle_after_verb_subject_with_genitive_title(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "ورحب الأمين العام للأمم المتحدة بتبادل الأسرى، داعيا إلى وقف فوري لإطلاق النار."
    ds = _run(_analysis(body, {"أمم المتحدة": "Q1065"}), monkeypatch)
    assert [(d.by.key, d.issues) for d in ds] == [("Q1065", ["ceasefire"])]


def test_quote_closed_by_its_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    body = '"Ukraine must withdraw its troops from Donbas," Peskov said.'
    ds = _run(_analysis(body, {"Ukraine": UKRAINE, "Peskov": "dmitry-peskov"}), monkeypatch)
    assert [(d.by.key, d.issues) for d in ds] == [("dmitry-peskov", ["territory-withdrawal"])]


def test_the_author_of_a_proposal_named_just_before_goes_on_stating_its_terms() -> None:
    from kg.extract import extract
    from kg.extract.document import parse_article

    body = (
        "Putin set out his conditions for a ceasefire on Friday. "
        "He demanded the withdrawal of Ukrainian troops from the four regions.\n\n"
        "Putin also insisted that Ukraine must never join NATO.\n\n"
        "Negotiations resumed\n\n"
        "Putin demanded the lifting of sanctions."
    )
    a = extract(parse_article(("---\npublished: 2024-06-15\n---\n" + body).encode(), "t"))
    conditions = [p for p in a.proposals if p.kind == "Conditions"]
    assert len(conditions) == 1
    by_issue = {i: d.stated_in for d in a.demands for i in d.issues}
    assert by_issue["territory-withdrawal"] is conditions[0]
    assert by_issue["neutrality-no-nato"] is conditions[0]  # one paragraph on: still its terms
    assert by_issue["sanctions-relief"] is None  # a heading starts another section


def _extracted_pairs(body: str) -> set[tuple[str, str]]:
    from kg.extract import extract
    from kg.extract.document import parse_article

    a = extract(parse_article(("---\npublished: 2025-08-01\n---\n" + body).encode(), "t"))
    return {(state_of(d.by).label_en, i) for d in a.demands for i in d.issues}


def test_a_verb_after_and_shares_the_subject_of_the_verb_before() -> None:
    body = ("Umerov said Kyiv had again proposed a meeting between President Zelensky and President Putin before "
            "the end of August, and demanded the return of Ukrainian children taken to Russia.")
    pairs = _extracted_pairs(body)
    assert ("Ukraine", "return-of-civilians") in pairs
    assert ("Russia", "return-of-civilians") not in pairs


def test_would_have_to_is_a_necessity_not_a_plan_clause() -> None:
    body = 'The Kremlin said any settlement would have to take into account "the new territorial realities".'
    assert _extracted_pairs(body) == {("Russia", "territory-recognition")}


def test_arabic_still_is_no_negation() -> None:
    # "لا تزال ترفض" is "still refuses": the refusal of foreign troops stands, so no-foreign-troops is demanded
    body = "موسكو لا تزال ترفض نشر أي قوات أوروبية في أوكرانيا بعد انتهاء الحرب."
    assert _extracted_pairs(body) == {("Russia", "no-foreign-troops")}
    assert _extracted_pairs("روسيا لا تريد وقف إطلاق النار.") == set()  # a real "لا" still negates


def test_a_term_of_a_joint_draft_binding_one_side_is_the_other_sides_demand() -> None:
    body = ("Russia and Ukraine held talks in Istanbul in March 2022.\n\n"
            "The Istanbul talks produced a draft treaty. The draft called for Ukraine to become a permanent "
            "neutral state.")
    assert _extracted_pairs(body) == {("Russia", "neutrality-no-nato")}


def test_what_is_offered_in_exchange_is_not_demanded() -> None:
    body = "Putin said Russia proposes freezing the conflict in exchange for Ukraine's neutrality."
    pairs = _extracted_pairs(body)
    assert ("Russia", "neutrality-no-nato") in pairs and ("Russia", "frontline-freeze") not in pairs
    swap = 'Ukraine demanded the release of all prisoners on an "all for all" basis.'
    assert ("Ukraine", "prisoner-exchange") in _extracted_pairs(swap)


def test_a_refusal_does_not_reach_a_verb_coordinated_after_it() -> None:
    body = "Ukraine has said it will not cede territory and wants an unconditional 30-day ceasefire first."
    assert _extracted_pairs(body) == {("Ukraine", "ceasefire")}


def test_conditions_after_as_soon_as_are_demanded_by_the_speaker_he_refers_to() -> None:
    body = ("US Vice President Kamala Harris announced new aid.\n\n"
            "The gathering opened a day after President Vladimir Putin set out his own terms. Speaking in Moscow "
            "on Friday, he said Russia would halt fighting as soon as Kyiv withdrew its troops from the Donetsk "
            "region and formally abandoned its plans to join NATO.")
    pairs = _extracted_pairs(body)
    assert {("Russia", "territory-withdrawal"), ("Russia", "neutrality-no-nato")} <= pairs
    assert not {p for p in pairs if p[0] == "United States"}
    assert ("Russia", "ceasefire") not in _extracted_pairs("Talks should resume as soon as possible, Putin said.")


def test_a_joint_document_of_mediators_is_demanded_by_each_of_them() -> None:
    body = ("الصين والبرازيل تطرحان \"توافقاً من ست نقاط\" للتسوية السياسية في أوكرانيا\n\n"
            "وتطالب الوثيقة بزيادة المساعدات الإنسانية وبتبادل أسرى الحرب بين الجانبين.")
    pairs = _extracted_pairs(body)
    assert {("China", "prisoner-exchange"), ("Brazil", "prisoner-exchange")} <= pairs


def test_a_refusal_unless_something_demands_that_thing() -> None:
    body = ("وافق الرئيس الروسي فلاديمير بوتين على وقف الضربات على منشآت الطاقة، لكنه رفض وقفاً شاملاً لإطلاق النار "
            "ما لم يتوقف إمداد كييف بالأسلحة الغربية.")
    assert ("Russia", "end-military-aid") in _extracted_pairs(body)


def test_arabic_speakers_before_their_verb_and_on_behalf_of_a_body() -> None:
    kremlin = "غير أن الكرملين أوضح أن الاتفاق لن يدخل حيز التنفيذ إلا إذا رُفعت العقوبات عن المصارف الروسية."
    assert _extracted_pairs(kremlin) == {("Russia", "sanctions-relief")}
    eu = ("وفي بروكسل، قالت متحدثة باسم الاتحاد الأوروبي إن رفع العقوبات مشروط بانسحاب غير مشروط لكل القوات "
          "الروسية من الأراضي الأوكرانية.")
    assert ("European Union", "territory-withdrawal") in _extracted_pairs(eu)


def test_brought_before_a_tribunal_is_no_time_frame() -> None:
    body = ("Zelensky, visiting the town on April 4, called the killings genocide and demanded that those "
            "responsible be brought before a tribunal.")
    assert _extracted_pairs(body) == {("Ukraine", "accountability")}
