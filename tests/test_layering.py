"""The folder tree is the data flow: ``kg`` never imports ``api`` or FastAPI (checked on the source)."""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parents[1] / "kg"
FORBIDDEN = ("api", "fastapi", "starlette", "uvicorn")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_kg_never_imports_api_or_web_frameworks() -> None:
    bad = []
    for path in sorted(KG.rglob("*.py")):
        for mod in imported_modules(path):
            if mod.split(".")[0] in FORBIDDEN:
                bad.append(f"{path.relative_to(KG.parent)} imports {mod}")
    assert not bad, bad


def test_no_sparql_in_store_or_query_python() -> None:
    """SPARQL lives in kg/queries/*.rq; Python in kg/query and kg/cli does not hold query text."""
    for path in [*sorted((KG / "query").glob("*.py")), KG / "cli.py", KG / "ingest.py"]:
        text = path.read_text(encoding="utf-8")
        assert "SELECT ?" not in text and "WHERE {" not in text, path
