"""The shared daily-papers corpus end to end: build counts, outputs, and dev-gold scores.

Skips when ../shared is absent (the ``corpus`` and ``gold`` fixtures).
"""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.build import BuildResult, build_outputs, evaluate_inputs
from kg.evaluate import Scores
from kg.model import EntityType
from kg.rdf import KG

pytestmark = pytest.mark.corpus

OUTPUTS = ["graph.graphml", "graph.html", "graph.json", "graph.ttl"]


@pytest.fixture(scope="module")
def corpus_build(corpus, tmp_path_factory) -> BuildResult:
    """Build the corpus once for this module (about 20 s)."""
    return build_outputs([corpus], tmp_path_factory.mktemp("corpus-out"))


@pytest.fixture(scope="module")
def dev_scores(corpus, gold) -> Scores:
    """Score the corpus against the dev gold once for this module (about 20 s)."""
    return evaluate_inputs(gold, [corpus])


def test_corpus_build_counts(corpus_build):
    report = corpus_build.report
    # the five daily dumps list 45 + 80 + 21 + 37 + 63 = 246 papers
    assert report.read == 246
    # 199 distinct titles (and arXiv ids) among them: one paper is built per distinct paper
    assert report.built == 199
    # a paper listed on several days is merged: 246 - 199 = 47 repeats
    assert report.duplicates == 47
    # every record of the dumps has a title and an abstract
    assert report.skipped == []
    assert report.summary() == "read 246 papers, built 199, merged 47 duplicates, skipped 0"


def test_corpus_build_writes_outputs(corpus_build):
    assert sorted(path.name for path in corpus_build.files) == OUTPUTS
    for path in corpus_build.files:
        assert path.is_file() and path.stat().st_size > 0


def test_corpus_graph_ttl_reparses(corpus_build):
    ttl = next(path for path in corpus_build.files if path.name == "graph.ttl")
    g = Graph().parse(ttl, format="turtle")
    # one kg:Paper per built paper
    assert len(set(g.subjects(RDF.type, KG.Paper))) == 199
    assert corpus_build.nodes_per_type()["Paper"] == 199


def test_corpus_dev_gold_papers_are_all_found(dev_scores):
    # dev.jsonl holds 20 gold records, all of them papers of the corpus
    assert dev_scores.papers_scored == 20
    assert dev_scores.papers_unmatched == []


def test_corpus_dev_micro_f1(dev_scores):
    assert dev_scores.micro.f1 >= 0.55


@pytest.mark.parametrize("kind", [t.value for t in EntityType])
def test_corpus_dev_every_type_scores(dev_scores, kind):
    assert dev_scores.by_type[kind].f1 > 0
