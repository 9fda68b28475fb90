"""Every stored query of ontology/queries on the hand-written fixture, with exact rows.

The fixture (tests/data/query/fixture.ttl) describes six invented papers; the
expected rows below were worked out from it by hand, and each comment says why.
The corpus test checks that rdflib and pyoxigraph agree on the shared corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from kg.query import bind_values, read_store, run, stored_queries
from kg.rdf import ontology_path

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "fixture.ttl"
ENGINES = ["oxigraph", "rdflib"]
P1 = "TinyNet: Small Residual Blocks for Phones"
P2 = "Patch Shuffling Regularizes Vision Transformers"
P3 = "Convolutional Baselines for Object Detection"
P4 = "A Survey of Image Classification Benchmarks"
P5 = "Notes on Vision Transformer Training"
P6 = "Deeper Residual Learning"
CNN = "convolutional neural network"
ViT = "Vision Transformer"
P1_S2 = "Trained with Adam and dropout, it is evaluated on CIFAR-10 and ImageNet for image classification."
P3_S1 = ("We show that a plain convolutional neural network with dropout and mixup is a strong "
         "baseline for object detection on ToyBench!")
P6_S1 = "We propose ResNet-50, a residual network of fifty layers, and train it on ImageNet."

# (query name, parameters, expected rows)
CASES = [
    # ImageNet: all six papers; CIFAR-10: p1, p4; ToyBench: p2, p3 (tie: by name)
    ("top-datasets", {}, [("ImageNet", 6), ("CIFAR-10", 2), ("ToyBench", 2)]),
    # Adam: p1 p2 p3 p5; dropout: p1 p2 p3; mixup: p2 p3 p4; patch shuffling: p2
    ("top-methods", {}, [("Adam", 4), ("dropout", 3), ("mixup", 3), ("patch shuffling", 1)]),
    # ResNet-50: p1 p3 p6; ViT: p2 p5; ties by code point ("T" < "c")
    ("top-architectures", {},
     [("ResNet-50", 3), (ViT, 2), ("TinyNet", 1), (CNN, 1)]),
    # kg:evaluatedOn CIFAR-10: TinyNet and Adam
    ("evaluated-on-dataset", {}, [("Adam", "Method"), ("TinyNet", "Architecture")]),
    ("evaluated-on-dataset", {"dataset_name": "ImageNet"},
     [("ResNet-50", "Architecture"), ("TinyNet", "Architecture"), (ViT, "Architecture"),
      (CNN, "Architecture")]),
    # p6 proposes ResNet-50 (two skos:broader steps below CNN); p3 proposes the CNN
    # concept itself, which broader+ leaves out; TinyNet has no concept
    ("proposed-in-family", {}, [(P6, "ResNet-50", "ResNet-50")]),
    ("proposed-in-family", {"family_name": "Transformer"}, [(P5, ViT, ViT)]),
    # Adam+dropout: p1 p2 p3; Adam+mixup and dropout+mixup: p2 p3; other pairs: one paper
    ("co-used-methods", {}, [("Adam", "dropout", 3), ("Adam", "mixup", 2), ("dropout", "mixup", 2)]),
    # "%" results by number (76.0 tie: by subject), then the "x" one, then no number
    ("leaderboard", {},
     [(ViT, "80.25%", P2), ("ResNet-50", "76.0%", P3), (CNN, "76.0%", P3),
      ("TinyNet", "71.5%", P1), (ViT, "2x", P5), (ViT, "state of the art", P5)]),
    # the ToyBench error rate of p2 names no subject
    ("leaderboard", {"dataset_name": "ToyBench", "metric_name": "error rate"}, [("", "3%", P2)]),
    # every architecture has a kg:evaluatedOn; of the methods only Adam has one
    ("never-evaluated", {}, [("dropout", "Method", 3), ("mixup", "Method", 3), ("patch shuffling", "Method", 1)]),
    # image classification with CIFAR-10/ImageNet in p1 and p4; object detection in p3
    ("tasks-per-dataset", {},
     [("CIFAR-10", "image classification", 2), ("ImageNet", "image classification", 2),
      ("ImageNet", "object detection", 1), ("ToyBench", "object detection", 1)]),
    # p1 and p6 in 2019 (xsd:date), p2 (gYearMonth) and p3 in 2020, p4 (gYear) in 2021, p5 undated
    ("papers-per-year", {}, [("2019", 2), ("2020", 2), ("2021", 1), ("unknown", 1)]),
    ("entities-with-aliases", {},
     [("CIFAR-10", "Dataset", "CIFAR10"), ("ResNet-50", "Architecture", "ResNet50"),
      (ViT, "Architecture", "ViT"), (CNN, "Architecture", "CNN"), (CNN, "Architecture", "ConvNet")]),
    # the five entities without kg:concept; ToyBench is in p2 and p3
    ("unlinked-entities", {},
     [("ToyBench", "Dataset", 2), ("TinyNet", "Architecture", 1), ("error rate", "Metric", 1),
      ("object detection", "Task", 1), ("patch shuffling", "Method", 1)]),
    ("proposals", {},
     [(P3, CNN, "Architecture"), (P6, "ResNet-50", "Architecture"), (P5, ViT, "Architecture"),
      (P2, "patch shuffling", "Method"), (P1, "TinyNet", "Architecture")]),
    # (type, entities, linked to a concept, papers mentioning one)
    ("entities-per-type", {},
     [("Architecture", 4, 3, 5), ("Dataset", 3, 2, 6), ("Method", 4, 3, 5), ("Metric", 2, 1, 4),
      ("Task", 2, 1, 3)]),
    # regularization rolls up dropout (p1 p2 p3) and mixup (p2 p3 p4); CNN rolls up
    # ResNet-50 (p1 p3 p6) and the CNN entity (p3); LIMIT 10 cuts the 2-paper families
    ("families-by-papers", {},
     [("ImageNet", 6, 1), ("Adam", 4, 1), ("optimizer", 4, 1), ("regularization", 4, 2),
      ("top-1 accuracy", 4, 1), ("ResNet-50", 3, 1), (CNN, 3, 2), ("dropout", 3, 1), ("mixup", 3, 1),
      ("residual network", 3, 1)]),
    # sentences cut at "." / "!" + space or the blank line; "80.25%" does not end one;
    # a statement read in the title gets the title
    ("supporting-sentence", {},
     [(P3, CNN, "evaluatedOn", "ImageNet",
       "The same convolutional neural network, trained with Adam, matches ResNet-50 on ImageNet "
       "at 76.0% top-1 accuracy."),
      (P3, CNN, "evaluatedOn", "ToyBench", P3_S1),
      (P3, "this paper", "proposes", CNN, P3_S1),
      (P6, "ResNet-50", "evaluatedOn", "ImageNet", P6_S1),
      (P6, "this paper", "proposes", "ResNet-50", P6_S1),
      (P5, "this paper", "proposes", ViT, P5),
      (P2, ViT, "evaluatedOn", "ImageNet",
       "On ImageNet the Vision Transformer trained with Adam reaches 80.25% top-1 accuracy, "
       "and its error rate on ToyBench drops to 3%."),
      (P2, "this paper", "proposes", "patch shuffling",
       "We introduce patch shuffling and combine it with mixup and dropout."),
      (P1, "Adam", "evaluatedOn", "CIFAR-10", P1_S2),
      (P1, "TinyNet", "evaluatedOn", "CIFAR-10", P1_S2),
      (P1, "TinyNet", "evaluatedOn", "ImageNet", P1_S2),
      (P1, "this paper", "proposes", "TinyNet", P1)]),
    ("supporting-sentence", {"entity_name": "Adam"}, [(P1, "Adam", "evaluatedOn", "CIFAR-10", P1_S2)]),
]


@pytest.fixture(scope="module", params=ENGINES)
def fixture_store(request):
    """The fixture graph, alone (its own concepts stand in for concepts.ttl), in each engine."""
    return read_store(FIXTURE, engine=request.param, concepts=False)


def test_stored_queries_all_have_a_case():
    assert sorted({name for name, _, _ in CASES}) == sorted(stored_queries())


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_stored_query_header_documents_it(name):
    query = stored_queries()[name]
    assert query.title and query.title[0].isupper()
    assert "Parameters:" in query.description
    for parameter in query.parameters:
        assert parameter in query.description


@pytest.mark.parametrize(("name", "params", "expected"), CASES,
                         ids=["-".join([name, *params.values()]) for name, params, _ in CASES])
def test_stored_query_rows(fixture_store, name, params, expected):
    text = bind_values(stored_queries()[name].text, params)
    assert list(run(text, fixture_store).rows) == expected


def test_fixture_loads_alike_in_both_engines():
    assert len(read_store(FIXTURE, concepts=False)) == len(read_store(FIXTURE, engine="rdflib", concepts=False))


@pytest.fixture(scope="module")
def corpus_stores(corpus, tmp_path_factory):
    """Build the shared corpus once; load its graph.ttl and the concepts in both engines."""
    from kg.build import build_outputs

    out = tmp_path_factory.mktemp("corpus-query")
    build_outputs([corpus], out)
    ttl = out / "graph.ttl"
    return read_store(ttl), read_store(ttl, engine="rdflib")


@pytest.mark.corpus
def test_corpus_export_loads_alike_in_both_engines(corpus_stores):
    oxigraph, rdflib_graph = corpus_stores
    assert len(oxigraph) == len(rdflib_graph)
    assert len(oxigraph) > 0


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_corpus_stored_query_alike_in_both_engines(corpus_stores, name):
    oxigraph, rdflib_graph = corpus_stores
    text = stored_queries()[name].text
    assert run(text, oxigraph) == run(text, rdflib_graph)


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_stored_query_is_in_the_readme(name):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"**`{name}`**" in readme.partition("## Stored queries")[2]


def _ontology_terms() -> set[str]:
    namespace = "https://w3id.org/kg-ml/ontology#"
    ontology = rdflib.Graph().parse(ontology_path("kg.ttl"))
    return {str(s)[len(namespace):] for s in ontology.subjects() if str(s).startswith(namespace)}


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_stored_query_uses_only_ontology_terms(name):
    used = set(re.findall(r"\bkg:(\w+)", stored_queries()[name].text))
    assert used <= _ontology_terms(), f"not in ontology/kg.ttl: {sorted(used - _ontology_terms())}"
