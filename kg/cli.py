"""The ``kg`` command: a thin front end over the ``kg`` package."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg.errors import KGError
from kg.extract import extract, read_article
from kg.graph import build_article_graph
from kg.graph.serialize import FORMATS, to_text
from kg.settings import get_settings

app = typer.Typer(help="PeaceTalks KG: build, query and check a knowledge graph of peace negotiations.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def main() -> None:
    """PeaceTalks KG: build, query and check a knowledge graph of peace negotiations."""


def fail(exc: KGError) -> None:
    """Print a one-line error and exit with status 2 (bad input)."""
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


@app.command("extract")
def extract_cmd(
    file: Path = typer.Argument(..., help="An article (UTF-8 text, optional front matter)."),
    fmt: str = typer.Option("nquads", "--format", "-f", help="One of: " + ", ".join(FORMATS)),
) -> None:
    """Print the graph one article yields (its named graph plus the entities it uses); touches no store."""
    if fmt not in FORMATS:
        typer.echo(f"error: unknown format {fmt!r}; use one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    settings = get_settings()
    try:
        doc = read_article(file, settings.max_article_bytes)
    except KGError as exc:
        fail(exc)
    graph = build_article_graph(extract(doc))
    sys.stdout.write(to_text(graph.quads, fmt))


if __name__ == "__main__":
    app()
