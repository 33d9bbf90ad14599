"""The extraction pipeline as a whole: stage order and the final grounding filter."""

from __future__ import annotations

from kg.extract import STAGES, extract, grounded, parse_article
from kg.extract.gazetteer import entity_by_key
from kg.extract.model import Demand, Evidence


def test_stages_run_in_data_flow_order() -> None:
    assert [name for name, _ in STAGES] == [
        "sentences", "actors", "dates", "meetings", "proposals", "demands", "concessions"]


def test_a_fact_with_blank_or_wrong_evidence_is_dropped_not_the_article() -> None:
    a = extract(parse_article(b"Russia demands that Ukraine never join NATO.   ", "t"))
    kept = list(a.demands)
    assert kept, "the demand itself is found"
    russia = entity_by_key("Q159")
    assert russia is not None
    a.demands.append(Demand(Evidence(45, 45, ""), russia, ["ceasefire"]))  # blank span
    a.demands.append(Demand(Evidence(0, 6, "Ukraine"), russia, ["elections"]))  # quote is not the text
    grounded(a)
    assert a.demands == kept


def test_an_endless_sentence_is_cut_and_zero_width_spaces_end_sentences() -> None:
    from kg.extract.sentences import MAX_SENTENCE, split

    body = ("Russia demanded talks " * 2000).strip()
    parts = split(body)
    assert len(parts) > 1 and all(len(s.text) <= MAX_SENTENCE for s in parts)
    assert all(body[s.start:s.end] == s.text for s in parts)
    zw = "Putin met Trump in Anchorage on 15 August 2025.\u200b Zelenskyy met Erdogan in Istanbul on 3 March 2025."
    assert [s.text[:5] for s in split(zw)] == ["Putin", "Zelen"]
