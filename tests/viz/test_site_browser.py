"""The site's pages in a real browser (Debian's chromium driven by playwright).

Each page is opened from a file:// URL with the network cut off: it may load
itself and the site's five asset files, nothing else; every other request is
recorded, aborted and fails the test, as do console errors and page errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.viz import write_site
from kg.viz.explorer import ASSETS
from kg.viz.views import entity_view, overview_view, paper_view, type_view

from viz_graphs import (
    CHROMIUM, DENSE, DENSE_TITLE, IMG_TITLE, LM, MARKUP_LABEL, MIXER, P_DENSE, P_IMG, P_PLAIN, P_SCRIPT,
    PERPLEXITY, PLAIN_TITLE, STORIES, SVG_METHOD, WIKI, Opened, of_type, site_graph,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"),
]

G = site_graph()
TOP = 1
OVERVIEW, TYPE_PAGE = "overview.html", "types/architecture.html"
MIXER_PAGE, DENSE_PAPER_PAGE = "entities/architecture/sparse-mixer.html", "papers/2405.00004.html"
VIEWS = {
    OVERVIEW: overview_view(G, top=TOP),
    TYPE_PAGE: type_view(G, "Architecture"),
    MIXER_PAGE: entity_view(G, MIXER),
    DENSE_PAPER_PAGE: paper_view(G, P_DENSE),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(G, out, top=TOP)
    return out


def _assets(site: Path) -> list[Path]:
    return [site / "assets" / name for name in (*ASSETS, "site-data.js")]


@pytest.fixture()
def open_site(open_page, site: Path):
    """Open one page of the site; it may load the site's assets and nothing else."""

    def _open(page: str, *, also: tuple[str, ...] = ()) -> Opened:
        return open_page(site / page, allowed=[*_assets(site), *(site / p for p in also)])

    return _open


def _types_in(page: str) -> list[str]:
    return sorted({d["type"] for _, d in VIEWS[page].graph.nodes(data=True)})


@pytest.mark.parametrize("page", list(VIEWS))
def test_page_loads_offline_and_draws_its_view(open_site, site: Path, page: str) -> None:
    opened = open_site(page)
    view = VIEWS[page].graph
    assert opened.drawn() == set(view.nodes)
    assert opened.js("kgNodes.length") == view.number_of_nodes()
    assert opened.drawn_edges() == {(u, v) for u, v in view.edges()}
    assert sorted(opened.loaded) == sorted([(site / page).as_uri(), *(p.as_uri() for p in _assets(site))])
    assert opened.js("document.querySelector('#shown').textContent") == \
        f"{view.number_of_nodes()} of {view.number_of_nodes()} nodes"
    opened.assert_clean()


@pytest.mark.parametrize(("page", "query", "node"), [
    (OVERVIEW, "tinystories", STORIES),
    (TYPE_PAGE, "Dense Mixer", DENSE),
    (MIXER_PAGE, "wikitext", WIKI),  # part of a name
    (DENSE_PAPER_PAGE, "SparseMixer", MIXER),  # an alias
])
def test_search_focuses_a_node(open_site, page: str, query: str, node: str) -> None:
    opened = open_site(page)
    opened.search(query)
    opened.wait_focused(node)
    assert opened.js("kgNetwork.getSelectedNodes()") == [node]
    assert opened.page.inner_text("#details h2") == G.nodes[node]["label"]
    opened.assert_clean()


@pytest.mark.parametrize("page", list(VIEWS))
def test_type_filter_hides_the_type(open_site, page: str) -> None:
    opened = open_site(page)
    view = VIEWS[page].graph
    kinds = _types_in(page)
    kind = kinds[0]
    opened.page.uncheck(f'#legend input[data-type="{kind}"]')
    assert opened.drawn() == set(view.nodes) - of_type(G, kind)
    assert opened.js("kgNodes.length") == view.number_of_nodes()  # hidden, not deleted
    opened.page.check(f'#legend input[data-type="{kind}"]')
    assert opened.drawn() == set(view.nodes)
    assert opened.js("[...document.querySelectorAll('#legend input')].map(b => b.dataset.type)") == [
        k for k in ("Architecture", "Method", "Dataset", "Metric", "Task", "Paper", "Result") if k in kinds]
    opened.assert_clean()


def test_entity_page_opens_on_its_entity(open_site) -> None:
    opened = open_site(MIXER_PAGE)
    assert opened.js("kgNetwork.getSelectedNodes()") == [MIXER]
    assert opened.page.inner_text("#details h2") == "Sparse Mixer"
    assert "Architecture · 3 paper(s)" in opened.details()
    assert "Also: SparseMixer" in opened.details()
    # No link: this is the entity's own page, and everything named with it is drawn here
    # (a name drawn on the page selects its node instead).
    assert opened.js("document.querySelectorAll('#details a').length") == 0
    assert opened.js("[...document.querySelectorAll('#details ul.cooccurs .link')].length") == 6
    opened.assert_clean()


def test_clicking_a_node_shows_its_papers_and_sentences(open_site) -> None:
    opened = open_site(MIXER_PAGE)
    opened.freeze()
    opened.click(STORIES)
    assert opened.page.inner_text("#details h2") == "TinyStories"
    assert "Dataset · 2 paper(s)" in opened.details()
    items = opened.js("""[...document.querySelectorAll('#details ul.evidence li')]
                         .map(li => [li.querySelector('strong').textContent, li.querySelector('span').textContent])""")
    # both papers, though P_PLAIN is not drawn on this page (it does not name Sparse Mixer)
    assert sorted(items) == sorted([
        [IMG_TITLE, "Sparse Mixer reaches a low perplexity on TinyStories."],
        [PLAIN_TITLE, "Cheap routing helps language modeling on TinyStories."],
    ])
    # TinyStories has a page of its own
    assert opened.js("[...document.querySelectorAll('#details a')].map(a => a.getAttribute('href'))") == [
        "../../entities/dataset/tinystories.html"]
    # A paper that is not drawn here still shows its entities, with a link to its page.
    opened.page.click(f"#details ul.evidence strong:text-is({PLAIN_TITLE!r})")
    assert opened.page.inner_text("#details h2") == PLAIN_TITLE
    assert opened.js("[...document.querySelectorAll('#details ul.entities li')].map(li => li.textContent)") == [
        "Dataset: TinyStories", "Metric: perplexity", "Task: language modeling"]
    hrefs = opened.js("[...document.querySelectorAll('#details a')].map(a => a.getAttribute('href'))")
    assert hrefs[0] == "../../papers/2405.00003.html"
    assert hrefs[1] == "https://example.org/abs/2405.00003"
    # clicking a paper node shows its entities too
    opened.click(P_SCRIPT)
    assert opened.js("[...document.querySelectorAll('#details ul.entities li')].map(li => li.textContent)") == [
        "Architecture: Sparse Mixer", f"Method: {MARKUP_LABEL}", "Task: language modeling"]
    opened.assert_clean()


def test_panel_link_opens_the_entity_page(open_site, site: Path) -> None:
    opened = open_site(OVERVIEW, also=(MIXER_PAGE,))
    opened.freeze()
    opened.click(MIXER)
    with opened.page.expect_navigation():
        opened.page.click("#details a:text-is('Open ego view')")
    assert opened.page.url == (site / MIXER_PAGE).as_uri()
    opened.page.wait_for_function('document.body.dataset.stable === "true"', timeout=30_000)
    assert opened.drawn() == set(VIEWS[MIXER_PAGE].graph.nodes)
    opened.assert_clean()


def test_double_click_opens_the_node_page(open_site, site: Path) -> None:
    opened = open_site(TYPE_PAGE, also=("entities/architecture/dense-mixer.html",))
    opened.freeze()
    with opened.page.expect_navigation():
        opened.page.mouse.dblclick(*opened.point(DENSE))
    assert opened.page.url == (site / "entities/architecture/dense-mixer.html").as_uri()
    opened.assert_clean()


def test_year_filter_hides_nodes_outside_the_years(open_site) -> None:
    opened = open_site(MIXER_PAGE)
    page = opened.page
    assert page.is_visible("#years")
    assert opened.js("[...document.querySelectorAll('#year-from option')].map(o => o.value)") == ["2023", "2024"]
    everything = set(VIEWS[MIXER_PAGE].graph.nodes)
    page.select_option("#year-from", "2024")
    # P_SCRIPT is from 2023, and the markup method is named by it alone
    assert opened.drawn() == everything - {P_SCRIPT, SVG_METHOD}
    page.uncheck("#undated")
    # P_DENSE is undated, and so are Dense Mixer's and WikiText-103's only paper
    assert opened.drawn() == everything - {P_SCRIPT, SVG_METHOD, P_DENSE, DENSE, WIKI}
    # searching a hidden node brings every year back
    opened.search("WikiText-103")
    assert opened.drawn() == everything
    assert page.is_checked("#undated") and page.input_value("#year-from") == "2023"
    opened.assert_clean()


@pytest.mark.parametrize(("page", "node", "text"), [
    (OVERVIEW, SVG_METHOD, MARKUP_LABEL),
    (MIXER_PAGE, P_IMG, IMG_TITLE),
    (MIXER_PAGE, P_SCRIPT, "<script>window.__xss=2</script>"),
])
def test_markup_in_titles_and_labels_runs_nothing(open_site, page: str, node: str, text: str) -> None:
    opened = open_site(page)
    opened.freeze()
    opened.page.mouse.move(*opened.point(node))
    opened.page.wait_for_function("""(text) => {
        const tip = document.querySelector('div.vis-tooltip');
        return tip && tip.style.visibility !== 'hidden' && tip.innerText.includes(text);
    }""", arg=text, timeout=5_000)
    assert opened.js("document.querySelector('div.vis-tooltip').children.length") == 0
    opened.click(node)
    assert opened.page.inner_text("#details h2") == text
    assert opened.js("document.querySelector('#details h2').children.length") == 0
    assert opened.js("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert opened.js("document.scripts.length") == 4  # vis-network, site data, the data island, the page code
    opened.page.wait_for_timeout(200)  # give a would-be onerror/onload handler the chance to fire
    opened.assert_clean()


def test_javascript_url_of_a_paper_is_never_a_link(open_site) -> None:
    opened = open_site(DENSE_PAPER_PAGE)
    assert opened.page.inner_text("#details h2") == DENSE_TITLE  # the page opens on its paper
    hrefs = opened.js("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "Source" not in opened.details()
    opened.assert_clean()


def test_nav_links_reach_every_view(open_site, site: Path) -> None:
    opened = open_site(MIXER_PAGE)
    hrefs = opened.js("[...document.querySelectorAll('#nav a')].map(a => a.href)")
    assert hrefs == [(site / p).as_uri() for p in (
        "index.html", OVERVIEW, "types/architecture.html", "types/method.html", "types/dataset.html",
        "types/metric.html", "types/task.html")]
    opened.assert_clean()


def test_paper_page_lists_related_papers(open_site) -> None:
    opened = open_site(DENSE_PAPER_PAGE)
    # P_SCRIPT shares Sparse Mixer and language modeling with P_DENSE
    assert P_SCRIPT in opened.drawn() and P_PLAIN not in opened.drawn()
    assert {LM, PERPLEXITY} & opened.drawn() == {LM}
    opened.assert_clean()
