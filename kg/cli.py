"""The ``kg`` command: a thin front end over the ``kg`` package.

Exit status: 0 fine; 1 some articles refused by validation (or some files failed in ``kg build``)
or the store does not conform (``kg validate``); 2 bad input (unreadable article, unknown query,
bad SPARQL, a limit exceeded), with a one-line ``error:`` message on stderr and the store unchanged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import BadUsage, KGError, ValidationFailed
from kg.extract import extract, read_article
from kg.graph import build_article_graph
from kg.graph.serialize import FORMATS, to_text
from kg.ingest import BatchResult, IngestResult, article_files, ingest_files, warm_up
from kg.query import catalog, get, names, parse_params, run_named
from kg.query.catalog import to_term
from kg.query.format import FORMATS as RESULT_FORMATS
from kg.query.format import table_rows, to_csv, to_json, to_turtle
from kg.settings import Settings
from kg.settings import get_settings as _get_settings
from kg.store import QueryResult, Store, open_store
from kg.validate import validate_store

app = typer.Typer(
    help="PeaceTalks KG: build, query and check a knowledge graph of peace negotiations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True)


@app.callback()
def main() -> None:
    """PeaceTalks KG: build, query and check a knowledge graph of peace negotiations."""


def get_settings() -> Settings:
    """The settings from the environment; a bad ``KG_*`` value is a one-line error (exit 2)."""
    try:
        return _get_settings()
    except KGError as exc:
        fail(exc)
        raise  # unreachable: fail() exits


def fail(exc: KGError | str, status: int = 2) -> None:
    """Print a one-line error with its code and exit with ``status`` (2: bad input)."""
    if isinstance(exc, str):
        exc = BadUsage(exc)
    line = " ".join(str(exc).split())
    typer.echo(f"error: {line}", err=True)
    raise typer.Exit(status)


def emit(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the locale (RDF and JSON stay unescaped)."""
    out = getattr(sys.stdout, "buffer", None)
    if out is not None:
        sys.stdout.flush()
        out.write(text.encode("utf-8"))
        out.flush()
    else:
        sys.stdout.write(text)


def _open(settings: Settings) -> Store:
    try:
        return open_store(settings)
    except KGError as exc:
        fail(exc)
        raise  # unreachable: fail() exits


def _ingest_with_progress(
    paths: list[Path], store: Store, settings: Settings, force: bool, label: str
) -> BatchResult:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # no bar (nor its blank line) in logs and pipes
    ) as progress:
        task = progress.add_task(label, total=len(paths))

        def done(path: Path, outcome: IngestResult | KGError) -> None:
            progress.advance(task)

        if len(paths) > 1:
            warm_up()  # many articles: load the lexicons once, out of the collector's way
        return ingest_files(paths, store, settings, force=force, on_done=done)


def _report(batch: BatchResult) -> None:
    counts: dict[str, int] = {}
    for r in batch.done:
        counts[r.status] = counts.get(r.status, 0) + 1
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    if batch.failed:
        parts.append(f"{len(batch.failed)} failed")
    typer.echo("articles: " + (", ".join(parts) or "none"))
    for path, exc in batch.failed:
        typer.echo(f"error: {exc.code}: {path.name}: " + " ".join(exc.message.split()), err=True)
        if isinstance(exc, ValidationFailed) and exc.report:
            typer.echo(exc.report, err=True)


def _ingest_and_report(paths: list[Path], settings: Settings, force: bool) -> BatchResult:
    """Open the store, ingest ``paths`` with a progress bar, print what landed and what failed, close."""
    store = _open(settings)
    try:
        batch = _ingest_with_progress(paths, store, settings, force, "ingesting")
        _report(batch)
    finally:
        store.close()
    return batch


@app.command("build")
def build_cmd(
    folder: Annotated[Path | None, typer.Argument(help="Folder of articles (default: KG_SEEDS_DIR).")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract articles whose text is unchanged.")
    ] = False,
) -> None:
    """Ingest every article of the seeds folder; each lands whole or not at all. Exit 1 if any failed."""
    settings = get_settings()
    try:
        paths = article_files(folder or settings.seeds_dir)
    except KGError as exc:
        fail(exc)
    batch = _ingest_and_report(paths, settings, force)
    if batch.failed:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_cmd(
    files: Annotated[list[Path], typer.Argument(help="Article files (UTF-8 text, optional front matter).")],
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract articles whose text is unchanged.")
    ] = False,
) -> None:
    """Ingest articles, each atomically. Exit 2 if a file is bad input, 1 if SHACL refuses one."""
    batch = _ingest_and_report(files, get_settings(), force)
    if any(not isinstance(exc, ValidationFailed) for _, exc in batch.failed):
        raise typer.Exit(2)
    if batch.failed:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    file: Annotated[Path, typer.Argument(help="An article (UTF-8 text, optional front matter).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="One of: " + ", ".join(FORMATS))] = "nquads",
) -> None:
    """Print the graph one article yields (its named graph plus the entities it uses); touches no store."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    settings = get_settings()
    try:
        doc = read_article(file, settings.max_article_bytes)
    except KGError as exc:
        fail(exc)
    graph = build_article_graph(extract(doc))
    emit(to_text(graph.quads, fmt))


@app.command("validate")
def validate_cmd() -> None:
    """Validate the whole store against the SHACL shapes. Exit 0 conforms, 1 does not, 2 bad input."""
    settings = get_settings()
    store = _open(settings)
    try:
        report = validate_store(list(store.quads()))
    finally:
        store.close()
    typer.echo(report.text or ("Conforms: True" if report.conforms else "Conforms: False"))
    if not report.conforms:
        raise typer.Exit(1)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        emit(to_json(result))
    elif fmt == "csv":
        emit(to_csv(result))
    elif result.kind == "graph" and fmt == "table":
        emit(to_turtle(result))
    else:
        cols, rows = table_rows(result)
        table = Table(show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")  # wrap long values, never cut them
        for row in rows:
            table.add_row(*row)
        # Piped output is not a terminal: give the table room instead of rich's 80 columns.
        Console(width=None if sys.stdout.isatty() else 200).print(table)
        if result.kind == "select":
            typer.echo(f"{len(rows)} row(s)")
    if result.truncated:
        typer.echo(f"note: result truncated to KG_QUERY_MAX_RESULTS={result.limit} rows", err=True)


@app.command("query")
def query_cmd(
    sparql: Annotated[
        str | None, typer.Argument(help="A SPARQL query (pt:, rdfs:, xsd:… predeclared).")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a .rq file.")] = None,
    named: Annotated[
        str | None, typer.Option("--named", "-n", help="A canned query (see `kg queries`).")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound to ?NAME (never pasted).")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="One of: " + ", ".join(RESULT_FORMATS))
    ] = "table",
) -> None:
    """Run a SPARQL query over the union of all graphs; values of --param are bound as variables."""
    if fmt not in RESULT_FORMATS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if sum(x is not None for x in (sparql, file, named)) != 1:
        fail("give exactly one of: a SPARQL query, --file Q.rq, --named NAME")
    settings = get_settings()
    try:
        values = parse_params(param or [])
        if named is not None:
            get(named)  # unknown name: fail before opening the store
        elif file is not None:
            try:
                sparql = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                fail(f"cannot read query file {file}: {exc}")
    except KGError as exc:
        fail(exc)
    store = _open(settings)
    try:
        if named is not None:
            result = run_named(
                store, named, values, timeout_s=settings.query_timeout_s, limit=settings.query_max_results
            )
        else:
            bindings = {k: to_term(v) for k, v in values.items()}
            result = store.query(
                sparql,
                timeout_s=settings.query_timeout_s,
                limit=settings.query_max_results,
                bindings=bindings,
            )
    except KGError as exc:
        fail(exc)
    finally:
        store.close()
    _print_result(result, fmt)


@app.command("dump")
def dump_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="nquads or trig")] = "nquads",
) -> None:
    """Print the whole store (every article graph and the reference graph), sorted, as UTF-8."""
    if fmt not in ("nquads", "trig"):
        fail(f"unknown format {fmt!r}; use nquads or trig")
    store = _open(get_settings())
    try:
        data = store.dump(fmt)
    finally:
        store.close()
    emit(data.decode("utf-8"))


@app.command("queries")
def queries_cmd() -> None:
    """List the canned queries and their parameters."""
    table = Table()
    table.add_column("name", no_wrap=True)  # names are copied into --named: never cut them
    table.add_column("parameters")
    table.add_column("description")
    for name in names():
        q = catalog()[name]
        params = ", ".join(f"{p.name}={p.default or '…'} ({p.kind})" for p in q.params.values())
        table.add_row(name, params, q.description)
    Console().print(table)


@app.command("stats")
def stats_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Counts of articles, actors, meetings, proposals, demands, concessions, evidence and triples."""
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}; use table or json")
    settings = get_settings()
    store = _open(settings)
    try:
        row = run_named(store, "stats", timeout_s=settings.query_timeout_s).values()[0]
        row["quads"] = store.count()
        row["graphs"] = len(store.graphs())
    except KGError as exc:
        fail(exc)
    finally:
        store.close()
    if fmt == "json":
        emit(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table("count", "value")
    for k, v in row.items():
        table.add_row(k, str(v))
    Console().print(table)


if __name__ == "__main__":
    app()
