"""The whole run: read → extract → resolve → graph → write outputs; and evaluation runs.

These functions return values (a RunReport, Scores, paths); ``kg.cli`` prints them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.errors import ExportError, InputError
from kg.evaluate import Scores, read_gold, score
from kg.extract import extract_papers, load_pipeline
from kg.graph import GRAPH_FORMATS, build_graph, read_graph, write_graph, write_graphml, write_json
from kg.graph.schema import TYPE
from kg.ingest import Format, read_papers
from kg.model import Paper
from kg.rdf import RDF_FORMATS, to_concepts_rdf, to_rdf, to_triples, write_ntriples, write_rdf
from kg.concepts import read_concepts
from kg.report import RunReport
from kg.resolve import ResolvedPaper, resolve_paper, to_gold_record
from kg.viz import write_explorer

__all__ = [
    "BuildResult", "build_outputs", "evaluate_inputs", "export_graph",
    "extract_records", "resolve_inputs", "sample_path", "write_concepts", "write_jsonl",
]


def sample_path() -> Path:
    """Return the bundled sample corpus (50 abstracts written for kg)."""
    return Path(str(resources.files("kg") / "data" / "sample.jsonl"))


@dataclass
class BuildResult:
    """What ``build_outputs`` made: the report, the graph and the files."""

    report: RunReport
    graph: nx.MultiDiGraph
    files: list[Path] = field(default_factory=list)

    def nodes_per_type(self) -> dict[str, int]:
        """Count nodes by type."""
        return dict(sorted(Counter(str(d.get(TYPE)) for _, d in self.graph.nodes(data=True)).items()))

    def edges_per_relation(self) -> dict[str, int]:
        """Count edges by relation."""
        return dict(sorted(Counter(str(d.get("relation")) for *_, d in self.graph.edges(data=True)).items()))


def _papers(inputs: Sequence[Path], fmt: Format | None, report: RunReport, strict: bool) -> Iterator[Paper]:
    """Read papers, counting built ones; strict mode lets the first bad record raise."""
    for paper in read_papers(inputs, fmt=fmt, report=None if strict else report):
        if strict:
            report.read += 1
        yield paper


def resolve_inputs(
    inputs: Sequence[Path], *, fmt: Format | None = None, strict: bool = False,
    report: RunReport | None = None, n_process: int = 1, batch_size: int = 32,
    learned: str | None = None,
) -> Iterator[ResolvedPaper]:
    """Read, extract and resolve every paper of INPUTS, streaming.

    LEARNED names an opt-in learned profile (``load_pipeline(learned=...)``).
    """
    report = report if report is not None else RunReport()
    nlp = load_pipeline(learned=learned)
    for extraction in extract_papers(_papers(inputs, fmt, report, strict), nlp,
                                     n_process=n_process, batch_size=batch_size):
        report.built += 1
        yield resolve_paper(extraction)


def build_outputs(
    inputs: Sequence[Path], out: Path, *, fmt: Format | None = None, strict: bool = False,
    n_process: int = 1, base: str | None = None, learned: str | None = None,
) -> BuildResult:
    """Build the graph from INPUTS (the sample when empty) and write it to OUT.

    Writes ``graph.ttl`` (RDF), ``graph.graphml``, ``graph.json`` (node-link) and
    ``graph.html`` (explorer).

    Raises:
        InputError: when no paper could be built, or in strict mode on a bad record.
    """
    inputs = list(inputs) or [sample_path()]
    report = RunReport()
    G = build_graph(resolve_inputs(inputs, fmt=fmt, strict=strict, report=report, n_process=n_process,
                                   learned=learned))
    if report.built == 0:
        raise InputError(", ".join(map(str, inputs)), None, f"no paper could be built ({report.summary()})")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create folder: {exc.strerror}") from exc
    files = [
        write_rdf(to_rdf(G, base=base), out / "graph.ttl"),
        write_graphml(G, out / "graph.graphml"),
        write_json(G, out / "graph.json"),
        write_explorer(G, out / "graph.html", title=f"kg explorer · {report.built} papers"),
    ]
    return BuildResult(report, G, files)


def extract_records(
    inputs: Sequence[Path], *, fmt: Format | None = None, strict: bool = False,
    report: RunReport | None = None, n_process: int = 1, learned: str | None = None,
) -> Iterator[dict[str, object]]:
    """Yield one gold-format record per paper (GUIDELINES "File format")."""
    for resolved in resolve_inputs(inputs, fmt=fmt, strict=strict, report=report, n_process=n_process,
                                   learned=learned):
        yield to_gold_record(resolved)


def evaluate_inputs(
    gold: Path, inputs: Sequence[Path], *, types: Iterable[str] | None = None,
    fold: dict[str, str] | None = None, fmt: Format | None = None,
    report: RunReport | None = None, learned: str | None = None,
) -> Scores:
    """Extract INPUTS (the gold file itself when empty: it may carry the text) and score them.

    Each predicted record keeps its paper's abstract, so every error comes with its sentence.
    """
    gold_records = read_gold(gold)
    predicted = [
        {**to_gold_record(resolved), "abstract": resolved.extraction.paper.abstract}
        for resolved in resolve_inputs(list(inputs) or [gold], fmt=fmt, report=report, learned=learned)
    ]
    return score(predicted, gold_records, types=types, fold=fold)


def export_graph(graph: Path, out: Path, *, fmt: str, base: str | None = None) -> Path:
    """Convert a graph file (``graph.json`` or ``graph.graphml``) to another format.

    RDF formats: turtle, nt, json-ld, xml. Graph formats: graphml, gexf, json.

    Raises:
        InputError: when GRAPH cannot be read.
        ExportError: for an unknown format or an unwritable OUT.
    """
    try:
        G = read_graph(graph)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(graph, None, f"cannot read graph: {exc}") from exc
    if fmt == "nt":  # streamed from the graph, never held as an rdflib Graph
        return write_ntriples(to_triples(G, base=base), out)
    if fmt in RDF_FORMATS:
        return write_rdf(to_rdf(G, base=base), out, fmt=fmt)  # type: ignore[arg-type]
    if fmt in GRAPH_FORMATS:
        return write_graph(G, out, fmt=fmt)
    raise ExportError(f"unknown format '{fmt}' (one of {', '.join([*RDF_FORMATS, *GRAPH_FORMATS])})")


def write_concepts(path: Path) -> Path:
    """Write the lexicon as the SKOS scheme (``ontology/concepts.ttl``) and return PATH."""
    return write_rdf(to_concepts_rdf(read_concepts()), path)


def write_jsonl(records: Iterable[dict[str, object]], path: Path) -> int:
    """Write records as JSON Lines; return how many were written."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
