"""RDF: the kg graph and concept scheme as rdflib Graphs. The only layer importing rdflib."""

from __future__ import annotations

from kg.rdf.export import (
    RDF_FORMATS, RDF_SUFFIXES, RdfFormat, split_value, to_concepts_rdf, to_rdf, to_triples, write_ntriples, write_rdf,
)
from kg.rdf.namespace import KG, ontology_path

__all__ = [
    "KG", "RDF_FORMATS", "RDF_SUFFIXES", "RdfFormat", "ontology_path", "split_value", "to_concepts_rdf", "to_rdf",
    "to_triples", "write_ntriples", "write_rdf",
]
