"""Folding for name matching keeps a map back to original offsets (kg.extract.arabic)."""

from __future__ import annotations

from kg.extract.arabic import fold, fold_name, strip_article


def _span_of(text: str, needle_folded: str) -> str:
    f = fold(text)
    i = f.text.find(needle_folded)
    assert i >= 0, (f.text, needle_folded)
    s, e = f.span(i, i + len(needle_folded))
    return text[s:e]


def test_arabic_letter_variants_fold_together() -> None:
    assert fold_name("أوكرانيا") == fold_name("اوكرانيا") == fold_name("إوكرانيا")
    assert fold_name("جدة") == fold_name("جده")
    assert fold_name("زيلينسكى") == fold_name("زيلينسكي")


def test_diacritics_and_tatweel_are_dropped_but_offsets_kept() -> None:
    text = "قال بُوتِين ثم بوتــين"
    assert fold(text).text == "قال بوتين ثم بوتين"
    assert _span_of(text, "بوتين") == "بُوتِين"
    f = fold(text)
    second = f.text.rfind("بوتين")
    s, e = f.span(second, second + 5)
    assert text[s:e] == "بوتــين"


def test_dotted_capital_i_does_not_shift_offsets() -> None:
    text = "İİİ met İSTANBUL officials"
    assert "i̇" not in fold(text).text  # no combining dot left behind
    assert _span_of(text, "istanbul") == "İSTANBUL"


def test_astral_characters_and_ligature() -> None:
    text = "🇹🇷🇺🇦 ﻻ Erdoğan"
    f = fold(text)
    assert "لا" in f.text
    assert _span_of(text, "erdogan") == "Erdoğan"
    i = f.text.find("لا")
    s, e = f.span(i, i + 2)
    assert text[s:e] == "ﻻ"


def test_whitespace_runs_fold_to_one_space() -> None:
    assert fold("Vladimir \n\u00a0 Putin").text == "vladimir putin"


def test_strip_article() -> None:
    assert strip_article(fold_name("الكرملين")) == "كرملين"
    assert strip_article(fold_name("روسيا")) is None
