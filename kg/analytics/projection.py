"""The paper–entity view of the kg graph that every analysis starts from.

A paper *mentions* an entity when there is a ``mentions`` or ``proposes`` edge from
the paper node to the entity node (``kg build`` adds one ``mentions`` edge per paper
and entity). Result nodes and entity–entity edges are left out of this view.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.graph.schema import PAPER, RELATION, TYPE
from kg.model import EntityType

__all__ = [
    "ENTITY_TYPES", "MENTION_RELATIONS", "check_entity_type", "entity_papers", "invert",
    "paper_entities", "to_bipartite", "to_entity_projection",
]

#: Node types that are entities, in the GUIDELINES order.
ENTITY_TYPES = tuple(t.value for t in EntityType)
#: Edge relations that make a paper mention an entity.
MENTION_RELATIONS = frozenset({"mentions", "proposes"})


def check_entity_type(kind: str | None) -> None:
    """Raise ValueError unless KIND is None or one of ENTITY_TYPES.

    Example:
        >>> check_entity_type("Model")
        Traceback (most recent call last):
        ...
        ValueError: unknown entity type 'Model' (one of Architecture, Method, Dataset, Metric, Task)
    """
    if kind is not None and kind not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {kind!r} (one of {', '.join(ENTITY_TYPES)})")


@requires_kg_graph
def paper_entities(G: nx.MultiDiGraph, kind: str | None = None) -> dict[str, frozenset[str]]:
    """Map every paper to the entities it mentions (of one type when KIND is given).

    Args:
        G: A kg graph.
        kind: An entity type ("Method", …); None for every type.

    Returns:
        ``{paper node: frozenset of entity nodes}`` for every paper, in node-id order;
        a paper that mentions nothing maps to an empty set.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_node("dataset:mnist", type="Dataset")
        >>> G.add_edge("paper:1", "method:adam", key="mentions", relation="mentions")
        'mentions'
        >>> G.add_edge("paper:1", "dataset:mnist", key="mentions", relation="mentions")
        'mentions'
        >>> {p: sorted(es) for p, es in paper_entities(G).items()}
        {'paper:1': ['dataset:mnist', 'method:adam'], 'paper:2': []}
        >>> {p: sorted(es) for p, es in paper_entities(G, "Method").items()}
        {'paper:1': ['method:adam'], 'paper:2': []}
    """
    check_entity_type(kind)
    wanted = {kind} if kind else set(ENTITY_TYPES)
    types = dict(G.nodes(data=TYPE))
    papers = sorted(n for n, t in types.items() if t == PAPER)
    found: dict[str, set[str]] = {paper: set() for paper in papers}
    for paper, entity, key, relation in G.out_edges(papers, keys=True, data=RELATION):
        if types[entity] in wanted and (relation or key) in MENTION_RELATIONS:
            found[paper].add(entity)
    return {paper: frozenset(entities) for paper, entities in found.items()}


@requires_kg_graph
def entity_papers(G: nx.MultiDiGraph, kind: str | None = None) -> dict[str, frozenset[str]]:
    """Map every entity (of one type when KIND is given) to the papers that mention it.

    Returns:
        ``{entity node: frozenset of paper nodes}`` in node-id order, including
        entities that no paper mentions (empty set).

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:2", "method:adam", "proposes")])
        ['mentions', 'proposes']
        >>> {e: sorted(ps) for e, ps in entity_papers(G).items()}
        {'method:adam': ['paper:1', 'paper:2']}
    """
    check_entity_type(kind)
    return invert(G, paper_entities(G), kind)


def invert(G: nx.MultiDiGraph, mentions: dict[str, frozenset[str]], kind: str | None = None) -> dict[str, frozenset[str]]:
    """Turn ``paper_entities(G)`` into ``entity_papers(G, kind)`` without walking G's edges again."""
    found: dict[str, set[str]] = defaultdict(set)
    for paper, entities in mentions.items():
        for entity in entities:
            found[entity].add(paper)
    return {
        node: frozenset(found.get(node, ()))
        for node in sorted(n for n, t in G.nodes(data=TYPE) if (t == kind if kind else t in ENTITY_TYPES))
    }


@requires_kg_graph
def to_bipartite(G: nx.MultiDiGraph) -> nx.Graph:
    """Return the undirected paper–entity graph: one edge per paper and entity it mentions.

    Nodes keep their ``type``; papers and entities with no mention edge are left out.
    Nodes and edges are inserted in node-id order, so traversals are deterministic.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_node("result:1:acc:0", type="Result")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:1", "method:adam", "proposes"),
        ...                   ("paper:1", "result:1:acc:0", "reports")])
        ['mentions', 'proposes', 'reports']
        >>> sorted(to_bipartite(G).edges)
        [('method:adam', 'paper:1')]
    """
    H = nx.Graph()
    pairs = sorted((paper, entity) for paper, entities in paper_entities(G).items() for entity in entities)
    for node in sorted({n for pair in pairs for n in pair}):
        H.add_node(node, **{TYPE: G.nodes[node][TYPE]})
    H.add_edges_from(pairs)
    return H


@requires_kg_graph
def to_entity_projection(G: nx.MultiDiGraph) -> nx.Graph:
    """Return the entity co-occurrence graph: entities joined when a paper mentions both.

    This is the projection of the paper–entity bipartite graph onto its entities;
    the edge attribute ``papers`` counts the papers that mention both ends.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2"], type="Paper")
        >>> G.add_node("method:adam", type="Method")
        >>> G.add_nodes_from(["dataset:mnist", "dataset:svhn"], type="Dataset")
        >>> G.add_edges_from([("paper:1", "method:adam", "mentions"), ("paper:1", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "method:adam", "mentions"), ("paper:2", "dataset:mnist", "mentions"),
        ...                   ("paper:2", "dataset:svhn", "mentions")])
        ['mentions', 'mentions', 'mentions', 'mentions', 'mentions']
        >>> sorted(to_entity_projection(G).edges(data="papers"))
        [('dataset:mnist', 'dataset:svhn', 1), ('dataset:mnist', 'method:adam', 2), ('dataset:svhn', 'method:adam', 1)]
    """
    weights: dict[tuple[str, str], int] = defaultdict(int)
    entities: set[str] = set()
    for found in paper_entities(G).values():
        ordered = sorted(found)
        entities.update(ordered)
        for i, u in enumerate(ordered):
            for v in ordered[i + 1:]:
                weights[(u, v)] += 1
    H = nx.Graph()
    for node in sorted(entities):
        H.add_node(node, **{TYPE: G.nodes[node][TYPE]})
    H.add_edges_from((u, v, {"papers": w}) for (u, v), w in sorted(weights.items()))
    return H
