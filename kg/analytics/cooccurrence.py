"""Co-occurrence of entity types: how many papers mention both entities of a pair."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import check_entity_type, paper_entities
from kg.analytics.rankings import rank
from kg.graph.schema import TYPE

__all__ = ["COOCCURRENCE_PAIRS", "CooccurrenceMatrix", "cooccurrence", "cooccurrence_matrix"]

#: The pairs of types the report crosses: what is used on what, and measured how.
COOCCURRENCE_PAIRS = (("Method", "Dataset"), ("Architecture", "Task"), ("Metric", "Dataset"))


@dataclass(frozen=True, slots=True)
class CooccurrenceMatrix:
    """Papers that mention both a row entity and a column entity.

    Attributes:
        rows: Row entity nodes, in order.
        cols: Column entity nodes, in order.
        counts: ``counts[i][j]`` = papers mentioning ``rows[i]`` and ``cols[j]``.
    """

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]


def _types(G: nx.MultiDiGraph, row_type: str, col_type: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    check_entity_type(row_type)
    check_entity_type(col_type)
    per_paper = []
    for entities in paper_entities(G).values():
        rows = frozenset(e for e in entities if G.nodes[e][TYPE] == row_type)
        cols = frozenset(e for e in entities if G.nodes[e][TYPE] == col_type)
        if rows and cols:
            per_paper.append((rows, cols))
    return per_paper


@requires_kg_graph
def cooccurrence(G: nx.MultiDiGraph, row_type: str, col_type: str) -> dict[tuple[str, str], int]:
    """Count, for every pair of a ROW_TYPE and a COL_TYPE entity, the papers that mention both.

    Args:
        G: A kg graph.
        row_type: Entity type of the first member ("Method").
        col_type: Entity type of the second member ("Dataset").

    Returns:
        ``{(row entity, col entity): papers}`` for pairs with at least one paper,
        most papers first, ties by row then column id. When the two types are the
        same, each unordered pair appears once, smaller id first.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_nodes_from(["dataset:mnist", "dataset:svhn"], type="Dataset")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:1", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "method:adam", "mentions"), ("paper:2", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "dataset:svhn", "mentions")])
        ['mentions', 'mentions', 'mentions', 'mentions', 'mentions']
        >>> cooccurrence(G, "Method", "Dataset")
        {('method:adam', 'dataset:mnist'): 2, ('method:adam', 'dataset:svhn'): 1}
    """
    counts: Counter[tuple[str, str]] = Counter()
    for rows, cols in _types(G, row_type, col_type):
        counts.update((r, c) for r in rows for c in cols if row_type != col_type or r < c)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@requires_kg_graph
def cooccurrence_matrix(G: nx.MultiDiGraph, row_type: str, col_type: str, *, n: int = 10) -> CooccurrenceMatrix:
    """Return the co-occurrence matrix of the N most connected entities of each type.

    Rows (columns) are the ROW_TYPE (COL_TYPE) entities with the most papers that
    also mention some COL_TYPE (ROW_TYPE) entity, ties by node id; entities that
    never co-occur are left out.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_nodes_from(["dataset:mnist", "dataset:svhn"], type="Dataset")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:1", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "method:adam", "mentions"), ("paper:2", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "dataset:svhn", "mentions")])
        ['mentions', 'mentions', 'mentions', 'mentions', 'mentions']
        >>> cooccurrence_matrix(G, "Method", "Dataset")
        CooccurrenceMatrix(rows=('method:adam',), cols=('dataset:mnist', 'dataset:svhn'), counts=((2, 1),))
    """
    per_paper = _types(G, row_type, col_type)
    row_papers: Counter[str] = Counter(r for rows, _ in per_paper for r in rows)
    col_papers: Counter[str] = Counter(c for _, cols in per_paper for c in cols)
    rows = [node for node, _ in rank(dict(row_papers), n=n)]
    cols = [node for node, _ in rank(dict(col_papers), n=n)]
    pairs = cooccurrence(G, row_type, col_type)
    if row_type == col_type:  # symmetric: look a pair up in either order
        pairs = {**pairs, **{(c, r): k for (r, c), k in pairs.items()}}
    counts = tuple(tuple(pairs.get((r, c), 0) for c in cols) for r in rows)
    return CooccurrenceMatrix(tuple(rows), tuple(cols), counts)
