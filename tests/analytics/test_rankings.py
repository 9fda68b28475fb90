"""kg.analytics.rankings: papers per entity, degree and PageRank, per type."""

from __future__ import annotations

import pytest

from kg.analytics import top_by_degree, top_by_pagerank, top_entities

# Adam is in papers 1, 2, 3; MNIST in 1 and 3; SGD and LAMB only in paper 2.
PAPERS = {
    "1": ["method:adam", "dataset:mnist"],
    "2": ["method:adam", "method:sgd", "method:lamb"],
    "3": ["method:adam", "dataset:mnist"],
}
EDGES = [("method:adam", "dataset:mnist", "evaluated_on:1"), ("paper:1", "method:adam", "proposes")]


@pytest.fixture()
def graph(make_kg):
    return make_kg(PAPERS, edges=EDGES)


@pytest.mark.parametrize(
    ("kind", "n", "expected"),
    [
        # proposes in paper 1 does not count paper 1 twice; LAMB and SGD tie at 1, id order
        ("Method", 10, [("method:adam", 3), ("method:lamb", 1), ("method:sgd", 1)]),
        ("Method", 2, [("method:adam", 3), ("method:lamb", 1)]),
        ("Dataset", 10, [("dataset:mnist", 2)]),
        (None, 2, [("method:adam", 3), ("dataset:mnist", 2)]),
        ("Task", 10, []),
        ("Method", None, [("method:adam", 3), ("method:lamb", 1), ("method:sgd", 1)]),
    ],
)
def test_top_entities_counts_distinct_papers(graph, kind, n, expected):
    assert top_entities(graph, kind, n=n) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # Adam: 3 mentions + 1 proposes + 1 evaluated_on = 5; LAMB, SGD: 1 mention each
        ("Method", [("method:adam", 5), ("method:lamb", 1), ("method:sgd", 1)]),
        # MNIST: 2 mentions + 1 evaluated_on = 3
        ("Dataset", [("dataset:mnist", 3)]),
    ],
)
def test_top_by_degree_counts_every_edge(graph, kind, expected):
    assert top_by_degree(graph, kind) == expected


@pytest.mark.parametrize(
    ("alpha", "expected"),
    [
        # two papers → one method, N = 3: solving p = (1-α)/3 + α·r/3, r = (1-α)/3 + 2αp + α·r/3
        # with 2p + r = 1 gives r = (1 + 2α)/(3 + 2α)
        (0.85, 2.7 / 4.7),
        (0.5, 2.0 / 4.0),
    ],
)
def test_top_by_pagerank_single_sink(make_kg, alpha, expected):
    G = make_kg({"1": ["method:adam"], "2": ["method:adam"]})
    [(node, score)] = top_by_pagerank(G, "Method", alpha=alpha)
    assert node == "method:adam"
    assert score == pytest.approx(expected, abs=1e-5)  # networkx stops at tol=1e-6 per node


@pytest.mark.parametrize("alpha", [0.85, 0.3])
def test_top_by_pagerank_tie_is_broken_by_id(make_kg, alpha):
    # one paper → two datasets, N = 3: by symmetry both hold x; p = 1 - 2x and
    # x = (1-α)/3 + α·p/2 + α·2x/3 gives x = (2 + α)/(6 + 2α)
    G = make_kg({"1": ["dataset:svhn", "dataset:mnist"]})
    ranking = top_by_pagerank(G, "Dataset", alpha=alpha)
    assert [node for node, _ in ranking] == ["dataset:mnist", "dataset:svhn"]
    assert [score for _, score in ranking] == pytest.approx([(2 + alpha) / (6 + 2 * alpha)] * 2, abs=1e-5)


def test_top_by_pagerank_without_entities_of_type(make_kg):
    assert top_by_pagerank(make_kg({"1": ["method:adam"]}), "Task") == []
