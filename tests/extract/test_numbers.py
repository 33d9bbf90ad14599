"""Numbers: digits (incl. Arabic-Indic) and number words in English and Arabic."""

from __future__ import annotations

import pytest

from kg.extract.numbers import find_numbers, number_before, parse_number, to_ascii_digits


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ten", 10),
        ("Twenty-eight", 28),
        ("twenty eight", 28),
        ("28", 28),
        ("٢٨", 28),
        ("۲۸", 28),
        ("عشر", 10),
        ("عشرة", 10),
        ("بعشر", 10),
        ("اثنا عشر", 12),
        ("ثلاثة عشر", 13),
        ("ثمانية وعشرون", 28),
        ("ثماني وعشرين", 28),
        ("الـ19", 19),
        ("1,000", 1000),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["3.5", "ten points", "بنداً", "لست", "point", ""])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_ten_point() -> None:
    text = "Zelensky presented a ten-point peace formula."
    pos = text.index("point")
    n = number_before(text, pos)
    assert n is not None and n.value == 10 and text[n.start:n.end] == "ten"


def test_arabic_counts() -> None:
    text = "خطة من عشر نقاط، ثم خطة من 28 بنداً و٢٨ نقطة"
    values = [(n.value, n.text) for n in find_numbers(text)]
    assert values == [(10, "عشر"), (28, "28"), (28, "٢٨")]
    n = number_before(text, text.index("بنداً"))
    assert n is not None and n.value == 28


def test_offsets_absolute() -> None:
    text = "aaa 12 bbb twelve"
    found = find_numbers(text, 5)
    assert [(n.start, n.value) for n in found] == [(11, 12)]
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text


def test_to_ascii_digits_keeps_length() -> None:
    s = "٢٤ فبراير ٢٠٢٢"
    assert to_ascii_digits(s) == "24 فبراير 2022"
    assert len(to_ascii_digits(s)) == len(s)
