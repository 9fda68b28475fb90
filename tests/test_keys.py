"""Tests for kg.keys: the merge key of GUIDELINES "How a prediction is matched", and slugs."""

from __future__ import annotations

import pytest

from kg.keys import match_key, singular, slugify


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ConvNets", "convnet"),
        ("CNNs", "cnn"),
        ("Graph Neural Networks", "graphneuralnetwork"),
        ("Kolmogorov-Arnold Networks", "kolmogorovarnoldnetwork"),
        ("Kolmogorov–Arnold network", "kolmogorovarnoldnetwork"),  # en dash
        ("loss", "loss"),  # "ss" is not a plural
        ("cross-entropy loss", "crossentropyloss"),
        ("corpus", "corpus"),
        ("axis", "axis"),
        ("strategies", "strategy"),
        ("CIFAR-10", "cifar10"),
        ("CIFAR-100", "cifar100"),
        ("ResNet-50", "resnet50"),
        ("  top-1   accuracy ", "top1accuracy"),
        ("ＭＮＩＳＴ", "mnist"),  # full-width letters fold under NFKC
    ],
)
def test_match_key_folds_case_spaces_hyphens_plural(name, key):
    assert match_key(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ConvNets", "convnet"),
        ("Graph neural networks", "graph-neural network"),
        ("Kolmogorov-Arnold Networks", "kolmogorov arnold network"),
        ("Vision Transformers", "vision transformer"),
    ],
)
def test_match_key_merges_variants(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # an abbreviation and its long form merge through the abbreviation rule or the
        # lexicon, not through the key
        ("CNNs", "convolutional neural networks"),
        ("CIFAR-10", "CIFAR-100"),
        ("ResNet-50", "ResNet"),
        ("loss", "los"),
    ],
)
def test_match_key_keeps_different_things_apart(a, b):
    assert match_key(a) != match_key(b)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Graph Neural Networks", "Graph Neural Network"),
        ("CNNs", "CNN"),
        ("GANs", "GAN"),
        ("cross-entropy loss", "cross-entropy loss"),
        ("strategies", "strategy"),
        ("STRATEGIES", "STRATEGY"),
        ("Gaussian processes", "Gaussian process"),
        ("bounding boxes", "bounding box"),
        ("image patches", "image patch"),
        ("focus", "focus"),
        ("axis", "axis"),
        ("Transformer", "Transformer"),
    ],
)
def test_singular_puts_last_word_in_singular(phrase, expected):
    assert singular(phrase) == expected


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ResNet-50", "resnet-50"),
        ("  Kolmogorov–Arnold Network (KAN) ", "kolmogorov-arnold-network-kan"),
        ("top-1 accuracy", "top-1-accuracy"),
        ("Café Net", "cafe-net"),  # accents dropped
        ("a//b__c", "a-b-c"),
        ("!!!", "x"),  # nothing left: a placeholder, never an empty id
        ("", "x"),
    ],
)
def test_slugify_makes_safe_ids(name, slug):
    assert slugify(name) == slug
