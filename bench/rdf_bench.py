"""RDF benchmark: export time per format, and stored-query latency in rdflib vs pyoxigraph.

Usage: .venv/bin/python bench/rdf_bench.py [--papers N] [--seed S] [--rdflib-timeout SECONDS]
       [--small-papers N] [--small-formats xml,json-ld] [--out DIR]

Generates a kg-shaped graph (seeded): papers whose abstracts name entities drawn
with a Zipf-like popularity from a vocabulary partly linked to the lexicon's
concepts, with ``mentions``, ``proposes``, ``evaluated_on`` and result edges that
carry provenance, as ``kg.graph.build_graph`` makes them. The default 5,600
papers give a little over 1,000,000 triples. Then, in one run:

1. ``kg.rdf.to_rdf`` (networkx → rdflib) and ``kg.rdf.write_rdf`` for turtle, nt,
   json-ld and xml, each timed; formats listed in ``--small-formats`` are timed on a
   graph of ``--small-papers`` papers instead, and the table says so;
2. loading into pyoxigraph (``bulk_load`` of the N-Triples file) and using the
   rdflib Graph from step 1 as rdflib's memory store, both with ontology/concepts.ttl;
3. every stored query of ontology/queries: pyoxigraph (median of 3 runs) and rdflib
   (one run in a forked child, stopped after ``--rdflib-timeout`` wall seconds), and
   whether the two gave the same rows.

Times are CPU seconds of the process (steadier than wall time when other work shares
the machine); the export table gives wall time as well.

Not a test: prints tables and writes nothing but temporary files.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib

from kg.concepts import read_concepts
from kg.graph.schema import ALIASES, CONCEPT, DATE, LABEL, PAPER, PAPERS, RELATION, RESULT, TYPE
from kg.query import QueryResult, read_store, run, stored_queries
from kg.rdf import ontology_path, to_rdf, write_rdf

FORMATS = {"turtle": "ttl", "nt": "nt", "json-ld": "jsonld", "xml": "rdf"}
TYPES = ("Architecture", "Method", "Dataset", "Metric", "Task")
VOCABULARY = {"Architecture": 2500, "Method": 2500, "Dataset": 700, "Metric": 250, "Task": 500}
PER_PAPER = {"Architecture": 3, "Method": 4, "Dataset": 2, "Metric": 1, "Task": 1}
UNITS = ("%", "%", "%", "x", "fps", "")
# the most popular entity of their type, so the stored queries' default parameters match
PINNED = {"Dataset": ["dataset/imagenet", "dataset/cifar-10"], "Metric": ["metric/top-1-accuracy"],
          "Architecture": ["architecture/resnet"], "Method": ["method/adam"]}


def _peak_rss_gib() -> float:
    """Peak resident memory of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def _vocabulary(rng: random.Random) -> dict[str, list[tuple[str, str, str]]]:
    """Entities per type as (node id, label, concept id or ""); the first 60 % are the lexicon's."""
    concepts: dict[str, list[Any]] = {t: [] for t in TYPES}
    for concept in read_concepts():
        concepts[concept.type.value].append(concept)
    vocabulary = {}
    for kind, size in VOCABULARY.items():
        pinned = [c for c in concepts[kind] if c.id in PINNED.get(kind, [])]
        known = pinned + [c for c in concepts[kind] if c not in pinned][: int(size * 0.6) - len(pinned)]
        entities = [(f"{kind.lower()}:{c.id.partition('/')[2]}", c.label, c.id) for c in known]
        entities += [(f"{kind.lower()}:coined-{kind.lower()}-{n}", f"Coined{kind}{n}", "")
                     for n in range(size - len(entities))]
        rest = entities[len(pinned):]
        rng.shuffle(rest)  # popularity below follows this order
        vocabulary[kind] = entities[: len(pinned)] + rest
    return vocabulary


def _pick(rng: random.Random, entities: list[tuple[str, str, str]], k: int) -> list[tuple[str, str, str]]:
    chosen: dict[str, tuple[str, str, str]] = {}
    while len(chosen) < k:
        entity = entities[min(int(rng.paretovariate(1.1)) - 1, len(entities) - 1)]
        chosen[entity[0]] = entity
    return list(chosen.values())


def generate(papers: int, seed: int) -> nx.MultiDiGraph:
    """Build a kg-shaped MultiDiGraph of PAPERS synthetic papers, deterministically from SEED."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    G = nx.MultiDiGraph()
    mentioned: dict[str, set[str]] = {}
    for number in range(papers):
        paper_id = f"b{number:06d}"
        pnode = f"paper:{paper_id}"
        named = {kind: _pick(rng, vocabulary[kind], k) for kind, k in PER_PAPER.items()}
        title = f"Synthetic study {number} of {named['Architecture'][0][1]}"
        sentences, spans = [], {}
        offset = len(title) + 2
        for kind in TYPES:
            for node, label, _ in named[kind]:
                sentence = f"We use {label} here."
                spans[node] = (len(sentences) + 1, offset + 7, offset + 7 + len(label))
                sentences.append(sentence)
                offset += len(sentence) + 1
        year = 2015 + number % 10
        G.add_node(pnode, **{TYPE: PAPER, LABEL: title, DATE: f"{year}-{1 + number % 12:02d}-15",
                             "url": f"https://example.org/{paper_id}", "abstract": " ".join(sentences)})
        for kind in TYPES:
            for node, label, concept in named[kind]:
                if node not in G:
                    aliases = (label.upper(),) if rng.random() < 0.2 else ()
                    G.add_node(node, **{TYPE: kind, LABEL: label, CONCEPT: concept, ALIASES: aliases})
                mentioned.setdefault(node, set()).add(paper_id)
                sentence, start, end = spans[node]
                G.add_edge(pnode, node, key="mentions", **{RELATION: "mentions"}, count=1 + rng.randrange(3),
                           paper=paper_id, sentence=sentence, start=start, end=end,
                           rule="lexicon" if concept else "head:network", confidence=1.0 if concept else 0.6)
        proposed = named["Architecture"][0][0] if rng.random() < 0.5 else named["Method"][0][0]
        G.add_edge(pnode, proposed, key="proposes", **{RELATION: "proposes"}, paper=paper_id,
                   sentence=spans[proposed][0], start=spans[proposed][1], end=spans[proposed][2])
        for subject in (named["Architecture"][0][0], named["Method"][0][0]):
            dataset = named["Dataset"][rng.randrange(2)][0]
            G.add_edge(subject, dataset, key=f"evaluated_on:{paper_id}", **{RELATION: "evaluated_on"},
                       paper=paper_id, sentence=spans[dataset][0], start=spans[dataset][1], end=spans[dataset][2])
        metric = named["Metric"][0][0]
        rnode = f"result:{paper_id}:{metric.partition(':')[2]}:0"
        value = f"{rng.uniform(20, 99):.1f}{rng.choice(UNITS)}"
        G.add_node(rnode, **{TYPE: RESULT, LABEL: value, "value": value})
        prov = {"paper": paper_id, "sentence": spans[metric][0], "start": spans[metric][1], "end": spans[metric][2]}
        G.add_edge(pnode, rnode, key="reports", **{RELATION: "reports"}, **prov)
        for role, node in (("subject", named["Architecture"][0][0]), ("metric", metric),
                           ("dataset", named["Dataset"][0][0])):
            G.add_edge(rnode, node, key=role, **{RELATION: role}, **prov)
    for node, ids in mentioned.items():
        G.nodes[node][PAPERS] = len(ids)
    return G


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Run ACTION; return its CPU seconds (steadier than wall time on a shared machine) and value."""
    start = time.process_time()
    value = action()
    return time.process_time() - start, value


def _wall(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Run ACTION; return its wall seconds, CPU seconds and value."""
    start, cpu = time.perf_counter(), time.process_time()
    value = action()
    return time.perf_counter() - start, time.process_time() - cpu, value


def _rdflib_child(query: str, store: Any, conn: Any) -> None:
    start = time.process_time()
    result = run(query, store)
    conn.send((time.process_time() - start, result))


def _rdflib_latency(query: str, store: Any, timeout: float) -> tuple[float | None, QueryResult | None]:
    """Run QUERY on the rdflib store in a forked child (it shares the store, copy-on-write)."""
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    child = context.Process(target=_rdflib_child, args=(query, store, theirs))
    child.start()
    if ours.poll(timeout):
        seconds, result = ours.recv()
        child.join()
        return seconds, result
    child.kill()
    child.join()
    return None, None


def _export(G: nx.MultiDiGraph, folder: Path, formats: list[str], label: str) -> tuple[rdflib.Graph, list[tuple[str, ...]]]:
    """Convert G with to_rdf and write it in each format; return the rdflib Graph and the timings."""
    wall, cpu, g = _wall(lambda: to_rdf(G))
    rows = [("to_rdf (networkx → rdflib)", label, f"{len(g):,} triples", f"{cpu:.1f}", f"{wall:.1f}")]
    for fmt in formats:
        path = folder / f"graph.{FORMATS[fmt]}"
        wall, cpu, _ = _wall(lambda fmt=fmt, path=path: write_rdf(g, path, fmt=fmt))  # type: ignore[misc]
        rows.append((f"write {fmt}", label, f"{path.stat().st_size / 2**20:,.1f} MiB", f"{cpu:.1f}", f"{wall:.1f}"))
        print(f"  {rows[-1]}", flush=True)
    return g, rows


def _table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=5600)
    parser.add_argument("--small-papers", type=int, default=460)
    parser.add_argument("--small-formats", default="", help="comma-separated formats to time on the small graph")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-timeout", type=float, default=15.0)
    args = parser.parse_args()
    small = [f for f in args.small_formats.split(",") if f]
    full = [f for f in FORMATS if f not in small]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-rdf-bench-") as tmp:
        folder = Path(tmp)
        seconds, G = _timed(lambda: generate(args.papers, args.seed))
        print(f"generated {args.papers:,} papers ({G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges) "
              f"in {seconds:.1f} s (seed {args.seed})")
        rdflib_store, rows = _export(G, folder, [*full, *(["nt"] if "nt" in small else [])], f"{args.papers:,} papers")
        del G
        gc.collect()
        if small:
            small_folder = folder / "small"
            small_folder.mkdir()
            rows += _export(generate(args.small_papers, args.seed), small_folder, small,
                            f"{args.small_papers:,} papers")[1]
        _table("export (kg.rdf.to_rdf, then kg.rdf.write_rdf per format)", ("step", "graph", "size", "CPU s", "wall s"), rows)

        seconds_ox, oxigraph = _timed(lambda: read_store(folder / "graph.nt"))
        seconds_rl, _ = _timed(lambda: rdflib_store.parse(ontology_path("concepts.ttl")))
        print(f"\nstores (graph + ontology/concepts.ttl): pyoxigraph {len(oxigraph):,} triples, bulk_load of "
              f"graph.nt and concepts.ttl in {seconds_ox:.1f} s; rdflib {len(rdflib_store):,} triples, the "
              f"to_rdf Graph above + concepts.ttl parsed in {seconds_rl:.1f} s")

        rows = []
        for name, stored in stored_queries().items():
            runs = [_timed(lambda text=stored.text: run(text, oxigraph)) for _ in range(3)]  # type: ignore[misc]
            ox_seconds = statistics.median(s for s, _ in runs)
            rl_seconds, rl_result = _rdflib_latency(stored.text, rdflib_store, args.rdflib_timeout)
            same = "—" if rl_result is None else ("yes" if rl_result == runs[0][1] else "NO")
            print(f"  {name}", flush=True)
            rows.append((name, f"{len(runs[0][1].rows)}", f"{ox_seconds * 1000:,.1f}",
                         f"> {args.rdflib_timeout:g} s" if rl_seconds is None else f"{rl_seconds * 1000:,.0f}",
                         "—" if rl_seconds is None else f"{rl_seconds / ox_seconds:,.0f}x", same))
        _table("stored queries (CPU ms; pyoxigraph: median of 3 runs; rdflib: 1 run)",
               ("query", "rows", "pyoxigraph", "rdflib", "ratio", "same rows"), rows)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; peak RSS {_peak_rss_gib():.1f} GiB "
          f"(largest child {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20:.1f} GiB); "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
