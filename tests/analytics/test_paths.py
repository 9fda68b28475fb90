"""kg.analytics.paths: the entity —paper— entity chain between two nodes."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analytics import connecting_path

# Two chains of the same length join Adam and translation:
#   Adam —paper:1— MNIST —paper:2— translation   and   Adam —paper:3— CIFAR-10 —paper:4— translation.
# Paper 5 and its entity form a separate component.
PAPERS = {
    "1": ["method:adam", "dataset:mnist"],
    "2": ["dataset:mnist", "task:translation"],
    "3": ["method:adam", "dataset:cifar-10"],
    "4": ["dataset:cifar-10", "task:translation"],
    "5": ["task:parsing"],
}


@pytest.fixture()
def graph(make_kg):
    return make_kg(PAPERS, edges=[("paper:1", "result:1:acc:0", "reports")])


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # from Adam, paper:1 < paper:3, so the MNIST chain
        ("method:adam", "task:translation",
         ["method:adam", "paper:1", "dataset:mnist", "paper:2", "task:translation"]),
        # from translation, paper:2 < paper:4: the same chain, reversed
        ("task:translation", "method:adam",
         ["task:translation", "paper:2", "dataset:mnist", "paper:1", "method:adam"]),
        ("method:adam", "dataset:mnist", ["method:adam", "paper:1", "dataset:mnist"]),
        ("method:adam", "method:adam", ["method:adam"]),
        # paper to paper: from paper:1, dataset:mnist < method:adam
        ("paper:1", "paper:4", ["paper:1", "dataset:mnist", "paper:2", "task:translation", "paper:4"]),
    ],
)
def test_connecting_path_is_smallest_shortest_chain(graph, source, target, expected):
    assert connecting_path(graph, source, target) == expected


def test_connecting_path_no_path(graph):
    with pytest.raises(nx.NetworkXNoPath) as caught:
        connecting_path(graph, "method:adam", "task:parsing")
    assert str(caught.value) == "no chain of papers connects 'method:adam' and 'task:parsing'"


@pytest.mark.parametrize("node", ["method:nope", "result:1:acc:0"])
def test_connecting_path_unknown_node(graph, node):
    with pytest.raises(nx.NodeNotFound) as caught:
        connecting_path(graph, node, "method:adam")
    assert str(caught.value) == f"'{node}' is not a paper or entity with a mention in the graph"
