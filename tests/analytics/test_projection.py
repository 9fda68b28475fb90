"""kg.analytics.projection: the paper–entity view every analysis starts from."""

from __future__ import annotations

import pytest

from kg.analytics import entity_papers, paper_entities, to_bipartite, to_entity_projection
from kg.analytics.projection import check_entity_type

# paper 1 mentions Adam and MNIST and proposes Adam; paper 2 mentions MNIST and SVHN;
# paper 3 mentions nothing. The evaluated_on and result edges are not mentions.
PAPERS = {"1": ["method:adam", "dataset:mnist"], "2": ["dataset:mnist", "dataset:svhn"], "3": []}
EDGES = [("paper:1", "method:adam", "proposes"), ("method:adam", "dataset:mnist", "evaluated_on:1"),
         ("paper:2", "result:2:acc:0", "reports"), ("result:2:acc:0", "dataset:svhn", "dataset")]


@pytest.fixture()
def graph(make_kg):
    return make_kg(PAPERS, edges=EDGES)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (None, {"paper:1": {"dataset:mnist", "method:adam"}, "paper:2": {"dataset:mnist", "dataset:svhn"},
                "paper:3": set()}),
        ("Dataset", {"paper:1": {"dataset:mnist"}, "paper:2": {"dataset:mnist", "dataset:svhn"}, "paper:3": set()}),
        ("Task", {"paper:1": set(), "paper:2": set(), "paper:3": set()}),
    ],
)
def test_paper_entities_maps_every_paper(graph, kind, expected):
    found = paper_entities(graph, kind)
    assert list(found) == ["paper:1", "paper:2", "paper:3"]  # id order, papers with nothing included
    assert {p: set(es) for p, es in found.items()} == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # result:2:acc:0 is not an entity; MNIST is in papers 1 and 2; proposes does not double-count Adam
        (None, {"dataset:mnist": {"paper:1", "paper:2"}, "dataset:svhn": {"paper:2"}, "method:adam": {"paper:1"}}),
        ("Method", {"method:adam": {"paper:1"}}),
    ],
)
def test_entity_papers_inverts_mentions(graph, kind, expected):
    assert {e: set(ps) for e, ps in entity_papers(graph, kind).items()} == expected


def test_entity_papers_keeps_entity_without_paper(make_kg):
    G = make_kg({"1": ["method:adam"]}, edges=[("method:adam", "dataset:mnist", "evaluated_on:1")])
    assert entity_papers(G) == {"dataset:mnist": frozenset(), "method:adam": frozenset({"paper:1"})}


def test_proposes_alone_counts_as_mention(make_kg):
    G = make_kg({"1": []}, edges=[("paper:1", "method:adam", "proposes")])
    assert paper_entities(G) == {"paper:1": frozenset({"method:adam"})}


def test_to_bipartite_has_one_edge_per_paper_and_entity(graph):
    H = to_bipartite(graph)
    # 4 mention pairs; paper:3 (no mention) and the result node are left out
    assert sorted(H.nodes) == ["dataset:mnist", "dataset:svhn", "method:adam", "paper:1", "paper:2"]
    assert sorted(tuple(sorted(e)) for e in H.edges) == [
        ("dataset:mnist", "paper:1"), ("dataset:mnist", "paper:2"), ("dataset:svhn", "paper:2"),
        ("method:adam", "paper:1"),
    ]
    assert H.nodes["paper:1"]["type"] == "Paper" and H.nodes["dataset:svhn"]["type"] == "Dataset"


def test_to_entity_projection_counts_shared_papers(make_kg):
    G = make_kg({"1": ["method:adam", "dataset:mnist"], "2": ["method:adam", "dataset:mnist", "dataset:svhn"]})
    # Adam–MNIST share papers 1 and 2; the SVHN pairs only paper 2
    assert sorted((tuple(sorted((u, v))), w) for u, v, w in to_entity_projection(G).edges(data="papers")) == [
        (("dataset:mnist", "dataset:svhn"), 1), (("dataset:mnist", "method:adam"), 2),
        (("dataset:svhn", "method:adam"), 1),
    ]


@pytest.mark.parametrize("kind", ["Model", "method", "Paper"])
def test_check_entity_type_names_the_types(kind):
    with pytest.raises(ValueError) as caught:
        check_entity_type(kind)
    assert str(caught.value) == f"unknown entity type '{kind}' (one of Architecture, Method, Dataset, Metric, Task)"
