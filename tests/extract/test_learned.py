"""The learned recognizer (``kg_learned``) and the opt-in ``learned`` profile.

The sentences are our own, written in the style of an AI abstract; none comes from
SciERC or the shared corpus. Assertions about what the model finds name only spans
that a recognizer trained on SciERC should find in plain cases, so that a broken or
untrained model fails them.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Span
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ConfigError
from kg.extract import load_pipeline
from kg.extract.extensions import register_extensions
from kg.extract.learned import (
    DEFAULT_MODEL,
    PROFILES,
    combine_entities,
    is_named_set,
    model_path,
    profile,
    to_kg_type,
)
from kg.model import EntityType

KG_TYPES = {t.value for t in EntityType}
# Two hand-written abstracts: (text, spans the SciERC model finds, with kg's types).
ABSTRACTS = [
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
]


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


@pytest.fixture(scope="module")
def scierc_nlp():
    """kg's pipeline with the ``scierc`` profile."""
    return load_pipeline(learned="scierc")


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


@pytest.mark.parametrize("word", ["Europarl", "Treebank"])
def test_model_vocab_keeps_no_training_words(word):
    # train/prune_vocab.py keeps only the strings en_core_web_sm has; these words
    # are not among them (if the base model learns them one day, pick others).
    strings = json.loads((model_path() / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert word not in strings


@pytest.mark.parametrize("name", ["scierc"])
def test_profile_names_a_shipped_model(name):
    assert (model_path(profile(name).config["model"]) / "config.cfg").is_file()


@pytest.mark.parametrize("name", ["bio", "SciERC", ""])
def test_profile_unknown_raises(name):
    with pytest.raises(ConfigError) as caught:
        profile(name)
    assert str(caught.value) == f"unknown learned profile '{name}' (allowed: scierc)"


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
    ("text", "start", "end", "label", "named_sets", "expected"),
    [
        ("We use a FooNet here .", 3, 4, "Method", True, EntityType.ARCHITECTURE),  # -Net suffix
        ("We use beam search here .", 2, 4, "Method", True, EntityType.METHOD),
        ("We study machine translation .", 2, 4, "Task", True, EntityType.TASK),
        ("We report word error rate .", 2, 5, "Metric", True, EntityType.METRIC),
        ("Results on the Brown corpus .", 3, 5, "Dataset", True, EntityType.DATASET),
        ("We collect text documents .", 2, 4, "Dataset", True, None),  # a data kind, not a named set
        ("We collect text documents .", 2, 4, "Dataset", False, EntityType.DATASET),  # SciERC style
        ("Our approach is fast .", 1, 2, "Method", False, None),  # generic (GUIDELINES "not this")
        ("We use beam search here .", 2, 4, "OtherScientificTerm", False, None),  # not a kept label
    ],
)
def test_to_kg_type(blank, text, start, end, label, named_sets, expected):
    doc = blank(text)
    assert to_kg_type(doc[start:end], label, named_sets=named_sets) is expected


# "We use beam search on ImageNet data for parsing ." with rule entities
# "beam search" (Method), "ImageNet" (Dataset), "parsing" (Task) and model spans
# "search" (Task), "ImageNet data" (Dataset), "parsing" (Task, a repeat).
COMBINE_CASES = [
    ("fill", [("beam search", "Method"), ("ImageNet", "Dataset"), ("parsing", "Task")]),
    ("relabel", [("beam search", "Method"), ("ImageNet", "Dataset"), ("parsing", "Task")]),
    ("prefer", [("search", "Task"), ("ImageNet data", "Dataset"), ("parsing", "Task")]),
    ("override", [("search", "Task"), ("ImageNet data", "Dataset"), ("parsing", "Task")]),
    ("only", [("search", "Task"), ("ImageNet data", "Dataset"), ("parsing", "Task")]),
]


@pytest.mark.parametrize(("mode", "expected"), COMBINE_CASES)
def test_combine_entities(blank, mode, expected):
    doc = blank("We use beam search on ImageNet data for parsing .")
    rules = [Span(doc, 2, 4, "Method"), Span(doc, 5, 6, "Dataset"), Span(doc, 8, 9, "Task")]
    model = [Span(doc, 3, 4, "Task"), Span(doc, 5, 7, "Dataset"), Span(doc, 8, 9, "Task")]
    assert [(e.text, e.label_) for e in combine_entities(rules, model, mode)] == expected


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("fill", [("beam search", "Method"), ("ImageNet", "Dataset"), ("parsing", "Method")]),
        ("relabel", [("beam search", "Method"), ("ImageNet", "Dataset"), ("parsing", "Task")]),
        ("prefer", [("beam search", "Method"), ("ImageNet", "Dataset"), ("parsing", "Method")]),
        ("override", [("beam search", "Method"), ("ImageNet", "Dataset"), ("parsing", "Task")]),
        ("only", [("parsing", "Task")]),
    ],
)
def test_combine_entities_same_tokens(blank, mode, expected):
    # The model gives "parsing" another type: prefer keeps the rule's, the others take the model's.
    doc = blank("We use beam search on ImageNet data for parsing .")
    rules = [Span(doc, 2, 4, "Method"), Span(doc, 5, 6, "Dataset"), Span(doc, 8, 9, "Method")]
    model = [Span(doc, 8, 9, "Task")]
    assert [(e.text, e.label_) for e in combine_entities(rules, model, mode)] == expected


@pytest.mark.parametrize("mode", ["union", ""])
def test_combine_entities_unknown_mode_raises(blank, mode):
    with pytest.raises(ConfigError) as caught:
        combine_entities([], [], mode)
    assert str(caught.value) == f"unknown combine mode '{mode}' (allowed: fill, relabel, prefer, override, only)"


@pytest.mark.parametrize(("text", "expected"), ABSTRACTS)
def test_learned_adds_typed_spans(learned, text, expected):
    doc = learned(text)
    found = {(e.text, e.label_) for e in doc.ents}
    assert expected <= found
    assert all(e.label_ in KG_TYPES for e in doc.ents)
    assert all(e._.kg_rule == "learned" for e in doc.ents)


@pytest.mark.parametrize("text", ["We propose a statistical machine translation system ."])
def test_learned_fill_keeps_existing_entities(learned, text):
    # In the default "fill" mode, an entity already on the Doc is never replaced.
    doc = learned.make_doc(text)
    doc.ents = [Span(doc, 3, 6, label="Architecture")]
    doc = learned.get_pipe("kg_learned")(doc)
    kept = [e for e in doc.ents if e.start == 3]
    assert [(e.text, e.label_) for e in kept] == [("statistical machine translation", "Architecture")]
    assert not any(e.start < 6 and e.end > 3 and e.start != 3 for e in doc.ents)


@pytest.mark.parametrize("texts", [["We study machine translation .", "Our decoder uses beam search ."]])
def test_learned_pipe_matches_call(learned, texts):
    one_by_one = [[(e.start, e.end, e.label_) for e in learned(t).ents] for t in texts]
    piped = [[(e.start, e.end, e.label_) for e in d.ents] for d in learned.pipe(texts)]
    assert piped == one_by_one


def test_load_pipeline_default_has_no_learned_component(nlp):
    assert "kg_learned" not in nlp.pipe_names


def test_load_pipeline_scierc_profile_adds_component(nlp, scierc_nlp):
    # The default pipeline's components, in the same order, then kg_learned last.
    assert scierc_nlp.pipe_names == [*nlp.pipe_names, "kg_learned"]
    assert PROFILES["scierc"].after == nlp.pipe_names[-1]
    assert scierc_nlp.get_pipe("kg_learned").combine == "prefer"


@pytest.mark.parametrize("name", ["bio"])
def test_load_pipeline_unknown_profile_raises(name):
    with pytest.raises(ConfigError, match=f"unknown learned profile '{name}' \\(allowed: scierc\\)"):
        load_pipeline(learned=name)


# Hand-written sentences: (text, what the rules find, what the scierc profile finds).
PROFILE_CASES = [
    (  # broader bounds: the model's span replaces the rules' shorter one
        "We propose a statistical machine translation system that uses a phrase-based "
        "decoder . Experiments on the Europarl corpus show gains in BLEU score .",
        {("machine translation", "Task"), ("Europarl", "Dataset")},
        {("statistical machine translation system", "Method"), ("Europarl corpus", "Dataset")},
    ),
    (  # a data kind, a Material in SciERC, which the rules leave out (GUIDELINES "Dataset")
        "A maximum entropy classifier is trained to detect named entities in newswire text .",
        {("maximum entropy classifier", "Method")},
        {("maximum entropy classifier", "Method"), ("newswire text", "Dataset")},
    ),
]


@pytest.mark.parametrize(("text", "by_rules", "by_profile"), PROFILE_CASES)
def test_scierc_profile_broadens_entities(nlp, scierc_nlp, text, by_rules, by_profile):
    rules = {(e.text, e.label_) for e in nlp(text).ents}
    profile = {(e.text, e.label_) for e in scierc_nlp(text).ents}
    assert by_rules <= rules
    assert by_profile <= profile
    assert not (by_rules - by_profile) & profile  # replaced, not kept beside


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [("We use hidden Markov models for part-of-speech tagging .", "hidden Markov models", "Method")],
)
def test_scierc_profile_keeps_rule_type_of_same_span(nlp, scierc_nlp, text, span, label):
    # The model finds the same tokens (and, by its head word, would call them an
    # Architecture); "prefer" keeps the rules' entity, type and rule.
    assert (span, label) in {(e.text, e.label_) for e in nlp(text).ents}
    found = {e.text: e for e in scierc_nlp(text).ents}
    assert found[span].label_ == label
    assert found[span]._.kg_rule != "learned"


@pytest.mark.parametrize("command", ["build", "extract", "evaluate"])
def test_cli_learned_unknown_value_is_a_usage_error(tmp_path, command):
    source = tmp_path / "papers.jsonl"
    source.write_text('{"id": "p1", "title": "A", "abstract": "B"}\n', encoding="utf-8")
    gold = ["--gold", str(source)] if command == "evaluate" else []
    result = CliRunner().invoke(app, [command, str(source), *gold, "--learned", "bio"])
    assert result.exit_code == 2
    assert "'bio' is not one of scierc" in result.output


@pytest.mark.parametrize(("text", "entity"), [(PROFILE_CASES[1][0], ("newswire text", "Dataset"))])
def test_cli_extract_learned_scierc(tmp_path, text, entity):
    source = tmp_path / "papers.jsonl"
    source.write_text(json.dumps({"id": "p1", "title": "Entities", "abstract": text}) + "\n", encoding="utf-8")
    found = {}
    for option in ([], ["--learned", "scierc"]):
        out = tmp_path / f"out{len(option)}.jsonl"
        result = CliRunner().invoke(app, ["extract", str(source), "-o", str(out), *option])
        assert result.exit_code == 0, result.output
        record = json.loads(out.read_text(encoding="utf-8"))
        found[bool(option)] = {(e["name"], e["type"]) for e in record["entities"]}
    assert entity not in found[False]
    assert entity in found[True]
