"""The committed SKOS scheme is generated from the lexicon and matches it."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from kg.concepts import read_concepts
from kg.rdf import ontology_path, to_concepts_rdf
from kg.rdf.namespace import KG


@pytest.fixture(scope="module")
def committed() -> Graph:
    return Graph().parse(ontology_path("concepts.ttl"))


def test_concepts_ttl_is_current(committed):
    # no blank nodes, so graph equality is set equality of triples
    assert set(to_concepts_rdf(read_concepts())) == set(committed), (
        "ontology/concepts.ttl is stale: run `kg ontology -o ontology/concepts.ttl`"
    )


def test_concepts_ttl_has_every_concept_with_label_and_type(committed):
    concepts = list(committed.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(read_concepts())
    assert len(concepts) >= 600  # issue 2's floor for the scheme at this stage
    for concept in concepts:
        assert committed.value(concept, SKOS.prefLabel) is not None
        assert committed.value(concept, KG.entityType) is not None


@pytest.mark.parametrize("kind", ["Architecture", "Method", "Dataset", "Metric", "Task"])
def test_concepts_ttl_covers_each_type(committed, kind):
    assert any(committed.subjects(KG.entityType, KG[kind]))
