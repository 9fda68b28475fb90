"""Hand-made graphs and a browser-page wrapper for the explorer's tests (tests/viz only).

The graphs have the shape ``kg.graph.build_graph`` makes; their titles and one
label hold markup that would run if a page ever used them as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

IMG_TITLE = '<img src=x onerror="window.__xss=1">'
SCRIPT_TITLE = "<script>window.__xss=2</script>"
MARKUP_LABEL = "<svg/onload=window.__xss=3> pruning"
PLAIN_TITLE = "Routing Tokens Cheaply in Small Transformers"
DENSE_TITLE = "Dense Mixers for Long Inputs"

MIXER = "architecture:sparse-mixer"
DENSE = "architecture:dense-mixer"
STORIES = "dataset:tinystories"
WIKI = "dataset:wikitext-103"
PERPLEXITY = "metric:perplexity"
LM = "task:language-modeling"
SVG_METHOD = "method:svg-pruning"
P_IMG, P_SCRIPT, P_PLAIN, P_DENSE = "paper:2405.00001", "paper:2405.00002", "paper:2405.00003", "paper:2405.00004"


def _paper(G: nx.MultiDiGraph, node: str, title: str, abstract: str, *, date: str = "2024-05-01",
           url: str | None = None) -> None:
    pid = node.removeprefix("paper:")
    G.add_node(node, type="Paper", label=title, abstract=abstract, date=date,
               url=url if url is not None else f"https://example.org/abs/{pid}", source="tiny.jsonl")


def _entity(G: nx.MultiDiGraph, node: str, kind: str, label: str, aliases: tuple[str, ...] = ()) -> None:
    G.add_node(node, type=kind, label=label, aliases=aliases, papers=0, concept="")


def _edge(G: nx.MultiDiGraph, paper: str, u: str, v: str, relation: str, surface: str) -> None:
    """An edge whose provenance points at SURFACE in the paper's abstract (after title + blank line)."""
    title, abstract = G.nodes[paper]["label"], G.nodes[paper]["abstract"]
    text = f"{title}\n\n{abstract}"
    start = text.index(surface, len(title) + 2)
    key = f"evaluated_on:{paper.removeprefix('paper:')}" if relation == "evaluated_on" else relation
    G.add_edge(u, v, key=key, relation=relation, paper=paper.removeprefix("paper:"),
               sentence=text[:start].count(". "), start=start, end=start + len(surface))


def _mentions(G: nx.MultiDiGraph, found: dict[str, list[tuple[str, str]]]) -> None:
    for paper, pairs in found.items():
        for node, surface in pairs:
            _edge(G, paper, paper, node, "mentions", surface)
            G.nodes[node]["papers"] += 1


def small_graph() -> nx.MultiDiGraph:
    """Three papers (two with markup titles), five entities; every paper dated 2024-05-01."""
    G = nx.MultiDiGraph()
    _paper(G, P_IMG, IMG_TITLE,
           "We introduce Sparse Mixer, a transformer that sends each token to one expert. "
           "Sparse Mixer reaches a low perplexity on TinyStories.")
    _paper(G, P_SCRIPT, SCRIPT_TITLE,
           f"Our study applies {MARKUP_LABEL} to Sparse Mixer for language modeling. Gains are small.")
    _paper(G, P_PLAIN, PLAIN_TITLE,
           "Cheap routing helps language modeling on TinyStories. We report perplexity only.")
    _entity(G, MIXER, "Architecture", "Sparse Mixer", aliases=("SparseMixer",))
    _entity(G, STORIES, "Dataset", "TinyStories")
    _entity(G, PERPLEXITY, "Metric", "perplexity")
    _entity(G, LM, "Task", "language modeling")
    _entity(G, SVG_METHOD, "Method", MARKUP_LABEL)
    _mentions(G, {
        P_IMG: [(MIXER, "Sparse Mixer"), (STORIES, "TinyStories"), (PERPLEXITY, "perplexity")],
        P_SCRIPT: [(SVG_METHOD, MARKUP_LABEL), (MIXER, "Sparse Mixer"), (LM, "language modeling")],
        P_PLAIN: [(LM, "language modeling"), (STORIES, "TinyStories"), (PERPLEXITY, "perplexity")],
    })
    _edge(G, P_IMG, P_IMG, MIXER, "proposes", "Sparse Mixer")
    _edge(G, P_IMG, MIXER, STORIES, "evaluated_on", "TinyStories")
    return G


def site_graph() -> nx.MultiDiGraph:
    """small_graph, plus an undated paper whose entities are each named by it alone.

    Papers per entity: Sparse Mixer 3, language modeling 3, TinyStories 2,
    perplexity 2, the markup method 1, Dense Mixer 1, WikiText-103 1. The markup
    paper is moved to 2023, and the undated paper's url is a javascript: address.
    """
    G = small_graph()
    G.nodes[P_SCRIPT]["date"] = "2023-02-01"
    _paper(G, P_DENSE, DENSE_TITLE,
           "Dense Mixer replaces Sparse Mixer for language modeling on WikiText-103. It is slower.",
           date="", url="javascript:window.__xss=4")
    _entity(G, DENSE, "Architecture", "Dense Mixer")
    _entity(G, WIKI, "Dataset", "WikiText-103")
    _mentions(G, {P_DENSE: [(DENSE, "Dense Mixer"), (MIXER, "Sparse Mixer"), (LM, "language modeling"),
                            (WIKI, "WikiText-103")]})
    G.add_node("result:2405.00004:perplexity:0", type="Result", label="12.5", value="12.5")
    _edge(G, P_DENSE, P_DENSE, "result:2405.00004:perplexity:0", "reports", "WikiText-103")
    _edge(G, P_DENSE, "result:2405.00004:perplexity:0", DENSE, "subject", "Dense Mixer")
    return G


def of_type(G: nx.MultiDiGraph, kind: str) -> set[str]:
    return {n for n, d in G.nodes(data=True) if d["type"] == kind}


# --- the browser ---------------------------------------------------------------------------------

@dataclass
class Opened:
    """One page opened in chromium, and every request it made that was not allowed."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.requests == [], "the page made requests outside the allowed local files"
        assert self.console_errors == [], "the console logged errors"
        assert self.page_errors == [], "the page threw"
        assert self.js("window.__xss") is None, "markup from a paper ran as code"

    def freeze(self) -> None:
        """Turn physics off through the page's own checkbox so nodes stay where they are drawn."""
        self.page.uncheck("#physics")
        assert self.js("kgNetwork.physics.options.enabled") is False
        self.next_frames()

    def next_frames(self) -> None:
        self.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def drawn(self) -> set[str]:
        return set(self.js("kgNetwork.body.nodeIndices"))

    def drawn_edges(self) -> set[tuple[str, str]]:
        return {tuple(e) for e in self.js(
            "kgNetwork.body.edgeIndices.map(id => [kgNetwork.body.edges[id].fromId, kgNetwork.body.edges[id].toId])")}

    def point(self, node: str) -> tuple[float, float]:
        """Page coordinates of NODE's centre: canvas → DOM (relative to #graph) → page."""
        dom = self.js("(id) => kgNetwork.canvasToDOM(kgNetwork.getPosition(id))", node)
        box = self.page.locator("#graph").bounding_box()
        x, y = box["x"] + dom["x"], box["y"] + dom["y"]
        assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"], \
            f"{node} is drawn outside the graph area"
        return x, y

    def click(self, node: str) -> None:
        self.page.mouse.click(*self.point(node))
        self.page.wait_for_function("(id) => kgNetwork.getSelectedNodes().includes(id)", arg=node,
                                    timeout=5_000)

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.dispatch_event("#search", "change")

    def wait_focused(self, node: str) -> None:
        """Wait until NODE is selected, at the centre of the view, at zoom 1.2."""
        self.page.wait_for_function("""(id) => {
            const p = kgNetwork.getPosition(id), v = kgNetwork.getViewPosition();
            return kgNetwork.getSelectedNodes().includes(id)
                && Math.abs(kgNetwork.getScale() - 1.2) < 1e-6 && Math.hypot(p.x - v.x, p.y - v.y) < 1;
        }""", arg=node, timeout=5_000)

    def details(self) -> str:
        return self.page.inner_text("#details")
