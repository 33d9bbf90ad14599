"""The proposals stage on small hand-made texts, with actor mentions given by hand (not the actors stage)."""

from __future__ import annotations

import re

import pytest

from kg.extract import proposals
from kg.extract.document import Document
from kg.extract.gazetteer import entity_by_key, state_of
from kg.extract.model import Analysis, DateMention, Mention, Proposal
from kg.extract.sentences import split

US, RU, UA, CN = "Q30", "Q159", "Q212", "Q148"
TRUMP, PUTIN, ZELENSKY = "Q22686", "Q7747", "Q3874799"


def _analysis(body: str, actors: dict[str, str], demonyms: dict[str, str] | None = None,
              dates: dict[str, str] | None = None) -> Analysis:
    """An Analysis of ``body`` with every occurrence of each surface form in ``actors``/``demonyms`` as a
    mention of the given gazetteer key, and the ``dates`` surface forms resolved to the given values."""
    a = Analysis(Document(id="t", body=body))
    a.sentences = split(body)
    for table, via in ((actors, "name"), (demonyms or {}, "demonym")):
        for surface, key in table.items():
            ent = entity_by_key(key)
            assert ent is not None, key
            for m in re.finditer(re.escape(surface), body):
                a.mentions.append(Mention(ent, m.start(), m.end(), surface, via))
    for surface, value in (dates or {}).items():
        for m in re.finditer(re.escape(surface), body):
            a.dates.append(DateMention(m.start(), m.end(), surface, value))
    proposals.run(a)
    return a


def _states(p: Proposal) -> set[str]:
    return {state_of(e).key for e in p.authors}


def _grounded(a: Analysis) -> None:
    for p in a.proposals:
        ev = p.evidence
        assert a.doc.body[ev.start:ev.end] == ev.quote


# --- point counts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "actors", "points"), [
    ("Zelensky presented a ten-point plan to end the war.", {"Zelensky": ZELENSKY}, 10),
    ("China released a twelve-point peace plan on the war.", {"China": CN}, 12),
    ("عرض زيلينسكي خطة سلام من عشر نقاط خلال القمة.", {"زيلينسكي": ZELENSKY}, 10),
    ("قدمت واشنطن خطة مكونة من 28 بنداً لإنهاء الحرب.", {"واشنطن": US}, 28),
    ("اقترحت الصين خطة سلام من ١٢ نقطة.", {"الصين": CN}, 12),
    ("These are the 5 points of the Victory Plan presented by Zelensky.", {"Zelensky": ZELENSKY}, 5),
    ("Kyiv is studying the proposed peace deal drafted by Washington, which has 28 clauses.",
     {"Kyiv": UA, "Washington": US}, 28),
    ("وقال مسؤولون إن مقترح السلام الذي قدمته روسيا يتضمن ثمانية بنود.", {"روسيا": RU}, 8),
])
def test_point_count_from_digits_and_number_words(body: str, actors: dict[str, str], points: int) -> None:
    a = _analysis(body, actors)
    assert [p.points for p in a.proposals] == [points]
    _grounded(a)


def test_a_duration_is_not_a_point_count() -> None:
    a = _analysis("Ukraine accepted a US proposal for a 30-day ceasefire.", {"Ukraine": UA}, {"US": US})
    assert len(a.proposals) == 1
    assert a.proposals[0].points is None
    assert _states(a.proposals[0]) == {US}


# --- authors -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "actors", "demonyms", "state"), [
    ("Kyiv received the American peace plan on Monday.", {"Kyiv": UA}, {"American": US}, US),
    ("Russia rejected Trump's plan for Ukraine.", {"Russia": RU, "Trump": TRUMP}, {}, US),
    ("The plan proposed by China calls for a ceasefire.", {"China": CN}, {}, CN),
    ("ناقش الوفد الخطة الأمريكية للتسوية.", {}, {"الأمريكية": US}, US),
    ("ورفضت روسيا خطة ترامب لإنهاء الحرب.", {"روسيا": RU, "ترامب": TRUMP}, {}, US),
    ("وتتضمن المذكرة الروسية مطالب عدة.", {}, {"الروسية": RU}, RU),
    ("وافق بوتين على اقتراح من الرئيس الأمريكي دونالد ترامب بوقف الضربات.",
     {"بوتين": PUTIN, "دونالد ترامب": TRUMP}, {"الأمريكي": US}, US),
])
def test_author_from_demonym_possessive_or_agent(body: str, actors: dict[str, str], demonyms: dict[str, str],
                                                 state: str) -> None:
    a = _analysis(body, actors, demonyms)
    assert len(a.proposals) == 1
    assert _states(a.proposals[0]) == {state}


def test_the_subject_who_rejects_a_plan_is_not_its_author() -> None:
    a = _analysis("Moscow presented a peace plan. Kyiv rejected the plan.", {"Moscow": RU, "Kyiv": UA})
    assert len(a.proposals) == 1
    assert _states(a.proposals[0]) == {RU}


# --- coreference -------------------------------------------------------------------------------------------


def test_repeated_mentions_make_one_proposal() -> None:
    body = ("Washington drafted a 28-point peace plan with Moscow. The plan calls for a ceasefire. "
            "Kyiv received the American plan on Friday. Critics said the 28-point plan favours Russia.\n"
            "وقالت مصادر إن خطة ترامب تتضمن ضمانات أمنية.")
    a = _analysis(body, {"Washington": US, "Moscow": RU, "Kyiv": UA, "Russia": RU, "ترامب": TRUMP},
                  {"American": US})
    assert len(a.proposals) == 1
    p = a.proposals[0]
    assert (p.points, _states(p), p.kind) == (28, {US}, "PeacePlan")
    assert "28-point" in p.label


def test_a_plan_for_another_conflict_is_another_proposal() -> None:
    body = "The White House prepared a peace plan for Ukraine. It copies Trump's Gaza plan."
    a = _analysis(body, {"White House": US, "Trump": TRUMP})
    assert len(a.proposals) == 2
    assert all(_states(p) == {US} for p in a.proposals)
    assert any("Gaza" in p.label for p in a.proposals)


def test_distinct_authors_make_distinct_proposals() -> None:
    body = ("Russia handed over its memorandum in Istanbul. Ukraine handed over a memorandum too. "
            "China proposed a 12-point peace plan.")
    a = _analysis(body, {"Russia": RU, "Ukraine": UA, "China": CN})
    assert sorted((p.kind, tuple(_states(p))) for p in a.proposals) == [
        ("Memorandum", (RU,)), ("Memorandum", (UA,)), ("PeacePlan", (CN,))]


# --- kinds -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "kind"), [
    ("The Russian memorandum lists demands.", "Memorandum"),
    ("European powers presented a counter-proposal.", "CounterProposal"),
    ("Moscow said the talks produced a draft treaty.", "DraftTreaty"),
    ("Putin set out conditions for a ceasefire.", "Conditions"),
    ("وحدد بوتين شروط بلاده لوقف إطلاق النار.", "Conditions"),
    ("كشفت روسيا أن المحادثات تمخضت عن مسودة اتفاق.", "DraftTreaty"),
    ("Moscow said a settlement is possible only on the basis of Ukraine's neutrality.", "Conditions"),
])
def test_kind_mapping(body: str, kind: str) -> None:
    a = _analysis(body, {"Moscow": RU, "Putin": PUTIN, "بوتين": PUTIN, "روسيا": RU}, {"Russian": RU})
    assert [p.kind for p in a.proposals] == [kind]


# --- revisions and reiteration -----------------------------------------------------------------------------


def test_revised_plan_is_a_revision_of_the_earlier_one() -> None:
    body = ("The US put forward a 28-point plan in November. "
            "After talks in Geneva, negotiators agreed a revised 19-point plan.")
    a = _analysis(body, {"US": US}, dates={"November": "2025-11"})
    assert len(a.proposals) == 2
    old, new = sorted(a.proposals, key=lambda p: p.points or 0, reverse=True)
    assert (old.points, new.points) == (28, 19)
    assert new.revision_of is old and old.revision_of is None
    assert old.date == "2025-11"


def test_reduced_from_n_to_m_points() -> None:
    body = ("وسلّم ويتكوف بوتين النسخة المعدلة من خطة السلام الأمريكية بعد تقليصها من 28 بنداً إلى 19.\n"
            "Witkoff handed over the new version of the American peace plan, cut from 28 points to 19.\n"
            "Officials said the 19-point plan has been amended again since then.")
    a = _analysis(body, {"ويتكوف": "steve-witkoff", "بوتين": PUTIN, "Witkoff": "steve-witkoff"},
                  {"الأمريكية": US, "American": US})
    by_points = {p.points: p for p in a.proposals}
    assert set(by_points) == {28, 19, None}
    assert by_points[19].revision_of is by_points[28]
    assert by_points[None].revision_of is by_points[19]
    assert all(_states(p) == {US} for p in a.proposals)


def test_memorandum_reiterates_earlier_demands_of_its_author() -> None:
    body = ("In June 2024 Putin set out conditions for a ceasefire. "
            "In 2025 the Russian memorandum repeats the demands Putin made in 2024.")
    a = _analysis(body, {"Putin": PUTIN}, {"Russian": RU})
    kinds = {p.kind: p for p in a.proposals}
    assert set(kinds) == {"Conditions", "Memorandum"}
    assert kinds["Memorandum"].reiterates == [kinds["Conditions"]]


# --- what is not a proposal --------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "The coach's game plan worked: the team pressed high and the striker scored twice before the break. "
    "The club plans to sign a new goalkeeper, and fans proposed a new chant.",
    "He plans to leave his position at the beginning of next year.",
    "Putin said the talks are not centered around a draft agreement but on a range of proposals.",
    "Moscow asked whether Kyiv would agree to any proposal hammered out by the Europeans.",
    "وفي الجزء الذي يحدد الإطار الزمني لتنفيذها، لم يتفق الطرفان.",
    "Russia's plan to capture Pokrovsk has stalled, Moscow admitted.",
    "Ukraine lowered the draft age to 25. Men of draft age cannot leave.",
    "Prisoners described harsh conditions in Russian jails. Living conditions in Kharkiv are poor.",
    "Ukraine gave up its nuclear arsenal under the Budapest Memorandum in 1994.",
    "The UN General Assembly adopted a draft resolution on the war.",
    "Tickets are sold only on the basis of availability.",
    "Brussels tabled a proposal for new sanctions on Russia, and Kyiv presented a reconstruction plan.",
    "ووضعت أوكرانيا خطة إعادة الإعمار بقيمة 500 مليار دولار.",
    "Officials said Moscow and Kyiv plan to hold talks next week.",
    "Church leaders called for a peace plan that respects everyone.",
])
def test_no_proposal(body: str) -> None:
    a = _analysis(body, {"Putin": PUTIN, "Moscow": RU, "Kyiv": UA})
    assert a.proposals == []


# --- the clause helper for demands/concessions -------------------------------------------------------------


def test_proposal_for_span() -> None:
    body = ("China proposed a 12-point peace plan.\n"
            "The plan calls for a ceasefire.\n"
            "1. Respect the sovereignty of all countries.\n"
            "Separately, the weather was cold.")
    a = _analysis(body, {"China": CN})
    (p,) = a.proposals
    calls = body.index("calls for")
    assert proposals.proposal_for_span(a, calls, calls + 9) is p
    item = body.index("Respect")
    assert proposals.proposal_for_span(a, item, item + 7) is p
    cold = body.index("weather")
    assert proposals.proposal_for_span(a, cold, cold + 7) is None


def test_conditions_inside_a_memorandum_are_its_content() -> None:
    a = _analysis("وقدمت روسيا مذكرة تتضمن شروطها لوقف إطلاق النار.", {"روسيا": RU})
    assert [(p.kind, _states(p)) for p in a.proposals] == [("Memorandum", {RU})]


def test_a_counter_proposal_does_not_take_the_author_of_the_plan_it_answers() -> None:
    a = _analysis("وقدمت الدول الأوروبية مقترحا أوروبيا مضادا للخطة الأمريكية.", {}, {"الأمريكية": US})
    kinds = {p.kind: p for p in a.proposals}
    assert set(kinds) == {"CounterProposal", "PeacePlan"}
    assert kinds["CounterProposal"].authors == [] and _states(kinds["PeacePlan"]) == {US}


def test_revised_framework_revises_the_plan_of_a_shared_party() -> None:
    body = ("The US drafted a 28-point peace plan. Subsequently, European powers presented a "
            "counter-proposal, and the US and Ukraine followed with a revised framework for peace.")
    a = _analysis(body, {"US": US, "Ukraine": UA})
    kinds = {p.kind: p for p in a.proposals}
    assert set(kinds) == {"PeacePlan", "CounterProposal", "Framework"}
    assert kinds["Framework"].revision_of is kinds["PeacePlan"]
    assert _states(kinds["Framework"]) == {US, UA}


def test_named_plans_of_one_author_stay_apart() -> None:
    body = ("In 2022 Zelensky presented his peace formula. In October 2024 Zelensky presented the "
            "Victory Plan to parliament. The Victory Plan has five points.")
    a = _analysis(body, {"Zelensky": ZELENSKY})
    assert len(a.proposals) == 2
    assert sorted("Victory Plan" in p.label for p in a.proposals) == [False, True]


def test_dated_introductions_of_one_party_are_distinct_proposals() -> None:
    body = "In March the US floated a proposal for a ceasefire. In November the US drafted a 28-point plan."
    a = _analysis(body, {"US": US}, dates={"March": "2025-03", "November": "2025-11"})
    assert sorted((p.date, p.points) for p in a.proposals) == [("2025-03", None), ("2025-11", 28)]


def test_plural_cue_of_two_parties_names_one_proposal_each() -> None:
    a = _analysis("Talks in Istanbul compared the Russian and Ukrainian memoranda.", {},
                  {"Russian": RU, "Ukrainian": UA})
    assert sorted(tuple(_states(p)) for p in a.proposals) == [(RU,), (UA,)]
    assert all(p.kind == "Memorandum" for p in a.proposals)


def test_a_joint_proposal_named_later_by_one_party_stays_one() -> None:
    body = ("Witkoff drafted a plan with Dmitriev. The plan drafted by Witkoff and Dmitriev has 28 points. "
            "Kyiv criticised the American plan. China and Brazil announced a joint initiative.")
    a = _analysis(body, {"Witkoff": "steve-witkoff", "Dmitriev": "kirill-dmitriev", "Kyiv": UA, "China": CN,
                         "Brazil": "Q155"}, {"American": US})
    assert sorted(sorted(_states(p)) for p in a.proposals) == [[CN, "Q155"], [RU, US]]


def test_he_presented_takes_the_person_of_the_sentence_before() -> None:
    body = ("Zelensky met European leaders in Berlin. He presented a 20-point plan. "
            "He added that the plan was fair.")
    a = _analysis(body, {"Zelensky": ZELENSKY})
    assert [(p.points, _states(p)) for p in a.proposals] == [(20, {UA})]


def test_a_speaker_is_not_the_author_of_the_plan_spoken_of() -> None:
    body = "The US drafted a 28-point plan. Zelensky said the 28-point plan was a starting point."
    a = _analysis(body, {"US": US, "Zelensky": ZELENSKY})
    assert [(p.points, _states(p)) for p in a.proposals] == [(28, {US})]


def test_the_document_refers_to_the_proposal_named_before() -> None:
    body = "China published a 12-point position paper.\nThe document calls for a ceasefire."
    a = _analysis(body, {"China": CN})
    (p,) = a.proposals
    calls = body.index("calls")
    assert proposals.proposal_for_span(a, calls, calls + 5) is p
    assert _analysis("The document calls for a ceasefire.", {}).proposals == []


# --- generalisation: what a party does to a proposal it did not write ---------------------------------------


@pytest.mark.parametrize("body", [
    "أصدرت المحكمة مذكرة توقيف بحق الرئيس بوتين بتهمة ترحيل أطفال.",
    "وسلمت الخارجية مذكرة احتجاج إلى السفير الروسي.",
])
def test_a_warrant_or_protest_note_is_no_memorandum(body: str) -> None:
    assert _analysis(body, {"بوتين": PUTIN}).proposals == []


@pytest.mark.parametrize("body", [
    "Moscow announced on Monday that it was suspending its participation in the grain initiative.",
    "Kyiv said it would withdraw from the initiative if the shipments stop.",
    "أعلنت موسكو تعليق مشاركتها في مبادرة تصدير الحبوب.",
    "وأعلنت كييف انسحابها من المبادرة.",
])
def test_a_party_leaving_or_suspending_an_initiative_is_not_its_author(body: str) -> None:
    a = _analysis(body, {"Moscow": RU, "Kyiv": UA, "موسكو": RU, "كييف": UA})
    assert all(not p.authors for p in a.proposals)


# --- generalisation: more kinds of proposal, their parties ------------------------------------------------

IN = "Q668"


@pytest.mark.parametrize(("body", "actors", "demonyms", "states", "points"), [
    # a declaration, a communiqué, a consensus, a formula, a road map: proposals when a party or a count
    # makes them specific
    ("A four-point declaration, negotiated by American and Chinese diplomats, was circulated on Monday.",
     {}, {"American": US, "Chinese": CN}, {US, CN}, 4),
    ("The communique issued by China urges both armies to stop.", {"China": CN}, {}, {CN}, None),
    ("India and China floated a five-point consensus on the crisis.", {"India": IN, "China": CN}, {},
     {IN, CN}, 5),
    ("Zelensky's eight-point formula calls for a full withdrawal.", {"Zelensky": ZELENSKY}, {}, {UA}, 8),
    ("China unveiled a road map for talks.", {"China": CN}, {}, {CN}, None),
    ("A memorandum of understanding, signed by Putin in the morning, commits the UN to help.",
     {"Putin": PUTIN}, {}, {RU}, None),
    ("وطرحت الهند والصين توافقاً من خمس نقاط بشأن الأزمة.", {"الهند": IN, "الصين": CN}, {}, {IN, CN}, 5),
    ("ورحبت كييف بالبيان الختامي الذي أصدرته الصين.", {"كييف": UA, "الصين": CN}, {}, {CN}, None),
    ("وقدم زيلينسكي صيغته المؤلفة من عشر نقاط.", {"زيلينسكي": ZELENSKY}, {}, {UA}, 10),
    ("وطرحت الصين خارطة طريق من أربع نقاط.", {"الصين": CN}, {}, {CN}, 4),
    ("وتدعو المبادرة الصادرة عن الصين إلى وقف القتال.", {"الصين": CN}, {}, {CN}, None),
    ("وأصدرت الصين والهند مقترحا مشتركا.", {"الصين": CN, "الهند": IN}, {}, {CN, IN}, None),
])
def test_declarations_consensus_formulas_and_their_parties(body: str, actors: dict[str, str],
                                                           demonyms: dict[str, str], states: set[str],
                                                           points: int | None) -> None:
    a = _analysis(body, actors, demonyms)
    assert [(_states(p), p.points) for p in a.proposals] == [(states, points)]
    _grounded(a)


@pytest.mark.parametrize(("body", "kind"), [
    ("On Friday Putin laid out his terms for a truce.", "Conditions"),
    ("Kyiv set out its own terms for talks.", "Conditions"),
])
def test_terms_set_by_a_party_are_conditions(body: str, kind: str) -> None:
    a = _analysis(body, {"Putin": PUTIN, "Kyiv": UA})
    assert [p.kind for p in a.proposals] == [kind]
    assert len(a.proposals[0].authors) == 1


@pytest.mark.parametrize("body", [
    "In terms of weapons, Kyiv wants more. Putin served two terms as president.",
    "Kyiv has come to terms with the loss, and Putin set the terms of the debate.",
    "There is a broad consensus in Kyiv that the war must end.",
    "وتوافق موسكو على وقف الضربات، وقال بوتين إن التوافق الدولي غائب.",
    "Putin said the funding formula for the regions would change.",
    "The UN recalled the declaration of war by Putin.",
])
def test_not_proposals_either(body: str) -> None:
    a = _analysis(body, {"Putin": PUTIN, "Kyiv": UA, "موسكو": RU, "بوتين": PUTIN})
    assert a.proposals == []


def test_a_date_after_the_article_is_not_the_proposals_date() -> None:
    import datetime as dt

    body = "Russia handed over a memorandum on May 3. China proposed a 12-point plan for talks on August 9."
    a = Analysis(Document(id="t", body=body, published=dt.date(2025, 7, 1)))
    a.sentences = split(body)
    for name, key in (("Russia", RU), ("China", CN)):
        ent = entity_by_key(key)
        assert ent is not None
        i = body.index(name)
        a.mentions.append(Mention(ent, i, i + len(name), name, "name"))
    for surface, value in (("May 3", "2025-05-03"), ("August 9", "2025-08-09")):
        i = body.index(surface)
        a.dates.append(DateMention(i, i + len(surface), surface, value))
    proposals.run(a)
    assert sorted((p.kind, p.date) for p in a.proposals) == [("Memorandum", "2025-05-03"),
                                                             ("PeacePlan", None)]


@pytest.mark.parametrize(("body", "actors", "state"), [
    ("In the memorandum it submitted last week, Moscow insisted on a ban on foreign troops.",
     {"Moscow": RU}, RU),
    ("Under its new peace plan, China wants a ceasefire first.", {"China": CN}, CN),
    ("وفي مذكرتها، طالبت موسكو بحياد أوكرانيا.", {"موسكو": RU}, RU),
    ("وبموجب الخطة التي قدمها، يريد ترامب وقفا لإطلاق النار.", {"ترامب": TRUMP}, US),
])
def test_a_fronted_phrase_with_a_pronoun_takes_the_main_subject_as_author(body: str, actors: dict[str, str],
                                                                          state: str) -> None:
    a = _analysis(body, actors)
    assert [_states(p) for p in a.proposals] == [{state}]


def test_a_fronted_phrase_without_a_pronoun_names_no_author() -> None:
    a = _analysis("In the memorandum, Kyiv found nothing new.", {"Kyiv": UA})
    assert [p.authors for p in a.proposals] == [[]]


@pytest.mark.parametrize("body", [
    "Peskov said on Monday that the talks were useful. The spokesman added that peace is possible only on "
    "the basis of Ukraine's neutrality.",
    "وقال بيسكوف إن المحادثات مفيدة. وأضاف المتحدث أن السلام ممكن فقط على أساس حياد أوكرانيا.",
])
def test_conditions_in_reported_speech_are_the_last_speakers(body: str) -> None:
    a = _analysis(body, {"Peskov": "dmitry-peskov", "بيسكوف": "dmitry-peskov"})
    assert [(p.kind, _states(p)) for p in a.proposals] == [("Conditions", {RU})]


def test_conditions_with_no_speaker_quoted_before_have_no_author() -> None:
    a = _analysis("Reporters said peace is possible only on the basis of trust.", {"Peskov": "dmitry-peskov"})
    assert a.proposals == []


def test_two_names_side_by_side_are_subject_and_object_in_arabic() -> None:
    a = _analysis("وسلمت روسيا أوكرانيا مذكرة تتضمن مطالبها.", {"روسيا": RU, "أوكرانيا": UA})
    assert [(p.kind, _states(p)) for p in a.proposals] == [("Memorandum", {RU})]


@pytest.mark.parametrize("body", [
    "China proposed a peace plan on Monday. African leaders presented a 10-point initiative on Friday.",
    "واقترحت الصين خطة سلام. وطرح القادة الأفارقة مبادرة من عشرة بنود.",
])
def test_an_indefinite_count_of_a_group_is_another_proposal(body: str) -> None:
    a = _analysis(body, {"China": CN, "الصين": CN})
    assert sorted((p.points or 0, tuple(_states(p))) for p in a.proposals) == [(0, (CN,)), (10, ())]


@pytest.mark.parametrize(("body", "actors", "states", "points"), [
    ("Kyiv and Washington worked out a 20-point document.", {"Kyiv": UA, "Washington": US}, {UA, US}, 20),
    ("وعرض الوفد الأوكراني ورقة من خمسة عشر بندا.", {}, {UA}, 15),
])
def test_a_document_with_a_count_and_an_author_is_a_proposal(body: str, actors: dict[str, str],
                                                             states: set[str], points: int) -> None:
    a = _analysis(body, actors, {"الأوكراني": UA})
    assert [(_states(p), p.points) for p in a.proposals] == [(states, points)]


@pytest.mark.parametrize(("body", "kind", "state"), [
    ("Putin laid down his conditions for talks.", "Conditions", RU),
    ("The Kremlin's list of demands includes neutrality.", "Conditions", RU),
    ("وسلمت كييف قائمة مقترحات إلى الوسطاء.", "PeacePlan", UA),
])
def test_lists_of_demands_or_proposals(body: str, kind: str, state: str) -> None:
    a = _analysis(body, {"Putin": PUTIN, "Kremlin": RU, "كييف": UA})
    assert [(p.kind, _states(p)) for p in a.proposals] == [(kind, {state})]


def test_a_draft_tabled_after_conditions_is_another_proposal() -> None:
    a = _analysis("Putin set out conditions for a truce. Moscow has tabled its own draft of a treaty.",
                  {"Putin": PUTIN, "Moscow": RU})
    assert sorted(p.kind for p in a.proposals) == ["Conditions", "PeacePlan"]


@pytest.mark.parametrize("body", [
    "The Chinese plan would freeze the front, while European governments offered a counter-proposal.",
    "وتنص الخطة الصينية على تجميد الجبهة، فيما قدمت الدول الأوروبية خطة مضادة.",
])
def test_a_contrast_word_starts_a_clause_with_its_own_subject(body: str) -> None:
    a = _analysis(body, {}, {"Chinese": CN, "الصينية": CN})
    kinds = {p.kind: _states(p) for p in a.proposals}
    assert kinds == {"PeacePlan": {CN}, "CounterProposal": set()}


@pytest.mark.parametrize("body", [
    "وأعلنت أوكرانيا أن البيان الختامي للقمة حظي بتأييد واسع.",
    "Ukraine announced that the final communique of the summit had wide support.",
])
def test_announcing_that_reports_speech_and_authors_nothing(body: str) -> None:
    a = _analysis(body, {"أوكرانيا": UA, "Ukraine": UA})
    assert all(not p.authors for p in a.proposals)


@pytest.mark.parametrize(("body", "kind", "state"), [
    ("Kyiv rejected what it called Putin's ultimatum.", "Conditions", RU),
    ("ورفضت كييف ما وصفته بإنذار بوتين.", "Conditions", RU),
    ("وأكد المتحدث أن شروط الرئيس بوتين لم تتغير.", "Conditions", RU),
    ("وقدمت روسيا مشروع اتفاق سلام إلى الوسطاء.", "DraftTreaty", RU),
    ("ووقعت الدولتان اتفاقا إطاريا صاغته الصين.", "Framework", CN),
])
def test_ultimatums_titles_and_arabic_drafts(body: str, kind: str, state: str) -> None:
    a = _analysis(body, {"Kyiv": UA, "Putin": PUTIN, "كييف": UA, "بوتين": PUTIN, "روسيا": RU, "الصين": CN})
    assert [(p.kind, _states(p)) for p in a.proposals] == [(kind, {state})]


@pytest.mark.parametrize("body", [
    "Putin told the envoys that Ukraine had walked away from a draft treaty agreed in 2022.",
    "وقال بوتين للمبعوثين إن أوكرانيا تخلت عن مسودة معاهدة تم الاتفاق عليها.",
])
def test_the_subject_of_a_reported_clause_comes_first(body: str) -> None:
    a = _analysis(body, {"Putin": PUTIN, "Ukraine": UA, "بوتين": PUTIN, "أوكرانيا": UA})
    assert all(RU not in _states(p) for p in a.proposals)


@pytest.mark.parametrize("body", [
    "China proposed a buffer zone, an idea Kyiv dismissed as a Russian plan.",
    "واقترحت الصين منطقة عازلة، وهي فكرة رفضتها كييف ووصفتها بأنها خطة روسية.",
])
def test_a_description_as_a_plan_is_no_proposal(body: str) -> None:
    a = _analysis(body, {"China": CN, "Kyiv": UA, "الصين": CN, "كييف": UA}, {"Russian": RU, "روسية": RU})
    assert a.proposals == []


def test_a_recipient_after_an_arabic_authoring_verb_is_not_the_author() -> None:
    a = _analysis("وعرضت كييف ورقة من 15 بندا قدمتها إلى الوسطاء الأميركيين.", {"كييف": UA},
                  {"الأميركيين": US})
    assert [(_states(p), p.points) for p in a.proposals] == [({UA}, 15)]


@pytest.mark.parametrize(("body", "states"), [
    ("Kyiv said its own proposals were still on the table.", {UA}),
    ("وقالت كييف إن مقترحاتها لا تزال مطروحة.", {UA}),
    ("China rejected a US-drafted proposal for a truce.", {US}),
    ("The 12-point framework prepared by China and the United States includes guarantees.", {CN, US}),
])
def test_possessive_pronouns_hyphenated_authors_and_coordination(body: str, states: set[str]) -> None:
    a = _analysis(body, {"Kyiv": UA, "كييف": UA, "China": CN, "United States": US}, {"US": US})
    assert [_states(p) for p in a.proposals] == [states]


def test_his_plan_after_another_actor_is_not_the_subjects() -> None:
    a = _analysis("Zelensky said Trump presented his plan.", {"Zelensky": ZELENSKY, "Trump": TRUMP})
    assert all(UA not in _states(p) for p in a.proposals)


def test_a_document_that_came_out_of_talks_is_written_by_their_parties() -> None:
    from kg.extract import extract, parse_article

    body = ("Russia and Ukraine held talks in Istanbul in March 2022.\n\n"
            "Later, Russia revealed that the Istanbul talks produced a draft treaty.")
    a = extract(parse_article(("---\npublished: 2025-01-10\n---\n" + body).encode(), "t"))
    (draft,) = [p for p in a.proposals if p.kind == "DraftTreaty"]
    assert {x.key for x in draft.authors} == {"Q159", "Q212"}
    assert draft.date == "2022-03"
