"""IRIs: the closed ontology namespace KG, the data namespace, and where ontology/ lives."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace



__all__ = ["CONCEPTS", "DATA", "KG", "PREFIXES", "concept_iri", "entity_iri", "ontology_path"]

DATA = Namespace("https://w3id.org/kg-ml/id/")
CONCEPTS = Namespace("https://w3id.org/kg-ml/concept/")


class KG(DefinedNamespace):
    """The kg ontology: classes and properties declared in ontology/kg.ttl."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-ml/ontology#")

    Paper: URIRef  # a paper: title + abstract
    Entity: URIRef  # anything a paper names
    Architecture: URIRef  # GUIDELINES "Architecture"
    Method: URIRef  # GUIDELINES "Method"
    Dataset: URIRef  # GUIDELINES "Dataset"
    Metric: URIRef  # GUIDELINES "Metric"
    Task: URIRef  # GUIDELINES "Task"
    Result: URIRef  # a stated number (n-ary)
    mentions: URIRef  # paper names entity
    proposes: URIRef  # paper introduces entity
    evaluatedOn: URIRef  # architecture/method trained or tested on dataset
    reports: URIRef  # paper states result
    subject: URIRef  # result's architecture or method
    metric: URIRef  # result's metric
    dataset: URIRef  # result's dataset
    value: URIRef  # result's value as written
    concept: URIRef  # entity's SKOS concept
    paperCount: URIRef  # number of papers mentioning the entity
    entityType: URIRef  # on a concept: the class of its instances


PREFIXES = {
    "kg": KG._NS,
    "kgd": DATA,
    "kgc": CONCEPTS,
}


def ontology_path(name: str = "kg.ttl") -> Path:
    """Return the path of a file of ``ontology/`` (the one place that knows where it is)."""
    return Path(__file__).resolve().parents[2] / "ontology" / name


def entity_iri(node: str, base: Namespace = DATA) -> URIRef:
    """Mint the IRI of a graph node from its id: same node, same IRI, every run.

    Example:
        >>> str(entity_iri("architecture:resnet-50"))
        'https://w3id.org/kg-ml/id/architecture/resnet-50'
        >>> str(entity_iri("paper:1512.03385"))
        'https://w3id.org/kg-ml/id/paper/1512.03385'
    """
    kind, _, rest = node.partition(":")
    return base["/".join(quote(part, safe="-._~") for part in (kind, *rest.split(":")))]


def concept_iri(concept_id: str) -> URIRef:
    """Return the IRI of a lexicon concept.

    Example:
        >>> str(concept_iri("dataset/cifar-10"))
        'https://w3id.org/kg-ml/concept/dataset/cifar-10'
    """
    return CONCEPTS[concept_id]


