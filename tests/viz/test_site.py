"""``kg viz``: the static site's files and links, checked without a browser.

The site graph (viz_graphs.site_graph) has 4 papers and 7 entities: Architecture
Sparse Mixer and Dense Mixer, Method (markup label), Dataset TinyStories and
WikiText-103, Metric perplexity, Task language modeling.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ConfigError, InputError
from kg.graph import write_graphml, write_json
from kg.viz import read_graph_file, write_site
from kg.viz.explorer import ASSETS
from kg.viz.site import page_path
from kg.viz.views import entity_view, overview_view, paper_view, type_view

from viz_graphs import (
    DENSE, IMG_TITLE, LM, MARKUP_LABEL, MIXER, P_DENSE, P_IMG, P_PLAIN, P_SCRIPT, PERPLEXITY, SCRIPT_TITLE,
    STORIES, SVG_METHOD, WIKI, site_graph,
)

G = site_graph()
ENTITIES = [DENSE, MIXER, STORIES, WIKI, SVG_METHOD, PERPLEXITY, LM]  # sorted by node id
PAPERS = [P_IMG, P_SCRIPT, P_PLAIN, P_DENSE]
TYPES = ["architecture", "method", "dataset", "metric", "task"]  # the explorer's order
# index, overview, 5 types; every entity is in a type page; every paper in an entity page
PAGES = (["index.html", "overview.html", *(f"types/{t}.html" for t in TYPES)]
         + [page_path(G, v) for v in ENTITIES] + [page_path(G, p) for p in PAPERS])
SITE_FILES = sorted([*PAGES, *(f"assets/{a}" for a in ASSETS), "assets/site-data.js"])


class _Refs(HTMLParser):
    """Every start tag, and the href/src values, of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.refs: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_script = tag == "script"
        self.refs += [v or "" for k, v in attrs if k in {"href", "src"}]

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_bodies.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _site_data(out: Path) -> dict:
    text = (out / "assets" / "site-data.js").read_text(encoding="utf-8")
    assert text.startswith("window.kgSite = ") and text.endswith(";\n")
    return json.loads(text.removeprefix("window.kgSite = ").removesuffix(";\n"))


def _files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("site") / "site"
    return out, write_site(G, out, top=1, title="tiny <kg> site")


def test_write_site_writes_every_page_index_first(site) -> None:
    out, pages = site
    assert [p.relative_to(out).as_posix() for p in pages] == PAGES
    assert _files(out) == SITE_FILES


@pytest.mark.parametrize(("node", "path"), [
    (MIXER, "entities/architecture/sparse-mixer.html"),
    (P_IMG, "papers/2405.00001.html"),
])
def test_page_path(node: str, path: str) -> None:
    assert page_path(G, node) == path


def test_page_path_of_unusual_ids_is_safe_and_distinct() -> None:
    H = site_graph()
    odd = ["paper:hep-th/9901001", "paper:HEP-TH-9901001", "paper:hep-th-9901001", "paper:../../etc"]
    H.add_nodes_from((p, {"type": "Paper"}) for p in odd)
    H.add_node("weird id", type="Task")
    paths = [page_path(H, v) for v in [*odd, "weird id"]]
    assert len(set(paths)) == len(paths)
    assert paths[2] == "papers/hep-th-9901001.html"  # already safe: kept as is
    for path in paths:
        assert re.fullmatch(r"(papers|entities/[a-z0-9_-]+)/[a-z0-9_-][a-z0-9._-]*\.html", path), path
        assert ".." not in path


def test_index_links_resolve_to_existing_files(site) -> None:
    out, _ = site
    refs = _refs(out / "index.html").refs
    # the overview, the 5 type pages, and every entity and paper page
    assert sorted(set(refs)) == sorted(p for p in PAGES if p != "index.html")
    assert all((out / ref).is_file() for ref in refs)


@pytest.mark.parametrize("page", PAGES)
def test_every_link_and_asset_of_a_page_resolves(site, page: str) -> None:
    out, _ = site
    for ref in _refs(out / page).refs:
        assert not urlsplit(ref).scheme and not ref.startswith("//"), (page, ref)  # relative: local
        assert (out / page).parent.joinpath(ref).resolve().is_file(), (page, ref)


def test_site_data_links_and_details(site) -> None:
    out, _ = site
    data = _site_data(out)
    assert data["links"] == {v: page_path(G, v) for v in [*ENTITIES, *PAPERS]}
    assert all((out / path).is_file() for path in data["links"].values())
    assert set(data["details"]) == set(G.nodes)  # every node is drawn on some page
    assert data["details"][P_IMG]["label"] == IMG_TITLE
    assert data["years"][MIXER] == [0, 2023, 2024]


@pytest.mark.parametrize("page", [p for p in PAGES if p != "index.html"])
def test_view_pages_load_scripts_from_assets_and_hold_no_markup(site, page: str) -> None:
    out, _ = site
    parsed = _refs(out / page)
    depth = page.count("/")
    assert [t for t in parsed.tags if t == "script"] == ["script"] * 4
    assert [r for r in parsed.refs if r.endswith(".js")] == [
        "../" * depth + f"assets/{name}" for name in ("vis-network.min.js", "site-data.js", "explorer.js")]
    assert not {"img", "svg", "iframe", "object", "embed"} & set(parsed.tags)
    (island,) = parsed.script_bodies  # the JSON data island is the only inline script
    assert not set("<>&") & set(island)
    assert json.loads(island)["root"] == "../" * depth


@pytest.mark.parametrize(("page", "view"), [
    ("overview.html", overview_view(G, top=1)),
    ("types/dataset.html", type_view(G, "Dataset")),
    ("entities/architecture/sparse-mixer.html", entity_view(G, MIXER)),
    ("papers/2405.00004.html", paper_view(G, P_DENSE)),
])
def test_view_page_draws_the_view(site, page: str, view) -> None:
    out, _ = site
    (island,) = _refs(out / page).script_bodies
    data = json.loads(island)
    assert [n["id"] for n in data["nodes"]] == sorted(view.graph.nodes)
    assert len(data["edges"]) == view.graph.number_of_edges()
    assert data["focus"] == (view.key if view.kind in {"entity", "paper"} else "")


def test_index_shows_titles_as_text(site) -> None:
    out, _ = site
    html = (out / "index.html").read_text(encoding="utf-8")
    parsed = _refs(out / "index.html")
    assert "script" not in parsed.tags and "img" not in parsed.tags and "svg" not in parsed.tags
    for text in (IMG_TITLE, SCRIPT_TITLE, MARKUP_LABEL, "tiny <kg> site"):
        assert text not in html
        assert text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html.replace("&quot;", '"')


def test_write_site_is_deterministic_and_utf8(tmp_path: Path) -> None:
    H = site_graph()
    H.nodes[P_PLAIN]["label"] = "Übersetzung – naïve routing ☃"
    write_site(H, tmp_path / "a", top=1)
    write_site(H, tmp_path / "b", top=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    for name in _files(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert "Übersetzung – naïve routing ☃" in (tmp_path / "a" / "index.html").read_bytes().decode("utf-8")


def test_write_site_for_one_entity(tmp_path: Path) -> None:
    out = tmp_path / "one"
    pages = write_site(G, out, entity="sparsemixer")
    assert pages == [out / "entities/architecture/sparse-mixer.html"]
    assert _files(out) == sorted(["entities/architecture/sparse-mixer.html", "assets/site-data.js",
                                  *(f"assets/{a}" for a in ASSETS)])
    assert "<nav" not in pages[0].read_text(encoding="utf-8")  # no index to go back to
    assert _site_data(out)["links"] == {}  # and no other page to link to


def test_write_site_unknown_entity_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no entity named 'GPT-9'"):
        write_site(G, tmp_path / "none", entity="GPT-9")
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("name", ["graph.json", "graph.graphml"])
def test_read_graph_file_reads_what_kg_build_writes(tmp_path: Path, name: str) -> None:
    path = (write_json if name.endswith("json") else write_graphml)(G, tmp_path / name)
    H = read_graph_file(path)
    assert set(H.nodes) == set(G.nodes)
    assert H.nodes[MIXER]["aliases"] == ("SparseMixer",)


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("bad.json", "not json", "cannot read graph: Expecting value: line 1 column 1 (char 0)"),
    ("bad.graphml", "<graphml", "cannot read graph: unclosed token: line 1, column 0"),
])
def test_read_graph_file_error_names_the_file(tmp_path: Path, name: str, text: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_graph_file(path)
    assert str(caught.value) == f"{path}: {reason}"


# --- the command ---------------------------------------------------------------------------------

@pytest.fixture()
def graph_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_json(G, tmp_path / "graph.json")


def test_viz_command_writes_the_site(graph_json: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["viz", "graph.json", "-o", "site", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {len(PAGES)} page(s) to site; open {Path('site/index.html')}\n"
    assert _files(tmp_path / "site") == SITE_FILES


def test_viz_command_one_entity(graph_json: Path) -> None:
    result = CliRunner().invoke(app, ["viz", "graph.json", "-o", "site", "--entity", "Dense Mixer"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote 1 page(s) to site; open {Path('site/entities/architecture/dense-mixer.html')}\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--entity", "Sparse Mixr"], "error: no entity named 'Sparse Mixr' in the graph (closest: Sparse Mixer, Dense Mixer)\n"),
])
def test_viz_command_errors_are_one_line(graph_json: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["viz", "graph.json", "-o", "site", *args])
    assert result.exit_code == 1
    assert result.stderr == message


def test_viz_command_bad_top_is_a_usage_error(graph_json: Path) -> None:
    assert CliRunner().invoke(app, ["viz", "graph.json", "--top", "0"]).exit_code == 2
