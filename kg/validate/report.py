"""Validation outcomes: :class:`ValidationReport` and its :class:`ValidationResult` lines.

A failed validation is a result, not an exception. ``text`` has one readable line per result,
``<severity>: <focus node> | <path> | <message> | value <value>``, after a first line saying whether
the graph conforms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

# Prefixes used to shorten paths, values and shapes in report lines (focus nodes stay full IRIs).
SHORT = {
    "https://w3id.org/peacetalks/ontology#": "pt:",
    "https://w3id.org/peacetalks/shapes#": "pts:",
    "https://w3id.org/peacetalks/issue/": "issue:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/shacl#": "sh:",
}


def short(node: Node | None) -> str:
    """A compact rendering of a term: prefixed name where a prefix fits, else N-Triples form."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        s = str(node)
        for ns, prefix in SHORT.items():
            if s.startswith(ns) and "/" not in s[len(ns):]:
                return prefix + s[len(ns):]
        return f"<{s}>"
    if isinstance(node, Literal):
        text = repr(str(node)) if len(str(node)) <= 80 else repr(str(node)[:77] + "...")
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{short(node.datatype)}"
        return text
    return f"_:{node}"


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: the node and path at fault, why, and the offending value (if any).

    Terms are strings: ``focus`` and ``path`` are full IRIs (or ``_:id`` for blank nodes, ``path``
    None for node-level results), ``value`` is the value's lexical form or IRI (None if none),
    ``severity`` is ``Violation``, ``Warning`` or ``Info``; ``line`` is the readable report line.
    """

    focus: str
    path: str | None
    message: str
    value: str | None
    severity: str = "Violation"
    shape: str | None = None
    component: str | None = None
    graph: str | None = None  # set by validate_store: the graph the result comes from
    line: str = field(default="", compare=False)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL validation: ``conforms``, a readable report (``text``) and the ``results``."""

    conforms: bool
    text: str = ""
    results: tuple[ValidationResult, ...] = ()

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results of severity Violation (the ones that make a graph non-conformant)."""
        return tuple(r for r in self.results if r.severity == "Violation")


def _str(node: Node | None) -> str | None:
    if node is None:
        return None
    return f"_:{node}" if not isinstance(node, URIRef | Literal) else str(node)


def results_from_graph(report: Graph) -> list[ValidationResult]:
    """The top-level results of a pySHACL report graph (not the nested ``sh:detail`` ones), sorted
    by focus node, path and message."""
    out: list[ValidationResult] = []
    for r in report.objects(None, SH.result):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        value = report.value(r, SH.value)
        severity = report.value(r, SH.resultSeverity)
        shape = report.value(r, SH.sourceShape)
        component = report.value(r, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        message = "; ".join(messages) or "(no message)"
        sev = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        path_text = short(path) if isinstance(path, URIRef) else ("-" if path is None else "(complex path)")
        line = f"{sev}: {short(focus)} | {path_text} | {message} | value {short(value)}"
        out.append(ValidationResult(
            focus=_str(focus) or "-",
            path=str(path) if isinstance(path, URIRef) else None,
            message=message,
            value=_str(value),
            severity=sev,
            shape=str(shape) if isinstance(shape, URIRef) else None,
            component=short(component) if component is not None else None,
            line=line,
        ))
    out.sort(key=lambda x: (x.focus, x.path or "", x.message, x.value or ""))
    return out


def make_report(conforms: bool, results: list[ValidationResult]) -> ValidationReport:
    """Assemble a :class:`ValidationReport` whose text starts with the verdict and counts."""
    head = "Conforms: yes" if conforms else "Conforms: no"
    if results:
        head += f" ({len(results)} result{'s' if len(results) != 1 else ''})"
    text = "\n".join([head, *(r.line for r in results)])
    return ValidationReport(conforms, text, tuple(results))
