"""Graph: resolved papers → a typed networkx MultiDiGraph with provenance on every edge."""

from __future__ import annotations

from kg.graph.build import build_graph
from kg.graph.io import read_graph, write_graphml, write_json

__all__ = ["build_graph", "read_graph", "write_graphml", "write_json"]
