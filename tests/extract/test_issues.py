"""Issue-term detection (kg.extract.issues): English and Arabic, clitics and spelling variants."""

from __future__ import annotations

from kg.extract.document import Document
from kg.extract.issues import find_issues, find_issues_in_text, issue_ids, issues_in, normalise
from kg.extract.model import Analysis


def _ids(text: str) -> list[str]:
    return sorted({m.issue for m in find_issues_in_text(text)})


def test_every_scheme_issue_has_terms() -> None:
    assert len(issue_ids()) == 26


def test_english_terms() -> None:
    assert _ids("Moscow wants Kyiv to drop its bid to join NATO.") == ["neutrality-no-nato"]
    assert _ids("a 30-day ceasefire") == ["ceasefire"]
    assert _ids("The plan would recognise Crimea and Donbas as Russian.") == ["territory-recognition"]
    assert _ids("a cap on the size of the army") == ["military-limits"]
    assert _ids("a football match ended 2-1 in Kyiv") == []


def test_longer_phrase_of_other_issue_wins() -> None:
    # "demilitarized zone" is a buffer zone, not a military-limits mention.
    assert _ids("a demilitarized zone along the border") == ["buffer-zone"]


def test_arabic_clitics_and_hamza_variants() -> None:
    assert _ids("وتشدد على عدم جواز الانضمام الى حلف شمال الاطلسي") == ["neutrality-no-nato"]
    assert _ids("والهدنة") == ["ceasefire"]
    assert _ids("هدنتها") == ["ceasefire"]  # ta marbuta before a suffix
    assert _ids("وَقْفُ إطلاقِ النّار") == ["ceasefire"]  # diacritics
    assert _ids("وبتبادل الأسرى") == ["prisoner-exchange"]
    assert _ids("بانسحاب أوكرانيا من دونيتسك") == ["territory-withdrawal"]


def test_offsets_point_into_the_body() -> None:
    body = "قال: وَالهُدْنَة ضرورية، and a truce."
    a = Analysis(Document("t", body))
    found = find_issues(a, 0, len(body))
    assert [m.issue for m in found] == ["ceasefire", "ceasefire"]
    for m in found:
        assert body[m.start:m.end] == m.text
    assert issues_in(a, 0, len(body)) == ["ceasefire"]
    assert find_issues(a, 0, 10) == []


def test_normalise_offset_map() -> None:
    norm, offsets = normalise("إِنَّ Ukraine’s")
    assert norm == "ان ukraine's"
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len("إِنَّ Ukraine’s")


def test_lexicons_hold_only_strings() -> None:
    from kg.extract.lexicon import load_yaml

    def walk(x: object) -> None:
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                assert isinstance(v, str), f"non-string lexicon entry {v!r} (quote it in the YAML)"

    for name in ("issues.yaml", "modality.yaml", "demands.yaml"):
        walk(load_yaml(name))
