"""The HTML explorer page: pyvis holds the network data; the page around it is ours.

A page draws one view (:mod:`kg.viz.views`) with vis-network, the library inside
the pyvis package. Its script and style are either inlined (``graph.html``, the
notebook view: one file that opens anywhere) or read from the site's own
``assets/`` folder (the pages ``kg viz`` writes); never from a CDN, so a page
opens offline and makes no network request.

Text from papers reaches the page only as JSON data, escaped so that it cannot
close its ``<script>`` element, and is shown with ``textContent``: a title holding
markup is displayed, never run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from kg.graph.schema import LABEL, PAPER, PAPERS, RELATION, RESULT, TYPE
from kg.viz.layout import layout_positions
from kg.viz.views import CO_OCCURS, ENTITY_TYPES, Evidence, View, edge_support, full_view

__all__ = [
    "ASSETS", "PHYSICS_LIMIT", "TYPE_COLOURS", "SiteLinks", "read_asset", "to_html", "to_network",
    "to_site_data", "to_site_script", "write_explorer",
]

TYPE_COLOURS = {
    "Paper": "#9aa5b1",
    "Architecture": "#e4572e",
    "Method": "#2e86ab",
    "Dataset": "#5aa02c",
    "Metric": "#f3a712",
    "Task": "#8e44ad",
    "Result": "#c9c9c9",
}
#: Above this many nodes a page opens with physics off, on the precomputed layout.
PHYSICS_LIMIT = 300
#: The files a page needs besides its data: vis-network (from pyvis) and ours.
ASSETS = ("vis-network.min.js", "vis-network.css", "explorer.js", "explorer.css")
_SCRIPTS = ("vis-network.min.js", "explorer.js")  # in page order: vis first
_SITE_SCRIPTS = ("vis-network.min.js", "site-data.js")  # before the data island
_STYLES = ("vis-network.css", "explorer.css")


@dataclass(frozen=True)
class SiteLinks:
    """Where a page of a site sits, and the pages every page links to.

    The side-panel facts and the node → page map of a site are in one shared
    script, ``assets/site-data.js`` (see :func:`to_site_data`), not in each page.

    Attributes:
        root: Path from the page's folder to the site's root (``""`` or ``"../../"``).
        nav: (label, path from the root) of the pages every page links to.
    """

    root: str = ""
    nav: Sequence[tuple[str, str]] = ()


def read_asset(name: str) -> str:
    """Return the text of one of ASSETS: vis-network's from pyvis, ours from kg.viz."""
    if name.startswith("vis-network"):
        return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    return (resources.files("kg.viz") / name).read_text(encoding="utf-8")


@cache
def _template() -> str:
    return (resources.files("kg.viz") / "explorer.html").read_text(encoding="utf-8")


def _short(label: str, kind: str) -> str:
    return label if kind != PAPER or len(label) <= 40 else label[:37] + "…"


def _size(kind: str, papers: int) -> float:
    """Node radius in pixels: entities grow with the square root of their papers."""
    if kind == PAPER:
        return 8
    if kind == RESULT:
        return 6
    return round(10 + 5 * min(max(papers, 1), 50) ** 0.5, 1)


def _tooltip(kind: str, label: str, papers: int) -> str:
    if kind in {PAPER, RESULT}:
        return f"{kind}: {label}"
    return f"{kind}: {label} ({papers} paper{'s' if papers != 1 else ''})"


def _edge_title(relation: str, support: int) -> str:
    if relation == CO_OCCURS:
        return f"named together in {support} paper{'s' if support != 1 else ''}"
    return relation if support == 1 else f"{relation} ({support})"


def to_network(G: nx.MultiDiGraph, *, seed: int = 7,
               positions: Mapping[str, tuple[float, float]] | None = None) -> Network:
    """Convert a kg graph or a view graph into a pyvis Network.

    Nodes are coloured by type and sized by papers; edges of one relation between
    the same two nodes are drawn once, with a width that grows with their support
    (:func:`kg.viz.views.edge_support`). ``co-occurs`` edges have no arrow.

    Args:
        G: The graph to draw.
        seed: Seed of vis-network's own layout (used only for nodes without a position).
        positions: ``{node: (x, y)}`` in pixels, usually from :func:`layout_positions`.

    Returns:
        The network; its ``options`` hold the physics and interaction settings.
    """
    net = Network(directed=True, cdn_resources="in_line")
    positions = positions or {}
    # Network.add_node/add_edge scan lists (quadratic at 10,000 nodes); the nodes and
    # edges here are unique already, so build pyvis's Node and Edge records directly.
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        kind = str(attrs.get(TYPE, ""))
        papers = int(attrs.get(PAPERS, 0) or 0)
        label = str(attrs.get(LABEL, node))
        extra = dict(zip(("x", "y"), positions[node], strict=True)) if node in positions else {}
        record = Node(node, "dot", label=_short(label, kind), color=TYPE_COLOURS.get(kind, "#777777"),
                      font_color=False, title=_tooltip(kind, label, papers), size=_size(kind, papers),
                      kgtype=kind, **extra).options
        net.nodes.append(record)
        net.node_ids.append(node)
        net.node_map[node] = record
    support: dict[tuple[str, str, str], int] = {}
    for u, v, data in G.edges(data=True):
        rel = str(data.get(RELATION, ""))
        support[(u, v, rel)] = support.get((u, v, rel), 0) + edge_support(data)
    # Arrows are set once for all edges: per-edge options cost vis-network 0.5 s at 15,000
    # edges. Co-occurrence has no direction; only it gets its own setting, in mixed views.
    arrows = any(rel != CO_OCCURS for _, _, rel in support)
    for (u, v, rel), n in sorted(support.items()):
        own = {"arrows": {"to": {"enabled": False}}} if arrows and rel == CO_OCCURS else {}
        net.edges.append(Edge(u, v, False, title=_edge_title(rel, n), width=1 + min(n, 10) / 2,
                              kgrelation=rel, kgsupport=n, **own).options)
    big = len(G) > PHYSICS_LIMIT
    net.options = {
        "physics": {"enabled": not big, "solver": "forceAtlas2Based",
                    "stabilization": {"iterations": 150, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.01,
                                         "springLength": 120, "avoidOverlap": 0.4}},
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "nodes": {"font": {"size": 18, "strokeWidth": 3, "strokeColor": "#ffffff"}},  # readable over edges
        "edges": {"color": {"opacity": 0.5}, "arrows": {"to": {"enabled": arrows, "scaleFactor": 0.4}},
                  "smooth": False if big else {"enabled": True, "type": "continuous"}},
    }
    return net


def to_site_data(G: nx.MultiDiGraph, nodes: Iterable[str], *, evidence: Evidence | None = None,
                 pages: Mapping[str, str] | None = None) -> dict[str, object]:
    """Collect what the side panel needs for NODES: facts, years and page links.

    A single page carries this in its data island; a site shares one copy among
    its pages, in ``assets/site-data.js``.

    Args:
        G: The kg graph.
        nodes: The nodes drawn (their panels may list more papers; those are included).
        evidence: Side-panel facts already computed.
        pages: Node id → page path from the site's root.

    Returns:
        ``{"details": ..., "years": ..., "links": ...}``, sorted.
    """
    evidence = evidence or Evidence(G)
    details = evidence.for_view(nodes)
    pages = pages or {}
    return {"details": details, "years": {v: evidence.years[v] for v in details if v in evidence.years},
            "links": {v: pages[v] for v in details if v in pages}}


def to_site_script(site_data: Mapping[str, object]) -> str:
    """Return ``assets/site-data.js``: SITE_DATA as one JavaScript assignment.

    ASCII-only JSON is a valid JavaScript literal, and this script is a file of
    its own, so no text in it can end an HTML element.
    """
    return "window.kgSite = " + json.dumps(site_data, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + ";\n"


def _json_for_script(value: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline(tag: str, text: str) -> str:
    if f"</{tag}" in text.lower():
        raise ValueError(f"an inlined asset contains '</{tag}'")  # would end the element early
    return f"<{tag}>{text}</{tag}>"


def _nav(site: SiteLinks) -> str:
    links = [f'<a href="{escape(site.root + path)}">{escape(label)}</a>' for label, path in site.nav]
    return f'<nav id="nav">{" · ".join(links)}</nav>' if links else ""


def to_html(view: View, G: nx.MultiDiGraph, *, seed: int = 7, evidence: Evidence | None = None,
            site: SiteLinks | None = None) -> str:
    """Render VIEW as one explorer page.

    Args:
        view: What to draw (:mod:`kg.viz.views`).
        G: The kg graph the view was cut from; the side panel's evidence comes from it.
        seed: Seed of the layout.
        evidence: Side-panel facts, shared between the pages of a site.
        site: Where the page sits in a site; it then reads its scripts, and the
            side-panel facts (``site-data.js``), from ``assets/`` under the site's
            root. Without it, everything is inlined.

    Returns:
        The page, a complete HTML document.
    """
    V = view.graph
    net = to_network(V, seed=seed, positions=layout_positions(V, seed=seed))
    data: dict[str, object] = {
        "nodes": net.nodes, "edges": net.edges, "options": net.options, "colours": TYPE_COLOURS,
        "types": [*ENTITY_TYPES, PAPER, RESULT],  # legend order (JSON keys are sorted)
        "counts": {kind: sum(1 for _, k in V.nodes(data=TYPE) if k == kind) for kind in TYPE_COLOURS},
        "root": site.root if site else "", "focus": view.key if view.kind in {"entity", "paper"} else "",
    }
    if site:
        root = escape(site.root)
        styles = "\n".join(f'<link rel="stylesheet" href="{root}assets/{name}">' for name in _STYLES)
        vis_js = "\n".join(f'<script src="{root}assets/{name}"></script>' for name in _SITE_SCRIPTS)
        app_js = f'<script src="{root}assets/explorer.js"></script>'
    else:
        data.update(to_site_data(G, V.nodes, evidence=evidence))
        styles = "\n".join(_inline("style", read_asset(name)) for name in _STYLES)
        vis_js, app_js = (_inline("script", read_asset(name)) for name in _SCRIPTS)
    replacements = {
        "{{TITLE}}": escape(view.title, quote=False), "{{STYLES}}": styles, "{{NAV}}": _nav(site or SiteLinks()),
        "{{VIS_JS}}": vis_js, "{{DATA}}": _json_for_script(data), "{{APP_JS}}": app_js,
    }
    page = _template()
    # one pass, so a value that happens to contain a marker is never filled in
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements.get(m.group(0), m.group(0)), page)


def write_explorer(G: nx.MultiDiGraph, path: Path, *, title: str = "kg explorer", seed: int = 7) -> Path:
    """Write the whole graph as one self-contained, offline HTML page and return PATH.

    Above ``PHYSICS_LIMIT`` nodes the page opens on the precomputed layout with
    physics off (a checkbox turns it on).
    """
    path.write_text(to_html(full_view(G, title=title), G, seed=seed), encoding="utf-8")
    return path
