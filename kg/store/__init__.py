"""Storage of article graphs: the :class:`Store` protocol and its embedded Oxigraph implementation."""

from __future__ import annotations

from kg.settings import Settings
from kg.store.base import QueryResult, Store, StoreUnavailable, Term, python_value
from kg.store.oxigraph import OxigraphStore


def open_store(settings: Settings) -> Store:
    """The store the settings name: in memory if ``KG_IN_MEMORY``, else on disk in ``KG_DATA_DIR``.

    Raises :class:`StoreUnavailable` if the directory cannot be opened (e.g. locked by another process).
    """
    return OxigraphStore(None if settings.in_memory else settings.data_dir, settings.service_allowlist)


__all__ = ["OxigraphStore", "QueryResult", "Store", "StoreUnavailable", "Term", "open_store", "python_value"]
