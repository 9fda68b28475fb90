"""RDF: the kg graph and concept scheme as rdflib Graphs. The only layer importing rdflib."""

from __future__ import annotations

from kg.rdf.export import RdfFormat, to_concepts_rdf, to_rdf, write_rdf
from kg.rdf.namespace import KG, ontology_path

__all__ = ["KG", "RdfFormat", "ontology_path", "to_concepts_rdf", "to_rdf", "write_rdf"]
