"""The HTML explorer: pyvis lays out the network data; the page around it is ours.

The page is self-contained: vis-network's script and style (shipped inside the
pyvis package) are inlined, so it opens offline and makes no network request.
Text from papers reaches the page only as JSON data and is shown with
``textContent``, so a title holding markup is displayed, never run.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.graph.schema import ALIASES, LABEL, PAPERS, TYPE

__all__ = ["TYPE_COLOURS", "to_network", "write_explorer"]

TYPE_COLOURS = {
    "Paper": "#9aa5b1",
    "Architecture": "#e4572e",
    "Method": "#2e86ab",
    "Dataset": "#5aa02c",
    "Metric": "#f3a712",
    "Task": "#8e44ad",
    "Result": "#c9c9c9",
}


def to_network(G: nx.MultiDiGraph, *, seed: int = 7) -> Network:
    """Convert the kg graph into a pyvis Network (colour by type, size by papers).

    Edges of one relation between the same two nodes are drawn once, with a width
    that grows with how many papers support them.
    """
    net = Network(directed=True, cdn_resources="in_line")
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        kind = str(attrs.get(TYPE, ""))
        papers = int(attrs.get(PAPERS, 1) or 1)
        label = str(attrs.get(LABEL, node))
        short = label if kind != "Paper" or len(label) <= 40 else label[:37] + "…"
        net.add_node(
            node, label=short, title=f"{kind}: {label}", color=TYPE_COLOURS.get(kind, "#777777"),
            size=10 + 4 * min(papers, 25) ** 0.5 * 2 if kind != "Paper" else 8,
            kgtype=kind, shape="dot",
        )
    support: dict[tuple[str, str, str], int] = {}
    for u, v, attrs in G.edges(data=True):
        rel = str(attrs.get("relation", ""))
        support[(u, v, rel)] = support.get((u, v, rel), 0) + 1
    for (u, v, rel), n in sorted(support.items()):
        net.add_edge(u, v, title=rel, width=1 + min(n, 10) / 2)
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150},
                    "forceAtlas2Based": {"gravitationalConstant": -40}},
        "layout": {"randomSeed": seed, "improvedLayout": len(G) < 1500},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "color": {"opacity": 0.5}},
    }))
    return net


def _details(G: nx.MultiDiGraph) -> dict[str, dict[str, object]]:
    """What the side panel shows for each node: type, name, aliases, papers and sentences."""
    details: dict[str, dict[str, object]] = {}
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        info: dict[str, object] = {
            "type": attrs.get(TYPE, ""), "label": attrs.get(LABEL, node),
            "aliases": list(attrs.get(ALIASES, ())), "papers": attrs.get(PAPERS, 0),
        }
        if attrs.get(TYPE) == "Paper":
            info["entities"] = sorted(
                {(G.nodes[v].get(TYPE, ""), G.nodes[v].get(LABEL, v)) for _, v, d in G.out_edges(node, data=True)
                 if d.get("relation") in {"mentions", "proposes"}})
        else:
            evidence = []
            for u, _, d in G.in_edges(node, data=True):
                if d.get("relation") != "mentions":
                    continue
                paper = G.nodes[u]
                abstract = f"{paper.get(LABEL, '')}\n\n{paper.get('abstract', '')}"
                sentence = _sentence_at(abstract, int(d.get("start", 0)))
                evidence.append([paper.get(LABEL, u), sentence])
            info["evidence"] = sorted(evidence)[:50]
        details[node] = info
    return details


def _sentence_at(text: str, offset: int) -> str:
    """Return the sentence (or title line) of TEXT that holds OFFSET.

    Example:
        >>> _sentence_at("A Title" + chr(10) * 2 + "First one. Second one. Third.", 23)
        'Second one.'
        >>> _sentence_at("A Title" + chr(10) * 2 + "First one.", 2)
        'A Title'
    """
    dot = text.rfind(". ", 0, offset)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, offset) + 1)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    end = min(ends) if ends else len(text)
    if end < len(text) and text[end] == ".":
        end += 1
    return text[start:end].strip()


def _asset(name: str) -> str:
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _json_for_script(value: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_explorer(G: nx.MultiDiGraph, path: Path, *, title: str = "kg explorer", seed: int = 7) -> Path:
    """Write the graph as one self-contained, offline HTML page and return PATH."""
    net = to_network(G, seed=seed)
    nodes, edges, _, _, _, options = net.get_network_data()
    page = (resources.files("kg.viz") / "explorer.html").read_text(encoding="utf-8")
    counts = {kind: sum(1 for _, d in G.nodes(data=True) if d.get(TYPE) == kind) for kind in TYPE_COLOURS}
    replacements = {
        "{{TITLE}}": title.replace("&", "&amp;").replace("<", "&lt;"),
        "{{VIS_CSS}}": _asset("vis-network.css"),
        "{{VIS_JS}}": _asset("vis-network.min.js"),
        "{{DATA}}": _json_for_script({
            "nodes": nodes, "edges": edges, "options": json.loads(options) if isinstance(options, str) else options,
            "colours": TYPE_COLOURS, "counts": counts, "details": _details(G),
        }),
    }
    # one pass, so a value that happens to contain a marker is never filled in
    page = re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements.get(m.group(0), m.group(0)), page)
    path.write_text(page, encoding="utf-8")
    return path
