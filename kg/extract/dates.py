"""Stage: dates. Finds date expressions in the body and resolves them to ISO values.

Fills ``a.dates`` with :class:`DateMention` (text order, no overlaps). ``value`` is ``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY`` (None when it cannot be resolved); ``end_value`` closes a range
("يومي 17 و18 فبراير", "between 3 and 7 March", "مايو ومطلع يونيو 2025"); ``relative`` marks
expressions that need the published date ("on Friday", "last night", "أمس", "الشهر الماضي", and a
"17 February" whose year comes from it).

Forms: "28 February 2022", "February 28, 2022", "28 فبراير 2022", "24 فبراير/شباط 2022",
"في العاشر من مارس 2022", "February 2022", "فبراير 2022", "فبراير الحالي", "أغسطس/آب الماضي",
"2025-12-03", bare years, weekdays ("on Tuesday", "يوم الجمعة", "next Monday", "الإثنين المقبل"),
relative words (yesterday, this week, earlier this month, last year, أمس, العام الماضي ...), "the same
month" / "الشهر نفسه" (the month of the date mentioned last), "3 days ago" / "قبل ثلاثة أيام".
Arabic-Indic digits are read as digits. The vocabulary is in ``kg/lexicon/dates.yaml``.

Resolution rules (the machine clock is never used):

- Relative expressions anchor on ``a.doc.published``; without it their value is None.
- A bare weekday is the most recent such day on or before the published date, or, when the clause
  speaks of the future ("will meet … on Monday", "سيلتقي"), the first such day on or after it.
  "next Monday"/"الإثنين المقبل" is strictly after, "last Friday"/"الجمعة الماضية" strictly before.
- A date without a year ("17 February", "in March") takes a year written just after it in the same
  sentence (within 40 characters); else that of the published date, moved one year back when the
  result would fall after the published date in a past-tense clause (one year on when it would fall
  before it in a future clause); else (no published date) the year of the last calendar date before it
  in the text; else None. "<month> الحالي/الماضي/المقبل" is the month in the published year / the last /
  the next such month.
- Weeks ("this week", "last week") resolve to the month of that week's day (ISO cannot say "week").
- Tense: the nearest cue before the date in its sentence (then after it) from ``future_cues`` /
  ``past_cues`` of the lexicon decides.
- Not dates: an English month name alone without a preposition before it ("May I"), a four-digit
  number followed by a unit ("2000 troops", "1500 أسير"), "قبل عشرة أيام على" (before, not ago).

Speed: patterns are compiled once from the lexicon and run only in windows around anchors found by an
Aho-Corasick scan (digits, month/weekday/relative words); ``dateparser`` (slow) is used only for
"N units ago" spans, cached per (text, base).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis, DateMention, Sentence
from kg.extract.numbers import parse_number, to_ascii_digits

_YEAR = r"(?:19|20)\d\d"
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_YEAR_REACH = 40  # characters after a yearless date in which a year still belongs to it
_EN_MONTH_CONTEXT = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|early|late|mid|of|last|next|this|during|before|after|"
    r"through|to|and|between)[\s-]+)$")


def _alt(words: list[str], flags: str = "") -> str:
    """An alternation of ``words`` (longest first), spaces matching any run of spaces."""
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(parts)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@dataclass(frozen=True)
class _Lex:
    month_of: dict[str, int]
    weekday_of: dict[str, int]
    ordinal_of: dict[str, int]
    rel_of: dict[str, tuple[str, int]]
    month_rel_of: dict[str, str]
    wd_mod_of: dict[str, str]
    same_month: frozenset[str]
    patterns: list[tuple[str, re.Pattern[str]]]
    tense: re.Pattern[str]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@cache
def _lex() -> _Lex:
    lx = load_yaml("dates.yaml")
    cs = set(lx.get("en_case_sensitive") or ())
    month_of: dict[str, int] = {}
    en_ci: list[str] = []
    en_cs: list[str] = []
    ar_months: list[str] = []
    for num, names in lx["months"].items():
        for w in names["en"]:
            month_of[_norm(w)] = int(num)
            (en_cs if w in cs else en_ci).append(w)
        for w in names["ar"]:
            month_of[_norm(w)] = int(num)
            ar_months.append(w)
    mon1 = "|".join(p for p in (_alt(en_ci, "i") if en_ci else "", _alt(en_cs) if en_cs else "",
                                _alt(ar_months)) if p)
    mon1 = rf"(?:{mon1})(?:(?<=[A-Za-z]{{3}})\.)?"
    # "فبراير/شباط", "يوليو/ تموز", "تموز (يوليو)": one month named twice.
    mon = rf"(?:{mon1})(?:\s*/\s*(?:{mon1})|\s*\(\s*(?:{mon1})\s*\))?"
    weekday_of: dict[str, int] = {}
    wds: list[str] = []
    for num, names in lx["weekdays"].items():
        for w in names["en"] + names["ar"]:
            weekday_of[_norm(w)] = int(num)
            wds.append(w)
    wd = _alt(wds, "i")
    ordinal_of = {_norm(k): int(v) for k, v in lx["ar_ordinal_days"].items()}
    day = rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?!\d)|{_alt(list(lx['ar_ordinal_days']))})"
    joins = [j for j in lx["range_joiners"] if j not in ("و",)]
    symbols = _alt([j for j in joins if not j.isalpha()])
    words = _alt([j for j in joins if j.isalpha()])
    join = rf"(?:\s*(?:{symbols})\s*|\s+(?i:{words})\s+|\s+و\s*)"
    qual = _alt(lx["month_qualifiers"]["en"], "i") + "|" + _alt(lx["month_qualifiers"]["ar"])
    month_rel_of = {_norm(w): k for k, ws in lx["month_relative"].items() for w in ws}
    mrel = _alt([w for w in month_rel_of if not w.isascii()])
    same_year = _alt(lx["same_year"]["en"], "i") + "|" + _alt(lx["same_year"]["ar"])
    same_month_words = lx["same_month"]["en"] + lx["same_month"]["ar"]
    year_tail = (rf"(?:\s*,?\s*(?:(?:من\s+|في\s+)?(?:عام|العام|سنة)\s+|of\s+)?(?P<y>{_YEAR})(?!\d)"
                 rf"|\s+(?P<rel>{mrel})|\s+(?:من\s+|of\s+)?(?P<samey>{same_year}))?")
    rel_of: dict[str, tuple[str, int]] = {}
    for row in lx["relative"]:
        for w in row["en"] + row["ar"]:
            rel_of[_norm(w)] = (row["unit"], int(row["offset"]))
    mod_of = {}
    for w in lx["weekday_next"]["before"] + lx["weekday_next"]["after"]:
        mod_of[_norm(w)] = "next"
    for w in lx["weekday_last"]["before"] + lx["weekday_last"]["after"]:
        mod_of[_norm(w)] = "last"
    pre_mod = _alt(lx["weekday_next"]["before"] + lx["weekday_last"]["before"], "i")
    post_mod = _alt(lx["weekday_next"]["after"] + lx["weekday_last"]["after"])
    rel_days = [w for w, (u, _o) in rel_of.items() if u == "day"]
    rel_other = [w for w, (u, _o) in rel_of.items() if u != "day"]
    ar_pre = r"(?:[وفبل](?=[\u0621-\u064A]))?"
    # "Tuesday, March 11", "مساء الأربعاء 23 تموز": the weekday belongs to the explicit date.
    wd_pre = rf"(?:(?:(?:يوم|مساء|صباح|ليلة|(?i:on))\s+)?{ar_pre}{wd}\s*[,،]?\s*(?:(?i:the)\s+)?)?"
    not_before = _alt(lx["year_not_before"]["en"] + lx["year_not_before"]["ar"], "i")
    patterns: list[tuple[str, re.Pattern[str]]] = [
        ("iso", re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")),
        # day-first numeric dates as European and Arabic outlets write them: "28.02.2022", "28/2/2022"
        ("iso", re.compile(
            rf"(?<![\d./])(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>{_YEAR})(?![\d]|[./]\d)")),
        ("dmy", re.compile(
            rf"(?<!\w){wd_pre}(?:(?i:between|from)\s+|بين\s+|من\s+)?(?P<d1>{day})(?:{join}(?P<d2>{day}))?"
            rf"(?:\s+(?:من|of))?\s+(?:شهر\s+)?(?P<mon>{mon}){year_tail}")),
        ("mdy", re.compile(
            rf"(?<!\w){wd_pre}(?P<mon>{mon})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
            rf"(?:\s*(?:-|–|—|(?i:and|to|through))\s*(?P<d2>[0-3]?\d)(?!\d))?(?:,?\s+(?P<y>{_YEAR})(?!\d))?")),
        ("my", re.compile(
            rf"(?<!\w)(?:(?:{qual})\s+)?(?:شهر\s+|(?i:the\s+month\s+of)\s+)?(?P<mon>{mon})"
            rf"(?:{join}(?:(?:{qual})\s+)?(?:شهر\s+)?(?P<mon2>{mon}))?{year_tail}")),
        ("same", re.compile(
            rf"(?<!\w)(?:(?:{qual})\s+)?(?:(?i:in|من|في)\s+)?(?P<same>{_alt(same_month_words, 'i')})(?!\w)")),
        ("sameyear", re.compile(rf"(?<!\w)(?P<samey>{same_year})(?!\w)")),
        ("reld", re.compile(
            rf"(?<!\w){ar_pre}(?P<rel>{_alt(rel_days, 'i')})"
            rf"(?:\s*[,،]?\s*(?:(?i:on)\s+)?(?P<wd>{wd}))?(?!\w)")),
        ("relo", re.compile(rf"(?<!\w){ar_pre}(?P<rel>{_alt(rel_other, 'i')})(?!\w)")),
        ("ago", re.compile(
            r"(?<!\w)(?P<ago>(?:\d+|[A-Za-z]+|a|an)\s+(?i:days?|weeks?|months?|years?)\s+(?i:ago)"
            r"|قبل\s+(?:\d+\s+)?(?:يومين|أسبوعين|شهرين|عامين|سنتين|أيام|يوما|يوماً|أسابيع|أشهر|شهور|سنوات|أعوام|[\u0621-\u064A]+\s+(?:أيام|أسابيع|أشهر|سنوات|أعوام)))(?!\w)"
            r"(?!\s+(?:على|من|عن)(?!\w))")),  # "قبل عشرة أيام على القمة" = before the summit, not ago
        ("wd", re.compile(
            rf"(?<!\w)(?:(?P<pre>{pre_mod})\s+)?(?:(?i:on)\s+|(?:يوم|يومي|نهار|مساء|صباح|ليلة|ليل)\s+)?{ar_pre}"
            rf"(?P<wd>{wd})(?:\s+(?P<post>{post_mod}))?(?!\w)")),
        ("year", re.compile(rf"(?<![\d.,/:-])(?P<y>{_YEAR})(?![\d%]|\.\d)"
                            rf"(?!\s+{not_before}(?!\w))")),
    ]
    fut = lx["future_cues"]["en"] + lx["future_cues"]["ar"]
    past = lx["past_cues"]["en"] + lx["past_cues"]["ar"]
    tense = re.compile(rf"(?<!\w)(?:(?P<fut>{_alt(fut, 'i')})|(?P<past>{_alt(past, 'i')}))(?!\w)")
    return _Lex(month_of, weekday_of, ordinal_of, rel_of, month_rel_of, mod_of,
                frozenset(_norm(w) for w in same_month_words), patterns, tense)


# --- small date arithmetic --------------------------------------------------------------------------


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _ymd(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def weekday_date(published: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of ``weekday`` (Monday = 0) relative to ``published``.

    ``direction``: ``"past"`` most recent on or before, ``"future"`` first on or after,
    ``"last"`` strictly before, ``"next"`` strictly after.
    """
    back = (published.weekday() - weekday) % 7
    fwd = (weekday - published.weekday()) % 7
    if direction == "past":
        return published - dt.timedelta(days=back)
    if direction == "last":
        return published - dt.timedelta(days=back or 7)
    if direction == "next":
        return published + dt.timedelta(days=fwd or 7)
    return published + dt.timedelta(days=fwd)


@lru_cache(maxsize=512)
def _dateparser_ago(text: str, base: dt.date) -> dt.date | None:
    """Resolve "3 days ago" / "قبل ثلاثة أيام" with dateparser (slow, so cached)."""
    import dateparser  # imported lazily: loading it costs about a second

    base_dt = dt.datetime(base.year, base.month, base.day)
    number_words = re.sub(r"[\u0621-\u064A]+", lambda m: str(parse_number(m.group(0)) or m.group(0)), text)
    for candidate in (text, number_words):
        got = dateparser.parse(candidate, languages=["en", "ar"],
                               settings={"RELATIVE_BASE": base_dt, "PREFER_DATES_FROM": "past"})
        if got is not None:
            return got.date()
    return None


# --- the finder ------------------------------------------------------------------------------------


@dataclass
class _Cand:
    kind: str
    m: re.Match[str]

    @property
    def span(self) -> tuple[int, int]:
        return self.m.start(), self.m.end()


class _Resolver:
    """Resolves candidate matches in text order, keeping the context (last explicit year and month)."""

    def __init__(self, text: str, published: dt.date | None, sentences: list[Sentence]) -> None:
        self.text = text
        self.published = published
        self.lex = _lex()
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.last_year: int | None = None
        self.last_month: tuple[int, int] | None = None

    # -- context helpers
    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sentences[i].end >= pos:
            return self.sentences[i].start, self.sentences[i].end
        # No sentence split available: use the line.
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def is_future(self, start: int, end: int) -> bool:
        """Whether the clause around ``[start, end)`` speaks of the future (nearest tense cue wins)."""
        s, e = self.sentence_at(start)
        before = list(self.lex.tense.finditer(self.text, s, start))
        if before:
            return before[-1].group("fut") is not None
        after = self.lex.tense.search(self.text, end, e)
        return bool(after and after.group("fut"))

    def year_in_sentence(self, start: int, end: int) -> int | None:
        """A year written shortly after a date given without one, in its sentence ("17 February ... 2025")."""
        _s, e = self.sentence_at(start)
        m = _YEAR_RE.search(self.text, end, min(e, end + _YEAR_REACH))
        return int(m.group(0)) if m else None

    def year_for(self, month: int, day: int | None, start: int, end: int) -> int | None:
        """The year of a date given without one (see the module docstring)."""
        y = self.year_in_sentence(start, end)
        if y is not None:
            return y
        p = self.published
        if p is None:
            return self.last_year
        future = self.is_future(start, end)
        here = (month, day or 0)
        now = (p.month, p.day if day else 0)
        if not future and here > now:
            return p.year - 1
        if future and here < now:
            return p.year + 1
        return p.year

    def remember(self, value: str | None) -> None:
        if value and len(value) >= 4:
            self.last_year = int(value[:4])
        if value and len(value) >= 7:
            self.last_month = (int(value[:4]), int(value[5:7]))

    # -- pieces
    def month(self, name: str | None) -> int | None:
        if not name:
            return None
        first = re.split(r"\s*[/(]\s*", name.strip())[0]
        return self.lex.month_of.get(_norm(first.rstrip(".")))

    def day(self, tok: str | None) -> int | None:
        if not tok:
            return None
        t = _norm(tok)
        if t in self.lex.ordinal_of:
            return self.lex.ordinal_of[t]
        digits = re.match(r"\d+", t)
        return int(digits.group(0)) if digits else None

    def relative_month(self, word: str | None, month: int) -> int | None:
        """The year of "<month> الحالي/الماضي/المقبل" relative to the published date."""
        if not word or self.published is None:
            return None
        p = self.published
        kind = self.lex.month_rel_of.get(_norm(word))
        if kind == "this":
            return p.year
        if kind == "last":
            return p.year if month < p.month else p.year - 1
        if kind == "next":
            return p.year if month > p.month else p.year + 1
        return None

    # -- each pattern kind → (value, end_value, relative)
    def resolve(self, c: _Cand) -> tuple[str | None, str | None, bool] | None:
        g = c.m.groupdict()
        start, end = c.span
        kind = c.kind
        if kind == "iso":
            return _ymd(int(g["y"]), int(g["m"]), int(g["d"])), None, False
        if kind in ("dmy", "mdy"):
            month = self.month(g["mon"])
            d1, d2 = self.day(g["d1"]), self.day(g.get("d2"))
            if month is None or d1 is None or not 1 <= d1 <= 31:
                return None
            relative = False
            if g.get("y"):
                year: int | None = int(g["y"])
            elif g.get("rel"):
                year, relative = self.relative_month(g["rel"], month), True
            elif g.get("samey"):
                year = self.last_year
            else:
                year = self.year_for(month, d1, start, end)
                relative = self.year_in_sentence(start, end) is None and self.published is not None
            if year is None:
                return None, None, relative
            v = _ymd(year, month, d1)
            ev = _ymd(year, month, d2) if d2 and d2 > d1 else None
            return v, ev, relative
        if kind == "my":
            month = self.month(g["mon"])
            month2 = self.month(g.get("mon2"))
            if month is None:
                return None
            bare = not (g.get("y") or g.get("rel") or g.get("samey") or month2)
            before = _EN_MONTH_CONTEXT.search(self.text, max(0, start - 16), start)
            if bare and g["mon"].isascii() and not before:
                return None  # "May I ...": an English month alone needs a preposition before it
            relative = False
            if g.get("y"):
                year = int(g["y"])
            elif g.get("rel"):
                year, relative = self.relative_month(g["rel"], month), True
            elif g.get("samey"):
                year = self.last_year
            else:
                year = self.year_for(month, None, start, end)
                relative = self.year_in_sentence(start, end) is None and self.published is not None
            if year is None:
                return None, None, relative
            # "December 2025 – January 2026" is not handled: a range ends in the same year unless it wraps.
            if month2 is not None and month2 != month:
                y1 = year - 1 if month2 < month else year
                return _ym(y1, month), _ym(year, month2), relative
            return _ym(year, month), None, relative
        if kind == "same":
            return (_ym(*self.last_month) if self.last_month else None), None, False
        if kind == "sameyear":
            return (f"{self.last_year:04d}" if self.last_year else None), None, False
        if kind == "year":
            return g["y"], None, False
        p = self.published
        if kind in ("reld", "relo"):
            unit, offset = self.lex.rel_of.get(_norm(g["rel"]), ("day", 0))
            if p is None:
                return None, None, True
            if unit == "day":
                return (p + dt.timedelta(days=offset)).isoformat(), None, True
            if unit == "week":
                d = p + dt.timedelta(days=7 * offset)
                return _ym(d.year, d.month), None, True
            if unit == "month":
                return _ym(*_shift_month(p.year, p.month, offset)), None, True
            return f"{p.year + offset:04d}", None, True
        if kind == "ago":
            if p is None:
                return None, None, True
            got = _dateparser_ago(_norm(g["ago"]), p)
            return (got.isoformat() if got else None), None, True
        if kind == "wd":
            wd = self.lex.weekday_of.get(_norm(g["wd"]))
            if wd is None:
                return None
            if p is None:
                return None, None, True
            mod = self.lex.wd_mod_of.get(_norm(g.get("pre") or g.get("post") or ""))
            direction = mod or ("future" if self.is_future(start, end) else "past")
            return weekday_date(p, wd, direction).isoformat(), None, True
        return None


@cache
def _anchors() -> ahocorasick.Automaton:
    """Words every date expression contains one of (month, weekday, relative words), for a fast pre-scan."""
    lx = load_yaml("dates.yaml")
    words: set[str] = set()
    for names in lx["months"].values():
        words |= set(names["en"]) | set(names["ar"])
    for names in lx["weekdays"].values():
        words |= set(names["en"]) | set(names["ar"])
    for row in lx["relative"]:
        words |= set(row["en"]) | set(row["ar"])
    words |= set(lx["same_month"]["en"]) | set(lx["same_month"]["ar"])
    words |= set(lx["same_year"]["en"]) | set(lx["same_year"]["ar"])
    words |= {"ago", "قبل"}
    auto = ahocorasick.Automaton()
    for w in words:
        # a phrase is anchored by its first word; English in the cases news text writes it
        head = w.split()[0]
        for form in {head, head.lower(), head.capitalize(), head.upper()}:
            auto.add_word(form, len(form))
    auto.make_automaton()
    return auto


_DIGITS = re.compile(r"\d+")
_BEFORE, _AFTER = 45, 30  # characters before/after an anchor that its date expression may span


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged spans of ``text`` around date anchors (digits, month/weekday/relative words)."""
    spans = [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    spans += [(end - n + 1, end + 1) for end, n in _anchors().iter(text)]
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(0, s - _BEFORE), min(len(text), e + _AFTER)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# Bits of what a window holds; a pattern runs only in windows holding everything it needs.
_DIGIT, _MONTH, _SAME, _SAMEYEAR, _RELD, _RELO, _AGO, _WD = (1 << i for i in range(8))
# why: each pattern's match must contain one of these (a digit or a word of its lexicon list), so a
# window without it cannot match; pattern kinds in the order of ``_Lex.patterns``.
_NEEDS: tuple[tuple[str, int], ...] = (
    ("iso", _DIGIT), ("iso", _DIGIT), ("dmy", _MONTH), ("mdy", _MONTH | _DIGIT), ("my", _MONTH),
    ("same", _SAME), ("sameyear", _SAMEYEAR), ("reld", _RELD), ("relo", _RELO), ("ago", _AGO), ("wd", _WD),
    ("year", _DIGIT))
# why: re.IGNORECASE also matches dotless ı to i, which casefold() leaves apart.
_FOLD_EXTRA = str.maketrans({"\u0131": "i"})


@cache
def _need_words() -> ahocorasick.Automaton | None:
    """Casefolded required words of the patterns -> (length, bits); None when the patterns changed.

    A word's longest token stands for it (every token of a lexicon phrase is literal in its pattern).
    """
    lx_raw = load_yaml("dates.yaml")
    lx = _lex()
    if tuple(k for k, _p in lx.patterns) != tuple(k for k, _b in _NEEDS):
        return None
    groups: list[tuple[int, list[str]]] = [
        (_MONTH, [w for names in lx_raw["months"].values() for w in names["en"] + names["ar"]]),
        (_WD, [w for names in lx_raw["weekdays"].values() for w in names["en"] + names["ar"]]),
        (_SAME, list(lx_raw["same_month"]["en"]) + list(lx_raw["same_month"]["ar"])),
        (_SAMEYEAR, list(lx_raw["same_year"]["en"]) + list(lx_raw["same_year"]["ar"])),
        (_RELD, [w for w, (u, _o) in lx.rel_of.items() if u == "day"]),
        (_RELO, [w for w, (u, _o) in lx.rel_of.items() if u != "day"]),
        (_AGO, ["ago", "قبل"]),
    ]
    bits: dict[str, int] = {}
    for bit, words in groups:
        for w in words:
            toks = w.casefold().translate(_FOLD_EXTRA).split()
            if not toks:
                return None  # an empty word would match anywhere: no filter
            key = max(toks, key=len)
            bits[key] = bits.get(key, 0) | bit
    auto = ahocorasick.Automaton()
    for key, b in bits.items():
        auto.add_word(key, (len(key), b))
    auto.make_automaton()
    return auto


def _window_bits(text: str, windows: list[tuple[int, int]]) -> list[int] | None:
    """For each window, the bits of what it holds (see ``_NEEDS``); None when no filter applies."""
    auto = _need_words()
    folded = text.casefold()
    if auto is None or len(folded) != len(text):  # why: offsets must stay those of ``text``
        return None
    if "\u0131" in folded:  # why: str.translate walks every character slowly; replace() is one pass in C
        folded = folded.replace("\u0131", "i")
    starts = [ws for ws, _we in windows]
    out = [0] * len(windows)

    def mark(pos: int, bit: int) -> None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < windows[i][1]:
            out[i] |= bit

    for m in _DIGITS.finditer(text):
        mark(m.start(), _DIGIT)
    for end, (n, bit) in auto.iter(folded):
        mark(end - n + 1, bit)
    return out


def _candidates(text: str) -> list[_Cand]:
    """Non-overlapping matches of every pattern: longest first, then earliest, then pattern order.

    Patterns run only in windows around anchors (a plain scan of every pattern over the whole text
    is the slow part of this stage).
    """
    found: list[tuple[int, int, int, _Cand]] = []
    windows = _windows(text)
    bits = _window_bits(text, windows)
    for rank, (kind, pat) in enumerate(_lex().patterns):
        seen: set[int] = set()
        need = _NEEDS[rank][1] if bits is not None else 0
        for wi, (ws, we) in enumerate(windows):
            if need and bits[wi] & need != need:  # type: ignore[index]
                continue
            for m in pat.finditer(text, ws, we):
                if m.end() > m.start() and m.start() not in seen:
                    seen.add(m.start())
                    found.append((-(m.end() - m.start()), m.start(), rank, _Cand(kind, m)))
    found.sort(key=lambda t: t[:3])
    taken: list[tuple[int, int]] = []
    out: list[_Cand] = []
    for _neg, _s, _r, c in found:
        s, e = c.span
        i = bisect.bisect_left(taken, (s, e))
        if i > 0 and taken[i - 1][1] > s:
            continue
        if i < len(taken) and taken[i][0] < e:
            continue
        taken.insert(i, (s, e))
        out.append(c)
    out.sort(key=lambda c: c.span)
    return out


def find_dates(text: str, published: dt.date | None,
               sentences: list[Sentence] | None = None) -> list[DateMention]:
    """Every date expression of ``text`` (text order), resolved against ``published`` (see module doc).

    ``sentences`` (offset spans into ``text``) give the clause context for tense and same-sentence
    years; without them the line is used. Offsets are ``str`` indices into ``text``.
    """
    ascii_text = to_ascii_digits(text)  # same length, so offsets hold
    r = _Resolver(ascii_text, published, sentences or [])
    out: list[DateMention] = []
    for c in _candidates(ascii_text):
        got = r.resolve(c)
        if got is None:
            continue
        value, end_value, relative = got
        s, e = c.span
        out.append(DateMention(s, e, text[s:e], value, end_value, relative))
        if c.kind in ("iso", "dmy", "mdy", "my"):  # calendar dates set the context of "the same month"
            r.remember(value)
        elif c.kind == "year":
            r.last_year = int(value) if value else r.last_year
    return out


def run(a: Analysis) -> None:
    """Fill ``a.dates`` with the body's date expressions, resolved against ``a.doc.published``."""
    a.dates = find_dates(a.doc.body, a.doc.published, a.sentences)


__all__: list[str] = ["find_dates", "run", "weekday_date"]
