"""The explorer's views, on the hand-made site graph whose answers are worked out below.

Papers and what they name (see viz_graphs.site_graph):

- P_IMG (2024-05-01): Sparse Mixer, TinyStories, perplexity; proposes Sparse Mixer,
  which is evaluated on TinyStories
- P_SCRIPT (2023-02-01): the markup method, Sparse Mixer, language modeling
- P_PLAIN (2024-05-01): language modeling, TinyStories, perplexity
- P_DENSE (undated): Dense Mixer, Sparse Mixer, language modeling, WikiText-103;
  reports a result whose subject is Dense Mixer
"""

from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import ConfigError
from kg.viz.views import (
    CO_OCCURS, Evidence, cooccurrence, entity_view, find_entities, full_view, overview_view, paper_view,
    top_entities, type_view, years_of,
)

from viz_graphs import (
    DENSE, DENSE_TITLE, IMG_TITLE, LM, MIXER, P_DENSE, P_IMG, P_PLAIN, P_SCRIPT, PERPLEXITY, STORIES,
    SVG_METHOD, WIKI, site_graph,
)

G = site_graph()
RESULT = "result:2405.00004:perplexity:0"


def _edges(view) -> dict[tuple[str, str, str], int]:
    return {(u, v, d["relation"]): d["support"] for u, v, d in view.graph.edges(data=True)}


@pytest.mark.parametrize(("kind", "expected"), [
    ("Architecture", [MIXER, DENSE]),  # 3 papers, then 1
    ("Dataset", [STORIES, WIKI]),  # 2, then 1
    ("Task", [LM]),
])
def test_top_entities_rank_by_papers(kind: str, expected: list[str]) -> None:
    assert top_entities(G, kind) == expected


def test_cooccurrence_counts_shared_papers() -> None:
    shared = cooccurrence(G)
    # Sparse Mixer and language modeling are both named by P_SCRIPT and P_DENSE
    assert shared[MIXER][LM] == shared[LM][MIXER] == 2
    # TinyStories and perplexity: P_IMG and P_PLAIN
    assert shared[STORIES][PERPLEXITY] == 2
    assert shared[DENSE] == {MIXER: 1, LM: 1, WIKI: 1}
    assert RESULT not in shared and P_IMG not in shared


def test_overview_keeps_the_top_entities_of_each_type() -> None:
    view = overview_view(G, top=1)
    assert set(view.graph.nodes) == {MIXER, SVG_METHOD, STORIES, PERPLEXITY, LM}
    # one edge per pair of them that some paper names together; support = shared papers
    assert _edges(view) == {
        (MIXER, STORIES, CO_OCCURS): 1, (MIXER, SVG_METHOD, CO_OCCURS): 1, (MIXER, PERPLEXITY, CO_OCCURS): 1,
        (MIXER, LM, CO_OCCURS): 2, (STORIES, PERPLEXITY, CO_OCCURS): 2, (STORIES, LM, CO_OCCURS): 1,
        (SVG_METHOD, LM, CO_OCCURS): 1, (PERPLEXITY, LM, CO_OCCURS): 1,
    }
    assert G.nodes[MIXER] == view.graph.nodes[MIXER]  # attributes are copied, the graph untouched


def test_overview_with_a_large_top_shows_every_entity() -> None:
    assert set(overview_view(G, top=20).graph.nodes) == {MIXER, DENSE, SVG_METHOD, STORIES, WIKI, PERPLEXITY, LM}


def test_type_view_keeps_one_type() -> None:
    view = type_view(G, "Architecture")
    assert (view.kind, view.key, view.title) == ("type", "Architecture", "Architecture")
    assert set(view.graph.nodes) == {MIXER, DENSE}
    assert _edges(view) == {(DENSE, MIXER, CO_OCCURS): 1}  # P_DENSE names both
    assert set(type_view(G, "Dataset", top=1).graph.nodes) == {STORIES}


def test_entity_view_shows_papers_related_entities_and_their_edges() -> None:
    view = entity_view(G, MIXER)
    assert (view.kind, view.key, view.title) == ("entity", MIXER, "Sparse Mixer")
    # its 3 papers, and the 6 entities they name with it; P_PLAIN does not name it
    assert set(view.graph.nodes) == {MIXER, P_IMG, P_SCRIPT, P_DENSE, LM, DENSE, STORIES, SVG_METHOD,
                                     PERPLEXITY, WIKI}
    assert _edges(view) == {
        (P_IMG, MIXER, "mentions"): 1, (P_IMG, STORIES, "mentions"): 1, (P_IMG, PERPLEXITY, "mentions"): 1,
        (P_IMG, MIXER, "proposes"): 1, (MIXER, STORIES, "evaluated_on"): 1,
        (P_SCRIPT, SVG_METHOD, "mentions"): 1, (P_SCRIPT, MIXER, "mentions"): 1, (P_SCRIPT, LM, "mentions"): 1,
        (P_DENSE, DENSE, "mentions"): 1, (P_DENSE, MIXER, "mentions"): 1, (P_DENSE, LM, "mentions"): 1,
        (P_DENSE, WIKI, "mentions"): 1,
    }


@pytest.mark.parametrize(("max_papers", "max_related", "papers", "related"), [
    (2, 20, {P_IMG, P_SCRIPT}, {LM, DENSE, STORIES, SVG_METHOD, PERPLEXITY, WIKI}),  # newest first; undated last
    (40, 2, {P_IMG, P_SCRIPT, P_DENSE}, {LM, DENSE}),  # LM shares 2 papers; then by id
])
def test_entity_view_limits(max_papers: int, max_related: int, papers: set[str], related: set[str]) -> None:
    view = entity_view(G, MIXER, max_papers=max_papers, max_related=max_related)
    assert set(view.graph.nodes) == {MIXER} | papers | related


def test_entity_view_includes_results_about_the_entity() -> None:
    assert set(entity_view(G, DENSE).graph.nodes) == {DENSE, P_DENSE, MIXER, LM, WIKI, RESULT}


@pytest.mark.parametrize(("paper", "expected"), [
    # P_IMG shares TinyStories and perplexity (2); P_SCRIPT and P_DENSE only language modeling (1)
    (P_PLAIN, {P_PLAIN, LM, STORIES, PERPLEXITY, P_IMG}),
    # P_SCRIPT shares Sparse Mixer and language modeling; the result is P_DENSE's own
    (P_DENSE, {P_DENSE, DENSE, MIXER, LM, WIKI, RESULT, P_SCRIPT}),
])
def test_paper_view_shows_entities_results_and_related_papers(paper: str, expected: set[str]) -> None:
    view = paper_view(G, paper)
    assert (view.kind, view.key) == ("paper", paper)
    assert set(view.graph.nodes) == expected


def test_full_view_merges_parallel_edges() -> None:
    H = site_graph()
    H.add_edge(P_IMG, MIXER, key="again", relation="mentions", count=3)
    view = full_view(H)
    assert set(view.graph.nodes) == set(H.nodes)
    assert _edges(view)[(P_IMG, MIXER, "mentions")] == 1 + 3
    assert view.graph.number_of_edges() == H.number_of_edges() - 1


def test_years_of_follow_the_papers() -> None:
    years = years_of(G)
    assert years[P_IMG] == [2024] and years[P_SCRIPT] == [2023] and years[P_DENSE] == [0]
    assert years[MIXER] == [0, 2023, 2024]  # undated P_DENSE, P_SCRIPT, P_IMG
    assert years[STORIES] == [2024]
    assert years[RESULT] == [0]  # P_DENSE's result


def test_years_of_is_empty_without_dates() -> None:
    H = site_graph()
    for paper in (P_IMG, P_SCRIPT, P_PLAIN, P_DENSE):
        H.nodes[paper]["date"] = ""
    assert years_of(H) == {}


@pytest.mark.parametrize(("name", "expected"), [
    (MIXER, [MIXER]),  # node id
    ("Sparse Mixer", [MIXER]),  # label
    ("sparse mixer", [MIXER]),  # any case
    ("sparsemixer", [MIXER]),  # alias
    ("  WikiText-103 ", [WIKI]),
])
def test_find_entities(name: str, expected: list[str]) -> None:
    assert find_entities(G, name) == expected


def test_find_entities_returns_every_entity_of_that_name() -> None:
    H = nx.MultiDiGraph()
    H.add_node("method:transformer", type="Method", label="Transformer")
    H.add_node("architecture:transformer", type="Architecture", label="Transformer")
    assert find_entities(H, "transformer") == ["architecture:transformer", "method:transformer"]


@pytest.mark.parametrize(("name", "message"), [
    ("Sparse Mixr", "no entity named 'Sparse Mixr' in the graph (closest: Sparse Mixer, Dense Mixer)"),
    ("GPT-9", "no entity named 'GPT-9' in the graph"),
    (P_IMG, f"no entity named {P_IMG!r} in the graph"),  # a paper is not an entity
])
def test_find_entities_unknown_name_is_an_error(name: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        find_entities(G, name)
    assert str(caught.value) == message


def test_evidence_of_an_entity() -> None:
    info = Evidence(G, max_related=3).of(MIXER)
    assert info["type"] == "Architecture" and info["label"] == "Sparse Mixer"
    assert info["aliases"] == ["SparseMixer"] and info["papers"] == 3
    # most shared papers first, then by node id
    assert info["cooccurs"] == [[LM, "language modeling", "Task", 2], [DENSE, "Dense Mixer", "Architecture", 1],
                                [STORIES, "TinyStories", "Dataset", 1]]
    # newest paper first, the undated one last
    assert [paper for paper, _, _ in info["evidence"]] == [P_IMG, P_SCRIPT, P_DENSE]
    assert info["evidence"][0] == [P_IMG, IMG_TITLE,
                                   "We introduce Sparse Mixer, a transformer that sends each token to one expert."]
    assert info["evidence"][2] == [P_DENSE, DENSE_TITLE,
                                   "Dense Mixer replaces Sparse Mixer for language modeling on WikiText-103."]


def test_evidence_of_papers_and_results() -> None:
    evidence = Evidence(G)
    dense = evidence.of(P_DENSE)
    assert dense["url"] == ""  # a javascript: address is dropped; only http(s) is kept
    assert dense["date"] == ""
    assert dense["entities"] == [["Architecture", "Dense Mixer", DENSE], ["Architecture", "Sparse Mixer", MIXER],
                                 ["Dataset", "WikiText-103", WIKI], ["Task", "language modeling", LM]]
    assert evidence.of(P_IMG)["url"] == "https://example.org/abs/2405.00001"
    assert evidence.of(RESULT) == {"type": "Result", "label": "12.5", "about": [["subject", "Dense Mixer", DENSE]]}


def test_evidence_for_a_view_adds_the_papers_its_panels_list() -> None:
    details = Evidence(G).for_view([STORIES])
    # TinyStories' panel lists P_IMG and P_PLAIN; a click on either shows its entities
    assert list(details) == [STORIES, P_IMG, P_PLAIN]
