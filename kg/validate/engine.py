"""Running pySHACL on an rdflib data graph with the project's shapes, parsed once per process.

Shapes carry a scope (``pts:scope`` in ``shapes/peacetalks.ttl``): article, reference or vocabulary.
For each scope a pySHACL ``ShapesGraph`` is prepared once, with the node shapes of the other scopes
marked ``sh:deactivated``, and reused for every validation: pySHACL's public ``validate()`` would
re-read the shapes on each call, which costs more than validating an article.

No RDFS/OWL inference runs: the caller's data graph must already hold what the shapes need.
If the installed pySHACL lacks the internals this relies on (``pyshacl.graph_abstraction``, the
``Validator.shacl_graph`` attribute), the public ``pyshacl.validate`` runs instead on the scoped
shapes graph (same results, slower).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyshacl
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.validate.convert import DataGraph
from kg.validate.report import ValidationResult, results_from_graph
from kg.validate.resources import ontology_graph, shapes_graph

PTS = "https://w3id.org/peacetalks/shapes#"
SCOPE = URIRef(PTS + "scope")
ARTICLE = URIRef(PTS + "ArticleScope")
REFERENCE = URIRef(PTS + "ReferenceScope")
VOCABULARY = URIRef(PTS + "VocabularyScope")
SCOPES = (ARTICLE, REFERENCE, VOCABULARY)

OPTIONS: dict[str, Any] = {
    "inference": "none",
    "inplace": True,  # the data graph is ours and thrown away after
    "allow_warnings": True,  # warnings are reported but do not make a graph non-conformant
    "allow_infos": True,
    "abort_on_first": False,
    "advanced": False,
}

_LOCK = threading.Lock()  # the prepared shapes hold per-run state: one validation at a time


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def targeted_shapes(shapes: Graph) -> set[URIRef]:
    """The named shapes of ``shapes`` that declare targets (node shapes and top-level property shapes)."""
    return {s for p in TARGETS for s in shapes.subjects(p, None) if isinstance(s, URIRef)}


def scope_of(shapes: Graph, shape: URIRef) -> URIRef:
    """A shape's scope (``pts:ArticleScope`` when it declares none)."""
    value = shapes.value(shape, SCOPE)
    return value if isinstance(value, URIRef) else ARTICLE


def has_target(shapes: Graph, shape: URIRef) -> bool:
    """Whether a shape declares targets (helper shapes used through sh:node or sh:or have none)."""
    return any((shape, p, None) in shapes for p in TARGETS)


@cache
def scoped_shapes(scope: URIRef) -> Graph:
    """The shapes graph with every targeted shape of another scope deactivated.

    Helper shapes without targets are left active in every scope: a deactivated shape conforms
    trivially wherever sh:node refers to it.
    """
    full = shapes_graph()
    g = DataGraph()  # pySHACL reads the shapes graph pattern by pattern on every run: DataGraph answers fast
    for t in full:
        g.add(t)
    for shape in targeted_shapes(full):
        if scope_of(full, shape) != scope:
            g.add((shape, SH.deactivated, Literal(True)))
    return g


def _closure(classes: Iterable[URIRef]) -> frozenset[URIRef]:
    onto = ontology_graph()
    out: set[URIRef] = set()
    for c in classes:
        out |= {x for x in onto.transitive_subjects(RDFS.subClassOf, c) if isinstance(x, URIRef)}
    return frozenset(out)


@dataclass(frozen=True)
class ScopePlan:
    """What the reference scope covers: the classes its shapes target (with subclasses) and the
    predicates its property shapes constrain (plus rdf:type)."""

    classes: frozenset[URIRef]
    predicates: frozenset[URIRef]


@cache
def reference_plan() -> ScopePlan:
    """The :class:`ScopePlan` of the reference scope, read from the shapes and the ontology."""
    shapes = shapes_graph()
    targets: set[URIRef] = set()
    predicates: set[URIRef] = {RDF.type}
    for shape in targeted_shapes(shapes):
        if scope_of(shapes, shape) != REFERENCE:
            continue
        targets |= {c for c in shapes.objects(shape, SH.targetClass) if isinstance(c, URIRef)}
        for prop in [shape, *shapes.objects(shape, SH.property)]:
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef):
                predicates.add(path)
    return ScopePlan(_closure(targets), frozenset(predicates))


def _speed_up_constraint_lookup() -> None:
    """Make pySHACL's per-shape test "is this predicate a constraint parameter?" a set lookup.

    ``pyshacl.shape`` caches the list of constraint parameters in a module attribute and tests
    membership with ``in`` on that list for every triple of every shape it evaluates; a frozenset
    gives the same answers in constant time. Harmless if a pySHACL version no longer has the attribute.
    """
    import pyshacl.shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    cached = getattr(shape_module, "CONSTRAINT_PARAMS", None)
    if cached is None or not isinstance(cached[0], frozenset):
        shape_module.CONSTRAINT_PARAMS = (frozenset(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


def _or_stops_at_first_conforming_shape() -> None:
    """Make pySHACL's ``sh:or`` stop trying a value node's member shapes once one conforms.

    pySHACL checks every member shape and builds full (stringified) reports for the failing ones,
    only to discard them; the outcome of ``sh:or`` (and its own result for a value node that conforms
    to no member) does not depend on the shapes after the first conforming one. Harmless if the
    pySHACL version lacks the method (the patch is then not applied).
    """
    from pyshacl.constraints.core import logical_constraints as lc

    cls = lc.OrConstraintComponent
    if getattr(cls, "_kg_short_circuit", False) or not hasattr(cls, "_evaluate_or_constraint"):
        return

    def _evaluate_or_constraint(self: Any, executor: Any, or_c: Any, target_graph: Any, focus_value_nodes: dict,
                                _evaluation_path: list) -> tuple[bool, list]:
        reports: list = []
        non_conformant = False
        or_list = set(self.shape.sg.graph.items(or_c))
        if len(or_list) < 1:
            raise lc.ReportableRuntimeError("The list associated with sh:or is not a valid RDF list.")
        or_shapes = set()
        for o in or_list:
            if self.shape.sg.is_filtered_out_shape(o):
                continue
            or_shape = self.shape.get_other_shape(o)
            if not or_shape:
                raise lc.ReportableRuntimeError(
                    "Shape pointed to by sh:or does not exist or is not a well-formed SHACL Shape.")
            or_shapes.add(or_shape)
        if not or_shapes:
            return non_conformant, reports
        for f, value_nodes in focus_value_nodes.items():
            for v in value_nodes:
                if not any(s.validate(executor, target_graph, focus=v, _evaluation_path=_evaluation_path[:])[0]
                           for s in or_shapes):
                    non_conformant = True
                    reports.append(self.make_v_result(target_graph, f, value_node=v))
        return non_conformant, reports

    cls._evaluate_or_constraint = _evaluate_or_constraint
    cls._kg_short_circuit = True


class _FastValidator:
    """A pySHACL ``Validator`` factory that reuses one parsed ``ShapesGraph``."""

    def __init__(self, shapes: Graph) -> None:
        from pyshacl.graph_abstraction import DataGraph  # pySHACL >= 0.30
        from pyshacl.shapes_graph import ShapesGraph

        _speed_up_constraint_lookup()
        _or_stops_at_first_conforming_shape()

        self._data_graph = DataGraph
        self.shapes = shapes
        self.sg = ShapesGraph(shapes)
        _ = self.sg.shapes  # harvest the shapes now (the slow part), once

    def run(self, data: Graph) -> tuple[bool, Graph]:
        v = pyshacl.Validator(self._data_graph.from_rdflib_graph(data), shacl_graph=self.shapes,
                              options=dict(OPTIONS))
        v.shacl_graph = self.sg
        conforms, report, _text = v.run()
        return bool(conforms), report


@cache
def _fast(scope: URIRef) -> _FastValidator | None:
    try:
        return _FastValidator(scoped_shapes(scope))
    except (ImportError, AttributeError, TypeError):
        return None


def validate_graph(data: Graph, scope: URIRef = ARTICLE) -> tuple[bool, list[ValidationResult]]:
    """Validate ``data`` (an rdflib Graph; it may be modified) with the shapes of ``scope``.

    Returns ``(conforms, results)``; conforms is False when a result has severity Violation.
    """
    fast = _fast(scope)
    with _LOCK:
        if fast is not None:
            conforms, report = fast.run(data)
        else:
            conforms, report, _text = pyshacl.validate(
                data, shacl_graph=scoped_shapes(scope), inference="none", inplace=True,
                allow_warnings=True, allow_infos=True, advanced=False)
    return bool(conforms), results_from_graph(report)

