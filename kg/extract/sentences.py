"""Stage 1: split the body into sentences, keeping offsets.

A sentence ends at ``.``, ``!``, ``?``, the Arabic ``؟`` or a line break, when followed by space (zero-width
spaces and joiners count as space); abbreviations such as "U.S." and decimals such as "3.5" do not end one.
A run of text with no end longer than :data:`MAX_SENTENCE` characters is cut at the last space before that
length: later stages look at pairs of words within a sentence, so one endless "sentence" (a pasted table,
a text with no full stops) would cost the square of its length.
"""

from __future__ import annotations

import re

from kg.extract.model import Analysis, Sentence

# A terminator followed by whitespace, or any line break. "U.S." and "Mr." are protected by the lookbehinds.
# Speed: the lookbehinds follow the first terminator (and so cover it with ".") instead of preceding it,
# so they run only at terminators, not at every position of the body (same matches, ~5x faster).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # spaces and joiners of no width: they end a sentence as a space does
_END = re.compile(r"[.!?؟۔](?<!\b[A-Z].)(?<!\bMr.)(?<!\bMrs.)(?<!\bDr.)(?<!\bSt.)[.!?؟۔]*[\"'”’»)]*"
                  rf"(?=[\s{_ZERO_WIDTH}])|\n+")
MAX_SENTENCE = 2000  # characters; the longest sentence of the dev sets is under 800


def split(body: str) -> list[Sentence]:
    """Sentences of ``body`` as offset spans (whitespace trimmed, empty ones dropped)."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(body):
        _add(out, body, start, m.end())
        start = m.end()
    _add(out, body, start, len(body))
    return out


def _add(out: list[Sentence], body: str, start: int, end: int) -> None:
    while start < end and _blank(body[start]):
        start += 1
    while end > start and _blank(body[end - 1]):
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = body.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(out, body, start, cut)
        start = cut
        while start < end and _blank(body[start]):
            start += 1
    if end > start:
        out.append(Sentence(start, end, body[start:end]))


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in _ZERO_WIDTH


def run(a: Analysis) -> None:
    """Fill ``a.sentences``."""
    a.sentences = split(a.doc.body)
