"""kg.analytics.gaps: link prediction on the entity projection, with evidence paths."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.analytics import Evidence, find_gaps, to_entity_projection

# The entity projection of these papers (neighbours = co-occur in some paper):
#   Adam: MNIST, classification          MNIST: Adam, classification, accuracy
#   SGD: classification, accuracy        classification: Adam, MNIST, SGD, CIFAR-10  (degree 4)
#   CIFAR-10: classification             accuracy: SGD, MNIST                         (degree 2)
# Only Adam–MNIST share a paper. Method–dataset pairs at distance two without one:
#   SGD–MNIST via classification and accuracy, Adam–CIFAR-10 and SGD–CIFAR-10 via classification.
PAPERS = {
    "1": ["method:adam", "dataset:mnist", "task:classification"],
    "2": ["method:sgd", "task:classification"],
    "3": ["method:sgd", "metric:accuracy"],
    "4": ["dataset:mnist", "metric:accuracy"],
    "5": ["dataset:cifar-10", "task:classification"],
}
AA_4, AA_2 = 1 / math.log(4), 1 / math.log(2)


@pytest.fixture()
def graph(make_kg):
    return make_kg(PAPERS)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        # Adamic–Adar: Σ 1/ln(degree) over shared neighbours; the two 1/ln 4 ties go by source id
        ("adamic_adar", [("method:sgd", "dataset:mnist", AA_4 + AA_2), ("method:adam", "dataset:cifar-10", AA_4),
                         ("method:sgd", "dataset:cifar-10", AA_4)]),
        # Jaccard: SGD {classification, accuracy} vs MNIST {Adam, classification, accuracy} → 2/3;
        # Adam {MNIST, classification} vs CIFAR-10 {classification} → 1/2; SGD vs CIFAR-10 → 1/2
        ("jaccard", [("method:sgd", "dataset:mnist", 2 / 3), ("method:adam", "dataset:cifar-10", 1 / 2),
                     ("method:sgd", "dataset:cifar-10", 1 / 2)]),
    ],
)
def test_find_gaps_scores(graph, score, expected):
    gaps = find_gaps(graph, "Method", "Dataset", score=score)
    assert [(g.source, g.target) for g in gaps] == [(s, t) for s, t, _ in expected]
    assert [g.score for g in gaps] == pytest.approx([v for *_, v in expected])


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        # rarest shared entity first: accuracy (degree 2) before classification (degree 4);
        # SGD meets accuracy in paper 3, accuracy meets MNIST in paper 4, and so on
        (3, (Evidence("metric:accuracy", ("paper:3",), ("paper:4",)),
             Evidence("task:classification", ("paper:2",), ("paper:1",)))),
        (1, (Evidence("metric:accuracy", ("paper:3",), ("paper:4",)),)),
    ],
)
def test_find_gaps_evidence_paths(graph, evidence, expected):
    assert find_gaps(graph, "Method", "Dataset", evidence=evidence)[0].evidence == expected


@pytest.mark.parametrize(("n", "count"), [(1, 1), (2, 2), (None, 3)])
def test_find_gaps_keeps_first_n(graph, n, count):
    assert len(find_gaps(graph, "Method", "Dataset", n=n)) == count


def test_find_gaps_same_type_lists_pair_once(graph):
    # MNIST and CIFAR-10 never share a paper; both co-occur with classification (degree 4)
    [gap] = find_gaps(graph, "Dataset", "Dataset")
    assert (gap.source, gap.target) == ("dataset:cifar-10", "dataset:mnist")
    assert gap.score == pytest.approx(AA_4)


@pytest.mark.parametrize(("source", "target"), [("Architecture", "Task"), ("Architecture", "Dataset")])
def test_find_gaps_without_entities_of_a_type(graph, source, target):
    assert find_gaps(graph, source, target) == []  # no architecture in these papers


@pytest.mark.parametrize(("source", "target"), [("Method", "Metric")])
def test_find_gaps_through_a_dataset(graph, source, target):
    # SGD–accuracy share paper 3; Adam {MNIST, classification} and accuracy {SGD, MNIST}
    # share MNIST, whose projection degree is 3: 1/ln 3
    [gap] = find_gaps(graph, source, target)
    assert (gap.source, gap.target) == ("method:adam", "metric:accuracy")
    assert gap.score == pytest.approx(1 / math.log(3))
    assert gap.evidence == (Evidence("dataset:mnist", ("paper:1",), ("paper:4",)),)


def test_find_gaps_rejects_unknown_score(graph):
    with pytest.raises(ValueError) as caught:
        find_gaps(graph, "Method", "Dataset", score="cosine")
    assert str(caught.value) == "unknown score 'cosine' (adamic_adar or jaccard)"


@pytest.mark.parametrize(
    ("score", "networkx_score"),
    [("adamic_adar", nx.adamic_adar_index), ("jaccard", nx.jaccard_coefficient)],
)
@pytest.mark.parametrize(("source", "target"), [("Method", "Dataset"), ("Dataset", "Dataset"), ("Method", "Metric")])
def test_find_gaps_agrees_with_networkx(graph, score, networkx_score, source, target):
    # the sparse-matrix scores are networkx's link-prediction scores on the projection
    gaps = find_gaps(graph, source, target, score=score, n=None)
    H = to_entity_projection(graph)
    expected = {(u, v): s for u, v, s in networkx_score(H, [(g.source, g.target) for g in gaps])}
    assert {(g.source, g.target): g.score for g in gaps} == pytest.approx(expected)


@pytest.mark.parametrize("block_pairs", [1, 2, 5])
@pytest.mark.parametrize("score", ["adamic_adar", "jaccard"])
def test_find_gaps_in_blocks_gives_the_same_gaps(graph, monkeypatch, block_pairs, score):
    # large graphs are scored a block of source rows at a time; tiny blocks must not change the answer
    expected = find_gaps(graph, "Method", "Dataset", score=score, n=2)
    monkeypatch.setattr("kg.analytics.gaps._BLOCK_PAIRS", block_pairs)
    assert find_gaps(graph, "Method", "Dataset", score=score, n=2) == expected
