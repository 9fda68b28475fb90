"""Write and read the graph's own files: GraphML and node-link JSON; write GEXF for Gephi."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from kg.graph.schema import ALIASES

__all__ = ["GRAPH_FORMATS", "read_graph", "write_gexf", "write_graph", "write_graphml", "write_json"]

_SEP = " | "


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy G with tuple attributes joined into text (GraphML holds only scalars)."""
    H = nx.MultiDiGraph()
    for node in sorted(G.nodes):
        data = dict(G.nodes[node])
        if ALIASES in data:
            data[ALIASES] = _SEP.join(data[ALIASES])
        H.add_node(node, **data)
    for u, v, k, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        H.add_edge(u, v, key=k, **data)
    return H


def write_graphml(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write G as GraphML (sorted, so the same graph gives the same bytes) and return PATH."""
    nx.write_graphml(_flat(G), path, encoding="utf-8")
    return path


def write_json(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write G as node-link JSON and return PATH."""
    data = nx.node_link_data(_flat(G), edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def write_gexf(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write G as GEXF 1.2 for Gephi (sorted, undated, so the same graph gives the same bytes).

    GEXF reserves ``start`` and ``end`` for time intervals, so the provenance offsets
    are written as ``start_char`` and ``end_char`` (spaCy's names for them); aliases
    are joined as in GraphML. ``networkx.read_gexf`` reads the file back.
    """
    H = _flat(G)
    for *_, data in H.edges(data=True):
        for name in ("start", "end"):
            if name in data:
                data[f"{name}_char"] = data.pop(name)
    text = "\n".join(nx.generate_gexf(H, encoding="utf-8"))
    # networkx stamps today's date into <meta>; drop it so outputs stay byte-identical
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    path.write_text("<?xml version='1.0' encoding='utf-8'?>\n" + text + "\n", encoding="utf-8")
    return path


def read_graph(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graphml` or :func:`write_json`."""
    if path.suffix == ".json":
        G = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), multigraph=True,
                               directed=True, edges="edges")
    else:
        G = nx.read_graphml(path, force_multigraph=True)
    for _, data in G.nodes(data=True):
        if isinstance(data.get(ALIASES), str):
            data[ALIASES] = tuple(a for a in data[ALIASES].split(_SEP) if a)
    return G


#: Graph file formats that networkx tools read directly.
GRAPH_FORMATS = ("graphml", "gexf", "json")


def write_graph(G: nx.MultiDiGraph, path: Path, *, fmt: str) -> Path:
    """Write G in one of GRAPH_FORMATS and return PATH."""
    writers = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}
    return writers[fmt](G, path)
