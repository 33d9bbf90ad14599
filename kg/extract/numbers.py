"""Numbers in English and Arabic text: digits (Western, Arabic-Indic ``٠-٩``, Persian ``۰-۹``) and words.

Not a pipeline stage: a helper for stages that need counts ("a ten-point plan", "خطة من عشر نقاط",
"28 بنداً", "٢٨ نقطة") and for the dates stage (Arabic-Indic digits).

Number words live in ``kg/lexicon/numbers.yaml``. Supported: English 0-99 ("ten", "twenty-eight",
"twenty eight", "a dozen"), Arabic 1-99 and round hundreds ("عشر", "عشرة", "اثنا عشر", "ثمانية وعشرون",
"ثماني وعشرين", "مائة"), with attached clitics ("بعشر", "والعشرين", "الـ19"). Decimals ("3.5") are not
numbers here; thousands separators ("1,000") are.

Public API:

- :func:`parse_number` ``(text) -> int | None``: the value of a text that is exactly one number expression.
- :func:`find_numbers` ``(source, start=0, end=None) -> list[NumberMention]``: every number in a span.
- :func:`to_ascii_digits` ``(text) -> str``: the same text with Arabic-Indic digits as ASCII (same length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis

_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# why: str.translate walks every character of a non-ASCII text slowly; only digit runs need it.
_NON_ASCII_DIGITS = re.compile("[٠-٩۰-۹]+")
_TATWEEL = "\u0640"
_CLITIC_DIGITS = re.compile(r"^[\u0621-\u064A]{1,3}\u0640?(?=\d)")


@dataclass(frozen=True)
class NumberMention:
    """A number in the body: ``body[start:end] == text`` (clitics included, e.g. "بعشر"), worth ``value``."""

    start: int
    end: int
    text: str
    value: int


def to_ascii_digits(text: str) -> str:
    """``text`` with Arabic-Indic (``٠-٩``) and Persian (``۰-۹``) digits replaced by ASCII ones.

    One character for one, so offsets into the result are offsets into ``text``.
    """
    return _NON_ASCII_DIGITS.sub(lambda m: m.group().translate(_ASCII), text)


def _alt(words: list[str] | dict[str, int]) -> str:
    # Longest first so "ثمانية" wins over "ثمان", "eighteen" over "eight".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Tables:
    pattern: re.Pattern[str]
    en_units: dict[str, int]
    en_tens: dict[str, int]
    en_other: dict[str, int]
    ar_units: dict[str, int]
    ar_teens: dict[str, int]
    ar_tens: dict[str, int]
    ar_hundreds: dict[str, int]
    ar_prefixes: tuple[str, ...]
    ar_stop: frozenset[str]


@cache
def _tables() -> _Tables:
    lex = load_yaml("numbers.yaml")
    en, ar = lex["en"], lex["ar"]
    en_units = {k.lower(): int(v) for k, v in en["units"].items()}
    en_tens = {k.lower(): int(v) for k, v in en["tens"].items()}
    en_other = {k.lower(): int(v) for k, v in (en.get("other") or {}).items()}
    ar_units = {k: int(v) for k, v in ar["units"].items()}
    ar_teens = {k: int(v) for k, v in ar["teens"].items()}
    ar_tens = {k: int(v) for k, v in ar["tens"].items()}
    ar_hundreds = {k: int(v) for k, v in ar["hundreds"].items()}
    prefixes = tuple(ar.get("prefixes") or ())
    en_unit19 = [w for w, v in en_units.items() if 1 <= v <= 9]
    digits = r"(?<![A-Za-z\d.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?![.,]\d)(?!\d)"
    en_pat = (
        rf"\b(?P<en>(?:{_alt(en_tens)})(?:[-\s](?:{_alt(en_unit19)}))?"
        rf"|(?:{_alt(en_units)})|(?:{_alt(en_other)}))\b"
    )
    pre = rf"(?:{_alt(list(prefixes))})?{_TATWEEL}?"
    tail = _alt(ar["teen_tail"])
    ar_pat = (
        rf"(?<!\w)(?P<ar>{pre}(?:"
        rf"(?:{_alt(ar_units)})\s+و\s?(?:{_alt(ar_tens)})"  # 21-99: unit و tens
        rf"|(?:{_alt(ar_teens)}|{_alt(ar_units)})\s+(?:{tail})"  # 11-19
        rf"|(?:{_alt(ar_tens)})|(?:{_alt(ar_hundreds)})|(?:{_alt(ar_units)})"
        rf"))(?!\w)"
    )
    return _Tables(
        pattern=re.compile(f"{digits}|{en_pat}|{ar_pat}", re.IGNORECASE),
        en_units=en_units, en_tens=en_tens, en_other=en_other,
        ar_units=ar_units, ar_teens=ar_teens, ar_tens=ar_tens, ar_hundreds=ar_hundreds,
        ar_prefixes=tuple(sorted(prefixes, key=len, reverse=True)),
        ar_stop=frozenset(ar.get("not_numbers") or ()),
    )


def _strip_prefix(word: str, t: _Tables, known: dict[str, int]) -> str:
    """``word`` without a clitic prefix, if what remains is in ``known`` (else ``word`` as is)."""
    if word in known:
        return word
    for p in t.ar_prefixes:
        if word.startswith(p):
            rest = word[len(p):].lstrip(_TATWEEL)
            if rest in known:
                return rest
    return word


def _value(m: re.Match[str], t: _Tables) -> int | None:
    if m.group("digits"):
        return int(to_ascii_digits(m.group("digits")).replace(",", ""))
    if m.group("en"):
        words = re.split(r"[-\s]+", m.group("en").lower())
        total = 0
        for w in words:
            total += t.en_tens.get(w) or t.en_units.get(w) or t.en_other.get(w) or 0
        return total
    text = m.group("ar")
    if text in t.ar_stop:
        return None
    words = text.split()
    if len(words) == 1:
        for table in (t.ar_tens, t.ar_hundreds, t.ar_units):
            w = _strip_prefix(words[0], t, table)
            if w in table:
                return table[w]
        return None
    first = _strip_prefix(words[0], t, {**t.ar_units, **t.ar_teens})
    if words[-1].lstrip("و") in t.ar_tens:  # "ثمانية وعشرون"
        return t.ar_units.get(first, 0) + t.ar_tens[words[-1].lstrip("و")]
    return 10 + (t.ar_teens.get(first) or t.ar_units.get(first, 0))  # "اثنا عشر", "ثلاثة عشر"


def find_numbers(source: Analysis | str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number in ``source[start:end]`` (a text, or an :class:`Analysis`' body), in text order.

    Offsets are absolute (into the whole text / body). Digits ``"28"``, ``"٢٨"``, ``"الـ19"`` (digits only),
    English words ``"ten"`` (also inside ``"ten-point"``), ``"twenty-eight"``, Arabic ``"عشر"``, ``"بعشر"``
    (span includes the clitic), ``"ثمانية وعشرون"``. Years and other figures are numbers too: callers
    check the context (e.g. a following "point"/"نقاط"/"بنداً").
    """
    text = source.doc.body if isinstance(source, Analysis) else source
    end = len(text) if end is None else min(end, len(text))
    t = _tables()
    out: list[NumberMention] = []
    for m in t.pattern.finditer(text, max(0, start), end):
        value = _value(m, t)
        if value is not None:
            out.append(NumberMention(m.start(), m.end(), m.group(0), value))
    return out


def parse_number(text: str) -> int | None:
    """The value of ``text`` if it is exactly one number expression (surrounding spaces/punctuation allowed).

    ``"ten"`` → 10, ``"twenty-eight"`` → 28, ``"٢٨"`` → 28, ``"عشر"`` → 10, ``"بنداً"`` → None,
    ``"ثمانية وعشرون"`` → 28, ``"1,000"`` → 1000, ``"3.5"`` → None, ``"ten points"`` → None.
    """
    stripped = text.strip(" \t\n\"'“”«»()[],.;:!?،؛-")
    stripped = _CLITIC_DIGITS.sub("", stripped)  # "الـ19" → "19"
    found = find_numbers(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].value
    return None


def number_before(text: str, pos: int, window: int = 30) -> NumberMention | None:
    """The number ending closest before ``pos`` within ``window`` characters (e.g. the count before "points").

    Handy for "a ten-point plan" (``pos`` at "point"), "من 28 بنداً" (``pos`` at "بنداً"). None if absent.
    """
    found = find_numbers(text, max(0, pos - window), pos)
    return found[-1] if found else None
