"""The written explorer page, checked without a browser.

The page must work offline (no remote ``src``/``href``, every script inline) and
paper text must reach it only as escaped JSON data, never as markup.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import to_network, write_explorer
from kg.viz.explorer import PHYSICS_LIMIT, TYPE_COLOURS
from kg.viz.views import Evidence, sentence_at

IMG_TITLE = '<img src=x onerror="window.__xss=1">'
SCRIPT_TITLE = "<script>window.__xss=2</script>"
MARKUP_LABEL = "<svg/onload=window.__xss=3> pruning"
LONG_TITLE = "A Rather Long Title About Pruning Small Language Models Without Retraining"


def _paper(G: nx.MultiDiGraph, pid: str, title: str, abstract: str) -> str:
    node = f"paper:{pid}"
    G.add_node(node, type="Paper", label=title, abstract=abstract, date="2024-05-01",
               url=f"https://example.org/{pid}", source="tiny.jsonl")
    return node


def _entity(G: nx.MultiDiGraph, node: str, kind: str, label: str, papers: int,
            aliases: tuple[str, ...] = ()) -> str:
    G.add_node(node, type=kind, label=label, aliases=aliases, papers=papers, concept="")
    return node


def _mention(G: nx.MultiDiGraph, paper: str, node: str, surface: str, *, in_title: bool = False) -> None:
    """Add a ``mentions`` edge whose offsets point at SURFACE in title + blank line + abstract."""
    title, abstract = G.nodes[paper]["label"], G.nodes[paper]["abstract"]
    text = f"{title}\n\n{abstract}"
    start = text.index(surface) if in_title else text.index(surface, len(title) + 2)
    G.add_edge(paper, node, key="mentions", relation="mentions", count=1,
               paper=paper.removeprefix("paper:"), sentence=0, start=start, end=start + len(surface))


def tiny_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    p1 = _paper(G, "2405.00001", IMG_TITLE,
                "We introduce Sparse Mixer for routing tokens. It is tested on TinyStories.")
    p2 = _paper(G, "2405.00002", SCRIPT_TITLE,
                f"Our study applies {MARKUP_LABEL} to Sparse Mixer. Results are mixed.")
    p3 = _paper(G, "2405.00003", LONG_TITLE, "We prune models quickly.")
    mixer = _entity(G, "architecture:sparse-mixer", "Architecture", "Sparse Mixer", 2)
    stories = _entity(G, "dataset:tinystories", "Dataset", "TinyStories", 1)
    markup = _entity(G, "method:svg-pruning", "Method", MARKUP_LABEL, 1)
    _mention(G, p1, mixer, "Sparse Mixer")
    _mention(G, p1, stories, "TinyStories")
    _mention(G, p2, mixer, "Sparse Mixer")
    _mention(G, p2, markup, MARKUP_LABEL)
    G.add_edge(p1, mixer, key="proposes", relation="proposes", paper="2405.00001", sentence=0,
               start=0, end=1)
    G.add_edge(mixer, stories, key="evaluated_on:2405.00001", relation="evaluated_on",
               paper="2405.00001", sentence=1, start=0, end=1)
    del p3
    return G


class _Tags(HTMLParser):
    """Every start tag with its attributes (script and style bodies are not parsed as tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] in {"title", "h1"}:
            self.text.append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_explorer(tiny_graph(), tmp_path_factory.mktemp("explorer") / "explorer.html")
    return path.read_text(encoding="utf-8")


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "the data island is missing"
    return json.loads(m.group(1))


def test_write_explorer_returns_the_path(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    assert write_explorer(tiny_graph(), out) == out
    assert out.stat().st_size > 100_000  # vis-network's script and style are inlined


def test_no_remote_src_or_href(page: str) -> None:
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    for tag, attrs in _tags(page).tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http://", "https://", "//")), (tag, name, value)
    # CSS may only pull in inline data: images, never a remote stylesheet or image.
    assert "@import" not in page
    assert all(u.startswith(("data:", '"data:', "'data:"))
               for u in re.findall(r"url\(\s*([^)]*)\)", page))


def test_all_scripts_and_styles_are_inline(page: str) -> None:
    tags = _tags(page).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert len(scripts) == 3  # vis-network, the data island, the page's own code
    assert all("src" not in attrs for attrs in scripts)
    assert not [attrs for tag, attrs in tags if tag == "link"]
    assert "{{" not in re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # every marker filled


def test_paper_markup_is_data_not_tags(page: str) -> None:
    parsed = _tags(page)
    assert not [t for t, _ in parsed.tags if t in {"img", "svg", "iframe", "object", "embed"}]
    island = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&") & set(island)  # nothing in the data can close or open a tag
    # The payloads are in the page only inside the data island, as escaped JSON text.
    assert page.count("window.__xss") == island.count("window.__xss") > 0


def test_data_island_round_trips_the_text(page: str) -> None:
    data = _data(page)
    details = data["details"]
    assert set(details) == set(tiny_graph().nodes)
    assert details["paper:2405.00001"]["label"] == IMG_TITLE
    assert details["paper:2405.00002"]["label"] == SCRIPT_TITLE
    assert details["method:svg-pruning"]["label"] == MARKUP_LABEL
    assert {n["id"] for n in data["nodes"]} == set(tiny_graph().nodes)
    assert data["counts"] == {"Paper": 3, "Architecture": 1, "Method": 1, "Dataset": 1,
                              "Metric": 0, "Task": 0, "Result": 0}


def test_page_title_is_escaped(tmp_path: Path) -> None:
    html = write_explorer(tiny_graph(), tmp_path / "t.html", title="<b>kg</b> & friends").read_text("utf-8")
    parsed = _tags(html)
    assert "b" not in {t for t, _ in parsed.tags}
    assert parsed.text == ["<b>kg</b> & friends", "<b>kg</b> & friends"]  # <title> and <h1>


def test_network_colours_sizes_and_merged_edges() -> None:
    G = tiny_graph()
    G.add_edge("paper:2405.00002", "architecture:sparse-mixer", key="mentions-again", relation="mentions")
    net = to_network(G)
    nodes = {n["id"]: n for n in net.nodes}
    assert set(nodes) == set(G.nodes)
    assert all(n["color"] == TYPE_COLOURS[G.nodes[n["id"]]["type"]] for n in net.nodes)
    assert nodes["dataset:tinystories"]["title"] == "Dataset: TinyStories (1 paper)"
    assert nodes["architecture:sparse-mixer"]["title"] == "Architecture: Sparse Mixer (2 papers)"
    # size grows with papers: 10 + 5·√papers
    assert nodes["dataset:tinystories"]["size"] == 15
    assert nodes["architecture:sparse-mixer"]["size"] == round(10 + 5 * 2 ** 0.5, 1)
    assert nodes["paper:2405.00003"]["label"] == LONG_TITLE[:37] + "…"
    assert nodes["paper:2405.00003"]["title"] == f"Paper: {LONG_TITLE}"
    edges = {(e["from"], e["to"], e["kgrelation"]): e for e in net.edges}
    assert len(net.edges) == len(edges) == 6  # the second "mentions" edge is merged
    # support: each merged edge counts its `count` (mentions in the paper), or 1
    merged = edges[("paper:2405.00002", "architecture:sparse-mixer", "mentions")]
    assert (merged["kgsupport"], merged["width"], merged["title"]) == (2, 2, "mentions (2)")
    single = edges[("paper:2405.00001", "architecture:sparse-mixer", "mentions")]
    assert (single["kgsupport"], single["width"], single["title"]) == (1, 1.5, "mentions")
    assert net.options["edges"]["arrows"]["to"]["enabled"] is True  # all six are directed
    assert not [e for e in net.edges if "arrows" in e]  # set once, not per edge (it is slow)


@pytest.mark.parametrize(("extra", "physics"), [(0, True), (PHYSICS_LIMIT - 6, True), (PHYSICS_LIMIT - 5, False)])
def test_network_physics_is_off_above_the_limit(extra: int, physics: bool) -> None:
    G = tiny_graph()  # 6 nodes
    G.add_nodes_from((f"task:t{i}", {"type": "Task", "label": f"t{i}", "papers": 1}) for i in range(extra))
    options = to_network(G).options
    assert options["physics"]["enabled"] is physics
    assert options["edges"]["smooth"] is False or physics  # straight edges are cheap to draw
    assert options["interaction"]["hideEdgesOnDrag"] is not physics


def test_page_positions_come_from_the_layout(page: str) -> None:
    from kg.viz.layout import layout_positions
    from kg.viz.views import full_view

    nodes = {n["id"]: (n["x"], n["y"]) for n in _data(page)["nodes"]}
    assert nodes == layout_positions(full_view(tiny_graph()).graph)


def test_write_explorer_is_deterministic(tmp_path: Path) -> None:
    a = write_explorer(tiny_graph(), tmp_path / "a.html").read_bytes()
    b = write_explorer(tiny_graph(), tmp_path / "b.html").read_bytes()
    assert a == b


def test_details_list_papers_and_sentences() -> None:
    evidence = Evidence(tiny_graph())
    assert evidence.of("architecture:sparse-mixer")["evidence"] == [
        ["paper:2405.00001", IMG_TITLE, "We introduce Sparse Mixer for routing tokens."],
        ["paper:2405.00002", SCRIPT_TITLE, f"Our study applies {MARKUP_LABEL} to Sparse Mixer."],
    ]
    assert evidence.of("dataset:tinystories")["evidence"] == [
        ["paper:2405.00001", IMG_TITLE, "It is tested on TinyStories."]]
    assert evidence.of("paper:2405.00001")["entities"] == [
        ["Architecture", "Sparse Mixer", "architecture:sparse-mixer"], ["Dataset", "TinyStories", "dataset:tinystories"]]
    assert evidence.of("paper:2405.00003")["entities"] == []
    assert evidence.of("paper:2405.00003")["url"] == "https://example.org/2405.00003"


def test_sentence_for_a_mention_in_the_title() -> None:
    G = nx.MultiDiGraph()
    p = _paper(G, "2405.00009", "Sparse Mixer Routes Tokens", "We study routing.")
    _mention(G, p, _entity(G, "architecture:sparse-mixer", "Architecture", "Sparse Mixer", 1),
             "Sparse Mixer", in_title=True)
    sentence = Evidence(G).of("architecture:sparse-mixer")["evidence"][0][2]
    assert sentence == "Sparse Mixer Routes Tokens"  # the title line, not the abstract
    assert sentence_at(f"Sparse Mixer Routes Tokens{chr(10) * 2}We study routing.", 30) == "We study routing."


def test_co_occurrence_edges_have_no_arrows() -> None:
    from kg.viz.views import CO_OCCURS, overview_view

    G = tiny_graph()
    overview = to_network(overview_view(G, top=5).graph)
    assert overview.edges and all(e["kgrelation"] == CO_OCCURS for e in overview.edges)
    assert overview.options["edges"]["arrows"]["to"]["enabled"] is False
    # mixed with directed edges, each co-occurrence edge turns its own arrow off
    G.add_edge("architecture:sparse-mixer", "method:svg-pruning", key=CO_OCCURS, relation=CO_OCCURS, count=2)
    mixed = to_network(G)
    assert mixed.options["edges"]["arrows"]["to"]["enabled"] is True
    assert [e.get("arrows") for e in mixed.edges if e["kgrelation"] == CO_OCCURS] == [{"to": {"enabled": False}}]
    assert [e for e in mixed.edges if e["kgrelation"] != CO_OCCURS and "arrows" in e] == []
