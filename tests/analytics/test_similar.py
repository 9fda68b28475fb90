"""kg.analytics.similar: shared entities weighted by ln(N / papers)."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.analytics import SimilarPaper, similar_papers

# N = 4 papers. Adam is in all four (weight ln 4/4 = 0), MNIST and ResNet in two
# (ln 4/2 = ln 2), SVHN in one (ln 4).
PAPERS = {
    "1": ["method:adam", "dataset:mnist", "architecture:resnet"],
    "2": ["method:adam", "dataset:mnist"],
    "3": ["method:adam", "architecture:resnet"],
    "4": ["method:adam", "dataset:svhn"],
}
LN2 = math.log(2)


@pytest.fixture()
def graph(make_kg):
    return make_kg(PAPERS)


@pytest.mark.parametrize(
    ("paper", "n", "expected"),
    [
        # papers 2 and 3 each share one ln 2 entity (plus Adam at 0): a tie, id order;
        # paper 4 shares only Adam: score 0, left out
        ("paper:1", 10, [SimilarPaper("paper:2", LN2, ("dataset:mnist", "method:adam")),
                         SimilarPaper("paper:3", LN2, ("architecture:resnet", "method:adam"))]),
        ("paper:1", 1, [SimilarPaper("paper:2", LN2, ("dataset:mnist", "method:adam"))]),
        ("paper:2", 10, [SimilarPaper("paper:1", LN2, ("dataset:mnist", "method:adam"))]),
        ("paper:4", 10, []),
    ],
)
def test_similar_papers_weights_rare_entities(graph, paper, n, expected):
    found = similar_papers(graph, paper, n=n)
    assert [(s.paper, s.shared) for s in found] == [(s.paper, s.shared) for s in expected]
    assert [s.score for s in found] == pytest.approx([s.score for s in expected])


def test_similar_papers_adds_weights(make_kg):
    # N = 3; paper 1 and 2 share MNIST (2 papers: ln 3/2) and SVHN (2 papers: ln 3/2)
    G = make_kg({"1": ["dataset:mnist", "dataset:svhn"], "2": ["dataset:mnist", "dataset:svhn"], "3": []})
    [found] = similar_papers(G, "paper:1")
    assert found.score == pytest.approx(2 * math.log(3 / 2))


@pytest.mark.parametrize("node", ["paper:9", "method:adam"])
def test_similar_papers_needs_a_paper(graph, node):
    with pytest.raises(nx.NodeNotFound) as caught:
        similar_papers(graph, node)
    assert str(caught.value) == f"paper '{node}' is not a paper of the graph"
