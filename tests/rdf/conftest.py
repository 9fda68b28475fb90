"""Fixtures of the RDF tests: one small paper graph, as kg.graph.build_graph makes it.

The paper's text (title, two newlines, abstract) and where each name sits in it::

    FooNet: Fast Segmentation of Aerial Photographs          title, sentence 0, chars 0-47
    We propose FooNet, a network trained with dropout on     abstract from char 49, sentence 1
    CIFAR-10. FooNet reaches 76.5% top-1 accuracy on         sentence 2 starts at char 112
    CIFAR-10.

    FooNet 0-6 (also 60-66 and 112-118), Segmentation 13-25, dropout 91-98,
    CIFAR-10 102-110 (also 151-159), top-1 accuracy 133-147.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.graph import write_json

TITLE = "FooNet: Fast Segmentation of Aerial Photographs"
ABSTRACT = "We propose FooNet, a network trained with dropout on CIFAR-10. FooNet reaches 76.5% top-1 accuracy on CIFAR-10."
PAPER_ID = "2401.00001"
PAPER = f"paper:{PAPER_ID}"
FOONET, SEGMENTATION, DROPOUT = "architecture:foonet", "task:segmentation", "method:dropout"
CIFAR, TOP1 = "dataset:cifar-10", "metric:top-1-accuracy"
RESULT = f"result:{PAPER_ID}:top-1-accuracy:0"

NODES = [
    (PAPER, {"type": "Paper", "label": TITLE, "date": "2024-01-05", "url": "https://arxiv.org/abs/2401.00001",
             "abstract": ABSTRACT, "source": "papers.jsonl:1"}),
    (FOONET, {"type": "Architecture", "label": "FooNet", "concept": "", "aliases": (), "papers": 1}),
    (SEGMENTATION, {"type": "Task", "label": "segmentation", "concept": "", "aliases": ("Segmentation",),
                    "papers": 1}),
    (DROPOUT, {"type": "Method", "label": "dropout", "concept": "method/dropout", "aliases": (), "papers": 1}),
    (CIFAR, {"type": "Dataset", "label": "CIFAR-10", "concept": "dataset/cifar-10", "aliases": (), "papers": 1}),
    (TOP1, {"type": "Metric", "label": "top-1 accuracy", "concept": "metric/top-1-accuracy", "aliases": (),
            "papers": 1}),
    (RESULT, {"type": "Result", "label": "76.5%", "value": "76.5%"}),
]


def _where(sentence: int, start: int, end: int) -> dict[str, object]:
    return {"paper": PAPER_ID, "sentence": sentence, "start": start, "end": end}


# (source, target, key, attributes), as kg.graph.build_graph makes them
EDGES = [
    (PAPER, FOONET, "mentions", {"relation": "mentions", "count": 3, **_where(0, 0, 6),
                                 "rule": "coined", "confidence": 0.7}),
    (PAPER, SEGMENTATION, "mentions", {"relation": "mentions", "count": 1, **_where(0, 13, 25),
                                       "rule": "head:segmentation", "confidence": 0.6}),
    (PAPER, DROPOUT, "mentions", {"relation": "mentions", "count": 1, **_where(1, 91, 98),
                                  "rule": "lexicon", "confidence": 1.0}),
    (PAPER, CIFAR, "mentions", {"relation": "mentions", "count": 2, **_where(1, 102, 110),
                                "rule": "lexicon", "confidence": 1.0}),
    (PAPER, TOP1, "mentions", {"relation": "mentions", "count": 1, **_where(2, 133, 147),
                               "rule": "lexicon", "confidence": 1.0}),
    (PAPER, FOONET, "proposes", {"relation": "proposes", **_where(1, 60, 66)}),
    (FOONET, CIFAR, f"evaluated_on:{PAPER_ID}", {"relation": "evaluated_on", **_where(1, 102, 110)}),
    (PAPER, RESULT, "reports", {"relation": "reports", **_where(2, 133, 147)}),
    (RESULT, FOONET, "subject", {"relation": "subject", **_where(2, 133, 147)}),
    (RESULT, TOP1, "metric", {"relation": "metric", **_where(2, 133, 147)}),
    (RESULT, CIFAR, "dataset", {"relation": "dataset", **_where(2, 133, 147)}),
]


def make_graph(*, reverse: bool = False) -> nx.MultiDiGraph:
    """Build the fixture graph; ``reverse`` adds nodes and edges in the opposite order."""
    G = nx.MultiDiGraph()
    G.add_nodes_from(NODES[::-1] if reverse else NODES)
    for u, v, key, attrs in EDGES[::-1] if reverse else EDGES:
        G.add_edge(u, v, key=key, **attrs)
    return G


@pytest.fixture()
def paper_graph() -> nx.MultiDiGraph:
    """The one-paper graph described in this module's docstring."""
    return make_graph()


@pytest.fixture(scope="session")
def paper_graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph written as ``graph.json`` by kg.graph.write_json, once per session."""
    return write_json(make_graph(), tmp_path_factory.mktemp("paper-graph") / "graph.json")


@pytest.fixture()
def reversed_paper_graph() -> nx.MultiDiGraph:
    """The same graph with its nodes and edges added in the opposite order."""
    return make_graph(reverse=True)
