"""The networkx contract, checked for every analytics function at once.

Graph first; a non-kg graph is rejected by the guard; the graph is never changed; the
answer does not depend on the order in which nodes and edges were added.
"""

from __future__ import annotations

import copy

import networkx as nx
import pytest

from kg.analytics import (
    UnsupportedGraph, connecting_path, cooccurrence, cooccurrence_matrix, entity_communities, entity_papers,
    entity_trends, find_gaps, paper_entities, papers_per_year, similar_papers, to_bipartite,
    to_entity_projection, top_by_degree, top_by_pagerank, top_entities,
)
from kg.analytics.report import to_sections
from kg.errors import KgError

CALLS = {
    "paper_entities": lambda G: paper_entities(G),
    "entity_papers": lambda G: entity_papers(G, "Method"),
    "to_bipartite": lambda G: sorted(to_bipartite(G).edges),
    "to_entity_projection": lambda G: sorted(to_entity_projection(G).edges(data=True)),
    "top_entities": lambda G: top_entities(G),
    "top_by_degree": lambda G: top_by_degree(G, "Dataset"),
    "top_by_pagerank": lambda G: [(n, round(s, 9)) for n, s in top_by_pagerank(G)],
    "entity_communities": lambda G: entity_communities(G, seed=3),
    "cooccurrence": lambda G: list(cooccurrence(G, "Method", "Dataset").items()),
    "cooccurrence_matrix": lambda G: cooccurrence_matrix(G, "Architecture", "Task"),
    "papers_per_year": lambda G: papers_per_year(G),
    "entity_trends": lambda G: entity_trends(G),
    "find_gaps": lambda G: find_gaps(G, "Method", "Dataset", score="jaccard"),
    "similar_papers": lambda G: similar_papers(G, "paper:1"),
    "connecting_path": lambda G: connecting_path(G, "method:adam", "task:translation"),
    "to_sections": lambda G: [[t.rows for t in s.tables] for s in to_sections(G)],
}
PAPERS = {
    "1": ["method:adam", "dataset:mnist", "architecture:resnet", "task:classification"],
    "2": ["method:adam", "dataset:cifar-10", "task:classification"],
    "3": ["method:sgd", "dataset:mnist", "architecture:transformer", "task:translation"],
    "4": ["method:sgd", "architecture:transformer"],
}
DATES = {"1": "2020-01-01", "3": "2021-05-05"}
EDGES = [("method:adam", "dataset:mnist", "evaluated_on:1"), ("paper:1", "result:1:acc:0", "reports"),
         ("result:1:acc:0", "dataset:mnist", "dataset")]


def _reordered(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges added in reverse order."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    return H


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("graph", [nx.Graph(), nx.DiGraph(), nx.MultiGraph()], ids=lambda g: type(g).__name__)
def test_function_rejects_graph_that_is_not_multidigraph(name, graph):
    graph.add_edge("paper:1", "method:adam")
    with pytest.raises(UnsupportedGraph) as caught:
        CALLS[name](graph)
    assert str(caught.value).endswith(f"needs a kg graph: a directed multigraph, not {type(graph).__name__}")
    assert isinstance(caught.value, KgError) and isinstance(caught.value, nx.NetworkXNotImplemented)


@pytest.mark.parametrize("name", CALLS)
def test_function_rejects_node_without_type(make_kg, name):
    G = make_kg(PAPERS, dates=DATES, edges=EDGES)
    G.add_node("method:untyped")
    with pytest.raises(UnsupportedGraph, match=r"needs a kg graph: node 'method:untyped' has no 'type'$"):
        CALLS[name](G)


@pytest.mark.parametrize("name", CALLS)
def test_function_does_not_change_graph(make_kg, name):
    G = make_kg(PAPERS, dates=DATES, edges=EDGES)
    before = copy.deepcopy(G)
    CALLS[name](G)
    assert nx.utils.graphs_equal(G, before)
    assert list(G.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))


@pytest.mark.parametrize("name", CALLS)
def test_function_ignores_insertion_order(make_kg, name):
    G = make_kg(PAPERS, dates=DATES, edges=EDGES)
    assert CALLS[name](G) == CALLS[name](_reordered(G))
