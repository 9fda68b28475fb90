"""RDF export of the kg graph and of the concept scheme (rdflib)."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib import namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.errors import ExportError
from kg.graph.schema import ALIASES, CONCEPT, DATE, LABEL, PAPER, PAPERS, RELATION, RESULT, TYPE
from kg.model import Concept, EntityType
from kg.rdf import KG, ontology_path, to_concepts_rdf, to_rdf, write_rdf

FORMATS = ["turtle", "nt", "xml", "json-ld"]
DATA = Namespace("https://w3id.org/kg-ml/id/")
CONCEPT_NS = Namespace("https://w3id.org/kg-ml/concept/")
# used through its module: a module-level XSD makes pytest probe it and rdflib warn
XSD_DATE = namespace.XSD.date
KG_NS = "https://w3id.org/kg-ml/ontology#"

PAPER_ID = "paper:2401.00001"
FOONET = "architecture:foonet"
CIFAR = "dataset:cifar-10"
TOP1 = "metric:top-1-accuracy"
RESULT_ID = "result:2401.00001:top-1-accuracy:0"

NODES = [
    (PAPER_ID, {TYPE: PAPER, LABEL: "FooNet: Fast Segmentation of Aerial Photographs", DATE: "2024-01-05",
                "url": "https://arxiv.org/abs/2401.00001", "abstract": "We propose FooNet.",
                "source": "papers.jsonl:1"}),
    (FOONET, {TYPE: "Architecture", LABEL: "FooNet", CONCEPT: "", ALIASES: ("FooNets",), PAPERS: 1}),
    (CIFAR, {TYPE: "Dataset", LABEL: "CIFAR-10", CONCEPT: "dataset/cifar-10", ALIASES: ("CIFAR10",), PAPERS: 1}),
    (TOP1, {TYPE: "Metric", LABEL: "top-1 accuracy", CONCEPT: "metric/top-1-accuracy", ALIASES: (), PAPERS: 1}),
    (RESULT_ID, {TYPE: RESULT, LABEL: "76.5%", "value": "76.5%"}),
]
# (source, target, key, relation), as kg.graph.build_graph makes them
EDGES = [
    (PAPER_ID, FOONET, "mentions", "mentions"),
    (PAPER_ID, CIFAR, "mentions", "mentions"),
    (PAPER_ID, TOP1, "mentions", "mentions"),
    (PAPER_ID, FOONET, "proposes", "proposes"),
    (FOONET, CIFAR, "evaluated_on:2401.00001", "evaluated_on"),
    (PAPER_ID, RESULT_ID, "reports", "reports"),
    (RESULT_ID, FOONET, "subject", "subject"),
    (RESULT_ID, TOP1, "metric", "metric"),
    (RESULT_ID, CIFAR, "dataset", "dataset"),
]


def _graph(*, reverse: bool = False) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_nodes_from(NODES[::-1] if reverse else NODES)
    for u, v, key, relation in EDGES[::-1] if reverse else EDGES:
        G.add_edge(u, v, key=key, **{RELATION: relation}, paper="2401.00001", sentence=1, start=0, end=6)
    return G


@pytest.fixture()
def sample_graph() -> nx.MultiDiGraph:
    return _graph()


@pytest.mark.parametrize("fmt", FORMATS)
def test_to_rdf_round_trips(sample_graph, fmt):
    exported = to_rdf(sample_graph)
    reparsed = Graph().parse(data=exported.serialize(format=fmt), format=fmt)
    assert isomorphic(exported, reparsed)


def test_to_rdf_has_no_blank_nodes(sample_graph):
    g = to_rdf(sample_graph)
    assert not [t for t in g if any(isinstance(term, BNode) for term in t)]


def test_to_rdf_mints_iris_from_node_ids(sample_graph):
    g = to_rdf(sample_graph)
    subjects = set(g.subjects())
    assert subjects == {
        DATA["paper/2401.00001"],
        DATA["architecture/foonet"],
        DATA["dataset/cifar-10"],
        DATA["metric/top-1-accuracy"],
        DATA["result/2401.00001/top-1-accuracy/0"],
        # provenance records: one mention per paper and entity, one per stated relation
        DATA["mention/2401.00001/architecture/foonet"],
        DATA["mention/2401.00001/dataset/cifar-10"],
        DATA["mention/2401.00001/metric/top-1-accuracy"],
        DATA["statement/2401.00001/proposes/architecture/foonet"],
        DATA["statement/2401.00001/evaluated-on/architecture/foonet/dataset/cifar-10"],
    }


def test_to_rdf_iris_are_stable_across_exports(sample_graph):
    first, second = to_rdf(sample_graph), to_rdf(_graph(reverse=True))
    assert set(first) == set(second)  # no blank nodes, so equal triple for triple


@pytest.mark.parametrize(
    "triple",
    [
        (DATA["paper/2401.00001"], RDF.type, KG.Paper),
        (DATA["paper/2401.00001"], DCTERMS.title, Literal("FooNet: Fast Segmentation of Aerial Photographs")),
        (DATA["paper/2401.00001"], DCTERMS.issued, Literal("2024-01-05", datatype=XSD_DATE)),
        (DATA["paper/2401.00001"], KG.mentions, DATA["architecture/foonet"]),
        (DATA["paper/2401.00001"], KG.proposes, DATA["architecture/foonet"]),
        (DATA["paper/2401.00001"], KG.reports, DATA["result/2401.00001/top-1-accuracy/0"]),
        (DATA["architecture/foonet"], RDF.type, KG.Architecture),
        (DATA["architecture/foonet"], RDFS.label, Literal("FooNet")),
        (DATA["architecture/foonet"], SKOS.altLabel, Literal("FooNets")),
        (DATA["architecture/foonet"], KG.evaluatedOn, DATA["dataset/cifar-10"]),
        (DATA["architecture/foonet"], KG.paperCount, Literal(1)),
        (DATA["dataset/cifar-10"], KG.concept, CONCEPT_NS["dataset/cifar-10"]),
        (DATA["result/2401.00001/top-1-accuracy/0"], RDF.type, KG.Result),
        (DATA["result/2401.00001/top-1-accuracy/0"], KG.valueText, Literal("76.5%")),
        (DATA["result/2401.00001/top-1-accuracy/0"], KG.subject, DATA["architecture/foonet"]),
        (DATA["result/2401.00001/top-1-accuracy/0"], KG.metric, DATA["metric/top-1-accuracy"]),
        (DATA["result/2401.00001/top-1-accuracy/0"], KG.dataset, DATA["dataset/cifar-10"]),
    ],
)
def test_to_rdf_states_nodes_and_edges(sample_graph, triple):
    assert triple in to_rdf(sample_graph)


def test_to_rdf_entity_without_concept_has_no_concept_link(sample_graph):
    g = to_rdf(sample_graph)
    assert list(g.objects(DATA["architecture/foonet"], KG.concept)) == []


def test_to_rdf_base_iri_option(sample_graph):
    base = "https://example.org/my-kg/"
    g = to_rdf(sample_graph, base=base)
    nodes = {t for triple in g for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
    data_nodes = {t for t in nodes if not str(t).startswith((KG_NS, str(CONCEPT_NS)))}
    # the five nodes of the graph and their five provenance records, all under the new base
    assert len(data_nodes) == 10
    assert all(str(t).startswith(base) for t in data_nodes)
    assert URIRef(base + "paper/2401.00001") in data_nodes


def test_to_rdf_uses_only_declared_kg_terms(sample_graph):
    declared = {str(s) for s in Graph().parse(ontology_path(), format="turtle").subjects()}
    used = {str(t) for triple in to_rdf(sample_graph) for t in triple if str(t).startswith(KG_NS)}
    assert used <= declared


def test_kg_namespace_matches_ontology_file():
    ontology = Graph().parse(ontology_path(), format="turtle")
    declared = {str(s)[len(KG_NS):] for s in ontology.subjects() if str(s).startswith(KG_NS)}
    assert declared == set(KG.__annotations__)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld"])
def test_to_rdf_serialises_same_graph_identically(sample_graph, fmt):
    g = to_rdf(sample_graph)
    assert g.serialize(format=fmt) == g.serialize(format=fmt)
    assert to_rdf(sample_graph).serialize(format=fmt) == to_rdf(_graph()).serialize(format=fmt)


def test_to_rdf_turtle_does_not_depend_on_insertion_order():
    assert to_rdf(_graph()).serialize(format="turtle") == to_rdf(_graph(reverse=True)).serialize(format="turtle")


CONCEPTS = [
    Concept("architecture/resnet", EntityType.ARCHITECTURE, "ResNet", aliases=("residual network",)),
    Concept("architecture/resnet-50", EntityType.ARCHITECTURE, "ResNet-50", aliases=("ResNet50",),
            broader=("architecture/resnet",)),
    Concept("method/stochastic-gradient-descent", EntityType.METHOD, "stochastic gradient descent",
            aliases=("SGD",), note="First-order stochastic optimiser."),
]


@pytest.mark.parametrize(
    "triple",
    [
        (CONCEPT_NS["architecture/resnet"], RDF.type, SKOS.Concept),
        (CONCEPT_NS["architecture/resnet"], SKOS.prefLabel, Literal("ResNet", lang="en")),
        (CONCEPT_NS["architecture/resnet"], SKOS.altLabel, Literal("residual network", lang="en")),
        (CONCEPT_NS["architecture/resnet"], KG.entityType, KG.Architecture),
        (CONCEPT_NS["architecture/resnet-50"], SKOS.broader, CONCEPT_NS["architecture/resnet"]),
        (CONCEPT_NS["architecture/resnet-50"], SKOS.altLabel, Literal("ResNet50", lang="en")),
        (CONCEPT_NS["method/stochastic-gradient-descent"], SKOS.altLabel, Literal("SGD", lang="en")),
        (CONCEPT_NS["method/stochastic-gradient-descent"], KG.entityType, KG.Method),
        (CONCEPT_NS["method/stochastic-gradient-descent"], SKOS.scopeNote,
         Literal("First-order stochastic optimiser.", lang="en")),
    ],
)
def test_to_concepts_rdf_states_skos_labels(triple):
    assert triple in to_concepts_rdf(CONCEPTS)


def test_to_concepts_rdf_one_pref_label_per_concept_and_all_in_scheme():
    g = to_concepts_rdf(CONCEPTS)
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts == {CONCEPT_NS[c.id] for c in CONCEPTS}
    (scheme,) = g.subjects(RDF.type, SKOS.ConceptScheme)
    for concept in concepts:
        assert len(list(g.objects(concept, SKOS.prefLabel))) == 1
        assert (concept, SKOS.inScheme, scheme) in g


@pytest.mark.parametrize("fmt", FORMATS)
def test_to_concepts_rdf_round_trips(fmt):
    exported = to_concepts_rdf(CONCEPTS)
    reparsed = Graph().parse(data=exported.serialize(format=fmt), format=fmt)
    assert isomorphic(exported, reparsed)


def test_write_rdf_writes_turtle(tmp_path, sample_graph):
    path = write_rdf(to_rdf(sample_graph), tmp_path / "graph.ttl")
    assert path == tmp_path / "graph.ttl"
    assert isomorphic(Graph().parse(path, format="turtle"), to_rdf(sample_graph))


def test_write_rdf_error_names_the_file(tmp_path, sample_graph):
    path = tmp_path / "missing-folder" / "graph.ttl"
    with pytest.raises(ExportError) as caught:
        write_rdf(to_rdf(sample_graph), path)
    assert str(caught.value) == f"{path}: cannot write: No such file or directory"
