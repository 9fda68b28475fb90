"""The learned recognizer (``kg_learned``): loads from the shipped files, adds typed spans.

The sentences are our own, written in the style of an AI abstract; none comes from
SciERC or the shared corpus. Assertions about what the model finds name only spans
that a recognizer trained on SciERC should find in plain cases, so that a broken or
untrained model fails them.
"""

from __future__ import annotations

import pytest
import spacy

from kg.errors import ConfigError
from kg.extract.extensions import register_extensions
from kg.extract.learned import DEFAULT_MODEL, is_named_set, model_path, to_kg_type
from kg.model import EntityType

KG_TYPES = {t.value for t in EntityType}


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def learned():
    """A pipeline of the tokenizer and ``kg_learned`` alone, loaded from the shipped model."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_learned")
    return nlp


def test_model_path_finds_shipped_model():
    path = model_path()
    assert path.name == DEFAULT_MODEL
    assert (path / "config.cfg").is_file()
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size < 15 * 1024 * 1024  # the budget for a shipped model file


@pytest.mark.parametrize("name", ["no_such_model"])
def test_model_path_missing_model_raises(name):
    with pytest.raises(ConfigError) as caught:
        model_path(name)
    assert str(caught.value).endswith(f"{name}: no trained model (config.cfg missing); see train/README.md")


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("We train on the Penn Treebank .", 4, 6, True),  # capitalised words
        ("Results on NIST 2005 are given .", 2, 4, True),  # digits
        ("TIMIT is used for testing .", 0, 1, True),  # all-caps name opening the sentence
        ("We collect speech data from volunteers .", 2, 4, False),  # a data kind
        ("Images are labelled by hand .", 0, 1, False),  # capital only because it opens the sentence
    ],
)
def test_is_named_set(blank, text, start, end, expected):
    doc = blank(text)
    assert is_named_set(doc[start:end]) is expected


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "expected"),
    [
        ("We use a FooNet here .", 3, 4, "Method", EntityType.ARCHITECTURE),  # -Net suffix
        ("We use beam search here .", 2, 4, "Method", EntityType.METHOD),
        ("We study machine translation .", 2, 4, "Task", EntityType.TASK),
        ("We report word error rate .", 2, 5, "Metric", EntityType.METRIC),
        ("Results on the Brown corpus .", 3, 5, "Dataset", EntityType.DATASET),
        ("We collect text documents .", 2, 4, "Dataset", None),  # a data kind, not a named set
        ("Our approach is fast .", 1, 2, "Method", None),  # generic (GUIDELINES "not this")
        ("We use beam search here .", 2, 4, "OtherScientificTerm", None),  # not a kept label
    ],
)
def test_to_kg_type(blank, text, start, end, label, expected):
    doc = blank(text)
    assert to_kg_type(doc[start:end], label) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We propose a statistical machine translation system that uses a phrase-based "
            "decoder . Experiments on the Europarl corpus show gains in BLEU score .",
            {("Europarl corpus", "Dataset"), ("BLEU score", "Metric")},
        ),
        (
            "We use hidden Markov models for part-of-speech tagging . "
            "The tagger reaches high accuracy on the Penn Treebank .",
            {("part-of-speech tagging", "Task"), ("accuracy", "Metric"), ("Penn Treebank", "Dataset")},
        ),
    ],
)
def test_learned_adds_typed_spans(learned, text, expected):
    doc = learned(text)
    found = {(e.text, e.label_) for e in doc.ents}
    assert expected <= found
    assert all(e.label_ in KG_TYPES for e in doc.ents)
    assert all(e._.kg_rule == "learned" for e in doc.ents)


@pytest.mark.parametrize("text", ["We propose a statistical machine translation system ."])
def test_learned_keeps_existing_entities(learned, text):
    # An entity already on the Doc (as the lexicon would set it) is never replaced.
    doc = learned.make_doc(text)
    doc.ents = [spacy.tokens.Span(doc, 3, 6, label="Architecture")]
    doc = learned.get_pipe("kg_learned")(doc)
    kept = [e for e in doc.ents if e.start == 3]
    assert [(e.text, e.label_) for e in kept] == [("statistical machine translation", "Architecture")]
    assert not any(e.start < 6 and e.end > 3 and e.start != 3 for e in doc.ents)


@pytest.mark.parametrize("texts", [["We study machine translation .", "Our decoder uses beam search ."]])
def test_learned_pipe_matches_call(learned, texts):
    one_by_one = [[(e.start, e.end, e.label_) for e in learned(t).ents] for t in texts]
    piped = [[(e.start, e.end, e.label_) for e in d.ents] for d in learned.pipe(texts)]
    assert piped == one_by_one
