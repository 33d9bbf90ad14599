"""Loading knowledge held as data in ``kg/lexicon/`` (TSV and YAML), once per process."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _text(name: str) -> str:
    return resources.files("kg").joinpath("lexicon", name).read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    """Parse ``kg/lexicon/<name>`` as YAML (cached)."""
    return yaml.safe_load(_text(name))


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``kg/lexicon/<name>`` (tab-separated, header row, ``#`` lines ignored) as dicts (cached)."""
    lines = [ln for ln in _text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t",
                                                   quoting=csv.QUOTE_NONE))
