"""Ingest: article file → parse → extract → build → validate → store, atomically per article.

Every function takes its :class:`~kg.settings.Settings` and :class:`~kg.store.Store` explicitly.
An article either lands whole (its named graph replaced in one transaction, reference quads added)
or not at all: a bad file raises :class:`~kg.errors.BadArticle`, a SHACL violation
:class:`~kg.errors.ValidationFailed`, and in both cases the store is left as it was.
Re-ingesting the same text (same ``pt:sha256``) changes nothing; a changed text replaces the graph.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import BadArticle, KGError, ValidationFailed
from kg.extract import extract, parse_article, read_article
from kg.extract.document import Document
from kg.graph import ArticleGraph, build_article_graph
from kg.graph.namespaces import article_iri
from kg.settings import Settings
from kg.store import Store
from kg.validate import validate_quads

ADDED, REPLACED, UNCHANGED = "added", "replaced", "unchanged"
ARTICLE_SUFFIXES = (".txt", ".md")  # what `kg build` takes from a folder; other files are not articles


@dataclass(frozen=True)
class IngestResult:
    """The outcome of one article: ``status`` is added | replaced | unchanged; ``quads`` in its graph."""

    article_id: str
    status: str
    quads: int = 0
    facts: dict[str, int] = field(default_factory=dict)


@dataclass
class BatchResult:
    """The outcome of several files: the articles that landed and the files refused, with their error."""

    done: list[IngestResult] = field(default_factory=list)
    failed: list[tuple[Path, KGError]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def build_document(doc: Document) -> tuple[ArticleGraph, dict[str, int]]:
    """Extract ``doc`` and build its graph; also returns counts of facts by kind."""
    a = extract(doc)
    facts = {
        "actors": len(a.actors()),
        "meetings": len(a.meetings),
        "proposals": len(a.proposals),
        "demands": len(a.demands),
        "concessions": len(a.concessions),
    }
    return build_article_graph(a), facts


# Generic words in both languages, so that every stage builds its automata and patterns.
_WARM_UP = (
    "---\npublished: 2025-01-01\n---\nThe delegations held talks on Monday and discussed a ceasefire.\n"
    "وعقد الوفدان محادثات يوم الاثنين وناقشا وقف إطلاق النار.\n"
)


def warm_up() -> None:
    """Load every lexicon, automaton, pattern and the SHACL shapes now, for a process ingesting many articles.

    They live as long as the process; after loading them this moves them out of the garbage collector's
    generations (``gc.freeze``), so the full collections that each article's many small objects trigger
    do not traverse them again and again (``bench/extract.py`` shows the effect).
    Called by the front ends that handle many articles (``kg build``, ``kg ingest``, the benchmark).
    """
    graph, _facts = build_document(parse_article(_WARM_UP.encode(), "warm-up"))
    validate_quads(graph.quads)
    gc.collect()
    gc.freeze()


def ingest_document(doc: Document, store: Store, settings: Settings, *, force: bool = False) -> IngestResult:
    """Store ``doc``'s graph, replacing the article's previous graph in one transaction.

    Skipped (status ``unchanged``) when the store already holds this exact text, unless ``force``.
    Raises :class:`ValidationFailed` (store untouched) when ``KG_VALIDATE_ON_INGEST`` and the graph
    does not conform to the shapes.
    """
    graph_iri = article_iri(doc.id)
    previous = store.article_sha256(graph_iri)
    if previous == doc.sha256 and not force:
        return IngestResult(doc.id, UNCHANGED)
    twins = [g for g in store.articles_with_sha256(doc.sha256) if g != graph_iri]
    twins += [g for g in store.articles_with_body_sha256(doc.body_sha256) if g != graph_iri and g not in twins]
    if twins:
        # The same text under another id (maybe with other front matter or whitespace) would count every
        # fact twice.
        raise BadArticle(f"article {doc.id!r} has the same text as the stored article <{twins[0].value}>")
    graph, facts = build_document(doc)
    if settings.validate_on_ingest:
        report = validate_quads(graph.quads)
        if not report.conforms:
            raise ValidationFailed(
                f"article {doc.id!r} does not conform to the SHACL shapes; not stored "
                "(run `kg extract` on it to see its graph)",
                report.text,
            )
    store.replace_graph(graph.graph, graph.article, graph.reference)
    return IngestResult(doc.id, ADDED if previous is None else REPLACED, len(graph.article), facts)


def ingest_bytes(
    data: bytes, article_id: str, store: Store, settings: Settings, *, force: bool = False
) -> IngestResult:
    """Parse raw article bytes (see :func:`kg.extract.parse_article`) and ingest them."""
    return ingest_document(
        parse_article(data, article_id, settings.max_article_bytes), store, settings, force=force
    )


def ingest_file(path: Path, store: Store, settings: Settings, *, force: bool = False) -> IngestResult:
    """Read ``path`` (article id = file stem) and ingest it. Raises BadArticle / ValidationFailed."""
    if path.is_dir():
        raise BadArticle(f"{path} is a folder, not an article file")
    return ingest_document(read_article(path, settings.max_article_bytes), store, settings, force=force)


def article_files(folder: Path) -> list[Path]:
    """The article files of ``folder``: regular, non-hidden ``*.txt``/``*.md`` files, sorted by name.

    Raises :class:`BadArticle` if ``folder`` is not a directory.
    """
    if not folder.is_dir():
        raise BadArticle(f"{folder} is not a folder of articles")
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES)


def ingest_files(
    paths: Iterable[Path],
    store: Store,
    settings: Settings,
    *,
    force: bool = False,
    on_done: Callable[[Path, IngestResult | KGError], None] | None = None,
) -> BatchResult:
    """Ingest each file on its own: one refused file does not stop the others (each is atomic).

    ``on_done(path, result_or_error)`` is called after each file (for progress display).
    """
    batch = BatchResult()
    paths = list(paths)
    by_id: dict[str, list[Path]] = {}
    for path in paths:
        by_id.setdefault(path.stem, []).append(path)
    for path in paths:
        outcome: IngestResult | KGError
        try:
            same_id = [p for p in by_id[path.stem] if p != path]
            if same_id:
                # The article id is the file stem: files sharing one would replace each other, so none of
                # them is ingested (the stored article of that id stays as it was).
                raise BadArticle(f"{path} has the article id {path.stem!r} of {same_id[0]}; rename one of them")
            outcome = ingest_file(path, store, settings, force=force)
            batch.done.append(outcome)
        except KGError as exc:
            outcome = exc
            batch.failed.append((path, exc))
        if on_done is not None:
            on_done(path, outcome)
    return batch
