"""ontology/kg.ttl and the closed namespace KG that mirrors it."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf import KG, ontology_path, to_rdf

KG_NS = str(KG._NS)
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TERMS = sorted(KG.__annotations__)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _declared(ontology: Graph) -> set[str]:
    return {str(s)[len(KG_NS):] for s in ontology.subjects() if str(s).startswith(KG_NS)}


def test_kg_namespace_is_exactly_the_ontology_terms(ontology):
    assert _declared(ontology) == set(KG.__annotations__)


def test_kg_namespace_is_closed():
    with pytest.raises(AttributeError):
        KG.evaluatedon  # noqa: B018 - a misspelt term must fail at once


def test_ontology_has_no_blank_nodes(ontology):
    assert not [t for t in ontology if any(isinstance(term, BNode) for term in t)]


def test_ontology_term_count():
    # 11 classes (Paper, Entity, the 5 entity types, Extraction, Mention, Statement,
    # Result) + 7 relations and entity properties (mentions, proposes, evaluatedOn,
    # reports, concept, paperCount, entityType) + 6 result parts (subject, metric,
    # dataset, value, unit, valueText) + 9 provenance properties (inPaper, ofEntity,
    # sentence, start, end, text, rule, confidence, mentionCount) = 33
    assert len(TERMS) == 33


@pytest.mark.parametrize("term", TERMS)
def test_every_term_has_an_english_label_and_comment(ontology, term):
    for prop in (RDFS.label, RDFS.comment):
        values = list(ontology.objects(KG[term], prop))
        assert len(values) == 1 and values[0].language == "en", (term, prop)
        assert str(values[0]).strip()


@pytest.mark.parametrize("term", TERMS)
def test_every_term_is_typed_by_its_case(ontology, term):
    # STYLE 14: classes in UpperCamel, properties in lowerCamel
    types = set(ontology.objects(KG[term], RDF.type)) - {OWL.FunctionalProperty}
    if term[0].isupper():
        assert types == {OWL.Class}
    else:
        assert types in ({OWL.ObjectProperty}, {OWL.DatatypeProperty})


@pytest.mark.parametrize(
    "triple",
    [
        (KG.Paper, RDFS.subClassOf, SCHEMA.ScholarlyArticle),
        (KG.Paper, RDFS.subClassOf, PROV.Entity),
        (KG.Dataset, RDFS.subClassOf, SCHEMA.Dataset),
        (KG.Extraction, RDFS.subClassOf, PROV.Entity),
        (KG.Mention, RDFS.subClassOf, KG.Extraction),
        (KG.Statement, RDFS.subClassOf, RDF.Statement),
        (KG.Result, RDFS.subClassOf, KG.Extraction),
        (KG.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
        (KG.proposes, RDFS.subPropertyOf, KG.mentions),
        (KG.inPaper, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.text, RDFS.subPropertyOf, PROV.value),
        (KG.value, RDFS.range, ns.XSD.decimal),
        (KG.confidence, RDFS.range, ns.XSD.decimal),
        (KG.concept, RDFS.range, ns.SKOS.Concept),
    ],
)
def test_ontology_aligns_with_standard_vocabularies(ontology, triple):
    assert triple in ontology


@pytest.mark.parametrize("kind", ["Architecture", "Method", "Dataset", "Metric", "Task"])
def test_entity_types_are_entities(ontology, kind):
    assert (KG[kind], RDFS.subClassOf, KG.Entity) in ontology


def test_export_uses_only_declared_kg_terms(ontology, paper_graph):
    used = {str(t)[len(KG_NS):] for triple in to_rdf(paper_graph) for t in triple
            if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    assert used <= _declared(ontology)
    # the fixture exercises every term but the concept scheme's kg:entityType and the
    # abstract classes Entity and Extraction
    assert _declared(ontology) - used == {"entityType", "Entity", "Extraction"}
