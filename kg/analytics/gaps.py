"""Gaps: pairs of entities no paper connects yet, scored by link prediction.

The entity projection joins two entities when some paper mentions both. A gap is a
pair of a SOURCE_TYPE and a TARGET_TYPE entity (a method and a dataset, an
architecture and a task) that no paper mentions together but that share neighbours
in that projection; link prediction (Adamic–Adar or Jaccard, from networkx) scores
how strongly the shared neighbours suggest the pair. Each gap comes with its
evidence paths: source —paper— shared entity —paper— target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
from scipy import sparse

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import check_entity_type, invert, paper_entities
from kg.graph.schema import TYPE

__all__ = ["GAP_PAIRS", "Evidence", "Gap", "find_gaps"]

#: The pairs of types whose gaps the report lists: untried method–dataset and architecture–task pairs.
GAP_PAIRS = (("Method", "Dataset"), ("Architecture", "Task"))

Score = Literal["adamic_adar", "jaccard"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One path source —paper— VIA —paper— target behind a gap.

    Attributes:
        via: The entity that both ends co-occur with.
        source_papers: Papers mentioning the source and VIA, in id order.
        target_papers: Papers mentioning VIA and the target, in id order.
    """

    via: str
    source_papers: tuple[str, ...]
    target_papers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    """A pair of entities with no paper yet, its link-prediction score and evidence."""

    source: str
    target: str
    score: float
    evidence: tuple[Evidence, ...]


@requires_kg_graph
def find_gaps(
    G: nx.MultiDiGraph, source_type: str, target_type: str, *, n: int | None = 10,
    score: Score = "adamic_adar", evidence: int = 3,
) -> list[Gap]:
    """Find SOURCE_TYPE–TARGET_TYPE pairs that no paper mentions together but link prediction expects.

    Candidates are the pairs at distance two in the entity projection (they share at
    least one co-occurring entity, and no paper mentions both). ``adamic_adar`` sums
    1/log(degree) over the shared entities, so a rare shared entity counts more than
    a hub; ``jaccard`` is the shared fraction of their neighbours. The scores are
    networkx's ``adamic_adar_index`` and ``jaccard_coefficient`` on
    :func:`~kg.analytics.projection.to_entity_projection`, computed for all pairs at
    once as sparse matrix products (scipy), which keeps large graphs tractable.

    Args:
        G: A kg graph.
        source_type: Entity type of the first member ("Method").
        target_type: Entity type of the second member ("Dataset").
        n: How many gaps to return; None for all.
        score: ``"adamic_adar"`` or ``"jaccard"``.
        evidence: How many evidence paths per gap (rarest shared entities first).

    Returns:
        Gaps, highest score first, ties by source then target id. When the two types
        are the same, each unordered pair appears once, smaller id first.

    Example:
        Paper 1 mentions Adam, MNIST and classification; paper 2 mentions SGD and
        classification. SGD and MNIST share one neighbour, classification, whose
        projection degree is 3 (Adam, MNIST, SGD): score 1/ln 3.

        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_nodes_from(["method:adam", "method:sgd"], type="Method")
        >>> G.add_node("dataset:mnist", type="Dataset")
        >>> G.add_node("task:classification", type="Task")
        >>> G.add_edges_from([("paper:1", e, "mentions") for e in ("method:adam", "dataset:mnist", "task:classification")])
        ['mentions', 'mentions', 'mentions']
        >>> G.add_edges_from([("paper:2", e, "mentions") for e in ("method:sgd", "task:classification")])
        ['mentions', 'mentions']
        >>> [gap] = find_gaps(G, "Method", "Dataset")
        >>> gap.source, gap.target, round(gap.score, 4)
        ('method:sgd', 'dataset:mnist', 0.9102)
        >>> gap.evidence
        (Evidence(via='task:classification', source_papers=('paper:2',), target_papers=('paper:1',)),)
    """
    check_entity_type(source_type)
    check_entity_type(target_type)
    if score not in ("adamic_adar", "jaccard"):
        raise ValueError(f"unknown score {score!r} (adamic_adar or jaccard)")
    mentions = paper_entities(G)
    papers = invert(G, mentions)
    entities = list(papers)  # id order, so matrix indices sort like ids
    adjacency = _projection_matrix(mentions, entities)
    degree = np.diff(adjacency.indptr)
    kind = [G.nodes[e][TYPE] for e in entities]
    sources = np.array([i for i, k in enumerate(kind) if k == source_type], dtype=np.int64)
    targets = np.array([i for i, k in enumerate(kind) if k == target_type], dtype=np.int64)
    if not len(sources) or not len(targets):
        return []
    cols = adjacency[:, targets].tocsc()
    weight = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)  # Adamic–Adar: 1/ln deg(w)
    found = [_score_block(adjacency, cols, degree, weight, block, targets, score=score, n=n,
                          same_type=source_type == target_type)
             for block in np.array_split(sources, max(1, len(sources) * len(targets) // _BLOCK_PAIRS))]
    u = np.concatenate([f[0] for f in found])
    v = np.concatenate([f[1] for f in found])
    values = np.concatenate([f[2] for f in found])
    order = np.lexsort((v, u, -np.round(values, 12)))  # score, then source id, then target id
    if n is not None:
        order = order[:n]
    gaps = []
    for i in order:
        a, b = int(u[i]), int(v[i])
        shared_nodes = set(_neighbours(adjacency, a)) & set(_neighbours(adjacency, b))
        via = sorted(shared_nodes, key=lambda w: (degree[w], w))[:evidence]
        paths = tuple(Evidence(entities[w], tuple(sorted(papers[entities[a]] & papers[entities[w]])),
                               tuple(sorted(papers[entities[w]] & papers[entities[b]]))) for w in via)
        gaps.append(Gap(entities[a], entities[b], float(values[i]), paths))
    return gaps


#: Pairs scored at once: bounds the memory of find_gaps (about 40 bytes a pair) on large graphs.
_BLOCK_PAIRS = 20_000_000


def _score_block(
    adjacency: sparse.csr_array, cols: sparse.csc_array, degree: np.ndarray, weight: np.ndarray,
    sources: np.ndarray, targets: np.ndarray, *, score: Score, n: int | None, same_type: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score the pairs of SOURCES × TARGETS; return the n best (with their ties) as (u, v, score)."""
    rows = adjacency[sources]
    if score == "adamic_adar":
        product = (rows @ sparse.diags_array(weight) @ cols).tocsr()
    else:
        product = (rows @ cols).tocsr()  # shared neighbours |N(u) ∩ N(v)|
    # drop the pairs a paper already joins
    product = (product - product.multiply(rows[:, targets])).tocoo()
    product.eliminate_zeros()
    u, v = sources[product.row], targets[product.col]
    values = product.data
    if score == "jaccard":
        values = values / (degree[u] + degree[v] - values)  # |N(u) ∩ N(v)| / |N(u) ∪ N(v)|
    keep = (values > 0) & ((u < v) if same_type else (u != v))
    u, v, values = u[keep], v[keep], values[keep]
    key = np.round(values, 12)
    if n is not None and len(key) > n:  # the n best and their ties are all the caller can need
        best = key >= np.partition(key, len(key) - n)[len(key) - n]
        u, v, values = u[best], v[best], values[best]
    return u, v, values


def _projection_matrix(mentions: dict[str, frozenset[str]], entities: list[str]) -> sparse.csr_array:
    """Return the 0/1 adjacency of the entity projection, rows and columns in ENTITIES order.

    Built as BᵀB from the paper × entity incidence matrix B (scipy), which is what
    :func:`kg.analytics.projection.to_entity_projection` builds as a networkx graph,
    without a Python object per edge.
    """
    index = {e: i for i, e in enumerate(entities)}
    rows = [r for r, es in enumerate(mentions.values()) for _ in es]
    cols = [index[e] for es in mentions.values() for e in es]
    incidence = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(mentions), len(entities)))
    adjacency = (incidence.T @ incidence).tocsr()
    adjacency.setdiag(0)
    adjacency.eliminate_zeros()
    adjacency.data[:] = 1.0
    adjacency.sort_indices()
    return adjacency


def _neighbours(adjacency: sparse.csr_array, i: int) -> np.ndarray:
    return adjacency.indices[adjacency.indptr[i]:adjacency.indptr[i + 1]]
