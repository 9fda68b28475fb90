"""The ``kg`` command line: one thin command per verb over the library.

This is the only module that prints or exits. Human-readable output goes to stderr
through rich; machine-readable output (``--json``) to stdout.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.errors import KgError
from kg.ingest import Format
from kg.report import RunReport

__all__ = ["app"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn ML papers into a knowledge graph.")
console = Console(stderr=True)
stdout = Console()

Inputs = Annotated[Optional[list[Path]], typer.Argument(help="Corpus files or folders (.txt dumps, .jsonl, .csv).")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder for all outputs.")]
Strict = Annotated[bool, typer.Option("--strict", help="Fail on the first bad record instead of skipping it.")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", help="Force the input format: hf_daily, jsonl or csv.")]
Processes = Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes for spaCy (n_process).")]


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a KgError as one red line and exit 1; let real bugs raise."""
    try:
        yield
    except KgError as exc:
        console.print(f"[bold red]error:[/] {escape(str(exc))}")
        raise typer.Exit(code=1) from None


def _format(value: str | None) -> Format | None:
    if value is None:
        return None
    if value not in ("hf_daily", "jsonl", "csv"):
        raise typer.BadParameter(f"unknown format '{value}' (hf_daily, jsonl or csv)", param_hint="--format")
    return value  # type: ignore[return-value]


def _print_report(report: RunReport) -> None:
    console.print(report.summary())
    for error in report.skipped[:20]:
        console.print(f"  [yellow]skipped[/] {escape(str(error))}")
    if len(report.skipped) > 20:
        console.print(f"  … and {len(report.skipped) - 20} more")


@app.command()
def build(inputs: Inputs = None, out: OutDir = Path("out"), strict: Strict = False,
          fmt: FormatOpt = None, processes: Processes = 1) -> None:
    """Build the graph from INPUTS (the bundled sample when none) and write Turtle, GraphML, JSON and HTML.

    Example: kg build ../shared/corpus/hf_daily -o out/
    """
    from kg.build import build_outputs

    with user_errors():
        result = build_outputs(inputs or [], out, fmt=_format(fmt), strict=strict, n_process=processes)
    _print_report(result.report)
    table = Table(title="graph")
    table.add_column("nodes per type")
    table.add_column("n", justify="right")
    for kind, n in result.nodes_per_type().items():
        table.add_row(kind, str(n))
    for rel, n in result.edges_per_relation().items():
        table.add_row(f"edges: {rel}", str(n))
    console.print(table)
    for path in result.files:
        console.print(f"wrote {escape(str(path))}")


@app.command()
def extract(inputs: Annotated[list[Path], typer.Argument(help="Corpus files or folders.")],
            out: Annotated[Path, typer.Option("--out", "-o", help="JSON Lines file to write.")] = Path("entities.jsonl"),
            strict: Strict = False, fmt: FormatOpt = None, processes: Processes = 1) -> None:
    """Extract entities and relations, one JSON object per paper in the gold format of GUIDELINES.md.

    Example: kg extract ../shared/corpus/hf_daily -o entities.jsonl
    """
    from kg.build import extract_records, write_jsonl

    report = RunReport()
    with user_errors():
        n = write_jsonl(extract_records(inputs, fmt=_format(fmt), strict=strict, report=report,
                                        n_process=processes), out)
    _print_report(report)
    console.print(f"wrote {n} records to {escape(str(out))}")


def _fold(values: list[str]) -> dict[str, str]:
    fold = {}
    for value in values:
        source, sep, target = value.partition("=")
        if not sep:
            raise typer.BadParameter(f"'{value}' is not of the form Type=Type", param_hint="--fold")
        fold[source.strip()] = target.strip()
    return fold


@app.command()
def evaluate(
    inputs: Inputs = None,
    gold: Annotated[Path, typer.Option("--gold", "-g", exists=True, dir_okay=False, help="Gold JSON Lines file.")] = Path("gold.jsonl"),
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and misses per paper.")] = False,
    types: Annotated[Optional[str], typer.Option("--types", help="Comma-separated types to score.")] = None,
    fold: Annotated[Optional[list[str]], typer.Option("--fold", help="Fold a type into another, e.g. Architecture=Method.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON on stdout.")] = False,
) -> None:
    """Score extraction against a gold file: per-type precision/recall/F1 and relation scores.

    With no INPUTS, the texts are read from the gold file itself (``text`` field).

    Example: kg evaluate --gold ../shared/gold/dev.jsonl ../shared/corpus/hf_daily
    """
    from kg.build import evaluate_inputs

    report = RunReport()
    with user_errors():
        scores = evaluate_inputs(gold, inputs or [], report=report,
                                 types=types.split(",") if types else None, fold=_fold(fold or []))
    rows = {**{k: v for k, v in scores.by_type.items()}, "micro": scores.micro, **scores.relations}
    if as_json:
        stdout.print_json(json.dumps({name: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                                             "tp": c.tp, "predicted": c.predicted, "gold": c.gold}
                                      for name, c in rows.items()}))
        return
    _print_report(report)
    table = Table(title=f"{scores.papers_scored} gold papers, {len(scores.papers_unmatched)} not found in the input")
    for column in ("", "precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="right" if column else "left")
    for name, c in rows.items():
        style = "bold" if name == "micro" else None
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp),
                      str(c.predicted), str(c.gold), style=style)
    console.print(table)
    for title in scores.papers_unmatched:
        console.print(f"  [yellow]not in input:[/] {escape(title)}")
    if errors:
        for paper in scores.errors:
            console.print(f"\n[bold]{escape(paper.paper)}[/]")
            for kind, name in sorted(paper.false_positives):
                console.print(f"  [red]FP[/]   {kind:12} {escape(name)}")
            for kind, name in sorted(paper.misses):
                console.print(f"  [yellow]MISS[/] {kind:12} {escape(name)}")


@app.command()
def export(
    graph: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="graph.json or graph.graphml from kg build.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, nt, json-ld, xml, graphml or json.")] = "turtle",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write (default: GRAPH with the format's extension).")] = None,
    base: Annotated[Optional[str], typer.Option("--base", help="Base IRI of the data (RDF formats).")] = None,
) -> None:
    """Convert a built graph to another RDF or graph format.

    Example: kg export out/graph.json --format json-ld -o out/graph.jsonld
    """
    from kg.build import RDF_FORMATS, export_graph

    target = out or graph.with_suffix("." + RDF_FORMATS.get(fmt, fmt))
    with user_errors():
        path = export_graph(graph, target, fmt=fmt, base=base)
    console.print(f"wrote {escape(str(path))}")


@app.command()
def ontology(out: Annotated[Path, typer.Option("--out", "-o", help="Turtle file to write.")] = Path("ontology/concepts.ttl")) -> None:
    """Write the lexicon as the SKOS concept scheme (Turtle).

    Example: kg ontology -o ontology/concepts.ttl
    """
    from kg.build import write_concepts

    with user_errors():
        path = write_concepts(out)
    console.print(f"wrote {escape(str(path))}")


if __name__ == "__main__":  # pragma: no cover
    app()
