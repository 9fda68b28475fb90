"""Export the networkx graph, and the lexicon's concept scheme, as RDF (rdflib).

IRIs are minted from node ids (see :func:`~kg.rdf.namespace.entity_iri`); there
are no blank nodes, so two exports of one graph are equal triple for triple.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal as TypingLiteral

import networkx as nx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.errors import ExportError
from kg.graph.schema import ALIASES, CONCEPT, DATE, LABEL, PAPER, PAPERS, RESULT, TYPE
from kg.model import Concept
from kg.rdf.namespace import CONCEPTS, DATA, KG, PREFIXES, concept_iri, entity_iri

__all__ = ["RdfFormat", "to_concepts_rdf", "to_rdf", "write_rdf"]

RdfFormat = TypingLiteral["turtle", "nt", "xml", "json-ld"]
SCHEMA = Namespace("https://schema.org/")
_PROPERTY = {
    "mentions": KG.mentions, "proposes": KG.proposes, "evaluated_on": KG.evaluatedOn,
    "reports": KG.reports, "subject": KG.subject, "metric": KG.metric, "dataset": KG.dataset,
}


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("schema", SCHEMA)
    return g


def _date(value: str) -> Literal:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def to_rdf(G: nx.MultiDiGraph, *, base: str | None = None) -> Graph:
    """Convert the kg graph into an rdflib Graph using the kg ontology.

    Args:
        G: a graph from :func:`kg.graph.build_graph`.
        base: the data namespace (default ``https://w3id.org/kg-ml/id/``).
    """
    data = Namespace(base) if base else DATA
    g = _bind(Graph())
    if base:
        g.bind("kgd", data, replace=True)
    iri = {node: entity_iri(node, data) for node in G.nodes}
    for node, attrs in G.nodes(data=True):
        subject = iri[node]
        kind = attrs.get(TYPE)
        if kind == PAPER:
            g.add((subject, RDF.type, KG.Paper))
            g.add((subject, DCTERMS.title, Literal(attrs.get(LABEL, ""))))
            if attrs.get("abstract"):
                g.add((subject, DCTERMS.abstract, Literal(attrs["abstract"])))
            if attrs.get(DATE):
                g.add((subject, DCTERMS.issued, _date(attrs[DATE])))
            if attrs.get("url"):
                g.add((subject, SCHEMA.url, Literal(attrs["url"], datatype=XSD.anyURI)))
        elif kind == RESULT:
            g.add((subject, RDF.type, KG.Result))
            g.add((subject, KG.value, Literal(attrs.get("value", ""))))
        else:
            g.add((subject, RDF.type, KG[kind]))
            g.add((subject, RDFS.label, Literal(attrs.get(LABEL, ""))))
            for alias in attrs.get(ALIASES, ()):
                g.add((subject, SKOS.altLabel, Literal(alias)))
            if attrs.get(CONCEPT):
                g.add((subject, KG.concept, concept_iri(attrs[CONCEPT])))
            if PAPERS in attrs:
                g.add((subject, KG.paperCount, Literal(int(attrs[PAPERS]))))
    for u, v, attrs in G.edges(data=True):
        prop = _PROPERTY.get(attrs.get("relation", ""))
        if prop is not None:
            g.add((iri[u], prop, iri[v]))
    return g


def to_concepts_rdf(concepts: Iterable[Concept]) -> Graph:
    """Render lexicon concepts as a SKOS concept scheme (``ontology/concepts.ttl``)."""
    g = _bind(Graph())
    scheme = URIRef(str(CONCEPTS).rstrip("/"))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDFS.label, Literal("kg concepts of machine learning", lang="en")))
    g.add((scheme, OWL.imports, URIRef("https://w3id.org/kg-ml/ontology")))
    for concept in concepts:
        c = concept_iri(concept.id)
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.inScheme, scheme))
        g.add((c, SKOS.prefLabel, Literal(concept.label, lang="en")))
        g.add((c, KG.entityType, KG[concept.type.value]))
        for alias in concept.aliases:
            g.add((c, SKOS.altLabel, Literal(alias, lang="en")))
        for broader in concept.broader:
            g.add((c, SKOS.broader, concept_iri(broader)))
        if concept.note:
            g.add((c, SKOS.scopeNote, Literal(concept.note, lang="en")))
    return g


def write_rdf(g: Graph, path: Path, *, fmt: RdfFormat = "turtle") -> Path:
    """Serialise an rdflib Graph to PATH and return PATH.

    Raises:
        ExportError: when the file cannot be written.
    """
    try:
        g.serialize(destination=path, format=fmt, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from exc
    return path
