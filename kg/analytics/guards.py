"""Preconditions of the analytics, stated once as a guard decorator.

In the style of networkx's ``not_implemented_for``: the decorator checks the graph
before the function runs, so each function body can assume a kg graph.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import networkx as nx

from kg.errors import KgError
from kg.graph.schema import TYPE

__all__ = ["UnsupportedGraph", "check_kg_graph", "requires_kg_graph"]

P = ParamSpec("P")
R = TypeVar("R")


class UnsupportedGraph(KgError, nx.NetworkXNotImplemented):
    """The graph is not a kg graph: a directed multigraph whose nodes all have a ``type``.

    It is both a :class:`~kg.errors.KgError` (the CLI shows it as one line) and a
    ``networkx.NetworkXNotImplemented`` (what networkx users already catch).
    """


def check_kg_graph(G: object, *, name: str = "analytics") -> None:
    """Raise UnsupportedGraph unless G is a MultiDiGraph whose nodes all have a type.

    Example:
        >>> check_kg_graph(nx.Graph())
        Traceback (most recent call last):
        ...
        kg.analytics.guards.UnsupportedGraph: analytics needs a kg graph: a directed multigraph, not Graph
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1")
        >>> check_kg_graph(G, name="top_entities")
        Traceback (most recent call last):
        ...
        kg.analytics.guards.UnsupportedGraph: top_entities needs a kg graph: node 'paper:1' has no 'type'
    """
    if not isinstance(G, nx.Graph) or not (G.is_directed() and G.is_multigraph()):
        raise UnsupportedGraph(f"{name} needs a kg graph: a directed multigraph, not {type(G).__name__}")
    for node, kind in G.nodes(data=TYPE):
        if kind is None:
            raise UnsupportedGraph(f"{name} needs a kg graph: node {node!r} has no {TYPE!r}")


def requires_kg_graph(func: Callable[Concatenate[nx.MultiDiGraph, P], R]) -> Callable[Concatenate[nx.MultiDiGraph, P], R]:
    """Decorate an analytics function whose first argument must be a kg graph.

    Example:
        >>> @requires_kg_graph
        ... def size(G):
        ...     return len(G)
        >>> size(nx.MultiDiGraph([("paper:1", "method:a")]))
        Traceback (most recent call last):
        ...
        kg.analytics.guards.UnsupportedGraph: size needs a kg graph: node 'paper:1' has no 'type'
    """

    @functools.wraps(func)
    def checked(G: nx.MultiDiGraph, /, *args: P.args, **kwargs: P.kwargs) -> R:
        check_kg_graph(G, name=func.__name__)
        return func(G, *args, **kwargs)

    return checked
