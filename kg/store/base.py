"""The store protocol every backend implements, and the result of a query.

A store holds one named graph per article (graph IRI = article IRI) plus the shared reference graph.
Backends: :class:`kg.store.oxigraph.OxigraphStore` (embedded, on disk or in memory); a remote
SPARQL 1.1 store can implement the same protocol (``query`` → SPARQL protocol, ``replace_graph`` →
one ``DROP SILENT GRAPH … ; INSERT DATA …`` update, which SPARQL 1.1 runs as one request).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal as Lit
from typing import Protocol, runtime_checkable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg.errors import KGError

Term = NamedNode | BlankNode | Literal | Triple


class StoreUnavailable(KGError):
    """The store cannot be opened (a missing or unwritable KG_DATA_DIR, or one in use by another process)."""

    code = "KG500"


@dataclass
class QueryResult:
    """What a SPARQL query returned, capped at the row limit.

    ``kind`` is ``select`` (``variables`` + ``rows``, each row a tuple of terms or None for unbound),
    ``ask`` (``boolean``) or ``graph`` (``triples``, for CONSTRUCT/DESCRIBE).
    ``truncated`` is True when more rows existed than the limit let through.
    """

    kind: Lit["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    truncated: bool = False
    limit: int | None = None

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def dicts(self) -> list[dict[str, Term]]:
        """SELECT rows as ``{variable: term}`` dicts, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows
        ]

    def values(self) -> list[dict[str, str | int | float | bool]]:
        """SELECT rows with plain Python values: IRIs and strings as ``str``, numbers as numbers."""
        return [{k: python_value(t) for k, t in row.items()} for row in self.dicts()]


def python_value(t: Term) -> str | int | float | bool:
    """A term as a Python value: an IRI's string, a literal's value (xsd numbers and booleans converted)."""
    if isinstance(t, Literal):
        dt = t.datatype.value.rsplit("#", 1)[-1]
        try:
            if dt in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
                return int(t.value)
            if dt in ("decimal", "double", "float"):
                return float(t.value)
        except ValueError:
            return t.value
        if dt == "boolean":
            return t.value in ("true", "1")
        return t.value
    if isinstance(t, Triple):
        return str(t)
    return t.value


@runtime_checkable
class Store(Protocol):
    """A quad store of article graphs. Writes to one article are atomic: all of it lands or none."""

    def add_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Add ``quads`` (set semantics: present ones are not duplicated) in one transaction."""

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad], shared: Iterable[Quad] = ()) -> None:
        """In one transaction: drop named graph ``graph``, add ``quads`` (all in ``graph``) and add ``shared``
        (quads of other graphs, e.g. the reference graph, added with set semantics)."""

    def remove_graph(self, graph: NamedNode) -> None:
        """Drop named graph ``graph`` (no error if absent)."""

    def article_sha256(self, graph: NamedNode) -> str | None:
        """The ``pt:sha256`` the stored article graph records for its text, or None if absent."""

    def articles_with_sha256(self, sha256: str) -> list[NamedNode]:
        """Article IRIs whose stored text has this SHA-256 (hex), sorted."""
        ...

    def articles_with_body_sha256(self, sha256: str) -> list[NamedNode]:
        """Article IRIs whose stored body has this normalised SHA-256 (``pt:bodySha256``, hex), sorted."""
        ...

    def query(
        self,
        sparql: str,
        *,
        timeout_s: float | None = None,
        limit: int | None = None,
        bindings: Mapping[str, Term] | None = None,
        union: bool = True,
    ) -> QueryResult:
        """Run a SPARQL query; values of ``bindings`` are bound to variables (never pasted into text).

        ``union``: the default graph is the union of all graphs. Raises ``BadQuery`` for a query that
        does not parse and ``QueryLimitExceeded`` past ``timeout_s``; at most ``limit`` rows are kept.
        """

    def count(self, graph: NamedNode | None = None) -> int:
        """Number of quads (in ``graph``, or in the whole store)."""

    def graphs(self) -> list[NamedNode]:
        """The named graphs, sorted by IRI."""

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad (of ``graph``, or of the whole store)."""

    def dump(self, fmt: str = "nquads") -> bytes:
        """The whole store serialised (N-Quads by default; ``trig`` too), in a stable (sorted) order."""

    def close(self) -> None:
        """Flush and release the store (the on-disk store holds a lock on KG_DATA_DIR while open)."""
