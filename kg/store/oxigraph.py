"""The embedded store: Oxigraph (pyoxigraph 0.5), on disk in ``KG_DATA_DIR`` or in memory.

Atomicity: ``replace_graph`` runs one SPARQL Update (``DROP SILENT GRAPH <g> ; INSERT DATA {…}``),
which Oxigraph applies in one transaction, so a reader never sees an article half replaced and a
failure leaves the old graph. A graph not yet in the store is added with one ``Store.extend``
(also one transaction), under the store's write lock so the check and the write are not
interleaved. ``add_graph`` uses ``Store.extend`` too (``bulk_extend`` is not transactional, so it
is never used here).

Time limit: Oxigraph cannot cancel a running query, so the query runs in a daemon worker thread
(pyoxigraph releases the GIL while evaluating) and the caller stops waiting after ``timeout_s``;
the worker stops at the next row it reads.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Variable,
    serialize,
)
from pyoxigraph import Store as _OxStore

from kg.errors import BadQuery, QueryLimitExceeded, ServiceFailed
from kg.graph.namespaces import OUTPUT_PREFIXES, QUERY_PREFIXES, pt
from kg.store.base import QueryResult, StoreUnavailable, Term
from kg.store.services import check_services, names_dataset

# Comments and PREFIX/BASE declarations before a query's first keyword, and the keywords of SPARQL Update.
_PROLOGUE = re.compile(r"^(?:\s+|#[^\n]*\n?|(?i:prefix)\s+[\w.-]*:\s*<[^>]*>|(?i:base)\s+<[^>]*>)*")
_UPDATE = re.compile(r"(?i:insert|delete|load|clear|drop|create|add|move|copy|with)\b")

_SHA256 = pt("sha256")
_BODY_SHA256 = pt("bodySha256")
# RocksDB keeps written data in memtables until they fill up (hundreds of MB across Oxigraph's column
# families): flushing every so many writes keeps a long `kg build` at a steady, small memory.
FLUSH_EVERY = 100
_DUMP_FORMATS = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}


def _insert_data(quads: Iterable[Quad]) -> str:
    """The body of an ``INSERT DATA`` block for ``quads``, grouped by graph.

    Terms are written by Oxigraph's N-Triples serialiser, whose escaping is valid SPARQL; no value is
    formatted by hand.
    """
    by_graph: dict[str, list] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(q.triple)
    parts = []
    for g, triples in by_graph.items():
        body = serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
        parts.append(f"GRAPH {g} {{\n{body}}}" if g else body)
    return "\n".join(parts)


class OxigraphStore:
    """:class:`kg.store.base.Store` over a pyoxigraph ``Store``; ``path`` None keeps it in memory."""

    def __init__(self, path: Path | None = None, service_allowlist: Iterable[str] = ()) -> None:
        self.path = path
        self.service_allowlist = tuple(service_allowlist)
        try:
            if path is None:
                self._store = _OxStore()
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = _OxStore(str(path))
        except OSError as exc:
            # A lock held by another process is the usual cause once the folder exists and is writable.
            hint = "; is another kg process using it?" if path is not None and path.is_dir() else ""
            raise StoreUnavailable(f"cannot open the store in {path} (KG_DATA_DIR): {exc}{hint}") from exc
        self._write_lock = threading.Lock()
        self._shared_written: set[Quad] = set()
        self._writes = 0

    # -- writes -------------------------------------------------------------------------------------

    def _wrote(self) -> None:
        """Count a write (lock held); flush the on-disk store's memtables every FLUSH_EVERY writes."""
        self._writes += 1
        if self.path is not None and self._writes % FLUSH_EVERY == 0:
            self._store.flush()

    def add_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        with self._write_lock:
            self._store.extend(list(quads))
            self._wrote()

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad], shared: Iterable[Quad] = ()) -> None:
        own = list(quads)
        stray = [q for q in own if q.graph_name != graph]
        if stray:
            raise ValueError(f"replace_graph({graph}): {len(stray)} quads are not in that graph")
        with self._write_lock:
            # Shared (reference) quads are the same for many articles: write only those this process has
            # not written yet (a set semantics store would ignore them, but still pays to look them up).
            fresh = [q for q in dict.fromkeys(shared) if q not in self._shared_written]
            everything = own + fresh
            if not self._store.contains_named_graph(graph):
                # Nothing to drop: one `extend` transaction is atomic too, and several times cheaper.
                self._store.extend(everything)
            else:
                update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{\n{_insert_data(everything)}\n}}"
                self._store.update(update)
            self._shared_written.update(fresh)
            self._wrote()

    def remove_graph(self, graph: NamedNode) -> None:
        with self._write_lock:
            if self._store.contains_named_graph(graph):
                self._store.remove_graph(graph)
            self._shared_written.clear()  # the removed graph may have held shared quads

    # -- reads --------------------------------------------------------------------------------------

    def article_sha256(self, graph: NamedNode) -> str | None:
        for q in self._store.quads_for_pattern(graph, _SHA256, None, graph):
            return q.object.value
        return None

    def articles_with_sha256(self, sha256: str) -> list[NamedNode]:
        return self._articles_with(_SHA256, sha256)

    def articles_with_body_sha256(self, sha256: str) -> list[NamedNode]:
        return self._articles_with(_BODY_SHA256, sha256)

    def _articles_with(self, prop: NamedNode, value: str) -> list[NamedNode]:
        return sorted(
            (q.subject for q in self._store.quads_for_pattern(None, prop, Literal(value), None)
             if isinstance(q.subject, NamedNode) and q.graph_name == q.subject),
            key=str,
        )

    def count(self, graph: NamedNode | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph))

    def graphs(self) -> list[NamedNode]:
        return sorted(
            (g for g in self._store.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value
        )

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def dump(self, fmt: str = "nquads") -> bytes:
        ordered = sorted(
            self._store, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
        )
        if fmt == "trig":
            return serialize(ordered, format=RdfFormat.TRIG, prefixes=OUTPUT_PREFIXES)
        return serialize(ordered, format=_DUMP_FORMATS[fmt])

    def close(self) -> None:
        with self._write_lock:
            if self.path is not None:
                self._store.flush()
            del self._store

    def query(
        self,
        sparql: str,
        *,
        timeout_s: float | None = None,
        limit: int | None = None,
        bindings: Mapping[str, Term] | None = None,
        union: bool = True,
    ) -> QueryResult:
        check_services(sparql, self.service_allowlist)  # before anything can send a request
        union = union and not names_dataset(sparql)  # FROM <g> chooses the dataset itself
        subs = {Variable(k): v for k, v in (bindings or {}).items()}
        box: dict[str, object] = {}
        stop = threading.Event()

        def work() -> None:
            # Errors are passed on as (class, message): an exception object would carry this thread's frames,
            # and with them pyoxigraph's result iterator, which must be dropped in this thread.
            try:
                box["result"] = self._evaluate(sparql, subs, union, limit, stop)
            except SyntaxError as exc:
                if _UPDATE.match(_PROLOGUE.sub("", sparql)):
                    box["error"] = (BadQuery, "SPARQL updates (INSERT, DELETE, DROP, LOAD, ...) are not accepted: "
                                              "the store changes only by ingesting articles")
                else:
                    box["error"] = (BadQuery, f"SPARQL syntax: {exc}")
            except OSError as exc:  # a SERVICE endpoint that cannot be reached or fails
                box["error"] = (ServiceFailed, f"a SERVICE endpoint failed: {exc}")
            except (RuntimeError, ValueError, TypeError) as exc:
                # e.g. a binding for a variable the query does not project
                hint = ("; a parameter (-p NAME=VALUE) binds only a variable the SELECT projects "
                        "(SPARQL substitution): add it to the SELECT list") if "projection" in str(exc) else ""
                box["error"] = (BadQuery, f"SPARQL: {exc}{hint}")
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=work, name="kg-query", daemon=True)
        worker.start()
        worker.join(timeout_s)
        if worker.is_alive():
            stop.set()
            raise QueryLimitExceeded(
                f"query ran longer than KG_QUERY_TIMEOUT_S={timeout_s:g}s; narrow it or raise the limit"
            )
        if "error" in box:
            error = box.pop("error")
            if isinstance(error, tuple):
                raise error[0](error[1])
            raise error  # type: ignore[misc]
        return box["result"]  # type: ignore[return-value]

    def _evaluate(
        self, sparql: str, subs: dict, union: bool, limit: int | None, stop: threading.Event
    ) -> QueryResult:
        res = self._store.query(
            sparql, prefixes=QUERY_PREFIXES, use_default_graph_as_union=union, substitutions=subs or None
        )
        if isinstance(res, QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        if isinstance(res, QuerySolutions):
            names = [v.value for v in res.variables]
            out = QueryResult("select", variables=names, limit=limit)
            for sol in res:
                if stop.is_set():
                    break
                if limit is not None and len(out.rows) >= limit:
                    out.truncated = True
                    break
                out.rows.append(tuple(sol[n] for n in names))
            return out
        out = QueryResult("graph", limit=limit)
        for t in res:
            if stop.is_set():
                break
            if limit is not None and len(out.triples) >= limit:
                out.truncated = True
                break
            out.triples.append(t)
        return out
