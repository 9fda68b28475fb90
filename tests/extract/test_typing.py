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


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("We propose a simple yet effective lantern regularization.", "lantern regularization",
         "yet effective lantern regularization"),
        ("It shows remarkable gains and impressive song retrieval accuracy.", "song retrieval accuracy",
         "impressive song retrieval accuracy"),
        ("The neurons change their own learning rate.", None, "learning rate"),
        ("Targets mix the labels with past predictions of the model.", None, "past predictions"),
    ],
)
def test_evaluative_and_possessive_openers_are_trimmed(nlp, sentence, present, absent):
    texts = {e.text for e in nlp(sentence).ents}
    assert present is None or present in texts
    assert absent not in texts


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("We use a carefully chosen lantern network.", "lantern network", "carefully chosen lantern network"),
        ("It relies on specially designed lantern blocks.", "lantern blocks", "specially designed lantern blocks"),
        ("We stitch individually trained networks.", None, "individually trained networks"),
        ("All songs are handled by a single network.", None, "single network"),
        ("We add a fully connected network.", "fully connected network", None),
        ("We analyse infinitely wide networks.", "infinitely wide networks", None),
    ],
)
def test_how_a_thing_was_made_or_counted_does_not_name_it(nlp, sentence, present, absent):
    texts = {e.text for e in nlp(sentence).ents}
    assert present is None or present in texts, texts
    assert absent not in texts


def test_hyphenated_word_kept_whole_when_its_tag_would_trim_it(nlp):
    texts = {e.text for e in nlp("We add a click-through rate-weighting technique to the loss.").ents}
    assert "click-through rate-weighting technique" in texts, texts
    assert "through rate-weighting technique" not in texts


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("We learn songs in the presence of noisy annotations.", "noisy annotations"),
        ("The lantern model improves probabilistic predictions.", "probabilistic predictions"),
        ("We compare consecutive layers of the network.", "consecutive layers"),
        ("We bound the relevant information measures.", "relevant information measures"),
    ],
)
def test_outputs_and_openers_are_not_entities(nlp, sentence, absent):
    assert absent not in {e.text for e in nlp(sentence).ents}


def test_plural_task_word_still_names_tasks(nlp):
    texts = {e.text for e in nlp("We study bird song detection tasks and song classification problems.").ents}
    assert texts & {"bird song detection tasks", "bird song detection"}, texts


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("Precise song yield prediction matters to farmers.", "song yield prediction",
         "Precise song yield prediction"),
        ("It beats competing song retrieval methods.", "song retrieval", "competing song retrieval"),
        ("It leads to significantly increased lantern compression.", "lantern compression",
         "significantly increased lantern compression"),
        ("We compress the last layer of the network.", None, "last layer"),
        ("We differentiate the training loss with respect to songs.", None, "training loss"),
    ],
)
def test_more_openers_trimmed_and_losses_generic(nlp, sentence, present, absent):
    texts = {e.text for e in nlp(sentence).ents}
    assert present is None or present in texts, texts
    assert absent not in texts


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Segmenting Songs From Noisy Annotations", "Noisy Annotations"),  # Title Case plural
        ("Lantern approximation has received increasing attention.", "increasing attention"),
        ("We train massive networks on songs.", "massive networks"),
    ],
)
def test_title_case_plural_outputs_and_growth_words(nlp, sentence, absent):
    assert absent not in {e.text for e in nlp(sentence).ents}


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("We search for high performing sparse lantern networks.", "performing sparse lantern networks"),
        ("We retrain the found sparse lantern networks.", "found sparse lantern networks"),
        ("We compare intermediate layers of two networks.", "intermediate layers"),
        ("The train loss drops before the test loss.", "train loss"),
    ],
)
def test_search_words_and_losses_name_nothing(nlp, sentence, absent):
    assert absent not in {e.text for e in nlp(sentence).ents}


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("The map joins K maps made by K networks of different sizes.", None, "K networks"),
        ("Sparse rewards can slow down the agent's learning.", None, "agent's learning"),
        ("Networks, especially pre-trained lantern transformers, are large.", "lantern transformers",
         "especially pre-trained lantern transformers"),
        ("A priori compression of lantern nets", "lantern nets", "priori compression"),
        ("Our proof technique uses a Hilbert space.", None, "proof technique"),
        ("We use Q learning on songs.", "Q learning", None),
    ],
)
def test_variables_possessives_and_focus_adverbs_trimmed(nlp, sentence, present, absent):
    texts = {e.text for e in nlp(sentence).ents}
    assert present is None or present in texts, texts
    assert absent not in texts


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("It leads to the automatic discovery of song schedules.", None, "automatic discovery"),
        ("We study lantern drug discovery.", "lantern drug discovery", None),
        ("It requires explicit song visibility reasoning.", "song visibility reasoning",
         "explicit song visibility reasoning"),
        ("It gives stable training of lantern nets.", None, "stable training"),
    ],
)
def test_discovery_needs_a_noun_and_stable_explicit_are_trimmed(nlp, sentence, present, absent):
    texts = {e.text for e in nlp(sentence).ents}
    assert present is None or present in texts, texts
    assert absent not in texts


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Large scale deep learning model inference is costly.", "scale deep learning model"),
        ("We distill the teacher model into a student network.", "teacher model"),
        ("We distill the teacher model into a student network.", "student network"),
        ("A guide network steers a target network.", "target network"),
    ],
)
def test_roles_and_scale_name_no_architecture(nlp, sentence, absent):
    assert absent not in {e.text for e in nlp(sentence).ents}


def test_speed_words_trimmed_and_ai_systems_generic(nlp):
    texts = {e.text for e in nlp("It allows quick lantern inference in AI systems.").ents}
    assert "quick lantern inference" not in texts
    assert "AI systems" not in texts


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Training gets faster when adding more hidden layers.", "hidden layers"),
        ("Once sufficient song accuracy is reached, we stop.", "sufficient song accuracy"),
        ("It beats the gold standard metrics on songs.", "gold standard metrics"),
    ],
)
def test_hidden_layers_and_sufficiency_name_nothing(nlp, sentence, absent):
    assert absent not in {e.text for e in nlp(sentence).ents}


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Interpreting black-box models is hard.", "black-box models"),
        ("The integrated LanternNet hybrid model beats songs.", "integrated LanternNet hybrid model"),
    ],
)
def test_black_box_and_integrated_name_nothing(nlp, sentence, absent):
    assert absent not in {e.text for e in nlp(sentence).ents}
