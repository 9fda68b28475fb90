"""kg.analytics.communities: Louvain on the paper–entity graph, labelled by top entities."""

from __future__ import annotations

import pytest

from kg.analytics import Community, entity_communities

# Two blocks with no paper in common. Block A: papers 1 and 2 each mention MNIST, Adam
# and classification (a complete bipartite K2,3) and paper 5 mentions MNIST only, so
# MNIST has 3 papers. Block B: papers 3 and 4 each mention BERT and SQuAD. Paper 6
# mentions nothing. Each block is a connected component, so the best partition is the
# two blocks: modularity 0.463 (m = 11 edges: (7/11 - (14/22)²) + (4/11 - (8/22)²));
# moving any one node of block A out alone gives at most 0.426.
PAPERS = {
    "1": ["dataset:mnist", "method:adam", "task:classification"],
    "2": ["dataset:mnist", "method:adam", "task:classification"],
    "3": ["method:bert", "dataset:squad"],
    "4": ["method:bert", "dataset:squad"],
    "5": ["dataset:mnist"],
    "6": [],
}


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_entity_communities_finds_the_two_blocks(make_kg, seed):
    assert entity_communities(make_kg(PAPERS), seed=seed, top=2) == [
        # larger block first (3 entities vs 2); MNIST leads with 3 papers, then Adam and
        # classification tie at 2 and go in id order; paper 6 belongs nowhere
        Community(("dataset:mnist", "method:adam", "task:classification"), ("paper:1", "paper:2", "paper:5"),
                  ("dataset:mnist", "method:adam")),
        Community(("dataset:squad", "method:bert"), ("paper:3", "paper:4"), ("dataset:squad", "method:bert")),
    ]


@pytest.mark.parametrize(("top", "label"), [(1, ("dataset:mnist",)), (5, ("dataset:mnist", "method:adam",
                                                                         "task:classification"))])
def test_entity_communities_label_length(make_kg, top, label):
    assert entity_communities(make_kg(PAPERS), top=top)[0].label == label


@pytest.mark.parametrize("papers", [{}, {"1": []}])
def test_entity_communities_empty(make_kg, papers):
    assert entity_communities(make_kg(papers)) == []
