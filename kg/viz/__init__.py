"""Viz: the interactive HTML explorer. The only layer importing pyvis."""

from __future__ import annotations

from kg.viz.explorer import to_network, write_explorer

__all__ = ["to_network", "write_explorer"]
