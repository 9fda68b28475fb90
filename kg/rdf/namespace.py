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

    # classes
    Paper: URIRef  # a paper: title + abstract (schema:ScholarlyArticle)
    Entity: URIRef  # anything a paper names; one of the five types below
    Architecture: URIRef  # GUIDELINES "Architecture"
    Method: URIRef  # GUIDELINES "Method"
    Dataset: URIRef  # GUIDELINES "Dataset"
    Metric: URIRef  # GUIDELINES "Metric"
    Task: URIRef  # GUIDELINES "Task"
    Extraction: URIRef  # something read at one place of a paper's text (prov:Entity)
    Mention: URIRef  # evidence for one kg:mentions triple
    Statement: URIRef  # evidence for one kg:proposes / kg:evaluatedOn triple (rdf:Statement)
    Result: URIRef  # a stated number (n-ary record)

    # relations between papers and entities
    mentions: URIRef  # paper names entity
    proposes: URIRef  # paper introduces entity
    evaluatedOn: URIRef  # architecture/method trained or tested on dataset
    reports: URIRef  # paper states result
    concept: URIRef  # entity's SKOS concept
    paperCount: URIRef  # number of papers mentioning the entity
    entityType: URIRef  # on a concept: the class of its instances

    # the parts of a result
    subject: URIRef  # result's architecture or method
    metric: URIRef  # result's metric
    dataset: URIRef  # result's dataset
    value: URIRef  # result's number, xsd:decimal
    unit: URIRef  # result's unit: "%", "x", "fps", ...
    valueText: URIRef  # result's value as written: "76.5%"

    # provenance of an extraction
    inPaper: URIRef  # the paper it was read from (sub-property of prov:wasDerivedFrom)
    ofEntity: URIRef  # the entity a mention names
    sentence: URIRef  # sentence index in the paper's text, from 0
    start: URIRef  # offset of the first character
    end: URIRef  # offset after the last character
    text: URIRef  # the characters from start to end
    rule: URIRef  # the extractor rule that found it
    confidence: URIRef  # the rule's weight, 0..1, xsd:decimal
    mentionCount: URIRef  # how many times the paper names the entity


#: Prefixes the exports bind (Turtle, RDF/XML) and the JSON-LD ``@context`` declares.
PREFIXES = {
    "kg": KG._NS,
    "kgd": DATA,
    "kgc": CONCEPTS,
    "dcterms": Namespace("http://purl.org/dc/terms/"),
    "prov": Namespace("http://www.w3.org/ns/prov#"),
    "rdf": Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    "rdfs": Namespace("http://www.w3.org/2000/01/rdf-schema#"),
    "schema": Namespace("https://schema.org/"),
    "skos": Namespace("http://www.w3.org/2004/02/skos/core#"),
    "xsd": Namespace("http://www.w3.org/2001/XMLSchema#"),
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


