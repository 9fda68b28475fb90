"""``kg viz``: the explorer as a small static site of linked pages.

::

    index.html                     links to everything below
    overview.html                  the top entities of every type, linked by shared papers
    types/<type>.html              the top entities of one type
    entities/<type>/<slug>.html    one entity, its papers and the entities named with it
    papers/<id>.html               one paper, its entities, results and related papers
    assets/                        vis-network (from pyvis), the explorer's script and style,
                                   and site-data.js: the side-panel facts all pages share

Entity pages are written for the entities the overview and the type views show,
paper pages for the papers those entity pages show. Pages read their scripts from
``assets/``: local files, so the site works offline and each page stays small.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import partial
from html import escape
from pathlib import Path

import networkx as nx

from kg.errors import ExportError, InputError
from kg.graph import read_graph
from kg.graph.schema import DATE, LABEL, PAPER, PAPERS, TYPE
from kg.viz.explorer import ASSETS, TYPE_COLOURS, SiteLinks, read_asset, to_html, to_site_data, to_site_script
from kg.viz.views import (
    ENTITY_TYPES, Evidence, View, cooccurrence, entity_view, find_entities, overview_view,
    paper_view, type_view,
)

__all__ = ["page_path", "read_graph_file", "write_site"]

_SAFE = re.compile(r"[a-z0-9_-][a-z0-9._-]{0,99}")  # lower case: two ids never share a file on any disk


def read_graph_file(path: Path) -> nx.MultiDiGraph:
    """Read ``graph.json`` or ``graph.graphml`` as written by ``kg build``.

    Raises:
        InputError: when the file cannot be read as a kg graph.
    """
    try:
        return read_graph(path)
    except (OSError, ValueError, KeyError, SyntaxError, nx.NetworkXError) as exc:  # SyntaxError: bad XML
        raise InputError(path, None, f"cannot read graph: {exc}") from exc


def _safe(name: str) -> str:
    """A file name for NAME: itself when safe, else a cleaned form plus a hash (never two alike)."""
    if _SAFE.fullmatch(name):
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    cleaned = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")[:60]
    return f"{cleaned}-{digest}" if cleaned else digest


def page_path(G: nx.MultiDiGraph, node: str) -> str:
    """Return the path (from the site's root) of NODE's page.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("architecture:resnet-50", type="Architecture")
        >>> G.add_node("paper:2401.00001", type="Paper")
        >>> page_path(G, "architecture:resnet-50")
        'entities/architecture/resnet-50.html'
        >>> page_path(G, "paper:2401.00001")
        'papers/2401.00001.html'
    """
    kind = str(G.nodes[node].get(TYPE, ""))
    prefix, _, slug = node.partition(":")
    if kind == PAPER:
        return f"papers/{_safe(slug if prefix == 'paper' and slug else node)}.html"
    if prefix == kind.lower() and slug:
        return f"entities/{_safe(prefix)}/{_safe(slug)}.html"
    return f"entities/{_safe(kind.lower() or 'other')}/{_safe(node)}.html"


def _type_path(kind: str) -> str:
    return f"types/{_safe(kind.lower())}.html"


def _write(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from exc
    return path


def _write_assets(out: Path, G: nx.MultiDiGraph, views: Iterable[View], *, evidence: Evidence,
                  pages: dict[str, str]) -> None:
    """Write the scripts and styles, and the side-panel facts of every node the VIEWS draw."""
    for name in ASSETS:
        _write(out / "assets" / name, read_asset(name))
    drawn = {v for view in views for v in view.graph.nodes}
    data = to_site_data(G, drawn, evidence=evidence, pages=pages)
    _write(out / "assets" / "site-data.js", to_site_script(data))


def _write_view(out: Path, path: str, view: View, *, G: nx.MultiDiGraph, nav: list[tuple[str, str]],
                seed: int) -> Path:
    site = SiteLinks(root="../" * path.count("/"), nav=nav)
    return _write(out / path, to_html(view, G, seed=seed, site=site))


def write_site(G: nx.MultiDiGraph, out: Path, *, top: int = 20, type_top: int = 100, entity: str | None = None,
               title: str | None = None, seed: int = 7) -> list[Path]:
    """Write the explorer site for G into OUT and return the pages written, index first.

    Args:
        G: The kg graph (``kg.graph.read_graph`` of ``graph.json``/``graph.graphml``).
        out: The site's folder (created when missing).
        top: Entities per type in the overview.
        type_top: Entities in each type's page.
        entity: Write only the ego page of this entity (name, alias or node id),
            and the assets it needs.
        title: The site's name, shown on the index page and after each view's
            name; by default "kg explorer · N papers".
        seed: Seed of every layout.

    Returns:
        The pages written; the first is ``index.html``, or the entity's page.

    Raises:
        ConfigError: when ENTITY names no entity of G.
        ExportError: when OUT cannot be written.
    """
    shared = cooccurrence(G)
    evidence = Evidence(G, shared=shared)
    if title is None:
        title = f"kg explorer · {sum(1 for _, k in G.nodes(data=TYPE) if k == PAPER):,} papers"
    if entity is not None:
        ego = [entity_view(G, v, shared=shared) for v in find_entities(G, entity)]
        _write_assets(out, G, ego, evidence=evidence, pages={})
        return [_write_view(out, page_path(G, v.key), v, G=G, nav=[], seed=seed) for v in ego]
    kinds = [k for k in ENTITY_TYPES if any(t == k for _, t in G.nodes(data=TYPE))]
    overview = overview_view(G, top=top, shared=shared, title=f"Overview · {title}")
    types = [type_view(G, k, top=type_top, shared=shared) for k in kinds]
    entities = sorted({v for view in (overview, *types) for v in view.graph.nodes})
    ego = [entity_view(G, v, shared=shared) for v in entities]
    papers = sorted({v for view in ego for v, k in view.graph.nodes(data=TYPE) if k == PAPER})
    pages = {v: page_path(G, v) for v in (*entities, *papers)}
    nav = [("Index", "index.html"), ("Overview", "overview.html"), *((k, _type_path(k)) for k in kinds)]
    about = [paper_view(G, p) for p in papers]
    _write_assets(out, G, [overview, *types, *ego, *about], evidence=evidence, pages=pages)
    written = [_write(out / "index.html", _index(G, title=title, top=top, kinds=kinds, pages=pages))]
    page = partial(_write_view, out, G=G, nav=nav, seed=seed)
    written.append(page("overview.html", overview))
    written += [page(_type_path(v.key), v) for v in types]
    written += [page(pages[v.key], v) for v in ego]
    written += [page(pages[v.key], v) for v in about]
    return written


_INDEX_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #222; }
a { color: #1f5fa8; } .muted { color: #666; } h2 { margin-top: 28px; }
ol, ul.papers { columns: 2 320px; } li { break-inside: avoid; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; }
"""


def _index(G: nx.MultiDiGraph, *, title: str, top: int, kinds: Iterable[str], pages: dict[str, str]) -> str:
    """The index page: counts, links to the views, and every entity and paper that has a page."""

    def link(path: str, text: str) -> str:
        return f'<a href="{escape(path)}">{escape(text)}</a>'

    count = {kind: sum(1 for _, k in G.nodes(data=TYPE) if k == kind) for kind in (PAPER, *ENTITY_TYPES)}
    entities = sum(count[k] for k in ENTITY_TYPES)
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">{count[PAPER]:,} papers · {entities:,} entities · {G.number_of_edges():,} edges</p>',
        "<ul>",
        f"<li>{link('overview.html', 'Overview')}: the top {top} entities of each type, linked when papers "
        "name them together</li>",
    ]
    for kind in kinds:
        swatch = f'<span class="swatch" style="background:{TYPE_COLOURS[kind]}"></span>'
        parts.append(f"<li>{swatch}{link(_type_path(kind), kind)} ({count[kind]:,} entities)</li>")
    parts.append("</ul>")
    for kind in kinds:
        shown = sorted((v for v in pages if G.nodes[v].get(TYPE) == kind),
                       key=lambda v: (-int(G.nodes[v].get(PAPERS, 0) or 0), str(G.nodes[v].get(LABEL, v)), v))
        parts.append(f"<h2>{escape(kind)}</h2><ol>")
        parts += [f"<li>{link(pages[v], str(G.nodes[v].get(LABEL, v)))} "
                  f'<span class="muted">{int(G.nodes[v].get(PAPERS, 0) or 0)} papers</span></li>' for v in shown]
        parts.append("</ol>")
    papers = sorted((v for v in pages if G.nodes[v].get(TYPE) == PAPER),
                    key=lambda v: (str(G.nodes[v].get(LABEL, v)).casefold(), v))
    parts.append('<h2>Papers</h2><ul class="papers">')
    parts += [f"<li>{link(pages[v], str(G.nodes[v].get(LABEL, v)))} "
              f'<span class="muted">{escape(str(G.nodes[v].get(DATE, "") or ""))}</span></li>' for v in papers]
    parts.append("</ul>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{_INDEX_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")
