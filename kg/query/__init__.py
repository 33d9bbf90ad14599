"""Querying: the canned queries of ``kg/queries/`` with typed parameters, and result formatting."""

from kg.query.catalog import (
    CannedQuery,
    Param,
    bindings_for,
    catalog,
    get,
    names,
    parse_params,
    run_named,
    to_term,
)

__all__ = [
    "CannedQuery",
    "Param",
    "bindings_for",
    "catalog",
    "get",
    "names",
    "parse_params",
    "run_named",
    "to_term",
]
