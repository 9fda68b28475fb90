"""Shared fixtures. Corpus-dependent tests skip when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "hf_daily"
GOLD = SHARED / "gold" / "dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["nx"] = nx


@pytest.fixture(scope="session")
def nlp():
    """The full extraction pipeline, loaded once per test session."""
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared daily-papers dumps; skips the test when they are absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/hf_daily is absent")
    return CORPUS


@pytest.fixture(scope="session")
def gold() -> Path:
    """The shared dev gold file; skips the test when it is absent."""
    if not GOLD.is_file():
        pytest.skip("../shared/gold/dev.jsonl is absent")
    return GOLD


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the bundled sample once; returns the BuildResult (outputs in a temp folder)."""
    from kg.build import build_outputs

    return build_outputs([], tmp_path_factory.mktemp("sample-out"))


@pytest.fixture()
def data_dir() -> Path:
    """Folder of tiny hand-written inputs."""
    return DATA


@pytest.fixture()
def make_kg():
    """Build a tiny kg graph by hand, for analytics tests whose answers are worked out on paper.

    ``make_kg({"1": ["method:adam", "dataset:mnist"]}, dates={"1": "2021-02-03"},
    edges=[("method:adam", "dataset:mnist", "evaluated_on:1")])`` gives paper node
    ``paper:1`` with a ``mentions`` edge to each entity; an entity's type comes from its
    id prefix (``method:`` → Method) and its label is the id's slug. Every edge carries
    provenance, as in graphs from ``kg build``.
    """
    def typed(G: nx.MultiDiGraph, node: str) -> str:
        if node not in G:
            kind, _, slug = node.partition(":")
            G.add_node(node, type="Paper" if kind == "paper" else kind.capitalize(), label=slug)
        return node

    def make(papers: dict[str, list[str]], *, dates: dict[str, str] | None = None,
             edges: list[tuple[str, str, str]] = ()) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for paper, entities in papers.items():
            node = f"paper:{paper}"
            G.add_node(node, type="Paper", label=f"Paper {paper}", date=(dates or {}).get(paper, ""))
            for entity in entities:
                G.add_edge(node, typed(G, entity), key="mentions", relation="mentions", paper=paper,
                           sentence=0, start=0, end=1)
        for u, v, key in edges:
            G.add_edge(typed(G, u), typed(G, v), key=key, relation=key.partition(":")[0],
                       paper=key.partition(":")[2] or "1", sentence=0, start=0, end=1)
        return G

    return make
