"""The notebook view: ``kg.viz.show(G)`` returns what Jupyter displays, checked without Jupyter.

Jupyter calls ``_repr_html_`` and puts the string into the notebook page; here the
string is parsed, and then loaded into chromium the same way (``set_content``).
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.viz import Explorer, show, to_html
from kg.viz.views import entity_view, full_view, overview_view

from viz_graphs import CHROMIUM, IMG_TITLE, MARKUP_LABEL, MIXER, SCRIPT_TITLE, site_graph

G = site_graph()


class _TopLevel(HTMLParser):
    """The tags of the notebook HTML itself (an iframe's srcdoc is an attribute, not parsed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _frame(html: str) -> dict[str, str | None]:
    parser = _TopLevel()
    parser.feed(html)
    parser.close()
    assert [tag for tag, _ in parser.tags] == ["iframe"], "the notebook HTML must be one iframe, nothing else"
    return parser.tags[0][1]


def _nodes(page: str) -> list[str]:
    island = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert island
    return [n["id"] for n in json.loads(island.group(1))["nodes"]]


def test_show_is_an_iframe_holding_the_whole_page() -> None:
    html = show(G)._repr_html_()
    frame = _frame(html)
    assert frame["sandbox"] == "allow-scripts"  # scripts run, but cannot reach the notebook's page
    assert frame["srcdoc"] == to_html(full_view(G), G)  # the same page as graph.html
    assert "height: 640px" in (frame["style"] or "")
    # the page is inside the attribute, escaped: no tag of it is a tag of the notebook
    for text in (IMG_TITLE, SCRIPT_TITLE, MARKUP_LABEL, "<script", "</script>"):
        assert text not in html
    assert unescape(html).count("window.__xss") == html.count("window.__xss") > 0


@pytest.mark.parametrize(("kwargs", "view"), [
    ({"entity": "Sparse Mixer"}, entity_view(G, MIXER)),
    ({"top": 1}, overview_view(G, top=1)),
])
def test_show_other_views(kwargs: dict[str, object], view) -> None:
    page = _frame(show(G, **kwargs)._repr_html_())["srcdoc"] or ""
    assert _nodes(page) == sorted(view.graph.nodes)


def test_show_unknown_entity_is_an_error() -> None:
    with pytest.raises(ConfigError, match="no entity named 'GPT-9'"):
        show(G, entity="GPT-9")


def test_explorer_writes_its_page(tmp_path: Path) -> None:
    explorer = show(G, height=300)
    path = explorer.write(tmp_path / "page.html")
    assert path.read_text(encoding="utf-8") == explorer.html
    assert "height: 300px" in explorer._repr_html_()
    assert isinstance(explorer, Explorer)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed")
def test_show_draws_inside_the_frame_offline(browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    errors: list[str] = []
    page.route("**/*", lambda r: (requests.append(r.request.url), r.abort()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.set_content(f"<!DOCTYPE html><html><body>{show(G)._repr_html_()}</body></html>")
        frame = page.frames[1]
        frame.wait_for_function('document.body.dataset.stable === "true"', timeout=30_000)
        assert set(frame.evaluate("kgNetwork.body.nodeIndices")) == set(G.nodes)
        assert frame.evaluate("window.__xss") is None and page.evaluate("window.__xss") is None
        assert page.evaluate("window.kgNetwork") is None  # the frame's scripts stay in the frame
        assert requests == [] and errors == []
    finally:
        page.close()
