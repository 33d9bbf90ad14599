"""Canned SPARQL queries (``kg/queries/<name>.rq``) and the parameters they take.

A query file starts with comment lines: the first is its one-line description; lines of the form
``# @param <name> <kind> <default or -> <help>`` declare a parameter, bound to ``?<name>`` through
Oxigraph substitutions (SEP-0007), never pasted into the text. Oxigraph requires a substituted
variable to be projected by the SELECT, so each parameter is also a result column; and it respects
sub-select scope, so a sub-select that uses a parameter must project it too.

Writing queries for this store: the union default graph repeats a triple once per graph holding it
(oxigraph issue 1919), and a meeting or proposal stated by many articles has its triples repeated
that many times; read such shared facts through ``SELECT DISTINCT`` sub-selects before joining them,
and count with ``COUNT(DISTINCT …)`` (tests/test_queries.py checks this on a world of repeated facts).

Kinds: ``actor`` (an actor key such as ``Q159`` → ``id/actor/Q159``), ``place``, ``issue`` (an issue id),
``iri``, ``string``, ``integer``, ``boolean``, ``date``. Any value written ``<…>`` or starting with
``http(s)://`` is taken as an IRI whatever the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from pyoxigraph import Literal, NamedNode

from kg.errors import BadQuery
from kg.graph.namespaces import OUTPUT_PREFIXES, PREFIXES, XSD, instance, issue_iri
from kg.store import QueryResult, Store, Term

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s+(\S+)\s*(.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KINDS = ("actor", "place", "issue", "iri", "string", "integer", "boolean", "date")


@dataclass(frozen=True)
class Param:
    """A declared parameter: bound to ``?name``; ``default`` None means unbound when not given."""

    name: str
    kind: str
    default: str | None
    help: str = ""


@dataclass(frozen=True)
class CannedQuery:
    """A query of ``kg/queries/``: its name, one-line description, SPARQL text and parameters."""

    name: str
    description: str
    text: str
    params: dict[str, Param] = field(default_factory=dict)


def _files() -> dict[str, str]:
    root = resources.files("kg").joinpath("queries")
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in root.iterdir() if p.name.endswith(".rq")}


@cache
def catalog() -> dict[str, CannedQuery]:
    """Every canned query by name (read once per process)."""
    out: dict[str, CannedQuery] = {}
    for name, text in sorted(_files().items()):
        header = [ln for ln in text.splitlines() if ln.startswith("#")]
        # The description is the first paragraph of the header comment.
        first: list[str] = []
        for ln in header:
            body = ln.lstrip("#").strip()
            if not body or body.startswith("@param"):
                break
            first.append(body)
        description = " ".join(first)
        params: dict[str, Param] = {}
        for ln in header:
            m = _PARAM.match(ln)
            if m:
                pname, kind, default, help_ = m.groups()
                if kind not in KINDS:
                    raise ValueError(f"{name}.rq: parameter {pname} has unknown kind {kind!r}")
                params[pname] = Param(pname, kind, None if default == "-" else default, help_.strip())
        out[name] = CannedQuery(name, description, text, params)
    return out


def names() -> list[str]:
    """Names of the canned queries, sorted."""
    return sorted(catalog())


def get(name: str) -> CannedQuery:
    """The canned query ``name``. Raises :class:`BadQuery` (listing the known names) if there is none."""
    if not _NAME.match(name) or name not in catalog():
        raise BadQuery(f"no canned query named {name!r}; known: {', '.join(names())}")
    return catalog()[name]


def to_term(value: str, kind: str | None = None) -> Term:
    """A parameter value as an RDF term, by ``kind`` (see module doc); ``kind`` None guesses:
    IRI, ``prefix:local`` of a known prefix, integer, boolean, else a string literal.

    Raises :class:`BadQuery` for a value that does not fit its kind.
    """
    v = value.strip()
    try:
        if v.startswith("<") and v.endswith(">"):
            return NamedNode(v[1:-1])
        if v.startswith(("http://", "https://")):
            return NamedNode(v)
    except ValueError as exc:
        raise BadQuery(f"{value!r} is not a valid IRI: {exc}") from exc
    if kind is None:
        prefix, _, local = v.partition(":")
        if local and prefix in OUTPUT_PREFIXES:
            return NamedNode(OUTPUT_PREFIXES[prefix] + local)
        if re.fullmatch(r"-?\d+", v):
            kind = "integer"
        elif v in ("true", "false"):
            kind = "boolean"
        else:
            kind = "string"
    try:
        if kind in ("actor", "place"):
            return instance(kind, _entity_key(value, v, kind))
        if kind == "issue":
            return issue_iri(v)
        if kind == "iri":
            prefix, _, local = v.partition(":")
            if local and prefix in PREFIXES | OUTPUT_PREFIXES:
                return NamedNode((PREFIXES | OUTPUT_PREFIXES)[prefix] + local)
            raise BadQuery(f"{value!r} is not an IRI: write <https://…> or prefix:local")
        if kind == "integer":
            return Literal(str(int(v)), datatype=NamedNode(XSD + "integer"))
        if kind == "boolean":
            if v not in ("true", "false"):
                raise BadQuery(f"{value!r} is not a boolean: write true or false")
            return Literal(v, datatype=NamedNode(XSD + "boolean"))
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                raise BadQuery(f"{value!r} is not a date: write YYYY-MM-DD")
            return Literal(v, datatype=NamedNode(XSD + "date"))
    except ValueError as exc:
        raise BadQuery(f"{value!r} is not a valid {kind}: {exc}") from exc
    return Literal(v)


def _entity_key(value: str, v: str, kind: str) -> str:
    """The key of an actor or place written ``Q159``, ``actor:Q159``, ``wd:Q159`` or ``steve-witkoff``."""
    prefix, sep, local = v.partition(":")
    if sep and prefix in (kind, "wd"):
        v = local
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", v):
        raise BadQuery(f"{value!r} is not an {kind} key: write a Wikidata QID such as Q159 or a slug "
                       "such as steve-witkoff (`kg query -n actors-by-meetings` lists them)")
    return v.upper() if re.fullmatch(r"q\d+", v) else v


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["state=Q159", …]`` → ``{"state": "Q159"}``. Raises :class:`BadQuery` for a malformed pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise BadQuery(f"parameter {pair!r} is not NAME=VALUE")
        if name in out:
            raise BadQuery(f"parameter {name!r} is given twice; give it once")
        out[name] = value
    return out


def bindings_for(q: CannedQuery, values: dict[str, str]) -> dict[str, Term]:
    """Bindings of ``q``'s parameters: given values, else defaults. Raises BadQuery for an unknown name."""
    unknown = set(values) - set(q.params)
    if unknown:
        known = ", ".join(q.params) or "none"
        raise BadQuery(f"query {q.name!r} takes no parameter {', '.join(sorted(unknown))}; it takes: {known}")
    out: dict[str, Term] = {}
    for p in q.params.values():
        raw = values.get(p.name, p.default)
        if raw is not None:
            out[p.name] = to_term(raw, p.kind)
    return out


def run_named(
    store: Store,
    name: str,
    values: dict[str, str] | None = None,
    *,
    timeout_s: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run canned query ``name`` with parameter ``values`` (strings, converted by kind) on ``store``."""
    q = get(name)
    bindings = bindings_for(q, values or {})
    for p in q.params.values():
        # An actor or place the store does not know would only give an empty answer: say so instead.
        if p.kind in ("actor", "place") and p.name in (values or {}):
            exists = store.query(_internal("node-exists"), bindings={"node": bindings[p.name]})
            if not exists.boolean:
                raise BadQuery(f"no {p.kind} {values[p.name]!r} in the store "
                               f"(`kg query -n actors-by-meetings` lists the actors)")
    return store.query(q.text, timeout_s=timeout_s, limit=limit, bindings=bindings)


@cache
def _internal(name: str) -> str:
    """The text of ``kg/queries/internal/<name>.rq`` (queries the code runs, not listed as canned)."""
    return resources.files("kg").joinpath("queries", "internal", f"{name}.rq").read_text(encoding="utf-8")
