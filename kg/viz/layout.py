"""Precomputed, seeded node positions, so a big graph opens without a long simulation.

networkx's ``spring_layout`` takes minutes at 10,000 nodes, so the explorer uses a
Fruchterman–Reingold layout written for its graphs, in numpy:

- leaves (an entity mentioned by one paper only) are not simulated; they are
  fanned out around the paper that mentions them, and give that paper more room;
- repulsion is exact up to ``EXACT_LIMIT`` simulated nodes; above it, near
  nodes repel exactly (a k-d tree finds them) and far ones through the centres
  of mass of a coarse grid, which makes one step linear in the node count;
- every connected component is laid out alone, then the components are packed
  in rows, largest first, so small islands are not flung to the edges.

Positions depend only on the graph and the seed.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

__all__ = ["EXACT_LIMIT", "NODE_SPACING", "layout_positions"]

#: Up to this many simulated nodes in a component, every pair repels exactly.
EXACT_LIMIT = 400
#: Pixels between two linked nodes at rest (the layout's unit length).
NODE_SPACING = 90.0
_GRID = 20  # cells per side of the far-field grid
_GAP = 2.0  # units between packed components

Array = NDArray[np.float64]


def layout_positions(G: nx.Graph, *, seed: int = 7, iterations: int = 80) -> dict[str, tuple[float, float]]:
    """Compute seeded 2-D positions (in pixels) for every node of G.

    Edge directions and parallel edges are ignored. The result is sorted by node
    id and rounded to whole pixels, so the same graph and seed give the same numbers.

    Args:
        G: Any networkx graph; node ids are turned into strings.
        seed: Seed of the random start positions.
        iterations: Force-directed steps per component.

    Returns:
        ``{node: (x, y)}`` with linked nodes about ``NODE_SPACING`` pixels apart.

    Example:
        >>> pos = layout_positions(nx.path_graph(["a", "b", "c"]))
        >>> sorted(pos)
        ['a', 'b', 'c']
        >>> pos == layout_positions(nx.path_graph(["a", "b", "c"]))
        True
        >>> layout_positions(nx.empty_graph(["solo"]))
        {'solo': (0.0, 0.0)}
    """
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G.nodes)
    H.add_edges_from((str(u), str(v)) for u, v in G.edges() if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    placed = [_component(H.subgraph(c), c, seed=seed, iterations=iterations) for c in components]
    positions = _pack(placed)
    # whole pixels: vis-network keeps no more, and the page stays smaller
    return {v: (float(round(x * NODE_SPACING)), float(round(y * NODE_SPACING)))
            for v, (x, y) in sorted(positions.items())}


def _component(H: nx.Graph, nodes: list[str], *, seed: int, iterations: int) -> dict[str, Array]:
    """Lay out one connected component around (0, 0), in units."""
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    fans: dict[str, list[str]] = {}
    for v in nodes:
        if H.degree(v) == 1:
            (hub,) = H[v]
            if H.degree(hub) > 1:
                fans.setdefault(hub, []).append(v)
    leaves = {v for fan in fans.values() for v in fan}
    core = [v for v in nodes if v not in leaves]
    index = {v: i for i, v in enumerate(core)}
    links = [(index[u], index[v]) for u, v in H.edges(core) if u in index and v in index]
    edges = np.array(links, dtype=np.intp).reshape(-1, 2)
    mass = np.array([1.0 + len(fans.get(v, ())) for v in core])
    pos = _force_directed(edges, mass, seed=seed, iterations=iterations)
    pos -= pos.mean(axis=0)
    out = {v: pos[i] for v, i in index.items()}
    for hub, fan in fans.items():
        _fan_out(out, hub, fan)
    return out


def _fan_out(out: dict[str, Array], hub: str, fan: list[str]) -> None:
    """Place FAN's nodes on an arc around HUB, facing away from the centre."""
    centre = out[hub]
    radius = 0.45 + 0.2 * math.sqrt(len(fan))
    facing = math.atan2(float(centre[1]), float(centre[0])) if np.any(centre) else 0.0
    spread = min(2 * math.pi * (1 - 1 / max(len(fan), 2)), 0.8 + 0.4 * len(fan))
    for i, v in enumerate(fan):
        angle = facing + spread * ((i + 0.5) / len(fan) - 0.5)
        out[v] = centre + radius * np.array([math.cos(angle), math.sin(angle)])


def _sum_by(index: NDArray[np.intp], values: Array, n: int) -> Array:
    """Sum 2-D VALUES into N rows by INDEX (np.add.at, but much faster)."""
    return np.stack([np.bincount(index, values[:, 0], n), np.bincount(index, values[:, 1], n)], axis=1)


def _force_directed(edges: NDArray[np.intp], mass: Array, *, seed: int, iterations: int) -> Array:
    """Fruchterman–Reingold with mass-weighted repulsion; unit rest length."""
    n = len(mass)
    rng = np.random.default_rng(seed)
    side = math.sqrt(mass.sum())
    pos = rng.uniform(-side / 2, side / 2, (n, 2))
    src, dst = edges[:, 0], edges[:, 1]
    linked = np.zeros((n, n)) if n <= EXACT_LIMIT else None
    if linked is not None:
        linked[src, dst] = linked[dst, src] = 1.0
    start = side / 6
    for step in range(iterations):
        if linked is not None:
            disp = _forces_exact(pos, mass, linked)
        else:
            disp = _repulsion_grid(pos, mass)
            delta = pos[src] - pos[dst]
            pull = delta * np.sqrt(np.maximum((delta**2).sum(axis=1), 1e-8))[:, None]
            disp += _sum_by(dst, pull, n) - _sum_by(src, pull, n)
        disp -= 0.01 * pos  # weak gravity keeps loose nodes of a component close
        length = np.sqrt(np.maximum((disp**2).sum(axis=1), 1e-12))
        limit = start * (1 - step / iterations) + 0.01
        pos += disp * (np.minimum(length, limit) / length)[:, None]
    return pos


def _forces_exact(pos: Array, mass: Array, linked: Array) -> Array:
    """Every pair repels (mass / distance); linked pairs attract (distance squared)."""
    delta = pos[:, None, :] - pos[None, :, :]
    d2 = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-4)
    weight = mass[None, :] / d2 - linked * np.sqrt(d2)
    np.fill_diagonal(weight, 0.0)
    return np.einsum("ijk,ij->ik", delta, weight)


def _repulsion_grid(pos: Array, mass: Array) -> Array:
    """Far field from grid cells' centres of mass, near field (< 2 units) exact."""
    n = len(pos)
    low = pos.min(axis=0)
    size = float((pos.max(axis=0) - low).max()) / _GRID + 1e-9
    cell_xy = np.minimum(((pos - low) / size).astype(np.intp), _GRID - 1)
    cell = cell_xy[:, 0] * _GRID + cell_xy[:, 1]
    cell_mass = np.bincount(cell, mass, _GRID * _GRID)
    live = np.flatnonzero(cell_mass)
    centres = _sum_by(cell, pos * mass[:, None], _GRID * _GRID)[live] / cell_mass[live, None]
    delta = centres[:, None, :] - centres[None, :, :]
    d2 = np.einsum("ijk,ijk->ij", delta, delta) + size * size  # softened: no blow-up inside a cell
    np.fill_diagonal(d2, np.inf)
    field = np.einsum("ijk,ij->ik", delta, cell_mass[live][None, :] / d2)
    slot = np.zeros(_GRID * _GRID, dtype=np.intp)
    slot[live] = np.arange(len(live))
    disp = field[slot[cell]]
    pairs = cKDTree(pos).query_pairs(2.0, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    delta = pos[i] - pos[j]
    push = delta / np.maximum((delta**2).sum(axis=1), 1e-4)[:, None]
    return disp + _sum_by(i, push * mass[j, None], n) - _sum_by(j, push * mass[i, None], n)


def _pack(placed: list[dict[str, Array]]) -> dict[str, Array]:
    """Pack laid-out components in rows (largest first) into a roughly square block."""
    if not placed:
        return {}
    boxes = []
    for part in placed:
        xy = np.array(list(part.values()))
        low, high = xy.min(axis=0), xy.max(axis=0)
        boxes.append((low, high - low + _GAP))
    width = max(math.sqrt(sum(float(s[0] * s[1]) for _, s in boxes)) * 1.2, float(boxes[0][1][0]))
    out: dict[str, Array] = {}
    x = y = row = 0.0
    for part, (low, size) in zip(placed, boxes, strict=True):
        if x > 0 and x + size[0] > width:
            x, y, row = 0.0, y + row, 0.0
        offset = np.array([x, y]) - low
        for v, p in part.items():
            out[v] = p + offset
        x, row = x + float(size[0]), max(row, float(size[1]))
    centre = (np.array(list(out.values())).min(axis=0) + np.array(list(out.values())).max(axis=0)) / 2
    return {v: p - centre for v, p in out.items()}

