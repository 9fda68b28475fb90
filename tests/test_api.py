"""The documented Python API: kg.load_graph, and ``import kg`` staying light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.errors import InputError
from kg.graph import write_graphml, write_json

ROOT = Path(__file__).resolve().parents[1]


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("paper:1", type="Paper", label="A paper", date="2021-01-02")
    G.add_node("method:adam", type="Method", label="Adam", aliases=("ADAM",), concept="method/adam", papers=1)
    G.add_edge("paper:1", "method:adam", key="mentions", relation="mentions", paper="1", sentence=0, start=0, end=4)
    return G


@pytest.mark.parametrize(("name", "write"), [("graph.json", write_json), ("graph.graphml", write_graphml)])
@pytest.mark.parametrize("as_str", [True, False])
def test_load_graph_reads_build_outputs(tmp_path, name, write, as_str):
    path = write(_graph(), tmp_path / name)
    G = kg.load_graph(str(path) if as_str else path)
    assert isinstance(G, nx.MultiDiGraph)
    assert dict(G.nodes(data=True)) == dict(_graph().nodes(data=True))  # aliases back as a tuple
    assert list(G.edges(keys=True, data=True)) == list(_graph().edges(keys=True, data=True))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.json", None, "cannot read graph: No such file or directory"),
        ("empty.json", "{}", "cannot read graph: no 'nodes' in the file"),
        ("bad.graphml", "<graphml", "cannot read graph: unclosed token: line 1, column 0"),
    ],
)
def test_load_graph_errors_name_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError) as caught:
        kg.load_graph(path)
    assert str(caught.value) == f"{path}: {reason}"


def test_import_kg_loads_no_graph_library():
    code = "import sys, kg; print(sorted(m for m in ('networkx', 'spacy', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
