"""Tests for kg.graph.build: resolved papers → a typed MultiDiGraph, checked by hand."""

from __future__ import annotations

import pytest

from kg.graph import build_graph
from kg.model import (
    Entity, EntityType, Mention, Paper, PaperExtraction, Provenance, Relation, RelationType, Result,
)
from kg.resolve import ResolvedPaper

A, D, MT = EntityType.ARCHITECTURE, EntityType.DATASET, EntityType.METRIC
P1, P2 = "2101.00001", "t00000000002"
PROVENANCE = {"paper", "sentence", "start", "end"}


def _two_papers() -> list[ResolvedPaper]:
    """Two papers that share a dataset and name one architecture differently.

    Paper 1 proposes "Lantern Network" (also "LNs"), evaluates it on CIFAR-10 and
    reports 91.2% accuracy. Paper 2 says "lantern networks" and "CIFAR10" (twice)
    and states the same evaluated_on pair twice.
    """
    def prov(paper, sentence, start, end):
        return Provenance(paper, sentence, start, end)

    lantern = Entity(A, "Lantern Network", ("Lantern Networks", "LNs"), proposed=True)
    cifar = Entity(D, "CIFAR-10", ("CIFAR-10",), concept="dataset/cifar-10")
    accuracy = Entity(MT, "accuracy", ("accuracy",), concept="metric/accuracy")
    first = PaperExtraction(
        Paper(P1, "Lantern Gates", "First abstract.", url="https://arxiv.org/abs/2101.00001",
              date="2023-08-13", source="a.jsonl:1"),
        (
            Mention("Lantern Networks", A, prov(P1, 0, 0, 16), key="abbr-1"),
            Mention("LNs", A, prov(P1, 1, 40, 43), key="abbr-1"),
            Mention("CIFAR-10", D, prov(P1, 1, 60, 68), concept="dataset/cifar-10", key="dataset/cifar-10"),
            Mention("accuracy", MT, prov(P1, 2, 80, 88), concept="metric/accuracy", key="metric/accuracy"),
        ),
        proposes=(Relation(RelationType.PROPOSES, P1, "abbr-1", prov(P1, 1, 17, 24)),),
        evaluated_on=(Relation(RelationType.EVALUATED_ON, "abbr-1", "dataset/cifar-10", prov(P1, 1, 40, 68)),),
        results=(Result("abbr-1", "metric/accuracy", "91.2%", "dataset/cifar-10", prov(P1, 2, 80, 95)),),
    )
    lantern2 = Entity(A, "lantern network", ("lantern networks",))
    cifar2 = Entity(D, "CIFAR-10", ("CIFAR10",), concept="dataset/cifar-10")
    second = PaperExtraction(
        Paper(P2, "Dimmer Switches", "Second abstract."),
        (
            Mention("lantern networks", A, prov(P2, 0, 10, 26), key="lanternnetwork"),
            Mention("CIFAR10", D, prov(P2, 0, 40, 47), concept="dataset/cifar-10", key="dataset/cifar-10"),
            Mention("CIFAR10", D, prov(P2, 1, 70, 77), concept="dataset/cifar-10", key="dataset/cifar-10"),
        ),
        evaluated_on=(
            Relation(RelationType.EVALUATED_ON, "lanternnetwork", "dataset/cifar-10", prov(P2, 0, 10, 47)),
            Relation(RelationType.EVALUATED_ON, "lanternnetwork", "dataset/cifar-10", prov(P2, 1, 60, 77)),
        ),
    )
    return [
        ResolvedPaper(first, {"abbr-1": lantern, "dataset/cifar-10": cifar, "metric/accuracy": accuracy}),
        ResolvedPaper(second, {"lanternnetwork": lantern2, "dataset/cifar-10": cifar2}),
    ]


@pytest.fixture()
def graph():
    return build_graph(_two_papers())


def _result_node(G) -> str:
    (node,) = [n for n, d in G.nodes(data=True) if d["type"] == "Result"]
    return node


def test_build_graph_node_ids_and_types(graph):
    types = {n: d["type"] for n, d in graph.nodes(data=True) if d["type"] != "Result"}
    assert types == {
        f"paper:{P1}": "Paper",
        f"paper:{P2}": "Paper",
        "architecture:lantern-network": "Architecture",  # from the name: no concept
        "dataset:cifar-10": "Dataset",  # from the concept id
        "metric:accuracy": "Metric",
    }
    # one stated number, in paper 1, named by the metric's canonical name
    assert _result_node(graph).startswith(f"result:{P1}:accuracy:")
    assert graph.number_of_nodes() == 6  # 2 papers + 3 entities + 1 result


@pytest.mark.parametrize(
    ("node", "attributes"),
    [
        (f"paper:{P1}", {"type": "Paper", "label": "Lantern Gates", "date": "2023-08-13",
                         "url": "https://arxiv.org/abs/2101.00001", "abstract": "First abstract.",
                         "source": "a.jsonl:1"}),
        (f"paper:{P2}", {"type": "Paper", "label": "Dimmer Switches", "date": "", "url": "",
                         "abstract": "Second abstract.", "source": ""}),
        # one vote each for "Lantern Network" and "lantern network": the tie goes to
        # the first in sort order; every other form seen is an alias
        ("architecture:lantern-network", {"type": "Architecture", "concept": "", "label": "Lantern Network",
                                          "aliases": ("LNs", "Lantern Networks", "lantern networks"),
                                          "papers": 2}),
        ("dataset:cifar-10", {"type": "Dataset", "concept": "dataset/cifar-10", "label": "CIFAR-10",
                              "aliases": ("CIFAR10",), "papers": 2}),
        ("metric:accuracy", {"type": "Metric", "concept": "metric/accuracy", "label": "accuracy",
                             "aliases": (), "papers": 1}),
    ],
)
def test_build_graph_node_attributes(graph, node, attributes):
    assert graph.nodes[node] == attributes


def test_build_graph_result_node(graph):
    assert graph.nodes[_result_node(graph)] == {"type": "Result", "label": "91.2%", "value": "91.2%"}


def test_build_graph_edges(graph):
    result = _result_node(graph)
    lantern, cifar, accuracy = "architecture:lantern-network", "dataset:cifar-10", "metric:accuracy"
    edges = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    assert edges == {
        # paper 1: one mentions edge per entity, count = its mentions, provenance of the first;
        # rule and confidence are those of the first mention (Mention's defaults here)
        (f"paper:{P1}", lantern, "mentions"): {"relation": "mentions", "count": 2, "paper": P1,
                                               "sentence": 0, "start": 0, "end": 16, "rule": "lexicon", "confidence": 1.0},
        (f"paper:{P1}", cifar, "mentions"): {"relation": "mentions", "count": 1, "paper": P1,
                                             "sentence": 1, "start": 60, "end": 68, "rule": "lexicon", "confidence": 1.0},
        (f"paper:{P1}", accuracy, "mentions"): {"relation": "mentions", "count": 1, "paper": P1,
                                                "sentence": 2, "start": 80, "end": 88, "rule": "lexicon", "confidence": 1.0},
        (f"paper:{P1}", lantern, "proposes"): {"relation": "proposes", "paper": P1,
                                               "sentence": 1, "start": 17, "end": 24},
        (lantern, cifar, f"evaluated_on:{P1}"): {"relation": "evaluated_on", "paper": P1,
                                                 "sentence": 1, "start": 40, "end": 68},
        (f"paper:{P1}", result, "reports"): {"relation": "reports", "paper": P1,
                                             "sentence": 2, "start": 80, "end": 95},
        (result, lantern, "subject"): {"relation": "subject", "paper": P1, "sentence": 2, "start": 80, "end": 95},
        (result, accuracy, "metric"): {"relation": "metric", "paper": P1, "sentence": 2, "start": 80, "end": 95},
        (result, cifar, "dataset"): {"relation": "dataset", "paper": P1, "sentence": 2, "start": 80, "end": 95},
        # paper 2: "CIFAR10" twice is one edge with count 2; the pair stated twice is one edge
        (f"paper:{P2}", lantern, "mentions"): {"relation": "mentions", "count": 1, "paper": P2,
                                               "sentence": 0, "start": 10, "end": 26, "rule": "lexicon", "confidence": 1.0},
        (f"paper:{P2}", cifar, "mentions"): {"relation": "mentions", "count": 2, "paper": P2,
                                             "sentence": 0, "start": 40, "end": 47, "rule": "lexicon", "confidence": 1.0},
        (lantern, cifar, f"evaluated_on:{P2}"): {"relation": "evaluated_on", "paper": P2,
                                                 "sentence": 0, "start": 10, "end": 47},
    }


def test_build_graph_every_edge_has_provenance(graph):
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert PROVENANCE <= data.keys(), (u, v, key)
        assert key.split(":")[0] == data["relation"]
    assert graph.number_of_edges() == 12  # 9 in paper 1 and 3 in paper 2, listed above


@pytest.mark.parametrize(
    ("names", "label"),
    [
        (["lantern network", "Lantern Network", "lantern network"], "lantern network"),  # 2 votes to 1
        (["Lantern Networks", "lantern network"], "Lantern Networks"),  # a tie: sort order
        (["Lantern Network"], "Lantern Network"),
    ],
)
def test_build_graph_label_is_name_most_papers_use(names, label):
    papers = []
    for n, name in enumerate(names):
        pid = f"p{n}"
        extraction = PaperExtraction(Paper(pid, f"T{n}", "A."), (Mention(name, A, Provenance(pid, 0, 0, 5), key="k"),))
        papers.append(ResolvedPaper(extraction, {"k": Entity(A, name, (name,))}))
    G = build_graph(papers)
    assert G.nodes["architecture:lantern-network"]["label"] == label
    assert G.nodes["architecture:lantern-network"]["papers"] == len(names)  # one paper per name given


@pytest.mark.parametrize("object_key", ["k"])
def test_build_graph_skips_evaluated_on_loop(object_key):
    extraction = PaperExtraction(
        Paper("p", "T", "A."), (Mention("Lantern Net", A, Provenance("p", 0, 0, 5), key="k"),),
        evaluated_on=(Relation(RelationType.EVALUATED_ON, "k", object_key, Provenance("p", 0, 0, 5)),),
    )
    G = build_graph([ResolvedPaper(extraction, {"k": Entity(A, "Lantern Net", ("Lantern Net",))})])
    assert [k for *_, k in G.edges(keys=True)] == ["mentions"]  # no edge from an entity to itself


@pytest.mark.parametrize("papers", [[]])
def test_build_graph_empty(papers):
    G = build_graph(papers)
    assert (G.number_of_nodes(), G.number_of_edges()) == (0, 0)
    assert G.is_directed() and G.is_multigraph()
