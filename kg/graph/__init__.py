"""Graph: resolved papers → a typed networkx MultiDiGraph with provenance on every edge."""

from __future__ import annotations

from kg.graph.build import build_graph
from kg.graph.io import GRAPH_FORMATS, read_graph, write_graph, write_graphml, write_json

__all__ = ["GRAPH_FORMATS", "build_graph", "read_graph", "write_graph", "write_graphml", "write_json"]
