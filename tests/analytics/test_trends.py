"""kg.analytics.trends: papers and entities per year, dated papers only."""

from __future__ import annotations

import pytest

from kg.analytics import entity_trends, papers_per_year
from kg.analytics.trends import paper_years

PAPERS = {
    "1": ["method:adam", "dataset:mnist"],
    "2": ["method:adam"],
    "3": ["method:sgd", "method:adam"],
    "4": ["method:sgd"],
    "5": ["method:lamb"],
    "6": ["method:lamb"],
}
# papers 5 and 6 have no readable date, so LAMB has no trend at all
DATES = {"1": "2019-05-01", "2": "2019-12-31", "3": "2021", "4": "2020-02-02", "5": "n.d.", "6": ""}


@pytest.fixture()
def graph(make_kg):
    return make_kg(PAPERS, dates=DATES)


def test_paper_years_reads_iso_dates(graph):
    assert paper_years(graph) == {"paper:1": 2019, "paper:2": 2019, "paper:3": 2021, "paper:4": 2020}


def test_papers_per_year_counts_dated_papers(graph):
    assert papers_per_year(graph) == {2019: 2, 2020: 1, 2021: 1}  # papers 1+2, 4, 3


@pytest.mark.parametrize(
    ("kind", "n", "expected"),
    [
        # Adam: papers 1, 2 (2019) and 3 (2021) → 3 dated papers; SGD: 3 (2021), 4 (2020) → 2;
        # MNIST: paper 1 → 1
        ("Method", 10, {"method:adam": {2019: 2, 2021: 1}, "method:sgd": {2020: 1, 2021: 1}}),
        (None, 10, {"method:adam": {2019: 2, 2021: 1}, "method:sgd": {2020: 1, 2021: 1},
                    "dataset:mnist": {2019: 1}}),
        (None, 1, {"method:adam": {2019: 2, 2021: 1}}),
        ("Task", 10, {}),
    ],
)
def test_entity_trends_counts_per_year(graph, kind, n, expected):
    found = entity_trends(graph, kind, n=n)
    assert found == expected
    assert list(found) == list(expected)  # most dated papers first


def test_trends_without_dates(make_kg):
    G = make_kg({"1": ["method:adam"]})
    assert papers_per_year(G) == {} and entity_trends(G) == {}
