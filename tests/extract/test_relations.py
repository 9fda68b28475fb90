"""Relations within a paper: ``evaluated_on`` pairs and stated results (``kg_relations``).

Every abstract opens with a plain sentence, so the sentence under test is not the
one that follows the title.
"""

from __future__ import annotations

import pytest
import spacy

from kg.extract import to_extraction
from kg.extract.relations import find_values
from kg.model import Paper, PaperExtraction
from kg.resolve import resolve_paper, to_gold_record

TITLE = "Better Baselines for Image Classification"
OPENING = "Image classifiers keep growing. "


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _extract(nlp, abstract: str) -> PaperExtraction:
    paper = Paper(id="t-test", title=TITLE, abstract=OPENING + abstract)
    return to_extraction(nlp(paper.text), paper)


def _record(nlp, abstract: str) -> dict[str, object]:
    return to_gold_record(resolve_paper(_extract(nlp, abstract)))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("It reaches 76.5% top-1 accuracy at 30 fps in 2015.", ["76.5%", "30 fps"]),  # a year is no result
        ("Error drops to 0.12 with a 1.5x speed-up and 12 ms latency.", ["0.12", "1.5x", "12 ms"]),
        ("BLEU rises by 2.3 points over the baseline.", ["2.3 points"]),
        ("It gains +1.2% over the baseline, or 4 dB of PSNR.", ["+1.2%", "4 dB"]),
        ("ResNet-50 has 25.6M parameters.", ["25.6M"]),  # the "50" of the name is no value
        ("We use 3 layers and 12 heads.", []),  # bare integers are counts
        ("Version 2.0.1 was used.", []),
        ("The top-1 accuracy is 76.5%.", ["76.5%"]),  # a full stop after the value
        ("BLEU reaches 28.4.", ["28.4"]),
        ("It runs at 30 fps.", ["30 fps"]),
    ],
)
def test_find_values_numbers_with_units(blank, text, values):
    assert [value for _, value in find_values(blank(text)[:])] == values


def test_find_values_offsets_are_document_offsets(blank):
    doc = blank("First sentence here. It scores 81.2% on the test set.")
    sentence = doc[4:]
    [(offset, value)] = find_values(sentence)
    assert value == "81.2%"
    assert doc.text[offset : offset + len(value)] == value


@pytest.mark.parametrize(
    ("abstract", "pairs"),
    [
        (
            "Experiments on CIFAR-10 and ImageNet show that ResNet remains a strong baseline.",
            [["ResNet", "CIFAR-10"], ["ResNet", "ImageNet"]],
        ),
        (
            "We compare ResNet with DenseNet on CIFAR-100.",
            [["DenseNet", "CIFAR-100"], ["ResNet", "CIFAR-100"]],
        ),
        ("Trained on MNIST, the ResNet classifier is accurate.", [["ResNet", "MNIST"]]),
    ],
)
def test_evaluated_on_pairs_models_with_datasets(nlp, abstract, pairs):
    assert _record(nlp, abstract)["evaluated_on"] == pairs


@pytest.mark.parametrize(
    "abstract",
    [
        "ResNet and CIFAR-10 are both old.",  # no word says training or evaluation
        "ResNet is deep. CIFAR-10 has small images.",  # model and dataset in different sentences
    ],
)
def test_evaluated_on_needs_cue_in_one_sentence(nlp, abstract):
    extraction = _extract(nlp, abstract)
    assert extraction.evaluated_on == ()


def test_evaluated_on_provenance_names_the_sentence(nlp):
    extraction = _extract(nlp, "We compare ResNet with DenseNet on CIFAR-100.")
    assert extraction.evaluated_on
    for relation in extraction.evaluated_on:
        sentence = extraction.sentences[relation.provenance.sentence]
        assert "CIFAR-100" in sentence


def test_result_states_value_metric_subject_dataset(nlp):
    record = _record(nlp, "Our ResNet variant achieves 76.5% top-1 accuracy on ImageNet.")
    assert record["results"] == [
        {"subject": "ResNet", "metric": "top-1 accuracy", "value": "76.5%", "dataset": "ImageNet"}
    ]


def test_result_value_is_as_written(nlp):
    extraction = _extract(nlp, "Our ResNet variant achieves 76.5% top-1 accuracy on ImageNet.")
    assert [r.value for r in extraction.results] == ["76.5%"]
    (result,) = extraction.results
    metric = next(m for m in extraction.mentions if m.key == result.metric)
    assert metric.text == "top-1 accuracy"


@pytest.mark.parametrize(
    "abstract",
    [
        "ResNet was trained on ImageNet in 2015.",  # a year, and no metric
        "ResNet reaches a high score on ImageNet.",  # a metric-like word but no number
    ],
)
def test_result_needs_a_value(nlp, abstract):
    assert _extract(nlp, abstract).results == ()


def test_evaluated_on_prefers_the_papers_own_entity(nlp):
    # FooNet is proposed, so the sentence evaluates FooNet, not the baseline it beats
    record = _record(
        nlp,
        "We propose FooNet, a convolutional network for small images. "
        "On CIFAR-10, FooNet outperforms ResNet by a wide margin.",
    )
    assert record["evaluated_on"] == [["FooNet", "CIFAR-10"]]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("It renders novel views at more than 60 fps.", ["more than 60 fps"]),  # a bound is part of the value
        ("It speeds training up by over 8x.", ["over 8x"]),
        ("Training takes less than 15 mins on one GPU.", ["less than 15 mins"]),
        ("Sizes range from 14 million to 1.4 billion.", ["14 million to 1.4 billion"]),  # a range
        ("Songs were taped from 2015 to 2019.", []),  # a range of years
        ("We tag over 1000 songs.", []),  # a bound on a count
    ],
)
def test_find_values_bounds_ranges_and_units(blank, text, values):
    assert [value for _, value in find_values(blank(text)[:])] == values


def test_result_metric_from_a_unit(nlp):
    record = _record(nlp, "We propose LatticeNet. LatticeNet renders at more than 60 fps on phones.")
    assert {"type": "Metric", "name": "frames per second", "mentions": ["fps"],
            "concept": "metric/frames-per-second"} in record["entities"]
    assert {"subject": "LatticeNet", "metric": "frames per second", "value": "more than 60 fps",
            "dataset": None} in record["results"]


@pytest.mark.parametrize(("size", "is_metric"), [("1.3B", True), ("7 billion", True), ("3", False)])
def test_parameter_count_from_a_sized_number(nlp, size, is_metric):
    record = _record(nlp, f"We train a lattice network with {size} parameters.")
    assert any(e["name"] == "parameter count" for e in record["entities"]) is is_metric


def test_our_method_is_the_papers_proposal(nlp):
    record = _record(nlp, "We propose LatticeNet for songs. ResNet-50 is a baseline. "
                          "On CIFAR-10, our method beats ResNet-50 in accuracy.")
    assert ["LatticeNet", "CIFAR-10"] in record["evaluated_on"]
    assert ["ResNet-50", "CIFAR-10"] not in record["evaluated_on"]


def test_no_evaluation_on_a_dataset_the_sentence_introduces(nlp):
    record = _record(nlp, "This paper introduces SongBench, a benchmark suite for evaluating lattice networks.")
    assert record["evaluated_on"] == []
    assert "SongBench" in record["proposes"]
