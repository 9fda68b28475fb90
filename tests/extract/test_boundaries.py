"""Where a name starts: ``trim`` on tagged text, and numbers that are no names.

GUIDELINES "Specific beats generic": a name keeps what makes it specific ("weakly
supervised", "densely connected") and loses what only describes it ("large-scale",
"default", "very"). Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from kg.extract import to_extraction
from kg.extract.typing import is_coined, trim
from kg.model import EntityType, Paper, PaperExtraction


def _extract(nlp, title: str, abstract: str) -> PaperExtraction:
    paper = Paper(id="t-test", title=title, abstract=abstract)
    return to_extraction(nlp(paper.text), paper)


def _mentions(extraction: PaperExtraction) -> dict[str, EntityType]:
    return {m.text: m.type for m in extraction.mentions}


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # a title: the tagger calls the participle NNP, the adverb stays
        ("Weakly Supervised Lattice Networks for Bird Song Tagging",
         "Weakly Supervised Lattice Networks", "Weakly Supervised Lattice Networks"),
        ("Densely Connected Lattice Networks for Bird Song Tagging",
         "Densely Connected Lattice Networks", "Densely Connected Lattice Networks"),
        # an intensifier is no part of a name
        ("We train very deep lattice networks on bird songs.", "very deep lattice networks", "deep lattice networks"),
        # a hyphenated compound that opens with a trim word goes whole, not "scale ..."
        ("We train large-scale lattice networks on bird songs.", "large-scale lattice networks", "lattice networks"),
        ("Large-scale supervised pre-training helps bird song tagging.",
         "Large-scale supervised pre-training", "supervised pre-training"),
        ("We train large-scale models on bird songs.", "large-scale models", "models"),
        ("We keep the default quux augmentation for all runs.", "the default quux augmentation", "quux augmentation"),
        # a hyphenated compound that opens with another word stays
        ("We train multi-scale lattice networks on bird songs.",
         "multi-scale lattice networks", "multi-scale lattice networks"),
        pytest.param(
            "We train weakly supervised lattice networks on bird songs.",
            "weakly supervised lattice networks", "weakly supervised lattice networks",
        ),
        pytest.param(
            "We compare state-of-the-art lattice networks on bird songs.",
            "state-of-the-art lattice networks", "lattice networks",
        ),
        pytest.param(
            "We train well-established lattice networks on bird songs.",
            "well-established lattice networks", "lattice networks",
        ),
        pytest.param(
            "We train recently proposed lattice networks on bird songs.",
            "recently proposed lattice networks", "lattice networks",
        ),
    ],
)
def test_trim_name_start(nlp, text, phrase, expected):
    doc = nlp(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert trim(span).text == expected


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Weakly Supervised Lattice Networks for Bird Song Tagging", "Weakly Supervised Lattice Networks"),
        ("Densely Connected Lattice Networks for Bird Song Tagging", "Densely Connected Lattice Networks"),
    ],
)
def test_trim_title_name_keeps_adverb(nlp, title, name):
    extraction = _extract(nlp, title, "Bird songs are short. Lattice networks tag them.")
    assert _mentions(extraction)[name] is EntityType.ARCHITECTURE


def test_trim_title_drops_intensifier(nlp):
    extraction = _extract(nlp, "Very Deep Lattice Networks", "Bird songs are short. We tag them.")
    assert _mentions(extraction) == {"Deep Lattice Networks": EntityType.ARCHITECTURE}


def test_trim_large_scale_models_is_no_name(nlp):
    extraction = _extract(nlp, "Tagging Bird Songs", "We train large-scale models on bird songs.")
    assert not [text for text in _mentions(extraction) if "scale" in text]


@pytest.mark.parametrize(
    "abstract",
    [
        "Large-scale supervised pre-training helps bird song tagging.",
        "We study large-scale supervised pre-training for bird song tagging.",
    ],
)
def test_trim_large_scale_prefix_dropped_in_pipeline(nlp, abstract):
    mentions = _mentions(_extract(nlp, "Tagging Bird Songs", abstract))
    assert mentions.get("supervised pre-training") is EntityType.METHOD


def test_trim_default_is_dropped_in_pipeline(nlp):
    mentions = _mentions(_extract(nlp, "Tagging Bird Songs", "We keep the default quux augmentation for all runs."))
    assert mentions.get("quux augmentation") is EntityType.METHOD
    assert not [text for text in mentions if "default" in text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.4B", False),  # model sizes
        ("300M", False),
        ("7B", False),
        ("12K", False),
        ("QuuxNet", True),  # coined names still are
        ("Zorb2Vec", True),
        ("ZEBRA", True),
    ],
)
def test_is_coined_rejects_model_sizes(text, expected):
    assert is_coined(text) is expected


@pytest.mark.parametrize(
    "abstract",
    [
        "The 1.4B model beats the 300M model on CIFAR-10.",
        "We scale QuuxNet from 300M to 1.4B parameters on CIFAR-10.",
    ],
)
def test_model_sizes_are_no_entities(nlp, abstract):
    texts = set(_mentions(_extract(nlp, "Scaling Lattice Networks", abstract)))
    assert not texts & {"1.4B", "300M"}
    assert "CIFAR-10" in texts  # the sentence was read


def test_model_size_sentence_keeps_coined_name(nlp):
    mentions = _mentions(_extract(nlp, "Scaling Lattice Networks", "We scale QuuxNet from 300M to 1.4B parameters."))
    assert mentions.get("QuuxNet") is EntityType.ARCHITECTURE
