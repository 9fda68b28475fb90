"""The ``kg`` command line: one thin command per verb over the library.

This is the only module that prints or exits. Human-readable output goes to stderr
through rich; machine-readable output (``--json``) to stdout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.errors import KgError
from kg.ingest import Format
from kg.report import RunReport

if TYPE_CHECKING:
    from kg.evaluate import Evidence, Scores

__all__ = ["app"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn ML papers into a knowledge graph.")
console = Console(stderr=True, soft_wrap=True)  # errors stay one line, whatever the width
stdout = Console()

Inputs = Annotated[Optional[list[Path]], typer.Argument(help="Corpus files or folders (.txt dumps, .jsonl, .csv).")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder for all outputs.")]
Strict = Annotated[bool, typer.Option("--strict", help="Fail on the first bad record instead of skipping it.")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", help="Force the input format: hf_daily, jsonl or csv.")]
Processes = Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes for spaCy (n_process).")]
Learned = Annotated[Optional[str], typer.Option("--learned", help="Add a learned recognizer: 'scierc' finds broader, SciERC-style entities (off by default; lowers precision on recent ML abstracts).")]


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


def _learned(value: str | None) -> str | None:
    if value is None:
        return None
    from kg.extract.learned import PROFILES

    return _choice(value, tuple(PROFILES), "--learned")


def _print_report(report: RunReport) -> None:
    console.print(report.summary())
    for error in report.skipped[:20]:
        console.print(f"  [yellow]skipped[/] {escape(str(error))}")
    if len(report.skipped) > 20:
        console.print(f"  … and {len(report.skipped) - 20} more")


@app.command()
def build(inputs: Inputs = None, out: OutDir = Path("out"), strict: Strict = False,
          fmt: FormatOpt = None, processes: Processes = 1, learned: Learned = None) -> None:
    """Build the graph from INPUTS (the bundled sample when none) and write Turtle, GraphML, JSON and HTML.

    Example: kg build ../shared/corpus/hf_daily -o out/
    """
    from kg.build import build_outputs

    with user_errors():
        result = build_outputs(inputs or [], out, fmt=_format(fmt), strict=strict, n_process=processes,
                               learned=_learned(learned))
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
            strict: Strict = False, fmt: FormatOpt = None, processes: Processes = 1,
            learned: Learned = None) -> None:
    """Extract entities and relations, one JSON object per paper in the gold format of GUIDELINES.md.

    Example: kg extract ../shared/corpus/hf_daily -o entities.jsonl
    """
    from kg.build import extract_records, write_jsonl

    report = RunReport()
    with user_errors():
        n = write_jsonl(extract_records(inputs, fmt=_format(fmt), strict=strict, report=report,
                                        n_process=processes, learned=_learned(learned)), out)
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


def _error_types(value: str | None) -> set[str] | None:
    """Parse --errors-type: entity types or relations, any case, comma-separated."""
    from kg.evaluate import ERROR_TYPES

    if value is None:
        return None
    known = {name.lower(): name for name in ERROR_TYPES}
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n.lower() not in known]
    if unknown or not names:
        raise typer.BadParameter(f"'{', '.join(unknown) or value}' is not one of {', '.join(ERROR_TYPES)}",
                                 param_hint="--errors-type")
    return {known[n.lower()] for n in names}


def _snippet(evidence: Evidence | None, width: int = 160) -> str:
    """Rich markup for EVIDENCE: at most WIDTH characters around the first name, names in bold."""
    if evidence is None:
        return "[dim](not in the text)[/]"
    sentence = evidence.sentence
    first, last = evidence.spans[0]
    lo = max(0, min(first - (width - (last - first)) // 2, len(sentence) - width, first))
    hi = min(len(sentence), max(lo + width, last))
    if lo and (space := sentence.find(" ", lo, first)) >= 0:  # cut between words
        lo = space + 1
    if hi < len(sentence) and (space := sentence.rfind(" ", last, hi)) >= 0:
        hi = space
    parts, pos = ["…" if lo else ""], lo
    for start, end in sorted(evidence.spans):
        start, end = max(start, pos), min(end, hi)
        if start < end:
            parts += [escape(sentence[pos:start]), f"[bold]{escape(sentence[start:end])}[/]"]
            pos = end
    parts += [escape(sentence[pos:hi]), "…" if hi < len(sentence) else ""]
    return re.sub(r"\s+", " ", "".join(parts))


def _print_errors(scores: Scores, only: set[str] | None) -> None:
    """Per paper, each false positive and miss with its sentence; then the counts per type."""
    for paper in scores.errors:
        items = [(kind, item) for kind, item in paper.items() if only is None or item.type in only]
        if items:
            console.print(f"\n[bold]{escape(paper.paper)}[/]")
        for kind, item in items:
            tag = "[red]FP  [/]" if kind == "FP" else "[yellow]MISS[/]"
            console.print(f"  {tag} {item.type:12} {escape(item.name)}", highlight=False)
            if paper.has_text:
                console.print(f"       {_snippet(item.evidence)}", highlight=False)
    counts = [f"{name} {fp} FP, {miss} MISS" for name, (fp, miss) in scores.error_counts().items()
              if only is None or name in only]
    console.print(f"\n[bold]errors:[/] {' · '.join(counts) or 'none'}", highlight=False)


def _scores_json(scores: Scores, errors: set[str] | None) -> str:
    """The scores as JSON; with ERRORS (types to list), also the errors of each paper."""
    rows = {**scores.by_type, "micro": scores.micro, **scores.relations}
    data: dict[str, object] = {name: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                                      "tp": c.tp, "predicted": c.predicted, "gold": c.gold}
                               for name, c in rows.items()}
    if errors is not None:
        data["errors"] = [asdict(paper.only(errors)) for paper in scores.errors]
    return json.dumps(data, ensure_ascii=False)


@app.command()
def evaluate(
    inputs: Inputs = None,
    gold: Annotated[Path, typer.Option("--gold", "-g", exists=True, dir_okay=False, help="Gold JSON Lines file.")] = Path("gold.jsonl"),
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and misses per paper, with their sentence.")] = False,
    errors_type: Annotated[Optional[str], typer.Option("--errors-type", help="List only the errors of these types or relations, comma-separated (implies --errors).")] = None,
    types: Annotated[Optional[str], typer.Option("--types", help="Comma-separated types to score.")] = None,
    fold: Annotated[Optional[list[str]], typer.Option("--fold", help="Fold a type into another, e.g. Architecture=Method.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores (and with --errors, the errors) as JSON on stdout.")] = False,
    learned: Learned = None,
) -> None:
    """Score extraction against a gold file: per-type precision/recall/F1 and relation scores.

    With no INPUTS, the texts are read from the gold file itself (``text`` field).

    Example: kg evaluate --gold ../shared/gold/dev.jsonl ../shared/corpus/hf_daily --errors
    """
    from kg.build import evaluate_inputs
    from kg.evaluate import ERROR_TYPES

    only = _error_types(errors_type)
    listed = only or (set(ERROR_TYPES) if errors else None)
    report = RunReport()
    with user_errors():
        scores = evaluate_inputs(gold, inputs or [], report=report, learned=_learned(learned),
                                 types=types.split(",") if types else None, fold=_fold(fold or []))
    if as_json:
        stdout.print_json(_scores_json(scores, listed))
        return
    _print_report(report)
    table = Table(title=f"{scores.papers_scored} gold papers, {len(scores.papers_unmatched)} not found in the input")
    for column in ("", "precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="right" if column else "left")
    for name, c in {**scores.by_type, "micro": scores.micro, **scores.relations}.items():
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp),
                      str(c.predicted), str(c.gold), style="bold" if name == "micro" else None)
    console.print(table)
    for title in scores.papers_unmatched:
        console.print(f"  [yellow]not in input:[/] {escape(title)}")
    if listed is not None:
        _print_errors(scores, only)


@app.command()
def export(
    graph: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="graph.json or graph.graphml from kg build.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, nt, json-ld, xml, graphml, gexf or json.")] = "turtle",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write (default: GRAPH with the format's extension).")] = None,
    base: Annotated[Optional[str], typer.Option("--base", help="Base IRI of the data (RDF formats).")] = None,
) -> None:
    """Convert a built graph to another RDF or graph format.

    Example: kg export out/graph.json --format json-ld -o out/graph.jsonld
    """
    from kg.build import export_graph
    from kg.rdf import RDF_SUFFIXES

    target = out or graph.with_suffix("." + RDF_SUFFIXES.get(fmt, fmt))  # type: ignore[call-overload]
    with user_errors():
        path = export_graph(graph, target, fmt=fmt, base=base)
    console.print(f"wrote {escape(str(path))}")


@app.command()
def analyze(
    graph: Annotated[Path, typer.Argument(help="graph.json or graph.graphml from kg build.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report.")] = Path("report"),
    top: Annotated[int, typer.Option("--top", min=1, help="Rows per table.")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Louvain communities.")] = 0,
) -> None:
    """Write an analytics report (Markdown, HTML, PNG plots, CSV tables) on a built graph.

    Example: kg analyze out/graph.json -o report/
    """
    from kg import load_graph
    from kg.analytics.report import write_report

    with user_errors():
        files = write_report(load_graph(graph), out, top=top, seed=seed)
    console.print(f"wrote {escape(str(files[0]))}, {escape(str(files[1]))} and {len(files) - 2} figures and tables")


GraphFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An RDF file (.ttl, .nt, .jsonld, .rdf) or graph.json / graph.graphml.")]
StoreDir = Annotated[Optional[Path], typer.Option("--store", help="Keep an on-disk oxigraph store in DIR, loaded once and reused while GRAPH is unchanged.")]
NoConcepts = Annotated[bool, typer.Option("--no-concepts", help="Do not load ontology/concepts.ttl beside GRAPH.")]


def _choice(value: str, choices: tuple[str, ...], hint: str) -> str:
    if value not in choices:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(choices)}", param_hint=hint)
    return value


def _params(values: list[str]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"'{value}' is not of the form name=value", param_hint="--param")
        params[name.strip()] = setting
    return params


def _rows_table(variables: tuple[str, ...], rows: tuple[tuple[object, ...], ...]) -> Table:
    table = Table(caption=f"{len(rows)} rows")
    for variable in variables:
        table.add_column(variable)
    for row in rows:
        table.add_row(*(escape("" if value is None else str(value)) for value in row))
    return table


@app.command()
def query(
    graph: GraphFile,
    sparql: Annotated[str, typer.Argument(metavar="QUERY", help="A .rq file, a stored query's name (ontology/queries) or SPARQL text.")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="Write the rows to stdout as csv, tsv or json (default: a table on stderr).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-P", help="Set a stored query's VALUES parameter, e.g. dataset_name=ImageNet.")] = None,
    engine: Annotated[str, typer.Option("--engine", help="oxigraph or rdflib.")] = "oxigraph",
    store: StoreDir = None,
    no_concepts: NoConcepts = False,
) -> None:
    """Run a SPARQL SELECT query on a graph file: a .rq file, a stored query's name, or SPARQL text.

    Example: kg query out/graph.ttl top-datasets --format csv
    """
    from kg.query import query_graph, to_text

    fmt = _choice(fmt, ("csv", "tsv", "json"), "--format") if fmt else None
    with user_errors():
        result = query_graph(graph, sparql, params=_params(param or []), store_dir=store,
                             engine=_choice(engine, ("oxigraph", "rdflib"), "--engine"), concepts=not no_concepts)
    if fmt is None:
        console.print(_rows_table(result.variables, result.rows))
    else:
        typer.echo(to_text(result, fmt), nl=False)


@app.command()
def serve(
    graph: GraphFile,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port; 0 picks a free one.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Loopback address to listen on.")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a query may run before it is stopped (503).")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Most rows (or triples) a result may have (more: 422).")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Queries that run at once, one process each.")] = 2,
    store: StoreDir = None,
    no_concepts: NoConcepts = False,
) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql.

    Example: kg serve out/graph.ttl --port 8000
    """
    from kg.query import open_endpoint

    with user_errors():
        endpoint = open_endpoint(graph, host=host, port=port, timeout=timeout, max_rows=max_rows,
                                 workers=workers, store_dir=store, concepts=not no_concepts)
    console.print(f"serving {escape(str(graph))} at {endpoint.url} (Ctrl-C stops)")
    with endpoint:
        try:
            endpoint.serve_forever()
        except KeyboardInterrupt:
            console.print("stopped")


@app.command()
def viz(graph: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="graph.json or graph.graphml from kg build.")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the site.")] = Path("site"),
        top: Annotated[int, typer.Option("--top", min=1, help="Entities per type in the overview.")] = 20,
        entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="Write only this entity's page (name, alias or id).")] = None) -> None:
    """Write the explorer as a static site: index, overview, type, entity and paper pages.

    Example: kg viz out/graph.json -o site/
    """
    from kg.viz import read_graph_file, write_site

    with user_errors():
        pages = write_site(read_graph_file(graph), out, top=top, entity=entity)
    console.print(f"wrote {len(pages)} page(s) to {escape(str(out))}; open {escape(str(pages[0]))}")


@app.command()
def validate(graph: GraphFile) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl; exit 1 on any violation.

    Example: kg validate out/graph.ttl
    """
    from kg.rdf.validate import validate_file

    with user_errors():
        report = validate_file(graph)
    for result in report.results[:50]:
        console.print(escape(str(result)), style="red" if result.severity == "Violation" else "yellow")
    if len(report.results) > 50:
        console.print(f"… and {len(report.results) - 50} more")
    console.print(report.summary())
    if not report.conforms:
        raise typer.Exit(code=1)


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
