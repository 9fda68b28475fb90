"""The HTML explorer in a real browser (Debian's chromium driven by playwright).

Every test opens the page from a file:// URL with the network cut off: any
request other than the page itself is recorded and aborted, and the test
asserts there was none, and no console error or uncaught page error either.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import write_explorer
from kg.viz.explorer import TYPE_COLOURS

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"),
]

IMG_TITLE = '<img src=x onerror="window.__xss=1">'
SCRIPT_TITLE = "<script>window.__xss=2</script>"
MARKUP_LABEL = "<svg/onload=window.__xss=3> pruning"
PLAIN_TITLE = "Routing Tokens Cheaply in Small Transformers"

MIXER = "architecture:sparse-mixer"
STORIES = "dataset:tinystories"
PERPLEXITY = "metric:perplexity"
LM = "task:language-modeling"
SVG_METHOD = "method:svg-pruning"
P_IMG, P_SCRIPT, P_PLAIN = "paper:2405.00001", "paper:2405.00002", "paper:2405.00003"


# --- the graph, in the shape kg.graph.build_graph makes --------------------------------------

def _paper(G: nx.MultiDiGraph, node: str, title: str, abstract: str) -> None:
    pid = node.removeprefix("paper:")
    G.add_node(node, type="Paper", label=title, abstract=abstract, date="2024-05-01",
               url=f"https://example.org/abs/{pid}", source="tiny.jsonl")


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


def small_graph() -> nx.MultiDiGraph:
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
    mentions = {
        P_IMG: [(MIXER, "Sparse Mixer"), (STORIES, "TinyStories"), (PERPLEXITY, "perplexity")],
        P_SCRIPT: [(SVG_METHOD, MARKUP_LABEL), (MIXER, "Sparse Mixer"), (LM, "language modeling")],
        P_PLAIN: [(LM, "language modeling"), (STORIES, "TinyStories"), (PERPLEXITY, "perplexity")],
    }
    for paper, found in mentions.items():
        for node, surface in found:
            _edge(G, paper, paper, node, "mentions", surface)
            G.nodes[node]["papers"] += 1
    _edge(G, P_IMG, P_IMG, MIXER, "proposes", "Sparse Mixer")
    _edge(G, P_IMG, MIXER, STORIES, "evaluated_on", "TinyStories")
    return G


GRAPH = small_graph()


# --- browser fixtures ---------------------------------------------------------------------------

@dataclass
class Explorer:
    """One opened explorer page and what it tried to do behind our back."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.requests == [], "the page made network requests"
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

    def details(self) -> str:
        return self.page.inner_text("#details")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def explorer_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(GRAPH, tmp_path_factory.mktemp("explorer") / "explorer.html")


@pytest.fixture()
def explorer(browser, explorer_file: Path) -> Iterator[Explorer]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    ex = Explorer(page=page, url=explorer_file.as_uri())
    loaded = []

    def route(r) -> None:
        if r.request.url == ex.url and not loaded:
            loaded.append(r.request.url)
            r.continue_()
        else:
            ex.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: ex.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: ex.page_errors.append(str(e)))
    page.goto(ex.url)
    page.wait_for_function("window.kgNetwork !== undefined", timeout=15_000)
    page.wait_for_function('document.body.dataset.stable === "true"', timeout=30_000)
    yield ex
    page.close()


def _of_type(kind: str) -> set[str]:
    return {n for n, d in GRAPH.nodes(data=True) if d["type"] == kind}


# --- tests ---------------------------------------------------------------------------------------

def test_loads_offline_and_draws_every_node(explorer: Explorer) -> None:
    assert explorer.js("window.kgNodes.length") == GRAPH.number_of_nodes()
    assert explorer.js("kgNetwork.body.data.nodes.length") == GRAPH.number_of_nodes()
    assert set(explorer.js("kgNetwork.body.nodeIndices")) == set(GRAPH.nodes)
    drawn_edges = {tuple(e) for e in explorer.js(
        "kgNetwork.body.edgeIndices.map(id => [kgNetwork.body.edges[id].fromId, kgNetwork.body.edges[id].toId])")}
    assert drawn_edges == {(u, v) for u, v in GRAPH.edges()}
    assert explorer.page.title() == "kg explorer"
    legend = explorer.js("""[...document.querySelectorAll('#legend input[data-type]')]
                            .map(b => [b.dataset.type, b.checked, b.parentElement.textContent])""")
    kinds = sorted({d["type"] for _, d in GRAPH.nodes(data=True)})
    assert sorted(k for k, _, _ in legend) == kinds
    assert all(checked for _, checked, _ in legend)
    assert {text for _, _, text in legend} == {f"{k} ({len(_of_type(k))})" for k in kinds}
    explorer.assert_clean()


def test_search_selects_focuses_and_shows_the_entity(explorer: Explorer) -> None:
    page = explorer.page
    page.fill("#search", "TinyStories")
    page.dispatch_event("#search", "change")
    assert explorer.js("kgNetwork.getSelectedNodes()") == [STORIES]
    page.wait_for_function("""() => {
        const p = kgNetwork.getPosition("dataset:tinystories"), v = kgNetwork.getViewPosition();
        return Math.abs(kgNetwork.getScale() - 1.2) < 1e-6 && Math.hypot(p.x - v.x, p.y - v.y) < 1;
    }""", timeout=5_000)
    assert page.inner_text("#details h2") == "TinyStories"
    assert "Dataset · 2 paper(s)" in explorer.details()

    # Case and partial matches work too; the alias is listed.
    page.fill("#search", "sparse mix")
    page.dispatch_event("#search", "change")
    assert explorer.js("kgNetwork.getSelectedNodes()") == [MIXER]
    assert page.inner_text("#details h2") == "Sparse Mixer"
    assert "Also: SparseMixer" in explorer.details()
    # The datalist offers every node's label (as option values, not markup).
    options = explorer.js("[...document.querySelectorAll('#names option')].map(o => o.value)")
    assert sorted(options) == sorted(d["label"] for _, d in GRAPH.nodes(data=True))
    explorer.assert_clean()


def test_unchecking_a_type_hides_its_nodes(explorer: Explorer) -> None:
    page = explorer.page
    for kind in ("Dataset", "Paper"):
        page.uncheck(f'#legend input[data-type="{kind}"]')
        drawn = set(explorer.js("kgNetwork.body.nodeIndices"))
        assert not drawn & _of_type(kind)
    assert drawn == set(GRAPH.nodes) - _of_type("Dataset") - _of_type("Paper")
    assert explorer.js("kgNodes.length") == GRAPH.number_of_nodes()  # hidden, not deleted
    page.check('#legend input[data-type="Dataset"]')
    assert set(explorer.js("kgNetwork.body.nodeIndices")) == set(GRAPH.nodes) - _of_type("Paper")
    page.check('#legend input[data-type="Paper"]')
    assert set(explorer.js("kgNetwork.body.nodeIndices")) == set(GRAPH.nodes)
    explorer.assert_clean()


def test_clicking_an_entity_shows_its_papers_and_sentences(explorer: Explorer) -> None:
    explorer.freeze()
    explorer.click(MIXER)
    page = explorer.page
    assert page.inner_text("#details h2") == "Sparse Mixer"
    items = explorer.js("""[...document.querySelectorAll('#details li')]
                           .map(li => [li.querySelector('strong').textContent, li.querySelector('span').textContent])""")
    assert items == [
        [IMG_TITLE, "We introduce Sparse Mixer, a transformer that sends each token to one expert."],
        [SCRIPT_TITLE, f"Our study applies {MARKUP_LABEL} to Sparse Mixer for language modeling."],
    ]
    explorer.click(PERPLEXITY)
    assert page.inner_text("#details h2") == "perplexity"
    assert "Metric · 2 paper(s)" in explorer.details()
    assert "We report perplexity only." in explorer.details()
    assert "Sparse Mixer reaches a low perplexity on TinyStories." in explorer.details()
    explorer.click(P_PLAIN)
    assert page.inner_text("#details h2") == PLAIN_TITLE
    assert explorer.js("[...document.querySelectorAll('#details li')].map(li => li.textContent)") == [
        "Dataset: TinyStories", "Metric: perplexity", "Task: language modeling"]
    explorer.assert_clean()


@pytest.mark.parametrize(("node", "text"), [(P_IMG, IMG_TITLE), (P_SCRIPT, SCRIPT_TITLE),
                                            (SVG_METHOD, MARKUP_LABEL)])
def test_markup_in_titles_and_labels_runs_nothing(explorer: Explorer, node: str, text: str) -> None:
    page = explorer.page
    assert explorer.js("window.__xss") is None
    explorer.freeze()
    # Hover: vis-network's tooltip shows the title as text.
    page.mouse.move(*explorer.point(node))
    page.wait_for_function("""(text) => {
        const tip = document.querySelector('div.vis-tooltip');
        return tip && tip.style.visibility !== 'hidden' && tip.innerText.includes(text);
    }""", arg=text, timeout=5_000)
    assert explorer.js("document.querySelector('div.vis-tooltip').children.length") == 0
    assert explorer.js("window.__xss") is None
    # Click: the side panel shows the literal text.
    explorer.click(node)
    assert page.inner_text("#details h2") == text
    assert explorer.js("document.querySelector('#details h2').children.length") == 0
    assert explorer.js("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert explorer.js("document.scripts.length") == 3  # vis-network, the data island, the page code
    assert explorer.js("document.querySelectorAll('#details *:not(h2):not(p):not(ul):not(li):not(strong):not(br):not(span)').length") == 0
    # Search finds it by its markup-looking text too, and still runs nothing.
    page.fill("#search", text)
    page.dispatch_event("#search", "change")
    assert explorer.js("kgNetwork.getSelectedNodes()") == [node]
    assert page.inner_text("#details h2") == text
    page.wait_for_timeout(200)  # give a would-be onerror/onload handler the chance to fire
    explorer.assert_clean()


def test_details_of_a_paper_with_markup_title_are_text(explorer: Explorer) -> None:
    explorer.freeze()
    explorer.click(P_SCRIPT)
    assert explorer.js("[...document.querySelectorAll('#details li')].map(li => li.textContent)") == [
        "Architecture: Sparse Mixer", f"Method: {MARKUP_LABEL}", "Task: language modeling"]
    assert explorer.js("document.scripts.length") == 3  # vis-network, the data island, the page code
    explorer.assert_clean()


def test_screenshot_is_not_blank(explorer: Explorer, tmp_path: Path) -> None:
    explorer.freeze()
    shot = tmp_path / "explorer.png"
    explorer.page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
    explorer.assert_clean()


def test_nodes_are_drawn_in_their_legend_colour(explorer: Explorer) -> None:
    # pyvis ignores add_node(color=...) when group= is also given; kg must not rely on groups.
    drawn = explorer.js("""Object.fromEntries(kgNetwork.body.nodeIndices.map(
        id => [id, String(kgNetwork.body.nodes[id].options.color.background).toLowerCase()]))""")
    assert drawn == {n: TYPE_COLOURS[d["type"]].lower() for n, d in GRAPH.nodes(data=True)}
    swatches = explorer.js("""Object.fromEntries([...document.querySelectorAll('#legend label')].map(
        l => [l.querySelector('input').dataset.type, getComputedStyle(l.querySelector('.swatch')).backgroundColor]))""")
    for kind, rgb in swatches.items():
        hexa = TYPE_COLOURS[kind].lstrip("#")
        assert rgb == "rgb({}, {}, {})".format(*(int(hexa[i:i + 2], 16) for i in (0, 2, 4)))
    explorer.assert_clean()


def test_search_for_a_hidden_type_shows_it_again(explorer: Explorer) -> None:
    explorer.page.uncheck('#legend input[data-type="Dataset"]')
    explorer.page.fill("#search", "TinyStories")
    explorer.page.dispatch_event("#search", "change")
    assert explorer.js("kgNetwork.getSelectedNodes()") == ["dataset:tinystories"]
    assert explorer.page.is_checked('#legend input[data-type="Dataset"]')
    explorer.assert_clean()


def test_clearing_the_search_selects_nothing(explorer: Explorer) -> None:
    explorer.page.fill("#search", "")
    explorer.page.dispatch_event("#search", "change")
    assert explorer.js("kgNetwork.getSelectedNodes()") == []
    explorer.assert_clean()
