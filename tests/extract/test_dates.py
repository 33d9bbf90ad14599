"""Dates: absolute, partial, ranges, weekdays and relative expressions, resolved from the published date."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.extract.dates as dates_mod
from kg.extract import extract, parse_article
from kg.extract.dates import find_dates, weekday_date


def analyse(body: str, published: str | None = "2025-08-15"):
    head = f"---\npublished: {published}\n---\n" if published else ""
    return extract(parse_article((head + body).encode(), "t"))


def values(body: str, published: str | None = "2025-08-15") -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.end_value) for d in analyse(body, published).dates]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28 February 2022", "2022-02-28"),
        ("February 28, 2022", "2022-02-28"),
        ("March 11, 2025", "2025-03-11"),
        ("in February 2022", "2022-02"),
        ("28 فبراير 2022", "2022-02-28"),
        ("24 فبراير/شباط 2022", "2022-02-24"),
        ("فبراير 2022", "2022-02"),
        ("٢٨ فبراير ٢٠٢٢", "2022-02-28"),
        ("في العاشر من مارس 2022", "2022-03-10"),
        ("في يوليو/ تموز 2022", "2022-07"),
        ("2 كانون الأول 2024", "2024-12-02"),
        ("Tuesday, March 11, 2025", "2025-03-11"),
    ],
)
def test_absolute(text: str, value: str) -> None:
    found = values(text)
    assert len(found) == 1 and found[0][1] == value
    # offsets are str indices into the body
    d = analyse(text).dates[0]
    assert analyse(text).doc.body[d.start:d.end] == d.text


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("يومي 17 و18 فبراير", "2025-02-17", "2025-02-18"),
        ("بين الثالث والسابع من مارس/آذار 2022", "2022-03-03", "2022-03-07"),
        ("في 14 و15 ديسمبر/كانون الأول 2025", "2025-12-14", "2025-12-15"),
        ("February 17-18, 2025", "2025-02-17", "2025-02-18"),
        ("مايو ومطلع يونيو 2025", "2025-05", "2025-06"),
    ],
)
def test_ranges(text: str, value: str, end: str) -> None:
    (found,) = values(text)
    assert found[1:] == (value, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They met on Friday.", "2025-08-15"),  # published on a Friday: that day
        ("يوم الجمعة", "2025-08-15"),
        ("They met on Tuesday.", "2025-08-12"),
        ("They will meet next Monday.", "2025-08-18"),
        ("الإثنين المقبل", "2025-08-18"),
        ("last night", "2025-08-14"),
        ("yesterday", "2025-08-14"),
        ("أمس", "2025-08-14"),
        ("this week", "2025-08"),
        ("earlier this month", "2025-08"),
        ("الشهر الماضي", "2025-07"),
        ("last year", "2024"),
        ("العام الماضي", "2024"),
        ("فبراير الحالي", "2025-02"),
        ("in March", "2025-03"),
        ("17 February", "2025-02-17"),
        ("3 days ago", "2025-08-12"),
    ],
)
def test_relative_and_partial(text: str, value: str) -> None:
    found = values(text)
    assert found and found[0][1] == value


def test_partial_date_after_published_goes_back_a_year() -> None:
    # past tense, published 15 Aug 2025: "in October" is October 2024
    assert values("The envoys met in October.")[0][1] == "2024-10"
    # future tense: the next October
    assert values("The envoys will meet in October.")[0][1] == "2025-10"


def test_same_month_takes_context() -> None:
    found = values("في العاشر من مارس 2022، ثم أواخر الشهر نفسه")
    assert [v for _t, v, _e in found] == ["2022-03-10", "2022-03"]


def test_call_on_sunday_from_new_year() -> None:
    # published Wednesday 2025-01-01: the Sunday before is 2024-12-29
    assert values("Envoys held a call on Sunday.", "2025-01-01")[0][1] == "2024-12-29"


def test_no_published_date_leaves_relative_unresolved() -> None:
    found = analyse("The envoys met on Friday and spoke again yesterday.", None).dates
    assert found and all(d.value is None and d.relative for d in found)


def test_explicit_dates_without_published_still_resolve() -> None:
    assert values("28 February 2022", None)[0][1] == "2022-02-28"


def test_not_dates() -> None:
    assert values("May I ask? The plan has 300 points.") == []


def test_dates_do_not_depend_on_machine_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoToday(dt.date):
        @classmethod
        def today(cls):  # type: ignore[override]
            raise AssertionError("the machine clock must not be read")

    class NoNow(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            raise AssertionError("the machine clock must not be read")

        @classmethod
        def today(cls):  # type: ignore[override]
            raise AssertionError("the machine clock must not be read")

    fake = types.SimpleNamespace(date=NoToday, datetime=NoNow, timedelta=dt.timedelta)
    monkeypatch.setattr(dates_mod, "dt", fake)
    found = find_dates("They met on Friday, last week and yesterday.", dt.date(1999, 3, 5))
    assert [d.value for d in found] == ["1999-03-05", "1999-02", "1999-03-04"]


def test_weekday_date_directions() -> None:
    friday = dt.date(2025, 8, 15)
    assert weekday_date(friday, 4, "past") == friday
    assert weekday_date(friday, 4, "last") == dt.date(2025, 8, 8)
    assert weekday_date(friday, 0, "future") == dt.date(2025, 8, 18)
    assert weekday_date(friday, 4, "next") == dt.date(2025, 8, 22)


def test_numeric_day_first_dates() -> None:
    assert values("Brussels 28.02.2022 Talks began.", None)[0][1] == "2022-02-28"
    assert values("في 28/2/2022 بدأت المحادثات", None)[0][1] == "2022-02-28"


def test_counts_are_not_years() -> None:
    assert values("Russia sent 2000 troops; تبادل الطرفان 1500 أسير.", None) == []
    assert values("The 2022 invasion", None)[0][1] == "2022"


_ALPHABET = "0123456789٠١٢٣٤٥ abcMayFriday,.-/و في فبراير شباط يوم الجمعة أمس 2025 March last week\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120),
       st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))))
def test_any_text_gives_grounded_mentions(text: str, published: dt.date | None) -> None:
    found = find_dates(text, published)
    for d in found:
        assert text[d.start:d.end] == d.text
        assert d.value is None or len(d.value) in (4, 7, 10)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_previous_makes_a_yearless_date_past() -> None:
    # "plans to" after the date would make it future; "previous" before it is nearer and wins
    got = values("At the previous round on June 2, Moscow demanded that Kyiv drop its plans to join NATO.",
                 "2025-07-24")
    assert ("June 2", "2025-06-02", None) in got
