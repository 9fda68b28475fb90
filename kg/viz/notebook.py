"""The explorer inline in Jupyter: the same page, in a sandboxed ``<iframe srcdoc>``.

The page is self-contained (scripts inlined), so it needs neither a server nor a
CDN. The iframe's ``sandbox`` lets its scripts run but keeps them away from the
notebook's own page, and ``srcdoc`` is escaped, so paper text stays text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import networkx as nx

from kg.viz.explorer import to_html
from kg.viz.views import entity_view, find_entities, full_view, overview_view

__all__ = ["Explorer", "show"]


class Explorer:
    """One explorer page, displayed inline by Jupyter (``_repr_html_``) or written to a file.

    Args:
        html: The complete, self-contained page.
        height: Height of the inline frame, in pixels.
    """

    def __init__(self, html: str, *, height: int = 640) -> None:
        self.html = html
        self.height = height

    def _repr_html_(self) -> str:
        """Return the iframe Jupyter shows: the page escaped into ``srcdoc``."""
        return (f'<iframe class="kg-explorer" srcdoc="{escape(self.html, quote=True)}" '
                f'sandbox="allow-scripts" style="width: 100%; height: {int(self.height)}px; border: 0" '
                'title="kg explorer"></iframe>')

    def write(self, path: Path) -> Path:
        """Write the page to PATH (UTF-8) and return PATH."""
        path.write_text(self.html, encoding="utf-8")
        return path


def show(G: nx.MultiDiGraph, *, entity: str | None = None, top: int | None = None,
         height: int = 640, seed: int = 7) -> Explorer:
    """Display G in a notebook: the whole graph, the overview, or one entity's ego view.

    Args:
        G: The kg graph.
        entity: Show this entity's ego view (name, alias or node id).
        top: Show the overview with this many entities per type.
        height: Height of the inline frame, in pixels.
        seed: Seed of the layout.

    Returns:
        An Explorer; as the last expression of a cell, Jupyter draws it.

    Raises:
        ConfigError: when ENTITY names no entity of G.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("method:adam", type="Method", label="Adam", papers=0)
        >>> frame = show(G)._repr_html_()
        >>> frame.startswith('<iframe class="kg-explorer" srcdoc="&lt;!DOCTYPE html&gt;')
        True
    """
    if entity is not None:
        view = entity_view(G, find_entities(G, entity)[0])
    elif top is not None:
        view = overview_view(G, top=top)
    else:
        view = full_view(G)
    return Explorer(to_html(view, G, seed=seed), height=height)
