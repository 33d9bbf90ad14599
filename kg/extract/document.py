"""Reading an article: bytes → :class:`Document` (front matter + body).

Offsets everywhere in the project are Python ``str`` indices into ``Document.body``,
the text after the front matter (the same convention as ``../shared/eval/score.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import BadArticle

FRONT_MATTER_KEYS = {"url", "published", "language", "title", "source"}
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):\s*(.*)$")
DEFAULT_MAX_BYTES = 1_000_000
UNKNOWN_DATES = ("unknown", "none", "null", "n/a", "-")

# A BCP 47 language tag (primary subtag of 2-3 letters, then subtags), or "mixed" for bilingual articles.
_LANGUAGE = re.compile(r"(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|mixed)")
# An absolute http(s) URL without spaces or the characters an IRI may not hold.
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")

@dataclass(frozen=True)
class Document:
    """One article: its id, body text and front-matter metadata."""

    id: str
    body: str
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    sha256: str = ""
    body_sha256: str = ""  # SHA-256 of the body with whitespace normalised (see :func:`body_digest`)
    meta: dict[str, str] = field(default_factory=dict)


def article_id_for(path: Path) -> str:
    """The article id of a file: its name without the extension (``seeds/000_x.txt`` → ``000_x``)."""
    return path.stem


def parse_article(data: bytes, article_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode and split an article into front matter and body.

    ``data`` is the raw file (UTF-8, optionally with a ``---`` front matter of ``key: value`` lines).
    Raises :class:`BadArticle` for an empty file, one over ``max_bytes`` bytes, binary or non-UTF-8
    data, or a front matter that is opened but never closed or holds a line that is not ``key: value``.
    """
    if not data.strip():
        raise BadArticle(f"article {article_id!r} is empty: give a UTF-8 text with a body")
    if len(data) > max_bytes:
        raise BadArticle(
            f"article {article_id!r} is {len(data):,} bytes, over the limit of {max_bytes:,} "
            "(KG_MAX_ARTICLE_BYTES)"
        )
    if b"\x00" in data:
        raise BadArticle(f"article {article_id!r} is binary data (NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadArticle(
            f"article {article_id!r} is not valid UTF-8 (byte {exc.start}): re-save it as UTF-8"
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    meta: dict[str, str] = {}
    body = text
    if text.startswith("---\n") or text == "---" or text.startswith("---\r"):
        end = text.find("\n---", 3)
        if end == -1:
            raise BadArticle(f"article {article_id!r}: front matter opened with '---' is never closed")
        for n, line in enumerate(text[4:end].split("\n"), start=2):
            if not line.strip():
                continue
            m = _KEY_LINE.match(line)
            if not m:
                raise BadArticle(
                    f"article {article_id!r}: front matter line {n} is not 'key: value': {line[:60]!r}"
                )
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()  # a quoted YAML string: published: "2025-03-14"
            key = m.group(1).lower()
            if key in meta:
                raise BadArticle(f"article {article_id!r}: front matter line {n} repeats the key {key!r}")
            meta[key] = value
        rest = text[end + 4:]
        body = rest[1:] if rest.startswith("\n") else rest
        if not body.strip():
            raise BadArticle(f"article {article_id!r} has front matter but no body: give the article's text")
    published = None
    raw_date = meta.get("published", "")
    if re.match(r"\d{4}-\d{2}-\d{2}", raw_date):
        try:
            published = dt.date.fromisoformat(raw_date[:10])
        except ValueError as exc:
            raise BadArticle(
                f"article {article_id!r}: published {raw_date!r} is not a valid date YYYY-MM-DD"
            ) from exc
    elif raw_date and raw_date.lower() not in UNKNOWN_DATES:
        raise BadArticle(
            f"article {article_id!r}: published {raw_date!r} is not a date YYYY-MM-DD "
            "(write it in ISO form, or 'unknown')"
        )
    language = meta.get("language") or None
    if language is not None and not _LANGUAGE.fullmatch(language):
        raise BadArticle(
            f"article {article_id!r}: language {language!r} is not a language tag such as en, ar, uk or "
            "'mixed' (BCP 47)"
        )
    url = meta.get("url") or None
    if url is not None and not _URL.fullmatch(url):
        raise BadArticle(f"article {article_id!r}: url {url[:80]!r} is not an absolute http(s) URL")
    # No published date ("unknown", empty): relative dates then stay unresolved.
    return Document(
        id=article_id,
        body=body,
        published=published,
        language=language,
        url=url,
        title=meta.get("title") or None,
        source=meta.get("source") or None,
        sha256=hashlib.sha256(data).hexdigest(),
        body_sha256=body_digest(body),
        meta=meta,
    )


def body_digest(body: str) -> str:
    """SHA-256 (hex) of ``body`` with its whitespace normalised: trailing spaces of each line and blank lines
    at either end dropped. Two articles with the same digest are one text (a copy with another newline at
    its end, or other front matter), which ``kg ingest`` refuses under a second id."""
    lines = [ln.rstrip() for ln in body.strip().splitlines()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def read_article(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` and parse it with :func:`parse_article`; the id is the file's stem.

    Raises :class:`BadArticle` for a folder, an unreadable or oversized file, or what ``parse_article``
    refuses."""
    if path.is_dir():
        raise BadArticle(f"{path} is a folder, not an article file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadArticle(f"cannot read {path}: {exc.strerror}") from exc
    if size > max_bytes:
        raise BadArticle(
            f"article {path.stem!r} is {size:,} bytes, over the limit of {max_bytes:,} (KG_MAX_ARTICLE_BYTES)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadArticle(f"cannot read {path}: {exc.strerror}") from exc
    return parse_article(data, article_id_for(path), max_bytes)
