"""Rank entities: by papers that mention them, by degree, by PageRank; per type.

Every ranking is a list of ``(node, value)`` pairs, highest first, ties broken by
node id, so the same graph always gives the same list.
"""

from __future__ import annotations

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import ENTITY_TYPES, check_entity_type, entity_papers
from kg.graph.schema import TYPE

__all__ = ["rank", "top_by_degree", "top_by_pagerank", "top_entities"]


def rank(scores: dict[str, float], *, n: int | None = None) -> list[tuple[str, float]]:
    """Sort ``{node: score}`` highest first, ties by node id, and keep the first N.

    Scores are compared rounded to 12 decimals, so floats that differ only by
    rounding noise (two PageRanks that are equal on paper) tie and fall back to the id.

    Example:
        >>> rank({"b": 1.0, "a": 1.0, "c": 3.0}, n=2)
        [('c', 3.0), ('a', 1.0)]
    """
    ordered = sorted(scores.items(), key=lambda item: (-round(item[1], 12), item[0]))
    return ordered if n is None else ordered[:n]


def _entities(G: nx.MultiDiGraph, kind: str | None) -> list[str]:
    check_entity_type(kind)
    return sorted(n for n, t in G.nodes(data=TYPE) if (t == kind if kind else t in ENTITY_TYPES))


@requires_kg_graph
def top_entities(G: nx.MultiDiGraph, kind: str | None = None, *, n: int | None = 10) -> list[tuple[str, int]]:
    """Rank entities of one type (every type when KIND is None) by the papers that mention them.

    Args:
        G: A kg graph.
        kind: An entity type ("Architecture", "Method", "Dataset", "Metric", "Task").
        n: How many to return; None for all.

    Returns:
        ``[(entity node, distinct papers), …]``, most papers first, ties by node id.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_nodes_from(["method:adam", "method:sgd"], type="Method")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:2", "method:adam", "mentions"),
        ...                   ("paper:2", "method:adam", "proposes"), ("paper:2", "method:sgd", "mentions")])
        ['mentions', 'mentions', 'proposes', 'mentions']
        >>> top_entities(G, "Method")
        [('method:adam', 2), ('method:sgd', 1)]
    """
    counts = {node: len(papers) for node, papers in entity_papers(G, kind).items()}
    return [(node, int(count)) for node, count in rank(counts, n=n)]  # type: ignore[arg-type]


@requires_kg_graph
def top_by_degree(G: nx.MultiDiGraph, kind: str | None = None, *, n: int | None = 10) -> list[tuple[str, int]]:
    """Rank entities by degree in G: every edge in or out counts, parallel edges too.

    Degree adds to the paper count the ``evaluated_on`` edges and the result roles,
    so it favours entities that take part in stated evaluations and results.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_nodes_from(["dataset:mnist", "dataset:svhn"], type="Dataset")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:1", "dataset:mnist", "mentions"),
        ...                   ("paper:1", "dataset:svhn", "mentions"), ("method:adam", "dataset:svhn", "evaluated_on:1")])
        ['mentions', 'mentions', 'mentions', 'evaluated_on:1']
        >>> top_by_degree(G, "Dataset")
        [('dataset:svhn', 2), ('dataset:mnist', 1)]
    """
    degrees = {node: G.degree(node) for node in _entities(G, kind)}
    return [(node, int(d)) for node, d in rank(degrees, n=n)]  # type: ignore[arg-type]


@requires_kg_graph
def top_by_pagerank(
    G: nx.MultiDiGraph, kind: str | None = None, *, n: int | None = 10, alpha: float = 0.85,
) -> list[tuple[str, float]]:
    """Rank entities by PageRank over the whole directed graph.

    Edges run paper → entity, entity → dataset (``evaluated_on``) and result →
    entity, so rank flows from papers to what they mention: an entity ranks high when
    many papers mention it, the more so when those papers mention few other things.
    Parallel edges count as weight (networkx's rule for multigraphs); rank on nodes
    with no out-edge is spread evenly over all nodes.

    Example:
        Two papers point at one method: with N = 3 nodes, each paper holds
        (1 - α)/3 + α·r/3 and the method r = (1 - α)/3 + α·(2p) + α·r/3, which solves
        to r = (1 + 2α)/(3 + 2α) = 2.7/4.7.

        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:2", "method:adam", "mentions")])
        ['mentions', 'mentions']
        >>> [(node, round(score, 4)) for node, score in top_by_pagerank(G, "Method")]  # tol 1e-6
        [('method:adam', 0.5745)]
    """
    nodes = _entities(G, kind)
    if not nodes:
        return []
    scores = nx.pagerank(G, alpha=alpha)
    return rank({node: float(scores[node]) for node in nodes}, n=n)
