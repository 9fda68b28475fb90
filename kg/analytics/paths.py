"""The connecting path between two entities, with the papers along it."""

from __future__ import annotations

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import to_bipartite

__all__ = ["connecting_path"]


@requires_kg_graph
def connecting_path(G: nx.MultiDiGraph, source: str, target: str) -> list[str]:
    """Return a shortest chain entity —paper— entity —paper— … from SOURCE to TARGET.

    The path runs in the paper–entity graph, so it alternates entities and the papers
    that mention both of their neighbours on the path. Among the shortest paths it
    returns the one whose nodes come first in node-id order, step by step, so the
    answer does not depend on how the graph was built. SOURCE and TARGET may also be
    papers.

    Args:
        G: A kg graph.
        source: An entity (or paper) node.
        target: An entity (or paper) node.

    Returns:
        The nodes of the path, SOURCE first and TARGET last.

    Raises:
        networkx.NodeNotFound: when SOURCE or TARGET is not a paper or entity that a
            mention edge touches.
        networkx.NetworkXNoPath: when no chain of papers connects them.

    Example:
        Paper 1 mentions Adam and MNIST, paper 2 MNIST and BERT, paper 3 Adam and
        BERT: the shortest chain from Adam to BERT goes through paper 3.

        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2", "paper:3"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_node("architecture:bert", type="Architecture")
        >>> G.add_node("dataset:mnist", type="Dataset")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:1", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "dataset:mnist", "mentions"), ("paper:2", "architecture:bert", "mentions"),
        ...                   ("paper:3", "method:adam", "mentions"), ("paper:3", "architecture:bert", "mentions")])
        ['mentions', 'mentions', 'mentions', 'mentions', 'mentions', 'mentions']
        >>> connecting_path(G, "method:adam", "architecture:bert")
        ['method:adam', 'paper:3', 'architecture:bert']
    """
    H = to_bipartite(G)
    for node in (source, target):
        if node not in H:
            raise nx.NodeNotFound(f"{node!r} is not a paper or entity with a mention in the graph")
    distance = nx.single_source_shortest_path_length(H, target)
    if source not in distance:
        raise nx.NetworkXNoPath(f"no chain of papers connects {source!r} and {target!r}")
    path = [source]
    while path[-1] != target:
        here = path[-1]
        path.append(min(nbr for nbr in H[here] if distance.get(nbr) == distance[here] - 1))
    return path
