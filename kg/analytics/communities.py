"""Communities of papers and entities (Louvain), each labelled by its top entities."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import ENTITY_TYPES, entity_papers, to_bipartite
from kg.graph.schema import TYPE

__all__ = ["Community", "entity_communities"]


@dataclass(frozen=True, slots=True)
class Community:
    """One community of the paper–entity graph.

    Attributes:
        entities: Its entity nodes, most papers first (papers in the whole graph),
            ties by node id.
        papers: Its paper nodes, in id order.
        label: The first few of ``entities``: what the community is about.
    """

    entities: tuple[str, ...]
    papers: tuple[str, ...]
    label: tuple[str, ...]


@requires_kg_graph
def entity_communities(
    G: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0, top: int = 3,
) -> list[Community]:
    """Split papers and entities into communities with Louvain, each labelled by its top entities.

    Louvain (networkx's ``louvain_communities``) runs on the undirected paper–entity
    graph (one edge per paper and entity it mentions), so a community is a group of
    papers together with the entities they share. Papers and entities with no
    mention edge are left out. The graph is built in node-id order and SEED fixes
    Louvain's random order, so the same graph gives the same communities.

    Args:
        G: A kg graph.
        seed: Seed of Louvain's node order.
        resolution: Louvain's resolution; above 1 favours smaller communities.
        top: How many entities label each community.

    Returns:
        Communities, most entities first, then most papers, then by first entity id.

    Example:
        Two papers on Adam and MNIST, two on BERT and SQuAD, nothing in between:

        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from(["paper:1", "paper:2", "paper:3", "paper:4"], type="Paper")
        >>> G.add_nodes_from(["method:adam", "method:bert"], type="Method")
        >>> G.add_nodes_from(["dataset:mnist", "dataset:squad"], type="Dataset")
        >>> G.add_edges_from([(p, e, "mentions") for p in ("paper:1", "paper:2") for e in ("method:adam", "dataset:mnist")])
        ['mentions', 'mentions', 'mentions', 'mentions']
        >>> G.add_edges_from([(p, e, "mentions") for p in ("paper:3", "paper:4") for e in ("method:bert", "dataset:squad")])
        ['mentions', 'mentions', 'mentions', 'mentions']
        >>> [(c.label, c.papers) for c in entity_communities(G, top=1)]
        [(('dataset:mnist',), ('paper:1', 'paper:2')), (('dataset:squad',), ('paper:3', 'paper:4'))]
    """
    H = to_bipartite(G)
    if H.number_of_nodes() == 0:
        return []
    papers_of = {node: len(papers) for node, papers in entity_papers(G).items()}
    found = nx.community.louvain_communities(H, seed=seed, resolution=resolution)
    communities = []
    for members in found:
        entities = sorted((n for n in members if H.nodes[n][TYPE] in ENTITY_TYPES),
                          key=lambda n: (-papers_of[n], n))
        papers = sorted(n for n in members if H.nodes[n][TYPE] not in ENTITY_TYPES)
        communities.append(Community(tuple(entities), tuple(papers), tuple(entities[:top])))
    return sorted(communities, key=lambda c: (-len(c.entities), -len(c.papers), c.entities[:1]))
