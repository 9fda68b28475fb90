"""The HTML explorer in a real browser (Debian's chromium driven by playwright).

Every test opens the page from a file:// URL with the network cut off: any
request other than the page itself is recorded and aborted, and the test
asserts there was none, and no console error or uncaught page error either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.viz import write_explorer
from kg.viz.explorer import TYPE_COLOURS

from viz_graphs import (
    CHROMIUM, IMG_TITLE, LM, MARKUP_LABEL, MIXER, P_IMG, P_PLAIN, P_SCRIPT, PERPLEXITY, PLAIN_TITLE,
    SCRIPT_TITLE, STORIES, SVG_METHOD, Opened, small_graph,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"),
]

GRAPH = small_graph()
Explorer = Opened  # the page under test


@pytest.fixture(scope="module")
def explorer_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(GRAPH, tmp_path_factory.mktemp("explorer") / "explorer.html")


@pytest.fixture()
def explorer(open_page, explorer_file: Path) -> Explorer:
    """graph.html opened with the network cut off: it may load nothing but itself."""
    return open_page(explorer_file)


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
    items = explorer.js("""[...document.querySelectorAll('#details ul.evidence li')]
                           .map(li => [li.querySelector('strong').textContent, li.querySelector('span').textContent])""")
    assert items == [
        [IMG_TITLE, "We introduce Sparse Mixer, a transformer that sends each token to one expert."],
        [SCRIPT_TITLE, f"Our study applies {MARKUP_LABEL} to Sparse Mixer for language modeling."],
    ]
    # Named with: each entity sharing a paper, most shared papers first, then by node id.
    assert explorer.js("[...document.querySelectorAll('#details ul.cooccurs li')].map(li => li.textContent)") == [
        "TinyStories · Dataset · 1 paper(s)", f"{MARKUP_LABEL} · Method · 1 paper(s)",
        "perplexity · Metric · 1 paper(s)", "language modeling · Task · 1 paper(s)"]
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


def test_clicking_a_paper_title_in_the_panel_shows_its_entities(explorer: Explorer) -> None:
    explorer.freeze()
    explorer.click(PERPLEXITY)
    explorer.page.click(f"#details ul.evidence strong:text-is({PLAIN_TITLE!r})")
    assert explorer.page.inner_text("#details h2") == PLAIN_TITLE
    assert explorer.js("kgNetwork.getSelectedNodes()") == [P_PLAIN]
    assert explorer.js("[...document.querySelectorAll('#details ul.entities li')].map(li => li.textContent)") == [
        "Dataset: TinyStories", "Metric: perplexity", "Task: language modeling"]
    # ...and an entity there selects that entity.
    explorer.page.click("#details ul.entities .link:text-is('Dataset: TinyStories')")
    assert explorer.js("kgNetwork.getSelectedNodes()") == [STORIES]
    assert explorer.page.inner_text("#details h2") == "TinyStories"
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
    assert explorer.js("document.querySelectorAll('#details *:not(h2):not(h3):not(p):not(ul):not(li):not(strong)"
                       ":not(br):not(span):not(a)').length") == 0
    assert explorer.js("[...document.querySelectorAll('#details *')].flatMap(e => e.getAttributeNames())"
                       ".filter(a => a.startsWith('on'))") == []
    # The only link a panel here can hold is a paper's own http(s) address.
    for href, rel in explorer.js("[...document.querySelectorAll('#details a')].map(a => [a.href, a.rel])"):
        assert href.startswith("https://example.org/abs/") and rel == "noopener noreferrer"
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


def test_big_graph_opens_on_the_precomputed_layout_with_physics_off(open_page, tmp_path: Path) -> None:
    from kg.viz.explorer import PHYSICS_LIMIT
    from kg.viz.layout import layout_positions
    from kg.viz.views import full_view

    G = small_graph()
    for i in range(PHYSICS_LIMIT):  # one node over the limit, with the 8 of small_graph
        G.add_node(f"task:t{i}", type="Task", label=f"task {i}", papers=1)
        G.add_edge(P_PLAIN if i % 2 else P_IMG, f"task:t{i}", key="mentions", relation="mentions")
    for paper in (P_IMG, P_SCRIPT, P_PLAIN):
        G.nodes[paper]["date"] = ""  # no dates: no year filter
    opened = open_page(write_explorer(G, tmp_path / "big.html"))
    assert opened.drawn() == set(G.nodes)
    assert opened.js("kgNetwork.physics.options.enabled") is False
    assert not opened.page.is_checked("#physics")
    expected = layout_positions(full_view(G).graph)
    drawn = opened.js("Object.fromEntries(kgNetwork.body.nodeIndices.map(id => [id, [kgNetwork.body.nodes[id].x, kgNetwork.body.nodes[id].y]]))")
    assert {k: tuple(v) for k, v in drawn.items()} == expected  # nothing moved
    assert not opened.page.is_visible("#years")
    opened.search("task 7")
    opened.wait_focused("task:t7")
    opened.assert_clean()
