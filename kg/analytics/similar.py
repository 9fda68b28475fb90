"""Similar papers: shared entities, each weighted by how rare it is (inverse paper frequency)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import entity_papers, paper_entities

__all__ = ["SimilarPaper", "similar_papers"]


@dataclass(frozen=True, slots=True)
class SimilarPaper:
    """A paper similar to the one asked about.

    Attributes:
        paper: The similar paper's node.
        score: Sum of the weights ln(N / papers(e)) of the shared entities.
        shared: The shared entities, rarest (heaviest) first, ties by node id.
    """

    paper: str
    score: float
    shared: tuple[str, ...]


@requires_kg_graph
def similar_papers(G: nx.MultiDiGraph, paper: str, *, n: int | None = 10) -> list[SimilarPaper]:
    """Rank the papers that share entities with PAPER, rare shared entities counting most.

    An entity mentioned by ``df`` of the ``N`` papers weighs ``ln(N / df)`` (inverse
    document frequency): sharing a dataset every paper uses says nothing, sharing a
    rare method says a lot. Papers whose score is 0 are left out.

    Args:
        G: A kg graph.
        paper: A paper node ("paper:1512.03385").
        n: How many papers to return; None for all.

    Returns:
        Similar papers, highest score first, ties by node id.

    Raises:
        networkx.NodeNotFound: when PAPER is not a paper of G.

    Example:
        Three papers mention Adam (weight ln 3/3 = 0); papers 1 and 2 also share
        MNIST (weight ln 3/2).

        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2", "paper:3"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_nodes_from(["dataset:mnist", "dataset:svhn"], type="Dataset")
        >>> G.add_edges_from([(p, "method:adam", "mentions") for p in ("paper:1", "paper:2", "paper:3")])
        ['mentions', 'mentions', 'mentions']
        >>> G.add_edges_from([("paper:1", "dataset:mnist", "mentions"), ("paper:2", "dataset:mnist", "mentions"),
        ...                   ("paper:3", "dataset:svhn", "mentions")])
        ['mentions', 'mentions', 'mentions']
        >>> [(s.paper, round(s.score, 4), s.shared) for s in similar_papers(G, "paper:1")]
        [('paper:2', 0.4055, ('dataset:mnist', 'method:adam'))]
    """
    entities_of = paper_entities(G)
    if paper not in entities_of:
        raise nx.NodeNotFound(f"paper {paper!r} is not a paper of the graph")
    papers_of = entity_papers(G)
    total = len(entities_of)
    weight = {e: math.log(total / len(papers_of[e])) for e in entities_of[paper]}
    shared: dict[str, list[str]] = {}
    for entity in entities_of[paper]:
        for other in papers_of[entity]:
            if other != paper:
                shared.setdefault(other, []).append(entity)
    found = []
    for other, entities in shared.items():
        score = math.fsum(weight[e] for e in entities)  # fsum: same total whatever the order
        if round(score, 12) > 0:
            found.append(SimilarPaper(other, score, tuple(sorted(entities, key=lambda e: (-weight[e], e)))))
    found.sort(key=lambda s: (-round(s.score, 12), s.paper))
    return found if n is None else found[:n]
