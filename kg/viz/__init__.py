"""Viz: the interactive HTML explorer, as one page, a static site or a notebook view.

The only layer importing pyvis.
"""

from __future__ import annotations

from kg.viz.explorer import to_html, to_network, write_explorer
from kg.viz.notebook import Explorer, show
from kg.viz.site import read_graph_file, write_site

__all__ = ["Explorer", "read_graph_file", "show", "to_html", "to_network", "write_explorer", "write_site"]
