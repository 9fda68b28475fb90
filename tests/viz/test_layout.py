"""The precomputed layout: seeded, complete, and readable on kg-shaped graphs."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from kg.viz.layout import EXACT_LIMIT, NODE_SPACING, layout_positions


def _papers_and_entities(papers: int, entities: int, *, seed: int = 3) -> nx.MultiDiGraph:
    """Each paper names 6 entities, popular ones more often; every entity is named at least once."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    names = [f"method:e{i}" for i in range(entities)]
    weights = [1 / (i + 1) for i in range(entities)]
    for p in range(papers):
        for e in set(rng.choices(names, weights, k=6)):
            G.add_edge(f"paper:{p}", e, key="mentions")
    for e in names:
        if e not in G:
            G.add_edge(f"paper:{rng.randrange(papers)}", e, key="mentions")
    return G


def _distance(pos: dict[str, tuple[float, float]], a: str, b: str) -> float:
    return math.dist(pos[a], pos[b])


@pytest.mark.parametrize(("papers", "entities"), [(3, 10), (40, 200), (300, 1700)])
def test_layout_places_every_node_and_is_seeded(papers: int, entities: int) -> None:
    G = _papers_and_entities(papers, entities)
    pos = layout_positions(G, seed=5)
    assert list(pos) == sorted(G.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert pos == layout_positions(G, seed=5)
    assert pos != layout_positions(G, seed=6)
    # spread out: nodes on the same whole pixel are rare (fans of two papers may touch)
    assert len(set(pos.values())) >= 0.99 * len(pos)


def test_layout_big_graph_uses_the_grid_and_keeps_neighbours_close() -> None:
    G = _papers_and_entities(300, 1700)
    simulated = sum(1 for v in G if G.degree(v) > 1)  # leaves are fanned out, not simulated
    assert simulated > EXACT_LIMIT  # so the far forces come from the grid
    pos = layout_positions(G)
    linked = sorted(_distance(pos, u, v) for u, v in G.edges())
    xs, ys = zip(*pos.values(), strict=True)
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    # linked nodes sit close: the median edge is far shorter than the drawing
    assert linked[len(linked) // 2] < span / 10


def test_layout_fans_single_paper_entities_around_their_paper() -> None:
    G = nx.Graph([("paper:1", f"task:t{i}") for i in range(6)] + [("paper:1", "paper:2"), ("paper:2", "method:m")])
    pos = layout_positions(G)
    radii = [_distance(pos, "paper:1", f"task:t{i}") for i in range(6)]
    assert max(radii) - min(radii) < 1.5  # one arc: the same radius for every leaf (to the pixel)
    assert max(radii) < 2 * NODE_SPACING


def test_layout_keeps_separate_components_near_each_other() -> None:
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    G.add_node("solo")
    pos = layout_positions(G)
    xs, ys = zip(*pos.values(), strict=True)
    # packed side by side, not flung apart by repulsion: a few spacings wide at most
    assert max(max(xs) - min(xs), max(ys) - min(ys)) < 6 * NODE_SPACING
    assert _distance(pos, "x", "y") == pytest.approx(NODE_SPACING, abs=1)  # whole pixels


def test_layout_of_an_empty_graph_is_empty() -> None:
    assert layout_positions(nx.MultiDiGraph()) == {}
