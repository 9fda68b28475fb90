"""Abbreviation pairs: the pure Schwartz–Hearst rules, then the pipeline component."""

from __future__ import annotations

import pytest
import spacy

from kg.extract import to_extraction
from kg.extract.abbreviations import find_abbreviations, is_short_form, long_form_start
from kg.model import EntityType, Paper
from kg.resolve import resolve_paper


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KAN", True),
        ("GNNs", True),  # plural short forms are short forms
        ("BiPer", True),  # mixed case
        ("U-Net", True),
        ("MoE", True),
        ("e.g.", False),  # has a dot
        ("see", False),  # no capital
        ("A", False),  # one character
        ("3D", False),  # only one letter
        ("ABCDEFGHIJK", False),  # eleven characters, over the limit of ten
        ("Fig. 2", False),
    ],
)
def test_is_short_form_accepts_abbreviations_only(text, expected):
    assert is_short_form(text) is expected


@pytest.mark.parametrize(
    ("short", "words", "expected"),
    [
        ("KAN", ["the", "Kolmogorov-Arnold", "Network"], 1),
        ("LSTM", ["a", "long", "short-term", "memory"], 1),
        ("SGD", ["use", "stochastic", "gradient", "descent"], 1),
        ("MoE", ["a", "mixture", "of", "experts"], 1),  # lower-case letters of the short form count too
        ("GNN", ["Graph", "Neural", "Network"], 0),
    ],
)
def test_long_form_start_finds_first_word(short, words, expected):
    assert long_form_start(short, words) == expected


@pytest.mark.parametrize(
    ("short", "words"),
    [
        ("XYZ", ["some", "other", "words"]),
        ("KAN", ["a", "network"]),  # no "k" anywhere
        ("RL", ["deep", "learning"]),  # no word before "learning" starts with "r"
    ],
)
def test_long_form_start_is_none_without_match(short, words):
    assert long_form_start(short, words) is None


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("We study Graph Neural Networks (GNNs) on molecules.", [("Graph Neural Networks", "GNNs")]),
        ("A long short-term memory (LSTM) reads the signal.", [("long short-term memory", "LSTM")]),
        ("We train with stochastic gradient descent (SGD), then prune.", [("stochastic gradient descent", "SGD")]),
        ("Each layer is a mixture of experts (MoE) with four experts.", [("mixture of experts", "MoE")]),
        ("Our decoder runs at forty frames per second (FPS) on one GPU.", [("frames per second", "FPS")]),
    ],
)
def test_find_abbreviations_pairs_long_and_short_form(blank, text, pairs):
    doc = blank(text)
    assert [(long.text, short.text) for long, short in find_abbreviations(doc)] == pairs


@pytest.mark.parametrize(
    "text",
    [
        "The scores (see Table 2) are close.",  # "see Table 2" is not a short form
        "The ablation (ours) helps.",  # no capital
        "Accuracy rises, (CNN) is used.",  # a comma right before: no long form in the window
        "The gain (e.g. on images) is small.",
        "Some words appear here (XYZ) today.",  # letters do not match
    ],
)
def test_find_abbreviations_ignores_other_parentheses(blank, text):
    assert find_abbreviations(blank(text)) == []


KAN_PAPER = Paper(
    id="t-kan",
    title="Sparse Edge Functions for Interpretable Regression",
    abstract=(
        "Kolmogorov-Arnold Networks (KANs) put learnable univariate functions on the edges "
        "of a graph instead of fixed activations on its nodes. We prune KANs after training "
        "and show that a pruned KAN can be read as a symbolic formula."
    ),
)


def test_abbreviations_give_short_forms_the_long_form_type_and_key(nlp):
    doc = nlp(KAN_PAPER.text)
    long_forms = [e for e in doc.ents if e.text == "Kolmogorov-Arnold Networks"]
    short_forms = [e for e in doc.ents if e.text in {"KAN", "KANs"}]
    # the long form once; the short form three times: "(KANs)", "prune KANs", "pruned KAN"
    assert len(long_forms) == 1
    assert len(short_forms) == 3
    long_form = long_forms[0]
    assert long_form.label_ == EntityType.ARCHITECTURE.value
    key = long_form._.kg_key or long_form._.kg_concept
    assert key
    for short in short_forms:
        assert short.label_ == long_form.label_
        assert short._.kg_key == key
    assert doc._.kg_abbreviations.get("KANs") == "Kolmogorov-Arnold Networks"


def test_abbreviations_resolve_to_one_entity_named_after_long_form(nlp):
    resolved = resolve_paper(to_extraction(nlp(KAN_PAPER.text), KAN_PAPER))
    kan = [e for e in resolved.entities if {"KAN", "KANs"} & set(e.mentions)]
    assert len(kan) == 1  # GUIDELINES "Abbreviations": one entity
    entity = kan[0]
    assert entity.type is EntityType.ARCHITECTURE
    assert entity.name.lower() == "kolmogorov-arnold network"  # the long form, in the singular
    assert {"Kolmogorov-Arnold Networks", "KANs", "KAN"} <= set(entity.mentions)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("We use Lantern Song Equations (LSEs) to model bird calls.", "LSEs"),  # "to model": a verb
    ],
)
def test_word_after_a_pair_is_not_its_head_when_a_verb_follows(nlp, text, absent):
    assert absent not in {e.text for e in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We release the Lantern Song Equations (LSE) model for bird calls.", "Architecture"),
        ("We release the Lantern Song Equations (LSE) benchmark.", "Dataset"),
    ],
)
def test_word_after_a_proposed_pair_types_it(nlp, text, kind):
    doc = nlp(text)
    assert {(e.text, e.label_) for e in doc.ents} >= {("LSE", kind), ("Lantern Song Equations", kind)}


@pytest.mark.parametrize(
    ("text", "short", "kind"),
    [
        ("Multi-resolution Lantern Networks For Flexible Song Modeling (Multi-FLS)\n\nWe study songs.",
         "Multi-FLS", "Architecture"),
        ("We train an LSTM with Tanh gates (LSTM-Tanh) on songs.", "LSTM-Tanh", "Architecture"),
        ("We study Segmentation of Lantern Songs (SLS) here.", "SLS", "Task"),
        ("Click-through rate (CTR) is what we report.", "CTR", "Metric"),
    ],
)
def test_long_form_typed_by_its_head_before_a_preposition(nlp, text, short, kind):
    labels = {e.text: e.label_ for e in nlp(text).ents}
    assert labels.get(short) == kind, labels


def test_hyphenated_long_form_counts_as_one_word_and_beats_the_lexicon(nlp):
    # "AP" is average precision in the lexicon; this text defines it as its method
    doc = nlp("We refer to our method as Adapting-while-Pruning (AP). AP is fast.")
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Adapting-while-Pruning", "Method") in labels
    assert ("AP", "Metric") not in labels
    assert ("AP", "Method") in labels


def test_plural_task_word_after_a_pair_does_not_make_it_a_task(nlp):
    doc = nlp("We compress lantern networks for finite element (FE) predictions of waves.")
    assert ("FE", "Task") not in {(e.text, e.label_) for e in doc.ents}


def test_pair_spelt_out_unlike_its_lexicon_concept_leaves_the_concept(nlp):
    # "BSS" is blind source separation in the lexicon; this text spells it out otherwise
    doc = nlp("We evaluate on the data of the 2019 Bird Song Segmentation (BSS) Challenge. BSS is hard.")
    bss = [e for e in doc.ents if e.text == "BSS"]
    assert bss and all(e.label_ == "Dataset" and e._.kg_concept is None for e in bss)


def test_pair_spelt_out_like_its_lexicon_concept_keeps_the_concept(nlp):
    doc = nlp("We train Generative Adversarial Nets (GANs) on songs.")
    gans = [e for e in doc.ents if e.text == "GANs"]
    assert gans and all(e._.kg_concept for e in gans)


def test_task_named_pair_before_challenge_is_a_dataset(nlp):
    doc = nlp("We test on the data of the Lantern Song Segmentation (LaSS) Challenge.")
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("LaSS", "Dataset") in labels, labels
