"""Meetings: cue, date (from the published date only), place, participants, status and merging."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import actors, dates, extract, parse_article, sentences
from kg.extract import meetings as meetings_stage
from kg.extract.model import Analysis, Meeting


def meetings(body: str, published: str | None = "2025-08-15") -> list[Meeting]:
    head = f"---\npublished: {published}\n---\n" if published else ""
    return extract(parse_article((head + body).encode(), "t")).meetings


def held(ms: list[Meeting]) -> list[Meeting]:
    return [m for m in ms if m.status == "Held"]


def test_met_on_friday_english() -> None:
    (m,) = meetings("The two presidents met in Anchorage on Friday.")
    assert m.status == "Held" and m.date == "2025-08-15"
    assert m.place is not None and m.place.label_en == "Anchorage"


def test_met_on_friday_arabic() -> None:
    (m,) = meetings("التقى الرئيسان يوم الجمعة في أنكوريج.")
    assert m.status == "Held" and m.date == "2025-08-15"
    assert m.place is not None and m.place.label_en == "Anchorage"


def test_will_meet_next_monday_is_planned_not_held() -> None:
    ms = meetings("The two presidents met in Anchorage on Friday and will meet again next Monday.")
    planned = [m for m in ms if m.status == "Planned"]
    assert [m.date for m in planned] == ["2025-08-18"]
    assert [m.date for m in held(ms)] == ["2025-08-15"]


def test_planned_arabic() -> None:
    ms = meetings("من المقرر أن يلتقي ترامب وبوتين في أنكوريج الإثنين المقبل.")
    assert ms and all(m.status == "Planned" for m in ms)
    assert ms[0].date == "2025-08-18"


def test_call_on_sunday_resolves_from_published() -> None:
    ms = held(meetings("Steve Witkoff and Kirill Dmitriev held a call on Sunday.", "2025-01-01"))
    assert [m.date for m in ms] == ["2024-12-29"]
    assert {p.label_en for p in ms[0].participants} >= {"Steve Witkoff", "Kirill Dmitriev"}


def test_no_published_date_leaves_date_unresolved() -> None:
    ms = meetings("Steve Witkoff and Kirill Dmitriev held a call on Sunday.", None)
    assert len(ms) == 1 and ms[0].date is None


def test_far_past_published_date() -> None:
    # only the published date anchors "Friday": the result cannot come from the machine clock
    ms = meetings("Steve Witkoff and Kirill Dmitriev met in Geneva on Friday.", "1999-03-05")
    assert [m.date for m in ms] == ["1999-03-05"]


def test_explicit_dates() -> None:
    (m,) = meetings("Delegations of Russia and Ukraine met in Istanbul on 28 February 2022.", None)
    assert m.date == "2022-02-28"
    (m,) = meetings("اجتمع وفدا روسيا وأوكرانيا في إسطنبول في 28 فبراير 2022.", None)
    assert m.date == "2022-02-28"
    (m,) = meetings("اجتمع وفدا روسيا وأوكرانيا في إسطنبول في ٢٨ فبراير ٢٠٢٢.", None)
    assert m.date == "2022-02-28"
    (m,) = meetings("عقدت روسيا وأوكرانيا جولة مفاوضات في إسطنبول في فبراير 2022.", None)
    assert m.date == "2022-02"


def test_range_gives_end_date() -> None:
    body = "وانتهت الجولة الأخيرة من المفاوضات الثلاثية في جنيف يومي 17 و18 فبراير الحالي."
    (m,) = meetings(body, "2026-02-24")
    assert (m.date, m.end_date) == ("2026-02-17", "2026-02-18")
    assert m.place is not None and m.place.label_en == "Geneva"


def test_participants_are_the_clause_actors() -> None:
    body = ("Vladimir Putin met Steve Witkoff in Moscow on 6 August 2025.\n\n"
            "Volodymyr Zelensky said Ukraine would not give up land.")
    (m,) = meetings(body)
    names = {p.label_en for p in m.participants}
    assert {"Vladimir Putin", "Steve Witkoff"} <= names
    assert "Volodymyr Zelenskyy" not in names
    assert m.place is not None and m.place.label_en == "Moscow"


def test_mentions_of_one_meeting_merge() -> None:
    body = ("Marco Rubio and Sergey Lavrov met in Riyadh on 18 February 2025. "
            "After the meeting in Riyadh, Rubio spoke of extraordinary opportunities.")
    assert len(meetings(body)) == 1


def test_coordinated_places_are_two_meetings() -> None:
    ms = meetings("The plan was cut to 19 points during talks with the Ukrainians in Geneva and Miami.")
    assert sorted(m.place.label_en for m in ms if m.place) == ["Geneva", "Miami"]


def test_proposed_and_cancelled_are_not_held() -> None:
    assert not held(meetings("Zelensky said he is ready to meet Putin in Istanbul."))
    assert not held(meetings("Trump cancelled the summit with Putin in Budapest next week."))


def test_general_talk_of_negotiations_is_no_meeting() -> None:
    assert meetings("Russia and Ukraine must resume negotiations to end the war.") == []


def test_evidence_is_grounded() -> None:
    text = "---\npublished: 2025-08-15\n---\nالتقى ترامب وبوتين في ألاسكا يوم الجمعة."
    a = extract(parse_article(text.encode(), "t"))
    for m in a.meetings:
        assert a.doc.body[m.evidence.start:m.evidence.end] == m.evidence.quote


def test_rejected_summit_is_proposed_not_held() -> None:
    assert not held(meetings("Russia rejected a summit between Putin and Zelensky in Istanbul."))
    assert not held(meetings("رفض الكرملين عقد قمة بين بوتين وزيلينسكي في إسطنبول."))


def test_call_and_discussion_in_one_sentence_is_one_meeting() -> None:
    ms = meetings("ناقش زيلينسكي مع ماكرون الضمانات الأمنية خلال اتصال هاتفي يوم الخميس.", "2025-03-01")
    assert [(m.status, m.date) for m in ms] == [("Held", "2025-02-27")]


def test_clause_break_limits_participants() -> None:
    (m,) = meetings("Steve Witkoff met Vladimir Putin in Moscow on Thursday, adding that Ukraine must "
                    "withdraw.")
    assert "Ukraine" not in {p.label_en for p in m.participants}


def test_two_meetings_in_one_sentence_keep_their_dates() -> None:
    ms = meetings("After meeting in Riyadh on 18 February, the Russian and US delegations met again in "
                  "Istanbul on 27 February.", "2025-03-01")
    assert sorted((m.date, m.place.label_en) for m in ms if m.place) == [
        ("2025-02-18", "Riyadh"), ("2025-02-27", "Istanbul")]


def test_headline_event_takes_published_date() -> None:
    body = "Istanbul talks end without a deal\nDelegations of Russia and Ukraine held talks in Istanbul."
    (m,) = held(meetings(body, "2025-05-16"))
    assert m.date == "2025-05-16"


_PHRASES = ["Putin", "met", "Zelensky", "in Istanbul", "on Friday", "talks", "will meet", "التقى",
            "بوتين", "في جنيف", "يوم الجمعة", "محادثات", "the two sides", "الجانبان", "28 February 2022",
            ".", ",", "\n"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES), max_size=25), st.booleans())
def test_meetings_grounded_on_any_text(words: list[str], dated: bool) -> None:
    head = "---\npublished: 2025-08-15\n---\n" if dated else ""
    a = Analysis(parse_article((head + "x " + " ".join(words)).encode(), "t"))
    for stage in (sentences.run, actors.run, dates.run, meetings_stage.run):
        stage(a)
    for m in a.meetings:
        assert a.doc.body[m.evidence.start:m.evidence.end] == m.evidence.quote
        assert m.status in ("Held", "Planned", "Proposed", "Cancelled")
        assert m.date is None or len(m.date) in (4, 7, 10)


# -- generalisation rules (invented sentences)

def test_ministry_word_is_not_a_visit() -> None:
    # "وزارة" (ministry) holds the letters of "زار" (visited) after the clitic و
    ms = meetings("وقالت وزارة الخارجية الروسية في موسكو إن أوكرانيا ترفض الحوار.")
    assert held(ms) == []


def test_since_a_signing_is_not_a_meeting_arabic() -> None:
    ms = meetings("تراجعت الصادرات منذ توقيع الاتفاق في جنيف في مارس الماضي بين روسيا وأوكرانيا.")
    assert held(ms) == []


def test_then_splits_two_meetings_in_one_sentence() -> None:
    ms = held(meetings("التقى ويتكوف يوم الأربعاء كيريل دميترييف، ثم اجتمع يوم الخميس مع رستم عميروف."))
    first = next(m for m in ms if m.date == "2025-08-13")
    assert "Rustem Umerov" not in {p.label_en for p in first.participants}


def test_ended_after_days_dates_the_start() -> None:
    (m,) = held(meetings("Russian and Ukrainian delegations wrapped up three days of talks in Geneva "
                         "on Thursday."))
    assert (m.date, m.end_date) == ("2025-08-12", "2025-08-14")
    (m,) = held(meetings("اختتمت يوم الخميس في جنيف المحادثات بين روسيا وأوكرانيا، والتي استمرت يومين."))
    assert (m.date, m.end_date) == ("2025-08-13", "2025-08-14")


def test_dateline_place_for_a_lead_meeting() -> None:
    ms = held(meetings("Headline about a deal\n\nGENEVA, Aug 14 - Russia and Ukraine signed a prisoner "
                       "exchange deal on Thursday, officials said."))
    assert [m.place.label_en if m.place else None for m in ms] == ["Geneva"]


def test_dateline_not_used_for_a_call() -> None:
    ms = held(meetings("Headline\n\nGENEVA, Aug 14 - Donald Trump and Vladimir Putin held a phone call on "
                       "Thursday."))
    assert ms and all(m.place is None for m in ms)


def test_visit_without_a_host_is_not_a_meeting() -> None:
    ms = meetings("In Paris, where he was on a visit, Volodymyr Zelensky said Ukraine would not cede land.")
    assert held(ms) == []


def test_city_of_before_a_place() -> None:
    ms = held(meetings("Officials of Russia and Ukraine held talks in the Swiss city of Geneva on Friday."))
    assert [m.place.label_en if m.place else None for m in ms] == ["Geneva"]


def test_gathered_leaders_arabic() -> None:
    ms = held(meetings("خاطب زيلينسكي يوم الجمعة قادة مجموعة العشرين المجتمعين في جنيف."))
    assert len(ms) == 1 and ms[0].place is not None and ms[0].place.label_en == "Geneva"
    assert ms[0].date == "2025-08-15"


def test_ready_to_host_and_need_a_meeting_are_not_held() -> None:
    for body in ("Erdogan said Turkey was ready to host a summit of Putin and Zelensky in Istanbul.",
                 "Zelensky said Ukraine and Russia need a meeting of leaders, Umerov told Putin."):
        assert held(meetings(body)) == [], body


def test_too_early_for_a_date_is_not_held() -> None:
    ms = meetings("Peskov said it was too early to talk about a date for a meeting between Putin and Trump.")
    assert held(ms) == []


def test_previous_round_is_a_held_meeting() -> None:
    ms = held(meetings("At the previous round of talks on June 2, Moscow handed Kyiv a memorandum and "
                       "demanded that Ukraine drop plans to join NATO.", "2025-07-24"))
    assert [m.date for m in ms] == ["2025-06-02"]


def test_then_clause_keeps_the_subject() -> None:
    ms = held(meetings("Steve Witkoff met Kirill Dmitriev on Wednesday, then met Rustem Umerov on Thursday."))
    second = next(m for m in ms if m.date == "2025-08-14")
    assert {p.label_en for p in second.participants} >= {"Steve Witkoff", "Rustem Umerov"}
    ms = held(meetings("التقى ويتكوف يوم الأربعاء كيريل دميترييف، ثم اجتمع يوم الخميس مع رستم عميروف."))
    second = next(m for m in ms if m.date == "2025-08-14")
    assert {p.label_en for p in second.participants} >= {"Steve Witkoff", "Rustem Umerov"}


def test_day_inside_a_range_and_country_merge_into_one_meeting() -> None:
    body = ("Headline\n\nGENEVA, Aug 15 - Leaders attending a two-day summit in Switzerland on Friday "
            "backed a joint statement.\n\nThe summit, held in Geneva on 14-15 August, gathered delegations "
            "of Ukraine and Turkey.")
    ms = held(meetings(body))
    assert len(ms) == 1
    assert (ms[0].date, ms[0].end_date) == ("2025-08-14", "2025-08-15")
    assert ms[0].place is not None and ms[0].place.label_en == "Geneva"


def test_demonym_capital_is_the_capital_city() -> None:
    (m,) = held(meetings("Russian and Ukrainian delegations held talks in the Turkish capital on Friday."))
    assert m.place is not None and m.place.label_en == "Ankara"
    (m,) = held(meetings("عقدت وفود روسيا وأوكرانيا محادثات في العاصمة التركية يوم الجمعة."))
    assert m.place is not None and m.place.label_en == "Ankara"


def test_more_meeting_forms() -> None:
    # accusative noun, "received" (a host and a guest), phone wording, "sat down"
    for body in ("عقد ويتكوف ودميترييف اجتماعا في جنيف يوم الجمعة.",
                 "استقبل الرئيس فلاديمير بوتين في الكرملين يوم الجمعة المبعوث الأمريكي ستيف ويتكوف.",
                 "Vladimir Putin received Steve Witkoff at the Kremlin on Friday.",
                 "تحدث روبيو ولافروف عبر الهاتف يوم الجمعة.",
                 "Ukrainian and Russian negotiators sat down in Istanbul on Friday."):
        ms = held(meetings(body))
        assert len(ms) == 1 and ms[0].date == "2025-08-15", body


def test_received_goods_is_not_a_meeting() -> None:
    assert held(meetings("Ukraine received a new batch of weapons on Friday.")) == []
    assert held(meetings("استقبلت أوكرانيا شحنة أسلحة يوم الجمعة.")) == []


@pytest.mark.parametrize("body", [
    "Putin said he might meet Zelensky in Istanbul.",
    "Trump said he hopes to meet Putin in Budapest soon.",
    "Trump and Putin were supposed to meet in Budapest on Friday, but the meeting was shelved.",
    "The Budapest summit between Trump and Putin has been put on hold.",
    "Trump and Putin did not meet in Budapest on Friday.",
    "قد يلتقي بوتين وزيلينسكي في إسطنبول.",
    "يأمل ترامب في لقاء بوتين في بودابست.",
    "أرجئت القمة بين ترامب وبوتين في بودابست.",
])
def test_hoped_possible_or_shelved_meetings_are_not_held(body: str) -> None:
    assert held(meetings(body)) == []


def test_city_comma_region_is_one_place() -> None:
    ms = held(meetings("Steve Witkoff and Rustem Umerov met in Miami, Florida, on Friday."))
    assert [m.place.label_en if m.place else None for m in ms] == ["Miami"]
    ms = held(meetings("Steve Witkoff and Rustem Umerov met in Geneva, Miami and Riyadh on Friday."))
    assert {m.place.label_en for m in ms if m.place} == {"Geneva", "Miami", "Riyadh"}


def test_dateline_not_used_for_a_spoke_by_phone() -> None:
    ms = held(meetings("Headline\n\nKYIV, Aug 14 (Reuters) - Volodymyr Zelensky spoke by phone with "
                       "Donald Trump on Thursday."))
    assert ms and all(m.place is None for m in ms)


def test_ready_to_other_things_does_not_make_a_meeting_proposed() -> None:
    ms = held(meetings("Russia and Ukraine, ready to end the war, met in Istanbul on Friday."))
    assert [m.date for m in ms] == ["2025-08-15"]


def names_of(m: Meeting) -> set[str]:
    return {p.label_en for p in m.participants}


@pytest.mark.parametrize("body", [
    "Trump's special envoy Steve Witkoff met Vladimir Putin in Moscow on 6 August 2025.",
    "Steve Witkoff, an adviser to President Donald Trump, met Vladimir Putin in Moscow on 6 August 2025.",
    "توجه مبعوث ترامب، ستيف ويتكوف، إلى موسكو في السادس من أغسطس 2025 للقاء بوتين.",
    "التقى المبعوث الخاص لترامب ستيف ويتكوف الرئيس بوتين في موسكو في السادس من أغسطس 2025.",
])
def test_owner_of_a_role_is_not_a_participant(body: str) -> None:
    (m,) = held(meetings(body, published="2025-12-20"))
    assert {"Steve Witkoff", "Vladimir Putin"} <= names_of(m)
    assert "Donald Trump" not in names_of(m)


def test_owner_of_a_delegation_stands_for_his_side() -> None:
    body = "Zelensky's delegation met Steve Witkoff in Berlin on 14 December 2025."
    (m,) = held(meetings(body, published="2025-12-20"))
    assert "Volodymyr Zelenskyy" not in names_of(m)
    assert {"Ukraine", "Steve Witkoff"} <= names_of(m)


def test_later_comment_on_a_meeting_adds_no_participant() -> None:
    body = ("Vladimir Putin met Steve Witkoff in Moscow on 2 December 2025.\n\n"
            "In his comments on the Moscow talks, Marco Rubio told Fox News that progress was made.\n\n"
            "Zelensky said he was ready to meet Trump if the talks in Moscow succeed.")
    ms = held(meetings(body, published="2025-12-20"))
    moscow = [m for m in ms if m.place is not None and m.place.label_en == "Moscow"]
    assert len(moscow) == 1
    assert names_of(moscow[0]) == {"Vladimir Putin", "Steve Witkoff"}


def test_talks_in_a_relative_clause_keep_their_own_sides() -> None:
    body = ("وعرض ويتكوف وكوشنر على بوتين في موسكو في 2 ديسمبر 2025 خطة السلام الأمريكية، التي جرى "
            "تقليصها خلال المحادثات مع الأوكرانيين في جنيف.")
    geneva = [m for m in meetings(body, published="2025-12-20") if m.place is not None and m.place.label_en == "Geneva"]
    assert geneva and "Vladimir Putin" not in names_of(geneva[0])


def test_fronted_phrase_before_an_arabic_verb_is_not_its_subject() -> None:
    body = "وعلى خلفية تقارب بوتين من ترامب، قصد زيلينسكي واشنطن في 18 أغسطس 2025 للقاء ترامب."
    ms = held(meetings(body, published="2025-12-20"))
    assert ms and all("Vladimir Putin" not in names_of(m) for m in ms)


def test_a_visit_to_a_capital_meets_its_state() -> None:
    (m,) = held(meetings("US Army Secretary Dan Driscoll arrived on 20 November 2025 for a visit to Kyiv.",
                                published="2025-12-20"))
    assert "Ukraine" in names_of(m)


def test_talks_naming_their_sides_need_no_place() -> None:
    body = "The Kremlin said hours of talks involving Yuri Ushakov with US envoy Steve Witkoff were useful."
    (m,) = held(meetings(body, published=None))
    assert {"Yuri Ushakov", "Steve Witkoff"} <= names_of(m)


def test_a_who_clause_after_an_apposition_keeps_its_person() -> None:
    body = ("Kirill Dmitriev, Putin's special envoy for economic cooperation, who travelled to Washington on "
            "20 October 2025 for talks with Trump's envoy Steve Witkoff, said progress was made.")
    ms = held(meetings(body, published="2025-10-24"))
    assert ms and {"Kirill Dmitriev", "Steve Witkoff"} <= names_of(ms[0])


def test_what_talks_are_about_is_not_where_they_are_held() -> None:
    ms = held(meetings("US and Russian delegations met in Riyadh on 24 March 2025 for the Black Sea talks.",
                       published="2025-03-26"))
    assert [m.place.label_en for m in ms if m.place is not None] == ["Riyadh"]
    ms = held(meetings("The Black Sea talks between US and Russian delegations ended on 25 March 2025.",
                       published="2025-03-26"))
    assert all(m.place is None or m.place.label_en != "Black Sea" for m in ms)


def test_a_summit_the_lead_names_as_a_past_landmark_is_not_dated_by_publication() -> None:
    body = ("Weeks after the summit in Alaska between Vladimir Putin and Donald Trump, European leaders met in "
            "Washington.")
    alaska = [m for m in meetings(body, published="2025-09-10") if m.place is not None
              and m.place.label_en == "Alaska"]
    assert alaska and alaska[0].date is None


def test_a_second_with_phrase_is_another_event_and_a_closed_purpose_phrase_keeps_the_subject() -> None:
    body = ("Trump himself has consistently expressed a desire to end the war, attempting mediation through summits "
            "with Putin (in Alaska in August) and engagements with Ukrainian President Volodymyr Zelenskyy.")
    (m,) = held(meetings(body, published=None))
    assert names_of(m) == {"Donald Trump", "Vladimir Putin"}
