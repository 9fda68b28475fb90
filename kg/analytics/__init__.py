"""Analytics: networkx-style functions over the kg graph.

Each function takes the graph first, never changes it, and returns plain data sorted
so that ties are broken by node id. The report (``kg analyze``) lives in
:mod:`kg.analytics.report`, which is imported on its own because it loads matplotlib.
"""

from __future__ import annotations

from kg.analytics.communities import Community, entity_communities
from kg.analytics.cooccurrence import COOCCURRENCE_PAIRS, CooccurrenceMatrix, cooccurrence, cooccurrence_matrix
from kg.analytics.gaps import GAP_PAIRS, Evidence, Gap, find_gaps
from kg.analytics.guards import UnsupportedGraph, check_kg_graph, requires_kg_graph
from kg.analytics.paths import connecting_path
from kg.analytics.projection import ENTITY_TYPES, entity_papers, paper_entities, to_bipartite, to_entity_projection
from kg.analytics.rankings import top_by_degree, top_by_pagerank, top_entities
from kg.analytics.similar import SimilarPaper, similar_papers
from kg.analytics.trends import entity_trends, papers_per_year

__all__ = [
    "COOCCURRENCE_PAIRS", "ENTITY_TYPES", "GAP_PAIRS", "Community", "CooccurrenceMatrix", "Evidence", "Gap",
    "SimilarPaper", "UnsupportedGraph", "check_kg_graph", "connecting_path", "cooccurrence",
    "cooccurrence_matrix", "entity_communities", "entity_papers", "entity_trends", "find_gaps",
    "paper_entities", "papers_per_year", "requires_kg_graph", "similar_papers", "to_bipartite",
    "to_entity_projection", "top_by_degree", "top_by_pagerank", "top_entities",
]
