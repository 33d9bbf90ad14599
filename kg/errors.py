"""Errors the user can fix: each has a stable code and a message that says how to fix it.

A failed SHACL validation is not an error of this kind's caller; it is raised as
:class:`ValidationFailed` only when an ingest must be refused.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of errors caused by input the user can fix."""

    code = "KG000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class BadUsage(KGError):
    """A command used wrongly: an unknown format, a missing or extra argument, an unreadable query file."""

    code = "KG002"


class BadArticle(KGError):
    """An article that cannot be read: empty, binary, not UTF-8, too large, malformed front matter."""

    code = "KG100"


class ValidationFailed(KGError):
    """An article's graph violates the SHACL shapes; ``report`` holds the readable report."""

    code = "KG200"

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class BadQuery(KGError):
    """A SPARQL query that does not parse, or names no known canned query."""

    code = "KG300"


class QueryLimitExceeded(KGError):
    """A query that ran longer than KG_QUERY_TIMEOUT_S or returned more than KG_QUERY_MAX_RESULTS."""

    code = "KG301"


class ServiceFailed(KGError):
    """A SPARQL SERVICE endpoint on the allow-list that could not be reached or failed to answer."""

    code = "KG302"


class NotFound(KGError):
    """An unknown article, graph or entity id."""

    code = "KG404"
