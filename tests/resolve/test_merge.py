"""Tests for kg.resolve: mentions → entities with canonical names, and the gold record."""

from __future__ import annotations

import pytest

from kg.keys import match_key
from kg.model import (
    EntityType, Mention, Paper, PaperExtraction, Provenance, Relation, RelationType, Result,
)
from kg.resolve import canonical_name, resolve_paper, to_gold_record

A, M, D, MT, T = (
    EntityType.ARCHITECTURE, EntityType.METHOD, EntityType.DATASET, EntityType.METRIC, EntityType.TASK,
)
PAPER = Paper(id="p1", title="Lantern Gates", abstract="Words.")


def _mention(text, kind, start, *, key=None, concept=None, rule="noun_chunk", sentence=0):
    """A mention as the extractor makes it: key = abbreviation key, else concept, else match_key."""
    return Mention(
        text, kind, Provenance("p1", sentence, start, start + len(text)),
        rule=rule, concept=concept, key=key or concept or match_key(text),
    )


def _resolve(mentions, **relations):
    return resolve_paper(PaperExtraction(PAPER, tuple(mentions), **relations))


@pytest.mark.parametrize(
    ("forms", "name"),
    [
        # different keys (as from different rules), one thing: merged by the name's key
        ([("Graph Neural Networks", A), ("graph-neural network", A)], "Graph Neural Network"),
        ([("ConvNets", A), ("ConvNet", A)], "ConvNet"),
        ([("Vision Transformers", A), ("vision transformer", A), ("Vision-Transformer", A)], "Vision Transformer"),
        ([("strategies", M), ("Strategy", M)], "strategy"),
    ],
)
def test_resolve_paper_merges_plural_case_hyphen_variants(forms, name):
    mentions = [_mention(text, kind, 30 * n, key=f"k{n}") for n, (text, kind) in enumerate(forms)]
    resolved = _resolve(mentions)
    (entity,) = resolved.entities  # all forms are one entity
    assert entity.name == name
    assert entity.mentions == tuple(text for text, _ in forms)
    assert {resolved.name_of(f"k{n}") for n in range(len(forms))} == {name}


@pytest.mark.parametrize(
    ("forms", "names"),
    [
        ([("CIFAR-10", D), ("CIFAR-100", D)], ["CIFAR-10", "CIFAR-100"]),
        ([("ResNet-50", A), ("ResNet", A)], ["ResNet", "ResNet-50"]),
        # same name, different types: two entities
        ([("meta-learning", M), ("Meta Learning", T)], ["meta-learning", "Meta Learning"]),
    ],
)
def test_resolve_paper_keeps_different_things_apart(forms, names):
    mentions = [_mention(text, kind, 30 * n, key=f"k{n}") for n, (text, kind) in enumerate(forms)]
    assert [e.name for e in _resolve(mentions).entities] == names


@pytest.mark.parametrize(
    ("forms", "name"),
    [
        # long form first, then short forms: all share the long form's key
        ([("Kolmogorov-Arnold Networks", 0), ("KAN", 40), ("KANs", 60)], "Kolmogorov-Arnold Network"),
        # short form seen first still gives the long form's name
        ([("KAN", 0), ("Kolmogorov-Arnold Network", 10)], "Kolmogorov-Arnold Network"),
        ([("Lantern Gate Units", 0), ("LGUs", 30)], "Lantern Gate Unit"),
    ],
)
def test_resolve_paper_abbreviation_takes_long_form_name(forms, name):
    mentions = [_mention(text, A, start, key="abbr-1", rule="abbreviation") for text, start in forms]
    resolved = _resolve(mentions)
    (entity,) = resolved.entities  # one key, one entity
    assert entity.name == name
    assert set(entity.mentions) == {text for text, _ in forms}


@pytest.mark.parametrize(
    ("forms", "concept", "name", "kind"),
    [
        ([("dropout regularization", M), ("Dropout", M)], "method/dropout", "dropout", M),
        ([("ConvNets", A)], "architecture/convolutional-neural-network", "convolutional neural network", A),
        ([("SGD", M)], "method/stochastic-gradient-descent", "stochastic gradient descent", M),
        ([("cifar10", D)], "dataset/cifar-10", "CIFAR-10", D),
    ],
)
def test_resolve_paper_concept_gives_lexicon_label(forms, concept, name, kind):
    mentions = [_mention(text, k, 30 * n, concept=concept) for n, (text, k) in enumerate(forms)]
    (entity,) = _resolve(mentions).entities
    assert (entity.name, entity.concept, entity.type) == (name, concept, kind)
    assert entity.mentions == tuple(text for text, _ in forms)


@pytest.mark.parametrize("keys", [("cnn", "architecture/convolutional-neural-network")])
def test_resolve_paper_merges_keys_of_one_concept(keys):
    concept = "architecture/convolutional-neural-network"
    resolved = _resolve([
        _mention("CNNs", A, 0, key=keys[0], concept=concept),
        _mention("ConvNets", A, 20, key=keys[1], concept=concept),
    ])
    (entity,) = resolved.entities  # two keys, one concept
    assert entity.name == "convolutional neural network"
    assert resolved.by_key[keys[0]] is resolved.by_key[keys[1]]


@pytest.mark.parametrize(
    ("types", "concept_at", "expected"),
    [
        ([M, T], None, M),  # a tie goes to Method
        ([T, M], None, M),
        ([T, M, T], None, T),  # a majority wins
        ([A, T], None, A),  # a tie without Method: alphabetical
        ([M, A], 1, A),  # a tie with a lexicon match: the lexicon's type beats Method
    ],
)
def test_resolve_paper_one_type_per_entity(types, concept_at, expected):
    mentions = [
        _mention("Transformer", kind, 20 * n, key="transformer",
                 concept="architecture/transformer" if n == concept_at else None)
        for n, kind in enumerate(types)
    ]
    (entity,) = _resolve(mentions).entities
    assert entity.type == expected


@pytest.mark.parametrize(("proposed_key", "expected"), [("abbr-1", True), ("dataset/cifar-10", False)])
def test_resolve_paper_marks_proposed(proposed_key, expected):
    prov = Provenance("p1", 0, 0, 3)
    resolved = _resolve(
        [_mention("Lantern Network", A, 0, key="abbr-1"), _mention("CIFAR-10", D, 30, concept="dataset/cifar-10")],
        proposes=(Relation(RelationType.PROPOSES, "p1", proposed_key, prov),),
    )
    assert resolved.by_key["abbr-1"].proposed is expected


@pytest.mark.parametrize(("key", "name"), [("abbr-1", "Lantern Network"), ("nope", None), (None, None)])
def test_resolved_paper_name_of(key, name):
    resolved = _resolve([_mention("Lantern Networks", A, 0, key="abbr-1")])
    assert resolved.name_of(key) == name


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0]])
def test_resolved_paper_entities_sorted_by_type_then_name(order):
    forms = [("accuracy", MT, "metric/accuracy"), ("zeta net", A, None), ("Alpha Net", A, None),
             ("CIFAR-10", D, "dataset/cifar-10")]
    mentions = [_mention(forms[i][0], forms[i][1], 20 * i, concept=forms[i][2]) for i in order]
    assert [e.name for e in _resolve(mentions).entities] == ["Alpha Net", "zeta net", "CIFAR-10", "accuracy"]


@pytest.mark.parametrize(
    ("texts", "name"),
    [
        (["KANs", "Kolmogorov-Arnold Networks"], "Kolmogorov-Arnold Network"),
        (["GNN"], "GNN"),  # only a short form: it is the name
        (["ZNs", "ZorbNets"], "ZorbNet"),  # a plural short form seen first is still a short form
        (["lantern gates", "Lantern Gates"], "lantern gate"),  # equal length: the first seen
    ],
)
def test_canonical_name_prefers_long_form_in_singular(texts, name):
    mentions = [_mention(text, A, 10 * n) for n, text in enumerate(texts)]
    assert canonical_name(mentions) == name


def test_to_gold_record_shape():
    p = Provenance("p1", 1, 0, 5)
    extraction = PaperExtraction(
        PAPER,
        (
            _mention("Lantern Networks", A, 0, key="abbr-1", rule="abbreviation"),
            _mention("LNs", A, 20, key="abbr-1", rule="abbreviation"),
            _mention("CIFAR-10", D, 40, concept="dataset/cifar-10"),
            _mention("accuracy", MT, 60, concept="metric/accuracy"),
        ),
        proposes=(Relation(RelationType.PROPOSES, "p1", "abbr-1", p),),
        evaluated_on=(
            Relation(RelationType.EVALUATED_ON, "abbr-1", "dataset/cifar-10", p),
            Relation(RelationType.EVALUATED_ON, "abbr-1", "dataset/cifar-10", p),  # said twice, listed once
            Relation(RelationType.EVALUATED_ON, "abbr-1", "unknown-key", p),  # no entity: dropped
        ),
        results=(
            Result("abbr-1", "metric/accuracy", "91.2%", "dataset/cifar-10", p),
            Result(None, "metric/accuracy", "88%", None, p),
        ),
    )
    assert to_gold_record(resolve_paper(extraction)) == {
        "id": "p1",
        "title": "Lantern Gates",
        "entities": [
            {"type": "Architecture", "name": "Lantern Network", "mentions": ["Lantern Networks", "LNs"]},
            {"type": "Dataset", "name": "CIFAR-10", "mentions": ["CIFAR-10"], "concept": "dataset/cifar-10"},
            {"type": "Metric", "name": "accuracy", "mentions": ["accuracy"], "concept": "metric/accuracy"},
        ],
        "proposes": ["Lantern Network"],
        "evaluated_on": [["Lantern Network", "CIFAR-10"]],
        "results": [
            {"subject": "Lantern Network", "metric": "accuracy", "value": "91.2%", "dataset": "CIFAR-10"},
            {"subject": None, "metric": "accuracy", "value": "88%", "dataset": None},
        ],
    }


def test_resolved_evaluated_on_keeps_only_typed_pairs():
    from kg.model import Mention, Paper, PaperExtraction, Provenance, Relation, RelationType

    where = Provenance("p", 0, 0, 1)
    paper = Paper("p", "T", "A.")
    mentions = (
        Mention("FooNet", EntityType.ARCHITECTURE, where, key="foonet"),
        Mention("CIFAR-10", EntityType.DATASET, where, key="cifar10"),
        # "STEP" was paired as a dataset once, but resolves to a Method (two votes to one)
        Mention("STEP", EntityType.DATASET, where, key="step"),
        Mention("STEP", EntityType.METHOD, where, key="step"),
        Mention("STEP", EntityType.METHOD, where, key="step"),
    )
    relations = (
        Relation(RelationType.EVALUATED_ON, "foonet", "cifar10", where),
        Relation(RelationType.EVALUATED_ON, "foonet", "step", where),
    )
    resolved = resolve_paper(PaperExtraction(paper, mentions, evaluated_on=relations))
    assert [(r.subject, r.object) for r in resolved.evaluated_on()] == [("foonet", "cifar10")]


def test_resolve_paper_merges_a_concept_group_with_a_same_named_plain_group():
    # "training time" from the lexicon and "training times" from an elliptical phrase
    # ("training and inference times") are one entity, with the concept
    resolved = _resolve([
        _mention("training speed", MT, 0, concept="metric/training-time"),
        _mention("training times", MT, 40, key=match_key("training times"), rule="ellipsis"),
    ])
    (entity,) = resolved.entities
    assert entity.name == "training time"
    assert entity.concept == "metric/training-time"
    assert entity.mentions == ("training speed", "training times")



def test_resolve_paper_merges_a_name_with_its_spelt_out_short_form():
    # "Linear RNNs" in a title and "Linear Recurrent Neural Networks (LRNNs)" in the abstract
    resolved = _resolve([
        _mention("Linear RNNs", A, 0),
        _mention("Linear Recurrent Neural Networks", A, 40, key="abbr-1", rule="abbreviation"),
        _mention("LRNNs", A, 75, key="abbr-1", rule="abbreviation"),
    ])
    (entity,) = resolved.entities
    assert entity.name == "Linear Recurrent Neural Network"
    assert set(entity.mentions) == {"Linear RNNs", "Linear Recurrent Neural Networks", "LRNNs"}


def test_resolve_paper_keeps_a_lone_short_form_apart_from_a_longer_name():
    resolved = _resolve([_mention("RNNs", A, 0, key="rnn"), _mention("Linear RNNs", A, 20)])
    assert {e.name for e in resolved.entities} == {"RNN", "Linear RNN"}


def test_resolve_paper_unlinks_a_concept_of_another_type():
    # "a cross-entropy measure": a Metric; the lexicon's concept is a Method
    resolved = _resolve([_mention("cross-entropy", MT, 0, concept="method/cross-entropy-loss", rule="measure")])
    (entity,) = resolved.entities
    assert entity.type is MT
    assert entity.concept is None


def test_resolve_paper_results_keep_only_typed_roles():
    mentions = [
        _mention("LanternNet", A, 0),
        _mention("accuracy", MT, 20, concept="metric/accuracy"),
        _mention("pruning", M, 40),  # a Method where a dataset should be
        _mention("CIFAR-10", D, 60, concept="dataset/cifar-10"),  # a Dataset where a metric should be
    ]
    prov = Provenance("p1", 0, 20, 28)
    results = (
        Result(subject="lanternnet", metric="metric/accuracy", value="76%", dataset="pruning", provenance=prov),
        Result(subject=None, metric="dataset/cifar-10", value="3%", dataset=None, provenance=prov),
    )
    record = to_gold_record(_resolve(mentions, results=results))
    assert record["results"] == [{"subject": "LanternNet", "metric": "accuracy", "value": "76%", "dataset": None}]
