"""Entities over time: papers per year, where the papers carry a date."""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import entity_papers
from kg.analytics.rankings import rank
from kg.graph.schema import DATE, PAPER, TYPE

__all__ = ["entity_trends", "paper_years", "papers_per_year"]

_YEAR = re.compile(r"^(\d{4})(?:\D|$)")


def _year(date: object) -> int | None:
    """Return the year of an ISO-style date ("2021-06-17", "2021"), else None."""
    match = _YEAR.match(str(date or "").strip())
    return int(match.group(1)) if match else None


@requires_kg_graph
def paper_years(G: nx.MultiDiGraph) -> dict[str, int]:
    """Map every dated paper to its year; papers with no (or no readable) date are left out.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper", date="2021-06-17")
        >>> G.add_node("paper:2", type="Paper", date="")
        >>> G.add_node("paper:3", type="Paper", date="2019")
        >>> paper_years(G)
        {'paper:1': 2021, 'paper:3': 2019}
    """
    years = {}
    for node, kind in sorted(G.nodes(data=TYPE)):
        year = _year(G.nodes[node].get(DATE)) if kind == PAPER else None
        if year is not None:
            years[node] = year
    return years


@requires_kg_graph
def papers_per_year(G: nx.MultiDiGraph) -> dict[int, int]:
    """Count dated papers per year, in year order (years with no paper are left out).

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper", date="2021-06-17")
        >>> G.add_node("paper:2", type="Paper", date="2021-01-02")
        >>> G.add_node("paper:3", type="Paper", date="2019-03-04")
        >>> G.add_node("paper:4", type="Paper")
        >>> papers_per_year(G)
        {2019: 1, 2021: 2}
    """
    return dict(sorted(Counter(paper_years(G).values()).items()))


@requires_kg_graph
def entity_trends(G: nx.MultiDiGraph, kind: str | None = None, *, n: int | None = 10) -> dict[str, dict[int, int]]:
    """Count, for the N entities with the most dated papers, their papers per year.

    Args:
        G: A kg graph.
        kind: An entity type; None for every type.
        n: How many entities; None for all that have a dated paper.

    Returns:
        ``{entity node: {year: papers}}``, entities with most dated papers first (ties
        by node id), years in order; only years in which the entity has a paper.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper", date="2019-05-01")
        >>> G.add_node("paper:2", type="Paper", date="2021-06-17")
        >>> G.add_node("paper:3", type="Paper", date="")
        >>> G.add_nodes_from(["method:adam", "method:sgd"], type="Method")
        >>> G.add_edges_from([("paper:1", "method:sgd", "mentions"), ("paper:2", "method:sgd", "mentions"),
        ...                   ("paper:2", "method:adam", "mentions"), ("paper:3", "method:adam", "mentions")])
        ['mentions', 'mentions', 'mentions', 'mentions']
        >>> entity_trends(G, "Method")
        {'method:sgd': {2019: 1, 2021: 1}, 'method:adam': {2021: 1}}
    """
    years = paper_years(G)
    per_entity = {
        entity: Counter(years[p] for p in papers if p in years)
        for entity, papers in entity_papers(G, kind).items()
    }
    totals = {entity: sum(counts.values()) for entity, counts in per_entity.items() if counts}
    return {entity: dict(sorted(per_entity[entity].items())) for entity, _ in rank(totals, n=n)}
