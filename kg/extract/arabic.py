"""Text normalisation for name matching, with a map back to the original offsets.

Matching runs on a *folded* copy of the body: Latin case and accents folded, Arabic letter
variants unified (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي), diacritics (tashkeel), tatweel and
format characters dropped, presentation forms and ligatures (``ﻻ``) expanded. Folding works one
original character at a time, so a character may become zero, one or several folded characters
("İ" → "i", "ﻻ" → "لا", "ـ" → nothing) and :class:`Folded` keeps, for every folded character, the
index of the original character it came from. Offsets found in the folded text are mapped back
with :meth:`Folded.span`, so ``body[start:end]`` is always a real slice of the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Arabic letter variants that spellings of one name alternate between.
_AR_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ى": "ي", "ی": "ي", "ؤ": "و", "ئ": "ي", "ک": "ك", "ڤ": "ف", "گ": "غ",
}
TATWEEL = "\u0640"

# Proclitics that attach to an Arabic word: conjunctions و ف, prepositions ب ل ك, the article ال.
# Folded forms of every prefix a matched word may carry (ل + ال is written لل).
_PROCLITIC_HEADS = ("", "و", "ف")
_PROCLITIC_PREPS = ("", "ب", "ل", "ك")


def _proclitics() -> tuple[frozenset[str], frozenset[str]]:
    bare: set[str] = set()
    with_article: set[str] = set()
    for h in _PROCLITIC_HEADS:
        for p in _PROCLITIC_PREPS:
            bare.add(h + p)
            with_article.add(h + ("لل" if p == "ل" else p + "ال"))
    return frozenset(bare), frozenset(with_article)


PROCLITICS, ARTICLE_PROCLITICS = _proclitics()


def is_arabic(ch: str) -> bool:
    """True for a character of the Arabic script blocks."""
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or \
        0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character: "" (dropped), one or several characters.

    Latin and other cased scripts: compatibility-decomposed, accents dropped, casefolded
    ("İ" → "i", "ğ" → "g", "ß" → "ss"). Arabic: presentation forms expanded, letter variants
    unified, tashkeel and tatweel dropped. Zero-width/format characters are dropped.
    """
    if ch.isascii():
        return ch.lower()
    if ch == TATWEEL:
        return ""
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf"):  # diacritics (incl. Arabic tashkeel) and zero-width format chars
        return ""
    if ch in _AR_LETTERS:
        return _AR_LETTERS[ch]
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(c) in ("Mn", "Me", "Cf") or c == TATWEEL:
            continue
        c = _AR_LETTERS.get(c, c)
        out.append(c.casefold() if not is_arabic(c) else c)
    s = "".join(out)
    if len(s) > 4:  # very long compatibility expansions (e.g. "ﷺ") are not name material
        return ch
    return s


@dataclass(frozen=True)
class Folded:
    """A folded copy of ``original`` and, per folded char, the index of its original char.

    ``index`` has one extra entry at the end, ``len(original)``, so spans ending at the end map too.
    """

    original: str
    text: str
    index: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` for folded ``[start, end)`` (``end > start``).

        The original span covers every original character any folded character of the range
        came from, so a ligature partly matched is included whole.
        """
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def extend_marks(self, o_end: int) -> int:
        """Move an original end offset over combining marks and tatweel that follow it."""
        s = self.original
        while o_end < len(s) and (s[o_end] == TATWEEL or unicodedata.category(s[o_end]) in ("Mn", "Me")):
            o_end += 1
        return o_end


_FOLDED: dict[str, str] = {}  # per-character folding, filled on first sight (whitespace → " ")
# Ranges where most characters fold to exactly one character; they are folded in bulk.
_BULK_RANGES = ((0x0000, 0x024F), (0x0600, 0x06FF))


def _bulk_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """A translate table for one-to-one characters, and a pattern for every other character."""
    table: dict[int, str] = {}
    special: list[str] = []
    for lo, hi in _BULK_RANGES:
        for o in range(lo, hi + 1):
            c = chr(o)
            f = fold_char(c)
            if c == " " or (len(f) == 1 and not c.isspace() and f != " "):
                if f != c:
                    table[o] = f
            else:
                special.append(re.escape(c))
    ranges = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _BULK_RANGES)
    pattern = re.compile(r"\s{2,}|[" + "".join(special) + "]|[^" + ranges + "]")
    return table, pattern


_TABLE, _SPECIAL = _bulk_tables()


def fold(text: str) -> Folded:
    """Fold ``text`` character by character (see :func:`fold_char`), keeping the offset map.

    Whitespace runs become one space. Runs of one-to-one characters are translated in bulk.
    """
    if len(text) > 256:
        # Speed: an article body is folded by several stages (gazetteer hits, lexicon scans); the result
        # is immutable, so the last two long texts are kept.
        return _fold_long(text)
    return _fold(text)


@lru_cache(maxsize=2)
def _fold_long(text: str) -> Folded:
    return _fold(text)


def _fold(text: str) -> Folded:
    if _SPECIAL.search(text) is None:
        # Speed (short phrases): no character needs special handling, so the loop below would translate
        # the whole text in one piece with the identity offset map.
        return Folded(text, text.translate(_TABLE), tuple(range(len(text) + 1)))
    out: list[str] = []
    index: list[int] = []
    cache = _FOLDED
    pos = 0
    for m in _SPECIAL.finditer(text):
        s = m.start()
        if s > pos:
            out.append(text[pos:s].translate(_TABLE))
            index.extend(range(pos, s))
        pos = m.end()
        chunk = m.group()
        if chunk[0].isspace():
            # Any run of whitespace (newlines, no-break spaces) folds to one space.
            if not (out and out[-1].endswith(" ")):
                out.append(" ")
                index.append(s)
            continue
        f = cache.get(chunk)
        if f is None:
            f = " " if chunk.isspace() else fold_char(chunk)
            cache[chunk] = f
        if not f:
            continue
        out.append(f)
        index.extend([s] * len(f))
    if pos < len(text):
        out.append(text[pos:].translate(_TABLE))
        index.extend(range(pos, len(text)))
    index.append(len(text))
    return Folded(text, "".join(out), tuple(index))


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """The folded form of a name or cue phrase, with runs of spaces collapsed to one."""
    return " ".join(fold(name).text.split())


def strip_article(folded: str) -> str | None:
    """The folded Arabic phrase without its leading article ("الكرملين" → "كرملين"), or None."""
    if folded.startswith("ال") and len(folded) > 3 and is_arabic(folded[2]):
        return folded[2:]
    return None
