"""Tests for kg.graph.io: GraphML and node-link JSON round trips, byte-stable output."""

from __future__ import annotations

import pytest

from kg.graph import build_graph, read_graph, write_graphml, write_json
from kg.model import (
    EntityType, Mention, Paper, PaperExtraction, Provenance, Relation, RelationType, Result,
)
from kg.resolve import resolve_paper

A, D, MT = EntityType.ARCHITECTURE, EntityType.DATASET, EntityType.METRIC
WRITERS = {"graphml": write_graphml, "json": write_json}


def _papers():
    """Two small papers with every kind of node and edge, and awkward text."""
    def prov(pid, start):
        return Provenance(pid, 0, start, start + 4)

    first = PaperExtraction(
        Paper("2101.00001", "<img src=x onerror=alert(1)> & Lanterns", "Café abstract — with “quotes”.",
              url="https://arxiv.org/abs/2101.00001", date="2023-08-13"),
        (
            Mention("Lantern Networks", A, prov("2101.00001", 0), key="abbr-1", rule="abbreviation"),
            Mention("LNs", A, prov("2101.00001", 20), key="abbr-1", rule="abbreviation"),
            Mention("CIFAR-10", D, prov("2101.00001", 40), concept="dataset/cifar-10", key="dataset/cifar-10"),
            Mention("accuracy", MT, prov("2101.00001", 60), concept="metric/accuracy", key="metric/accuracy"),
        ),
        proposes=(Relation(RelationType.PROPOSES, "2101.00001", "abbr-1", prov("2101.00001", 0)),),
        evaluated_on=(Relation(RelationType.EVALUATED_ON, "abbr-1", "dataset/cifar-10", prov("2101.00001", 40)),),
        results=(
            Result("abbr-1", "metric/accuracy", "91.2%", "dataset/cifar-10", prov("2101.00001", 60)),
            Result(None, "metric/accuracy", "88 %", None, prov("2101.00001", 70)),
        ),
    )
    second = PaperExtraction(
        Paper("t00000000002", "Plain Title", "Plain abstract."),
        (Mention("CIFAR10", D, prov("t00000000002", 5), concept="dataset/cifar-10", key="dataset/cifar-10"),),
    )
    return [resolve_paper(first), resolve_paper(second)]


@pytest.fixture()
def graph():
    return build_graph(_papers())


@pytest.mark.parametrize(("suffix", "write"), [(".graphml", write_graphml), (".json", write_json)])
def test_read_graph_round_trips(tmp_path, graph, suffix, write):
    path = write(graph, tmp_path / f"graph{suffix}")
    back = read_graph(path)
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert {n: dict(d) for n, d in back.nodes(data=True)} == {n: dict(d) for n, d in graph.nodes(data=True)}
    assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == {
        (u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)
    }


@pytest.mark.parametrize(("suffix", "write"), [(".graphml", write_graphml), (".json", write_json)])
def test_read_graph_keeps_types_of_attributes(tmp_path, graph, suffix, write):
    back = read_graph(write(graph, tmp_path / f"graph{suffix}"))
    lantern = back.nodes["architecture:lantern-network"]
    assert lantern["aliases"] == ("LNs", "Lantern Networks")  # a tuple again, not " | "-joined text
    assert back.nodes["metric:accuracy"]["aliases"] == ()  # no alias: an empty tuple
    assert lantern["papers"] == 1 and isinstance(lantern["papers"], int)
    edge = back.edges["paper:2101.00001", "architecture:lantern-network", "mentions"]
    assert (edge["count"], edge["sentence"], edge["start"], edge["end"]) == (2, 0, 0, 4)  # two mentions


@pytest.mark.parametrize(("suffix", "write"), [(".graphml", write_graphml), (".json", write_json)])
def test_write_graph_same_graph_same_bytes(tmp_path, suffix, write):
    one = write(build_graph(_papers()), tmp_path / f"one{suffix}")
    two = write(build_graph(_papers()), tmp_path / f"two{suffix}")
    again = write(build_graph(_papers()), tmp_path / f"one{suffix}")  # overwrite in place
    assert one.read_bytes() == two.read_bytes() == again.read_bytes()


@pytest.mark.parametrize(("suffix", "write"), [(".graphml", write_graphml), (".json", write_json)])
def test_write_graph_bytes_do_not_depend_on_paper_order(tmp_path, suffix, write):
    forward = write(build_graph(_papers()), tmp_path / f"forward{suffix}")
    backward = write(build_graph(_papers()[::-1]), tmp_path / f"backward{suffix}")
    assert forward.read_bytes() == backward.read_bytes()


@pytest.mark.parametrize(("suffix", "write"), [(".graphml", write_graphml), (".json", write_json)])
def test_write_graph_returns_path_and_keeps_text(tmp_path, graph, suffix, write):
    path = tmp_path / f"graph{suffix}"
    assert write(graph, path) == path
    back = read_graph(path)
    assert back.nodes["paper:2101.00001"]["label"] == "<img src=x onerror=alert(1)> & Lanterns"
    assert back.nodes["paper:2101.00001"]["abstract"] == "Café abstract — with “quotes”."
    assert "Café" in path.read_text(encoding="utf-8")  # UTF-8, not escaped


@pytest.mark.parametrize("write", [write_graphml, write_json])
def test_write_graph_does_not_change_graph(tmp_path, graph, write):
    before = dict(graph.nodes["architecture:lantern-network"])
    write(graph, tmp_path / "g.out")
    assert graph.nodes["architecture:lantern-network"] == before  # aliases stay a tuple in memory
