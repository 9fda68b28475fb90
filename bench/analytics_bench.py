"""Analytics speed on a generated kg graph: 100k nodes / 1M edges by default.

Usage: .venv/bin/python bench/analytics_bench.py [--papers N] [--entities N] [--mentions K]
       [--seed S] [--subgraph-papers N …]

The graph has the kg schema (paper and entity nodes with type/label/date, ``mentions``
edges with provenance, ``evaluated_on`` edges between methods/architectures and
datasets). Which entities a paper mentions follows a Zipf-like popularity (a few hubs,
a long tail), seeded. Each analytics function, and the whole report (``kg analyze``), is timed once
on the whole graph. ``to_entity_projection`` is the exception: it builds the entity
co-occurrence graph as networkx objects, and its edges grow with the square of the
entities per paper (tens of millions here), so it is timed on subgraphs of the first N
papers (``find_gaps`` computes the same projection as a scipy sparse matrix and runs on
the whole graph). Prints one line per measure and the peak resident memory. Not a test.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np

from kg.analytics import (
    check_kg_graph, connecting_path, cooccurrence, cooccurrence_matrix, entity_communities, entity_papers,
    entity_trends, find_gaps, paper_entities, papers_per_year, similar_papers, to_bipartite,
    to_entity_projection, top_by_degree, top_by_pagerank, top_entities,
)
from kg.analytics.report import write_report

TYPES = ("Architecture", "Method", "Dataset", "Metric", "Task")


def generate(papers: int, entities: int, mentions: float, seed: int) -> nx.MultiDiGraph:
    """Generate a kg-shaped graph: PAPERS papers, ENTITIES entities, about MENTIONS mentions per paper."""
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    kinds = rng.choice(len(TYPES), size=entities, p=[0.3, 0.3, 0.1, 0.1, 0.2])
    names = [f"{TYPES[k].lower()}:e{i:06d}" for i, k in enumerate(kinds)]
    for name, k in zip(names, kinds, strict=True):
        G.add_node(name, type=TYPES[k], label=name.partition(":")[2], aliases=(), concept="", papers=0)
    weights = 1.0 / np.arange(1, entities + 1) ** 0.7  # Zipf-like popularity, shuffled over the types
    weights /= weights.sum()
    sizes = np.maximum(1, rng.poisson(mentions, size=papers))
    for p in range(papers):
        node = f"paper:{p:06d}"
        year = 2015 + int(rng.integers(0, 10))
        G.add_node(node, type="Paper", label=f"Paper {p}", date=f"{year}-01-01" if rng.random() < 0.7 else "")
        chosen = np.unique(rng.choice(entities, size=int(sizes[p]), p=weights))
        for i in chosen:
            G.add_edge(node, names[i], key="mentions", relation="mentions", paper=str(p), sentence=0, start=0, end=1)
        subjects = [names[i] for i in chosen if TYPES[kinds[i]] in ("Method", "Architecture")]
        datasets = [names[i] for i in chosen if TYPES[kinds[i]] == "Dataset"]
        for s, d in zip(subjects, datasets, strict=False):  # a few evaluated_on edges per paper
            G.add_edge(s, d, key=f"evaluated_on:{p}", relation="evaluated_on", paper=str(p), sentence=0,
                       start=0, end=1)
    return G


def _time(label: str, call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    seconds = time.perf_counter() - start
    print(f"  {label:<52} {seconds:8.2f} s", flush=True)
    return seconds


def _subgraph(G: nx.MultiDiGraph, papers: int) -> nx.MultiDiGraph:
    """The first PAPERS papers, the entities they mention and the edges among those nodes."""
    keep = {f"paper:{p:06d}" for p in range(papers)}
    keep |= {v for u in keep for v in G.successors(u)}
    return G.subgraph(keep).copy()


def main() -> None:
    """Generate the graph, time every analytics function, print the numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=40_000)
    parser.add_argument("--entities", type=int, default=60_000)
    parser.add_argument("--mentions", type=float, default=23.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--subgraph-papers", type=int, nargs="*", default=[1_000, 4_000, 10_000])
    args = parser.parse_args()

    start = time.perf_counter()
    G = generate(args.papers, args.entities, args.mentions, args.seed)
    print(f"generated {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
          f"in {time.perf_counter() - start:.1f} s (seed {args.seed})", flush=True)
    hub, hub_papers = top_entities(G, n=1)[0]
    print(f"largest hub {hub}: mentioned by {hub_papers:,} of {args.papers:,} papers", flush=True)

    entities = [n for n, _ in top_entities(G, n=200)]
    source, target = entities[-1], entities[-2]
    print("whole graph:")
    _time("check_kg_graph (the guard)", lambda: check_kg_graph(G))
    _time("paper_entities", lambda: paper_entities(G))
    _time("entity_papers", lambda: entity_papers(G))
    _time("to_bipartite", lambda: to_bipartite(G))
    _time("top_entities × 5 types", lambda: [top_entities(G, t) for t in TYPES])
    _time("top_by_degree × 5 types", lambda: [top_by_degree(G, t) for t in TYPES])
    _time("top_by_pagerank (all types at once)", lambda: top_by_pagerank(G, n=None))
    _time("cooccurrence × 3 pairs", lambda: [cooccurrence(G, "Method", "Dataset"),
                                             cooccurrence(G, "Architecture", "Task"),
                                             cooccurrence(G, "Metric", "Dataset")])
    _time("cooccurrence_matrix Method×Dataset n=10", lambda: cooccurrence_matrix(G, "Method", "Dataset"))
    _time("papers_per_year", lambda: papers_per_year(G))
    _time("entity_trends", lambda: entity_trends(G))
    _time("similar_papers (one paper)", lambda: similar_papers(G, "paper:000000"))
    _time("connecting_path (two tail entities)", lambda: connecting_path(G, source, target))
    _time("find_gaps Method×Dataset n=10", lambda: find_gaps(G, "Method", "Dataset"))
    _time("find_gaps Architecture×Task n=10", lambda: find_gaps(G, "Architecture", "Task"))
    _time("entity_communities (Louvain, seed 0)", lambda: entity_communities(G, seed=0))
    with tempfile.TemporaryDirectory() as folder:
        _time("write_report (kg analyze, all of the above)", lambda: write_report(G, Path(folder)))

    for papers in args.subgraph_papers:
        H = _subgraph(G, papers)
        print(f"subgraph of the first {papers:,} papers: {H.number_of_nodes():,} nodes, "
              f"{H.number_of_edges():,} edges", flush=True)
        _time("to_entity_projection (networkx Graph)", lambda H=H: to_entity_projection(H))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # KiB on Linux
    print(f"peak resident memory: {peak:.1f} GiB")


if __name__ == "__main__":
    main()
