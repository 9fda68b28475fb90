"""Plain records that cross layer boundaries: papers, mentions, entities, relations.

Nothing here does I/O; every record is a frozen dataclass so stages cannot change
what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Concept",
    "Entity",
    "EntityType",
    "Mention",
    "Paper",
    "PaperExtraction",
    "Provenance",
    "Relation",
    "RelationType",
    "Result",
]


class EntityType(StrEnum):
    """The five entity types of GUIDELINES.md."""

    ARCHITECTURE = "Architecture"
    METHOD = "Method"
    DATASET = "Dataset"
    METRIC = "Metric"
    TASK = "Task"


class RelationType(StrEnum):
    """Relations between papers and entities, and between entities."""

    MENTIONS = "mentions"
    PROPOSES = "proposes"
    EVALUATED_ON = "evaluated_on"


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper: title and abstract, with what the source says about it.

    ``id`` is the arXiv id when the source gives one, else ``t`` + a hash of the
    normalised title (see :func:`kg.ingest.records.paper_id`).
    """

    id: str
    title: str
    abstract: str
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    source: str = ""

    @property
    def text(self) -> str:
        """Return the text the extractor reads: title, a blank line, the abstract."""
        return f"{self.title}\n\n{self.abstract}"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a statement comes from: the paper, the sentence and the characters."""

    paper_id: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a paper's text.

    ``concept`` is the lexicon concept id when the lexicon matched it; ``rule``
    names the component that found it; ``key`` groups mentions of one entity
    within the paper (abbreviations share their long form's key).
    """

    text: str
    type: EntityType
    provenance: Provenance
    rule: str = "lexicon"
    concept: str | None = None
    key: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation between two entity names within one paper."""

    type: RelationType
    subject: str
    object: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Result:
    """A stated number: subject, metric, value and, when given, the dataset."""

    subject: str | None
    metric: str
    value: str
    dataset: str | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity of a paper after resolution: a canonical name and its forms.

    Example:
        >>> e = Entity(EntityType.DATASET, "CIFAR-10", ("CIFAR-10", "CIFAR10"))
        >>> e.name
        'CIFAR-10'
    """

    type: EntityType
    name: str
    mentions: tuple[str, ...]
    concept: str | None = None
    proposed: bool = False


@dataclass(frozen=True, slots=True)
class PaperExtraction:
    """Everything the extractor found in one paper."""

    paper: Paper
    mentions: tuple[Mention, ...]
    proposes: tuple[Relation, ...] = ()
    evaluated_on: tuple[Relation, ...] = ()
    results: tuple[Result, ...] = ()
    sentences: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Concept:
    """A lexicon concept (one SKOS concept of ``ontology/concepts.ttl``)."""

    id: str
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    note: str | None = None
