"""GEXF export (kg export --format gexf): Gephi's format, read back by networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import GRAPH_FORMATS, write_graph
from kg.graph.io import write_gexf


def _graph() -> nx.MultiDiGraph:
    """A paper proposing and mentioning an entity (two parallel edges), with awkward text."""
    G = nx.MultiDiGraph()
    G.add_node("paper:1", type="Paper", label="<Lanterns> & “quotes”", date="2023-08-13", url="", abstract="Café.")
    G.add_node("architecture:lantern-network", type="Architecture", label="Lantern Network",
               aliases=("LN", "Lantern Networks"), concept="", papers=1)
    G.add_node("dataset:cifar-10", type="Dataset", label="CIFAR-10", aliases=(), concept="dataset/cifar-10", papers=1)
    prov = {"paper": "1", "sentence": 0, "start": 0, "end": 4}
    G.add_edge("paper:1", "architecture:lantern-network", key="mentions", relation="mentions", count=2, **prov)
    G.add_edge("paper:1", "architecture:lantern-network", key="proposes", relation="proposes", **prov)
    G.add_edge("architecture:lantern-network", "dataset:cifar-10", key="evaluated_on:1", relation="evaluated_on",
               **{**prov, "start": 40, "end": 48})
    return G


def test_gexf_is_a_graph_format():
    assert "gexf" in GRAPH_FORMATS


@pytest.mark.parametrize("write", [write_gexf, lambda G, path: write_graph(G, path, fmt="gexf")])
def test_gexf_round_trips_through_networkx(tmp_path, write):
    G = _graph()
    back = nx.read_gexf(write(G, tmp_path / "graph.gexf"))
    assert back.is_directed() and back.is_multigraph()
    # aliases are joined with " | " (as in GraphML); every other node attribute comes back as written
    expected_nodes = {n: {**d, "aliases": " | ".join(d["aliases"])} if "aliases" in d else d
                      for n, d in G.nodes(data=True)}
    assert dict(back.nodes(data=True)) == expected_nodes
    # edge keys come back; start/end are renamed start_char/end_char; networkx adds a GEXF edge id
    assert {(u, v, k): {a: x for a, x in d.items() if a != "id"} for u, v, k, d in back.edges(keys=True, data=True)} == {
        (u, v, k): {("start_char" if a == "start" else "end_char" if a == "end" else a): x for a, x in d.items()}
        for u, v, k, d in G.edges(keys=True, data=True)
    }


def test_gexf_is_static_and_undated(tmp_path):
    text = write_gexf(_graph(), tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<gexf ")
    assert 'mode="static"' in text and 'mode="dynamic"' not in text  # offsets are not time intervals
    assert "lastmodifieddate" not in text


def test_gexf_is_byte_stable(tmp_path):
    first = write_gexf(_graph(), tmp_path / "a.gexf").read_bytes()
    assert write_gexf(_graph(), tmp_path / "b.gexf").read_bytes() == first
