"""Modality cues (kg.extract.modality): negation, refusal, condition, future, request, attribution."""

from __future__ import annotations

from kg.extract.document import Document
from kg.extract.modality import modality, modality_of_text
from kg.extract.model import Analysis


def test_negation_and_refusal_english() -> None:
    m = modality_of_text("Ukraine will not cede Donbas.")
    assert m.negated and m.refused and m.future
    m = modality_of_text("Russia rejected the plan.")
    assert m.refused and not m.negated
    assert not modality_of_text("Russia demands a ceasefire.").refused


def test_condition_request_future() -> None:
    m = modality_of_text("If Russia agrees, the truce will start.")
    assert m.conditional and m.future and not m.requested
    assert modality_of_text("Trump urged Putin to accept a truce.").requested


def test_arabic_cues() -> None:
    m = modality_of_text("وقالت أوكرانيا إنها لن تتنازل عن أراضيها")
    assert m.negated and m.refused and m.claimed and not m.conditional
    assert modality_of_text("رفضت موسكو الخطة").refused
    assert modality_of_text("في حال وافقت روسيا").conditional
    assert modality_of_text("سيتم تبادل الأسرى").future
    assert not modality_of_text("سيطرة روسيا على القرم").future  # "سـ" is not every initial sin


def test_attribution_source() -> None:
    assert modality_of_text("Kyiv would cede land, according to Axios.").according_to == "Axios"
    assert modality_of_text("Russia wants a truce, The Wall Street Journal reported.").according_to == \
        "Wall Street Journal"
    assert modality_of_text("وتريد روسيا هدنة، بحسب رويترز.").according_to == "رويترز"
    assert modality_of_text("Russia wants a truce.").according_to is None


def test_span_restriction_and_positions() -> None:
    body = "Russia rejected it. Ukraine wants a truce."
    a = Analysis(Document("t", body))
    assert modality(a, 0, 19).refused
    second = modality(a, 20, len(body))
    assert not second.refused
    m = modality(a, 0, len(body))
    assert m.has("refusal", before=19) and not m.has("refusal", after=19)
    assert m.near("refusal", body.index("it"))


def test_yaml_words_that_look_boolean_are_cues() -> None:
    # "no" and "on" are booleans to YAML 1.1 unless quoted: the lexicon must keep them as words.
    assert modality_of_text("There is no ceasefire.").negated


def test_la_tazal_is_still_not_a_negation() -> None:
    from kg.extract.modality import modality_of_text

    assert not modality_of_text("موسكو لا تزال ترفض").negated
    assert modality_of_text("موسكو لا ترفض").negated
