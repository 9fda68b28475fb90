"""kg.analytics.cooccurrence: papers mentioning both members of a pair."""

from __future__ import annotations

import pytest

from kg.analytics import CooccurrenceMatrix, cooccurrence, cooccurrence_matrix

PAPERS = {
    "1": ["method:adam", "method:sgd", "dataset:mnist", "dataset:cifar-10"],
    "2": ["method:adam", "dataset:mnist"],
    "3": ["method:sgd", "dataset:svhn", "architecture:resnet", "task:classification"],
}


@pytest.mark.parametrize(
    ("rows", "cols", "expected"),
    [
        # Adam–MNIST in papers 1 and 2; every other pair in one paper, then id order
        ("Method", "Dataset", {("method:adam", "dataset:mnist"): 2, ("method:adam", "dataset:cifar-10"): 1,
                               ("method:sgd", "dataset:cifar-10"): 1, ("method:sgd", "dataset:mnist"): 1,
                               ("method:sgd", "dataset:svhn"): 1}),
        ("Architecture", "Task", {("architecture:resnet", "task:classification"): 1}),
        ("Metric", "Dataset", {}),
        # same type: the unordered pair once, smaller id first (paper 1)
        ("Method", "Method", {("method:adam", "method:sgd"): 1}),
    ],
)
def test_cooccurrence_counts_papers(make_kg, rows, cols, expected):
    found = cooccurrence(make_kg(PAPERS), rows, cols)
    assert found == expected
    assert list(found) == list(expected)  # the order, not only the content


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        # rows: Adam (papers 1, 2) and SGD (1, 3) tie at 2 → id order; cols: MNIST 2, then
        # CIFAR-10 and SVHN with 1 each in id order
        (10, CooccurrenceMatrix(("method:adam", "method:sgd"), ("dataset:mnist", "dataset:cifar-10", "dataset:svhn"),
                                ((2, 1, 0), (1, 1, 1)))),
        (1, CooccurrenceMatrix(("method:adam",), ("dataset:mnist",), ((2,),))),
    ],
)
def test_cooccurrence_matrix_top_entities(make_kg, n, expected):
    assert cooccurrence_matrix(make_kg(PAPERS), "Method", "Dataset", n=n) == expected


def test_cooccurrence_matrix_same_type_is_symmetric(make_kg):
    assert cooccurrence_matrix(make_kg(PAPERS), "Method", "Method") == CooccurrenceMatrix(
        ("method:adam", "method:sgd"), ("method:adam", "method:sgd"), ((0, 1), (1, 0)))


def test_cooccurrence_matrix_empty(make_kg):
    assert cooccurrence_matrix(make_kg(PAPERS), "Metric", "Dataset") == CooccurrenceMatrix((), (), ())
