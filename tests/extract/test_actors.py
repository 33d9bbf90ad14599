"""The actors stage: names, aliases, demonyms, metonyms, organisations and role-introduced persons."""

from __future__ import annotations

from kg.extract import actors, sentences
from kg.extract.document import parse_article
from kg.extract.model import Analysis


def analyse(text: str, published: str | None = None) -> Analysis:
    data = (f"---\npublished: {published}\n---\n" if published else "") + text
    a = Analysis(parse_article(data.encode("utf-8"), "t"))
    sentences.run(a)
    actors.run(a)
    for m in a.mentions:
        assert a.doc.body[m.start:m.end] == m.text
    return a


def keys(a: Analysis) -> set[str]:
    return set(a.actors())


def test_one_actor_under_many_names() -> None:
    a = analyse("Volodymyr Zelenskyy spoke. Zelensky agreed. President Zelenskiy left. ZELENSKYY: no. "
                "قال الرئيس الأوكراني فولوديمير زيلينسكي إن زيلينسكي سيحضر.")
    zel = [m for m in a.mentions if m.entity.key == "Q3874799"]
    assert [m.text for m in zel] == ["Volodymyr Zelenskyy", "Zelensky", "Zelenskiy", "ZELENSKYY",
                                     "فولوديمير زيلينسكي", "زيلينسكي"]
    assert keys(a) == {"Q3874799"}


def test_near_namesake_stays_another_person() -> None:
    a = analyse("Andriy Zelenchuk, a deputy minister, met Zelensky.")
    assert "Q3874799" in keys(a)
    assert "andriy-zelenchuk" in keys(a)
    zel = [m.text for m in a.mentions if m.entity.key == "Q3874799"]
    assert zel == ["Zelensky"]


def test_foreign_ministries_are_one_node_per_state_and_bare_stays_unresolved() -> None:
    a = analyse("Russia's Foreign Ministry and Ukraine's Foreign Ministry traded accusations. "
                "The Foreign Ministry declined to comment. "
                "وقالت وزارة الخارجية الروسية إن وزارة الخارجية الأوكرانية تماطل. وقالت وزارة الخارجية إن")
    orgs = [(m.entity.key, m.text) for m in a.mentions if m.entity.kind == "Organization"]
    assert orgs == [("Q159-foreign-ministry", "Russia's Foreign Ministry"),
                    ("Q212-foreign-ministry", "Ukraine's Foreign Ministry"),
                    ("Q159-foreign-ministry", "وزارة الخارجية الروسية"),
                    ("Q212-foreign-ministry", "وزارة الخارجية الأوكرانية")]
    ru = a.actors()["Q159-foreign-ministry"][0]
    assert ru.label_en == "Foreign Ministry of Russia"
    assert ("en", "Russian Ministry of Foreign Affairs") in ru.labels


def test_odd_text_offsets() -> None:
    text = "🇹🇷 وصل بُوتِين إلى İSTANBUL للقاء Erdoğan، ثم التقى بوتــين"
    a = analyse(text)
    found = {(m.entity.key, m.text) for m in a.mentions}
    assert ("Q7747", "بُوتِين") in found
    assert ("Q7747", "بوتــين") in found
    assert ("Q39259", "Erdoğan") in found
    assert ("Q406", "İSTANBUL") in found
    for m in a.mentions:
        assert text[m.start:m.end] == m.text


def test_arabic_proclitics() -> None:
    a = analyse("وبوتين قال لروسيا إن المسؤولين بالكرملين والأوكرانية")
    got = {(m.entity.key, m.text, m.via) for m in a.mentions}
    assert ("Q7747", "بوتين", "name") in got or ("Q7747", "بوتين", "surname") in got
    assert ("Q159", "روسيا", "name") in got
    assert ("Q212", "الأوكرانية", "demonym") in got
    assert any(m.text == "الكرملين" for m in a.mentions)


def test_role_introduced_unknown_person_english() -> None:
    a = analyse("Ukrainian negotiator Oleh Kovalenko said talks would resume. "
                "Russian foreign ministry spokeswoman Yelena Petrova disagreed.")
    people = {e.key: e for e, _ in a.actors().values() if e.kind == "Person"}
    assert people["oleh-kovalenko"].label_en == "Oleh Kovalenko"
    assert people["oleh-kovalenko"].represents == "Q212"
    assert people["yelena-petrova"].represents == "Q159"


def test_role_introduced_unknown_person_arabic() -> None:
    a = analyse("وقال وزير الخارجية الأوكراني أوليغ كوفالينكو إن المحادثات مستمرة. "
                "وقال المتحدث باسم الكرملين أليكسي سميرنوف إن")
    people = {e.key: e for e, _ in a.actors().values() if e.kind == "Person"}
    by_name = {dict(e.labels).get("ar"): e for e in people.values()}
    assert by_name["أوليغ كوفالينكو"].represents == "Q212"
    assert by_name["أليكسي سميرنوف"].represents == "Q159"
    assert all(e.label_en == "" for e in by_name.values())


def test_demonym_resolves_to_state_but_is_not_actor_evidence() -> None:
    a = analyse("The Turkish delegation arrived. الوفد الروسي وصل.")
    dem = {(m.entity.key, m.via) for m in a.mentions}
    assert ("Q43", "demonym") in dem and ("Q159", "demonym") in dem
    assert "Q43" not in keys(a) and "Q159" not in keys(a)


def test_metonyms_and_capitals_by_context() -> None:
    a = analyse("Moscow said talks in Moscow went well. The Kremlin agreed. "
                "He flew to Kyiv. Talks between Moscow and Kyiv stalled. The White House said so.")
    got = [(m.text, m.entity.key, m.entity.kind) for m in a.mentions]
    assert got[0] == ("Moscow", "Q159", "State")
    assert got[1] == ("Moscow", "Q649", "Place")
    assert ("Kremlin", "Q159", "State") in got
    assert ("Kyiv", "Q1899", "Place") in got
    assert ("Kyiv", "Q212", "State") in got
    assert ("White House", "Q30", "State") in got


def test_state_named_only_as_location_is_not_an_actor() -> None:
    a = analyse("The G20 summit in Indonesia ended. Talks were held in Jeddah, Saudi Arabia.")
    assert "Q252" not in keys(a) and "Q851" not in keys(a)
    assert any(m.entity.key == "Q374365" for m in a.mentions)  # Jeddah is a place mention


def test_office_holder_from_role_and_date() -> None:
    a = analyse("The British prime minister and the former US president spoke.", published="2025-03-01")
    assert "keir-starmer" in keys(a)
    assert "Q22686" not in keys(a) and "Q6279" not in keys(a)
    assert "keir-starmer" not in keys(analyse("The British prime minister spoke."))  # no date, no guess


def test_news_sources_are_not_actors() -> None:
    a = analyse("According to CNN and Reuters, Axios reported that Putin agreed. وذكرت وكالة تاس أن")
    assert keys(a) == {"Q7747"}
    names = [t for _, _, t in actors.sources_in(a)]
    assert names == ["CNN", "Reuters", "Axios", "وكالة تاس"]


def test_football_report_yields_no_actors() -> None:
    a = analyse("Manchester United beat Liverpool 2-1 at Old Trafford on Sunday. Bruno Fernandes scored "
                "twice and manager Ruben Amorim praised the defence; captain Harry Maguire was injured.")
    assert not [e for e, _ in a.actors().values() if e.kind in ("State", "Organization")]
    assert not [k for k in keys(a) if k.startswith("Q")]


def test_lowercase_common_words_are_not_names() -> None:
    a = analyse("He played his trump card; the turkey was served in fine china.")
    assert keys(a) == set()


def test_title_case_headline_words_are_not_taken_for_a_name() -> None:
    a = analyse("Russian Officials Deny Claims Made By Western Media\n"
                "Ukrainian negotiator Oleh Kovalenko said.")
    people = [e.key for e, _ in a.actors().values() if e.kind == "Person"]
    assert people == ["oleh-kovalenko"]


def test_introduced_person_is_found_again_by_surname() -> None:
    a = analyse("Ukrainian negotiator Oleh Kovalenko said talks would resume. Kovalenko added nothing.")
    assert [m.text for m in a.mentions if m.entity.key == "oleh-kovalenko"] == ["Oleh Kovalenko", "Kovalenko"]


def test_arabic_offices_coordinated_and_past() -> None:
    a = analyse("وفقا لرئيس الوزراء البريطاني والرئيس الفرنسي، "
                "ووقّع رئيس الحكومة البريطانية في ذلك الحين اتفاقا.", published="2026-01-08")
    roles = [(m.text, m.entity.key) for m in a.mentions if m.via == "role"]
    assert roles == [("رئيس الوزراء البريطاني", "keir-starmer"), ("الرئيس الفرنسي", "Q3052772")]


def test_places_nest_through_located_in() -> None:
    from kg.extract.gazetteer import entity_by_key, located_in, within

    kremlin, moscow, anchorage, alaska, geneva = (entity_by_key(k) for k in
                                                  ("moscow-kremlin", "Q649", "Q39450", "Q797", "Q71"))
    assert located_in(kremlin).key == "Q649"
    assert located_in(moscow).key == "Q159" and located_in(moscow).kind == "Place"  # a state as a place
    assert within(kremlin, located_in(moscow)) and within(anchorage, alaska) and within(alaska, alaska)
    assert not within(alaska, anchorage) and not within(geneva, alaska)
