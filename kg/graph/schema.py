"""The graph's vocabulary: node-id scheme and attribute names.

Node ids are strings with a type prefix: ``paper:1512.03385``,
``architecture:resnet-50``, ``result:1512.03385:top-1-accuracy:3``. Every edge
carries provenance: ``paper``, ``sentence``, ``start``, ``end``.
"""

from __future__ import annotations

from kg.keys import singular, slugify
from kg.model import Entity, EntityType

__all__ = [
    "ALIASES", "CONCEPT", "DATE", "LABEL", "PAPER", "PAPERS", "RELATION", "RESULT",
    "TYPE", "entity_node", "paper_node",
]

TYPE = "type"  # "Paper", "Result", or an EntityType value
LABEL = "label"  # display name: the paper's title or the entity's canonical name
ALIASES = "aliases"  # tuple of surface forms seen in the papers
CONCEPT = "concept"  # lexicon concept id, or "" for entities the lexicon does not know
DATE = "date"
PAPERS = "papers"  # number of distinct papers that mention the entity
RELATION = "relation"  # edge attribute; also the edge key
PAPER = "Paper"
RESULT = "Result"


def paper_node(paper_id: str) -> str:
    """Return the node id of a paper.

    Example:
        >>> paper_node("1512.03385")
        'paper:1512.03385'
    """
    return f"paper:{paper_id}"


def entity_node(entity: Entity) -> str:
    """Return the node id of an entity: its concept when known, else its name.

    Example:
        >>> entity_node(Entity(EntityType.ARCHITECTURE, "Graph Neural Networks", ()))
        'architecture:graph-neural-network'
        >>> entity_node(Entity(EntityType.DATASET, "CIFAR-10", (), concept="dataset/cifar-10"))
        'dataset:cifar-10'
    """
    if entity.concept:
        kind, _, slug = entity.concept.partition("/")
        return f"{kind}:{slug}"
    return f"{entity.type.value.lower()}:{slugify(singular(entity.name))}"


