"""Typing rules: trimming, the GUIDELINES generic words, names and noun phrases."""

from __future__ import annotations

import pytest
import spacy

from kg.extract.typing import is_coined, is_generic, trim, type_of_name, type_of_phrase
from kg.model import EntityType

A, M, D, ME, T = (
    EntityType.ARCHITECTURE,
    EntityType.METHOD,
    EntityType.DATASET,
    EntityType.METRIC,
    EntityType.TASK,
)


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our novel graph neural networks ,", "graph neural networks"),
        ("the LiTS dataset .", "LiTS dataset"),
        ("these two datasets", "datasets"),  # a determiner and a number go
        ("the proposed method", "method"),
    ],
)
def test_trim_drops_determiners_and_evaluative_words(blank, text, expected):
    doc = blank(text)
    assert trim(doc[:]).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # GUIDELINES "not this"
        "neural network",
        "Neural Networks",
        "deep neural networks",
        "deep-neural-network",
        "model",
        "models",
        "network",
        "architecture",
        "method",
        "approach",
        "technique",
        "algorithm",
        "framework",
        "deep learning",
        "machine learning",
        "training",
        "performance",
        "deep learning model",
    ],
)
def test_is_generic_true_for_guideline_generic_words(text):
    assert is_generic(text)


@pytest.mark.parametrize(
    "text",
    [
        # GUIDELINES "Specific beats generic"
        "graph neural networks",
        "spiking neural networks",
        "binary neural networks",
        "recurrent neural networks",
        "fully connected neural networks",
        "convolutional neural network",
        "knowledge distillation",
        "ImageNet",
    ],
)
def test_is_generic_false_for_specific_phrases(text):
    assert not is_generic(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DiskGNN", A),
        ("SelecSLS Net", A),
        ("MegaGAN", A),
        ("SwinFormer", A),
        ("BossNAS", M),
        ("DeepPrune", M),
        ("XNect", None),  # the suffix says nothing
        ("FooBar", None),
    ],
)
def test_type_of_name_reads_the_suffix(name, expected):
    assert type_of_name(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MgNO", True),  # inner capitals
        ("Neur2RO", True),  # letters and digits
        ("ResNet", True),
        ("KAN", True),  # all caps
        ("GPT-4", True),
        ("Transformer", False),  # an ordinary capitalised word
        ("Adam", False),
        ("dropout", False),
        ("A", False),
    ],
)
def test_is_coined_detects_coined_names(text, expected):
    assert is_coined(text) is expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("graph neural networks", A),
        ("recurrent neural network", A),
        ("LiTS dataset", D),
        ("CIFAR-10 benchmark", D),
        ("top-1 accuracy", ME),
        ("mean squared error", ME),
        ("semantic segmentation", T),
        ("link prediction", T),
        ("machine translation", T),
        ("knowledge distillation", M),
        ("contrastive learning", M),
    ],
)
def test_type_of_phrase_types_noun_phrases_by_head(nlp, phrase, expected):
    assert type_of_phrase(nlp(phrase)[:]) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "neural networks",  # generic
        "deep neural networks",
        "our model",
        "a novel method",
        "the dataset",
        "image dataset",  # a modality, not a named dataset
        "performance",
        "training",
    ],
)
def test_type_of_phrase_rejects_generic_phrases(nlp, phrase):
    assert type_of_phrase(nlp(phrase)[:]) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "performance metrics",  # a class of metrics, not one
        "evaluation metrics",
        "task-specific metrics",
        "probability measure",  # measure theory, not an evaluation
        "a reference measure",
        "the learning rate",  # a hyperparameter
        "sampling rates",
    ],
)
def test_type_of_phrase_no_metric_for_metric_classes_measures_and_hyperparameters(nlp, phrase):
    assert type_of_phrase(nlp(phrase)[:]) is None


#: Sentences for the trimming and generic-phrase rules: (sentence, kept entity or None,
#: entity that must not appear or None), grouped by rule.
_TRIMMED = [
    # evaluative, possessive and temporal openers
    ("We propose a simple yet effective lantern regularization.", "lantern regularization",
     "yet effective lantern regularization"),
    ("It shows remarkable gains and impressive song retrieval accuracy.", "song retrieval accuracy",
     "impressive song retrieval accuracy"),
    ("The neurons change their own learning rate.", None, "learning rate"),
    ("Targets mix the labels with past predictions of the model.", None, "past predictions"),
    ("Precise song yield prediction matters to farmers.", "song yield prediction", "Precise song yield prediction"),
    ("It beats competing song retrieval methods.", "song retrieval", "competing song retrieval"),
    ("It leads to significantly increased lantern compression.", "lantern compression",
     "significantly increased lantern compression"),
    ("We compress the last layer of the network.", None, "last layer"),
    ("Lantern approximation has received increasing attention.", None, "increasing attention"),
    ("We train massive networks on songs.", None, "massive networks"),
    ("Once sufficient song accuracy is reached, we stop.", None, "sufficient song accuracy"),
    ("The integrated LanternNet hybrid model beats songs.", None, "integrated LanternNet hybrid model"),
    ("It requires explicit song visibility reasoning.", "song visibility reasoning",
     "explicit song visibility reasoning"),
    ("It gives stable training of lantern nets.", None, "stable training"),
    ("It allows quick lantern inference in AI systems.", None, "quick lantern inference"),
    # how a thing was made, found or counted
    ("We use a carefully chosen lantern network.", "lantern network", "carefully chosen lantern network"),
    ("It relies on specially designed lantern blocks.", "lantern blocks", "specially designed lantern blocks"),
    ("We stitch individually trained networks.", None, "individually trained networks"),
    ("All songs are handled by a single network.", None, "single network"),
    ("We add a fully connected network.", "fully connected network", None),
    ("We analyse infinitely wide networks.", "infinitely wide networks", None),
    ("We search for high performing sparse lantern networks.", None, "performing sparse lantern networks"),
    ("We retrain the found sparse lantern networks.", None, "found sparse lantern networks"),
    ("Large scale deep learning model inference is costly.", None, "scale deep learning model"),
    # variables, possessors, focus adverbs, "a priori"
    ("The map joins K maps made by K networks of different sizes.", None, "K networks"),
    ("Sparse rewards can slow down the agent's learning.", None, "agent's learning"),
    ("Networks, especially pre-trained lantern transformers, are large.", "lantern transformers",
     "especially pre-trained lantern transformers"),
    ("A priori compression of lantern nets", "lantern nets", "priori compression"),
    ("We use Q learning on songs.", "Q learning", None),
    # outputs are no tasks; broad task heads need a noun
    ("We learn songs in the presence of noisy annotations.", None, "noisy annotations"),
    ("The lantern model improves probabilistic predictions.", None, "probabilistic predictions"),
    ("Segmenting Songs From Noisy Annotations", None, "Noisy Annotations"),
    ("It leads to the automatic discovery of song schedules.", None, "automatic discovery"),
    ("We study lantern drug discovery.", "lantern drug discovery", None),
    # generic phrases: layers, roles, losses, metric classes
    ("We compare consecutive layers of the network.", None, "consecutive layers"),
    ("We compare intermediate layers of two networks.", None, "intermediate layers"),
    ("Training gets faster when adding more hidden layers.", None, "hidden layers"),
    ("We distill the teacher model into a student network.", None, "teacher model"),
    ("We distill the teacher model into a student network.", None, "student network"),
    ("A guide network steers a target network.", None, "target network"),
    ("Interpreting black-box models is hard.", None, "black-box models"),
    ("It allows quick lantern inference in AI systems.", None, "AI systems"),
    ("Our proof technique uses a Hilbert space.", None, "proof technique"),
    ("We differentiate the training loss with respect to songs.", None, "training loss"),
    ("The train loss drops before the test loss.", None, "train loss"),
    ("We bound the relevant information measures.", None, "relevant information measures"),
    ("It beats the gold standard metrics on songs.", None, "gold standard metrics"),
]


@pytest.mark.parametrize(("sentence", "present", "absent"), _TRIMMED)
def test_trimming_and_generic_phrases(nlp, sentence, present, absent):
    texts = {e.text for e in nlp(sentence).ents}
    assert present is None or present in texts, texts
    assert absent not in texts, texts


def test_hyphenated_word_kept_whole_when_its_tag_would_trim_it(nlp):
    texts = {e.text for e in nlp("We add a click-through rate-weighting technique to the loss.").ents}
    assert "click-through rate-weighting technique" in texts, texts
    assert "through rate-weighting technique" not in texts


def test_plural_task_word_still_names_tasks(nlp):
    texts = {e.text for e in nlp("We study bird song detection tasks and song classification problems.").ents}
    assert texts & {"bird song detection tasks", "bird song detection"}, texts
