"""Tests for kg.evaluate: scoring gold-format records against gold, worked out by hand."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.evaluate import Counts, ErrorItem, Evidence, PaperErrors, find_evidence, read_gold, score

TITLE = "Lantern Nets: Sparse Gates!"


def _entity(kind, name, *mentions, **extra):
    return {"type": kind, "name": name, "mentions": list(mentions), **extra}


def _record(entities, title=TITLE, **fields):
    return {"id": "g1", "title": title, "entities": entities, **fields}


def _counts(c: Counts) -> tuple[int, int, int]:
    return (c.tp, c.predicted, c.gold)


KAN = _entity("Architecture", "Kolmogorov-Arnold Network", "Kolmogorov-Arnold Network", "KAN")
CIFAR10 = _entity("Dataset", "CIFAR-10", "CIFAR-10")


@pytest.mark.parametrize(
    ("pred_title", "matched"),
    [
        ("Lantern Nets: Sparse Gates!", True),
        ("lantern nets — sparse gates", True),  # case and punctuation do not count
        ("LANTERN  NETS SPARSE GATES", True),
        ("Lantern Nets: Sparse Gates 2", False),
    ],
)
def test_score_matches_papers_by_normalised_title(pred_title, matched):
    s = score([_record([KAN], title=pred_title)], [_record([KAN])])
    assert s.papers_unmatched == ([] if matched else [TITLE])
    assert s.papers_scored == 1  # the one gold paper is scored either way
    assert _counts(s.by_type["Architecture"]) == ((1, 1, 1) if matched else (0, 0, 1))


@pytest.mark.parametrize(("pred_id", "matched"), [("g7", True), ("g8", False)])
def test_score_matches_untitled_papers_by_id(pred_id, matched):
    gold = {"id": "g7", "title": "", "entities": [KAN]}
    pred = {"id": pred_id, "title": "", "entities": [KAN]}
    assert score([pred], [gold]).papers_unmatched == ([] if matched else ["g7"])


@pytest.mark.parametrize(
    ("pred", "gold", "tp"),
    [
        (_entity("Architecture", "KANs"), KAN, 1),  # name vs a gold mention, plural dropped
        (_entity("Architecture", "kolmogorov arnold networks"), KAN, 1),  # vs the gold name
        (_entity("Architecture", "Lantern", "KAN"), KAN, 1),  # a predicted mention counts too
        (_entity("Architecture", "K-A nets"), {**KAN, "aliases": ["KA net"]}, 1),  # gold aliases
        (_entity("Architecture", "KA"), KAN, 0),
        (_entity("Dataset", "KAN"), KAN, 0),  # the type must agree
        (_entity("Dataset", "CIFAR-100"), CIFAR10, 0),
    ],
)
def test_score_entity_matching_uses_keys_of_names_and_mentions(pred, gold, tp):
    s = score([_record([pred])], [_record([gold])])
    assert s.micro.tp == tp


@pytest.mark.parametrize(
    ("preds", "golds", "expected"),
    [
        # two predictions for one gold entity: one hit and one false positive
        (["KAN", "KANs"], [("Kolmogorov-Arnold Network", "KAN")], (1, 2, 1)),
        # one prediction for two gold entities: one hit and one miss
        (["CIFAR10"], [("CIFAR-10",), ("CIFAR10 subset", "CIFAR 10")], (1, 1, 2)),
        # the first prediction fits both gold entities, the second only one: a maximum
        # matching pairs them crosswise and hits both
        (["Lantern Network|LN", "LN"], [("Lantern Net", "LN"), ("Lantern Network",)], (2, 2, 2)),
    ],
)
def test_score_matching_is_one_to_one(preds, golds, expected):
    pred_entities = [_entity("Method", *p.split("|")) for p in preds]
    gold_entities = [_entity("Method", *g) for g in golds]
    s = score([_record(pred_entities)], [_record(gold_entities)])
    assert _counts(s.by_type["Method"]) == expected


def test_score_per_type_micro_and_errors():
    gold = _record([KAN, CIFAR10, _entity("Method", "dropout", "dropout"), _entity("Metric", "accuracy")])
    pred = _record([
        _entity("Architecture", "KANs"), _entity("Architecture", "KAN"),
        _entity("Dataset", "cifar10"), _entity("Metric", "accuracy"), _entity("Task", "sheep counting"),
    ])
    s = score([pred], [gold])
    assert {t: _counts(c) for t, c in s.by_type.items()} == {
        "Architecture": (1, 2, 1),  # KANs and KAN both fit KAN: one of them is a false positive
        "Dataset": (1, 1, 1),
        "Method": (0, 0, 1),  # dropout missed
        "Metric": (1, 1, 1),
        "Task": (0, 1, 0),
    }
    assert _counts(s.micro) == (3, 5, 4)  # the sums of the five rows above
    (errors,) = s.errors
    assert errors.paper == TITLE
    false_positives = [(e.type, e.name) for e in errors.false_positives]
    assert len(false_positives) == 2  # the spare KAN form and the task
    assert ("Task", "sheep counting") in false_positives
    assert [(e.type, e.name) for e in errors.misses] == [("Method", "dropout")]
    assert not errors.has_text  # no abstract in either record: no sentences to show
    assert all(e.evidence is None for e in errors.false_positives + errors.misses)


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (["Dataset"], {"Dataset": (1, 1, 1)}),
        (["Architecture", "Dataset"], {"Architecture": (1, 1, 1), "Dataset": (1, 1, 1)}),
        (None, {"Architecture": (1, 1, 1), "Dataset": (1, 1, 1), "Method": (0, 0, 0),
                "Metric": (0, 0, 0), "Task": (0, 0, 0)}),  # default: all five types
    ],
)
def test_score_types_filter(types, expected):
    s = score([_record([_entity("Architecture", "KAN"), CIFAR10])], [_record([KAN, CIFAR10])], types=types)
    assert {t: _counts(c) for t, c in s.by_type.items()} == expected


@pytest.mark.parametrize(
    ("fold", "expected"),
    [
        # the prediction says Architecture, gold says Method: a false positive and a miss
        (None, {"Architecture": (0, 1, 0), "Method": (0, 0, 1)}),
        # folded onto Method on both sides, the two meet
        ({"Architecture": "Method"}, {"Architecture": (0, 0, 0), "Method": (1, 1, 1)}),
    ],
)
def test_score_fold_architecture_into_method(fold, expected):
    gold = _record([_entity("Method", "lantern gating", "lantern gating")])
    pred = _record([_entity("Architecture", "Lantern Gating")])
    s = score([pred], [gold], types=["Architecture", "Method"], fold=fold)
    assert {t: _counts(c) for t, c in s.by_type.items()} == expected


@pytest.mark.parametrize(
    ("relation", "pred_value", "gold_value", "expected"),
    [
        # predicted names are mapped to the gold names they matched before comparing
        ("proposes", ["KANs"], ["Kolmogorov-Arnold Network"], (1, 1, 1)),
        ("proposes", ["Lantern"], ["Kolmogorov-Arnold Network"], (0, 1, 1)),  # not a predicted entity
        ("proposes", [], ["Kolmogorov-Arnold Network"], (0, 0, 1)),
        ("evaluated_on", [["KANs", "cifar10"]], [["Kolmogorov-Arnold Network", "CIFAR-10"]], (1, 1, 1)),
        ("evaluated_on", [["KANs", "cifar10"], ["KANs", "MNIST"]],
         [["Kolmogorov-Arnold Network", "CIFAR-10"]], (1, 2, 1)),
        ("evaluated_on", [["cifar10", "KANs"]], [["Kolmogorov-Arnold Network", "CIFAR-10"]], (0, 1, 1)),
        # gold pairs are a set: one stated twice counts once
        ("evaluated_on", [["KANs", "cifar10"]],
         [["Kolmogorov-Arnold Network", "CIFAR-10"], ["Kolmogorov-Arnold Network", "CIFAR-10"]], (1, 1, 1)),
        # results compare subject, metric and value; spaces and case in the value do not count
        ("results", [{"subject": "KANs", "metric": "Accuracy", "value": "91.2 %", "dataset": None}],
         [{"subject": "Kolmogorov-Arnold Network", "metric": "accuracy", "value": "91.2%", "dataset": "CIFAR-10"}],
         (1, 1, 1)),
        ("results", [{"subject": "KANs", "metric": "Accuracy", "value": "91.3%", "dataset": None}],
         [{"subject": "Kolmogorov-Arnold Network", "metric": "accuracy", "value": "91.2%", "dataset": None}],
         (0, 1, 1)),
        ("results", [{"subject": None, "metric": "Accuracy", "value": "88%", "dataset": None}],
         [{"subject": None, "metric": "accuracy", "value": "88%", "dataset": None}], (1, 1, 1)),
    ],
)
def test_score_relations(relation, pred_value, gold_value, expected):
    # names in a record's relations are the canonical names of its own entities
    gold = _record([KAN, CIFAR10, _entity("Metric", "accuracy")], **{relation: gold_value})
    pred = _record(
        [_entity("Architecture", "KANs"), _entity("Dataset", "cifar10"), _entity("Metric", "Accuracy")],
        **{relation: pred_value},
    )
    s = score([pred], [gold])
    assert _counts(s.relations[relation]) == expected
    others = {"proposes", "evaluated_on", "results"} - {relation}
    assert all(_counts(s.relations[name]) == (0, 0, 0) for name in others)  # nothing stated there


def test_score_unmatched_papers_are_listed_and_missed():
    gold = [
        _record([KAN]),
        _record([CIFAR10], title="Counting Sheep", proposes=["CIFAR-10"]),
        {"id": "g9", "title": "", "entities": []},
    ]
    s = score([_record([_entity("Architecture", "KAN")])], gold)
    assert s.papers_unmatched == ["Counting Sheep", "g9"]  # the id names a paper with no title
    assert s.papers_scored == 3  # every gold paper counts, found or not
    assert _counts(s.by_type["Dataset"]) == (0, 0, 1)  # the unfound paper's dataset is a miss
    assert _counts(s.relations["proposes"]) == (0, 0, 1)
    assert [e.paper for e in s.errors] == [TITLE, "Counting Sheep", "g9"]


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (Counts(3, 4, 6), 0.75, 0.5, 0.6),
        (Counts(0, 0, 0), 0.0, 0.0, 0.0),  # nothing predicted, nothing to find: zeros, no error
        (Counts(0, 2, 0), 0.0, 0.0, 0.0),
        (Counts(2, 2, 2), 1.0, 1.0, 1.0),
    ],
)
def test_counts_scores(counts, precision, recall, f1):
    assert (counts.precision, counts.recall, round(counts.f1, 10)) == (precision, recall, f1)


def test_read_gold_reads_records(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"title": "A", "entities": []}\n\n{"title": "B", "entities": []}\n', encoding="utf-8")
    assert [r["title"] for r in read_gold(path)] == ["A", "B"]  # the blank line is no record


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (['{"title": "A", "entities": []}', '{"title": '], "2: invalid JSON: Expecting value"),
        (['{"title": "A", "entities": []}', "", '{"title": "B"}'], "3: missing field 'entities'"),
        (['["not", "an", "object"]'], "1: missing field 'entities'"),
    ],
)
def test_read_gold_error_names_file_and_line(tmp_path, lines, reason):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert str(caught.value) == f"{path}:{reason}"


@pytest.mark.parametrize(
    ("subject", "tp"),
    [
        ("BogusNet", 0),  # a subject that matches no gold entity is wrong, not "no subject"
        (None, 1),
    ],
)
def test_score_result_subject_must_match(subject, tp):
    gold = [{"title": "T", "entities": [{"type": "Metric", "name": "accuracy", "mentions": []}],
             "results": [{"subject": None, "metric": "accuracy", "value": "88%"}]}]
    pred = [{"title": "T", "entities": [{"type": "Metric", "name": "accuracy", "mentions": []}],
             "results": [{"subject": subject, "metric": "accuracy", "value": "88 %"}]}]
    assert score(pred, gold).relations["results"].tp == tp


def test_read_gold_not_utf8_names_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b'{"title": "a", "entities": []}\n{"title": "\xff"}\n')
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert str(caught.value) == f"{path}:2: not valid UTF-8"


# Error analysis: each false positive and miss comes with its sentence.

ABSTRACT = (
    "We propose Lantern Nets, a gated network for counting. "
    "Lantern nets apply drop-out to every gate, e.g. Dropout on the output gate. "
    "On CIFAR10 a Lantern Net reaches 91.2% accuracy."
)
LANTERN = _entity("Architecture", "Lantern Net", "Lantern Nets")


def _shown(item: ErrorItem) -> tuple[str, str, str | None, list[str]]:
    """An error as (type, name, its sentence, the texts of the highlighted spans)."""
    if item.evidence is None:
        return (item.type, item.name, None, [])
    sentence = item.evidence.sentence
    return (item.type, item.name, sentence, [sentence[a:b] for a, b in item.evidence.spans])


def test_score_errors_show_the_sentence_of_a_false_positive_and_a_miss():
    gold = _record([LANTERN, CIFAR10, _entity("Method", "dropout", "drop-out"),
                    _entity("Task", "sheep counting", "sheep counting")])
    pred = _record([_entity("Architecture", "Lantern Nets", "Lantern Nets", "Lantern Net"),
                    _entity("Architecture", "gated network", "gated network"),
                    _entity("Dataset", "CIFAR10", "CIFAR10")], abstract=ABSTRACT)
    (errors,) = score([pred], [gold]).errors
    assert errors.has_text
    assert [_shown(e) for e in errors.false_positives] == [
        ("Architecture", "gated network", "We propose Lantern Nets, a gated network for counting.",
         ["gated network"]),
    ]
    assert [_shown(e) for e in errors.misses] == [
        # the first sentence with a form of the gold entity; "e.g." does not end a sentence
        ("Method", "dropout",
         "Lantern nets apply drop-out to every gate, e.g. Dropout on the output gate.", ["drop-out"]),
        # the text says "counting", never "sheep counting": the gold names what is not written
        ("Task", "sheep counting", None, []),
    ]


@pytest.mark.parametrize(
    ("forms", "found"),
    [
        (["lantern nets"], "Lantern Nets"),  # case does not count
        (["Lantern-Net"], "Lantern Nets"),  # nor hyphens, spaces and the plural
        (["cifar-10"], "CIFAR10"),
        (["dropout"], "drop-out"),
        (["gated networks"], "gated network"),
        (["accuracies"], "accuracy"),  # "ies" plural of a "y" key
        (["91.2%"], "91.2%"),  # values too
        (["Lantern"], "Lantern"),  # a whole word is enough
        (["ante"], None),  # but never part of a word
        (["Net"], "Nets"),  # the plural ending belongs to the match
        (["ImageNet"], None),
    ],
)
def test_find_evidence_uses_the_matching_rule(forms, found):
    evidence = find_evidence(ABSTRACT, forms)
    if found is None:
        assert evidence is None
    else:
        (span,) = evidence.spans
        assert evidence.sentence[span[0]:span[1]] == found


def test_find_evidence_title_is_a_sentence_and_comes_first():
    text = "Lantern Nets: Sparse Gates!\n\n" + ABSTRACT
    evidence = find_evidence(text, ["sparse gate"])
    assert evidence == Evidence("Lantern Nets: Sparse Gates!", ((14, 26),))  # "Sparse Gates"
    assert find_evidence(text, ["Lantern Net"]).sentence == "Lantern Nets: Sparse Gates!"


def test_find_evidence_prefers_the_sentence_with_most_names():
    # Lantern Net is in every sentence, CIFAR10 only in the last: the last has both
    evidence = find_evidence(ABSTRACT, ["Lantern Net"], ["CIFAR-10"])
    assert evidence.sentence == "On CIFAR10 a Lantern Net reaches 91.2% accuracy."
    assert [evidence.sentence[a:b] for a, b in evidence.spans] == ["Lantern Net", "CIFAR10"]


def test_score_errors_take_the_text_from_the_gold_record_when_the_paper_is_not_found():
    gold = _record([_entity("Metric", "accuracy", "accuracy")], text=ABSTRACT)
    (errors,) = score([], [gold]).errors
    assert errors.has_text
    assert [_shown(e) for e in errors.misses] == [
        ("Metric", "accuracy", "On CIFAR10 a Lantern Net reaches 91.2% accuracy.", ["accuracy"]),
    ]


def test_score_relation_errors_use_the_gold_names_the_predictions_matched():
    gold = _record(
        [LANTERN, CIFAR10, _entity("Metric", "accuracy", "accuracy"), _entity("Task", "counting", "counting")],
        proposes=["Lantern Net", "counting"],
        evaluated_on=[["Lantern Net", "CIFAR-10"]],
        results=[{"subject": "Lantern Net", "metric": "accuracy", "value": "91.2%", "dataset": "CIFAR-10"}],
    )
    pred = _record(
        [_entity("Architecture", "Lantern Nets", "Lantern Nets"), _entity("Dataset", "CIFAR10", "CIFAR10"),
         _entity("Metric", "accuracy", "accuracy"), _entity("Method", "gated network", "gated network")],
        proposes=["Lantern Nets", "gated network"],  # Lantern Nets is the gold Lantern Net: a hit
        evaluated_on=[["gated network", "CIFAR10"]],
        results=[{"subject": "Lantern Nets", "metric": "accuracy", "value": "92%", "dataset": None}],
        abstract=ABSTRACT,
    )
    (errors,) = score([pred], [gold], types=["Architecture", "Dataset", "Metric"]).errors
    relations = ("proposes", "evaluated_on", "results")
    relation_errors = [(kind, *_shown(e)) for kind, e in errors.items() if e.type in relations]
    assert relation_errors == [
        ("FP", "proposes", "gated network", "We propose Lantern Nets, a gated network for counting.", ["gated network"]),
        # counting is not a scored type here, but its sentence is still found
        ("MISS", "proposes", "counting", "We propose Lantern Nets, a gated network for counting.", ["counting"]),
        # no sentence holds both names: the one holding the first name is shown
        ("FP", "evaluated_on", "gated network → CIFAR-10",
         "We propose Lantern Nets, a gated network for counting.", ["gated network"]),
        # a sentence holding both names wins over an earlier one holding one
        ("MISS", "evaluated_on", "Lantern Net → CIFAR-10",
         "On CIFAR10 a Lantern Net reaches 91.2% accuracy.", ["Lantern Net", "CIFAR10"]),
        # a wrong value: the metric and subject are found, the value 92% is not
        ("FP", "results", "Lantern Net: accuracy = 92%",
         "On CIFAR10 a Lantern Net reaches 91.2% accuracy.", ["accuracy", "Lantern Net"]),
        ("MISS", "results", "Lantern Net: accuracy = 91.2%",
         "On CIFAR10 a Lantern Net reaches 91.2% accuracy.", ["91.2%", "accuracy", "Lantern Net"]),
    ]


def test_paper_errors_items_group_by_type_and_only_keeps_types():
    errors = PaperErrors(
        "T",
        false_positives=[ErrorItem("proposes", "A"), ErrorItem("Task", "b"), ErrorItem("Dataset", "C")],
        misses=[ErrorItem("Task", "a"), ErrorItem("evaluated_on", "A → C")],
    )
    assert [(kind, e.type, e.name) for kind, e in errors.items()] == [
        ("FP", "Dataset", "C"),
        ("FP", "Task", "b"),  # FP before MISS within a type
        ("MISS", "Task", "a"),
        ("FP", "proposes", "A"),  # relations after entity types, in the order of the score table
        ("MISS", "evaluated_on", "A → C"),
    ]
    only = errors.only({"Task"})
    assert [(kind, e.name) for kind, e in only.items()] == [("FP", "b"), ("MISS", "a")]
    assert len(errors.items()) == 5  # the original is unchanged


def test_scores_error_counts_sum_over_papers():
    gold = [_record([KAN, CIFAR10], proposes=["Kolmogorov-Arnold Network"]), _record([CIFAR10], title="Other")]
    pred = [_record([_entity("Dataset", "MNIST")]), _record([_entity("Dataset", "SVHN")], title="Other")]
    s = score(pred, gold)
    # Architecture: KAN missed; Dataset: MNIST and SVHN wrong, CIFAR-10 missed twice; proposes: KAN missed
    assert s.error_counts() == {"Architecture": (0, 1), "Dataset": (2, 2), "proposes": (0, 1)}


def test_relation_names_follow_the_exact_name_match():
    # "CNN" could match either gold entity; the one named "CNN" is chosen, so the
    # proposal scores, whatever the hash seed (networkx's matching walked sets).
    gold = [{"title": "T", "entities": [
        {"type": "Architecture", "name": "convolutional neural network", "mentions": ["CNN"]},
        {"type": "Architecture", "name": "CNN", "mentions": []}],
        "proposes": ["CNN"], "evaluated_on": []}]
    pred = [{"title": "T", "entities": [{"type": "Architecture", "name": "CNN", "mentions": ["CNN"]}],
             "proposes": ["CNN"], "evaluated_on": []}]
    assert score(pred, gold).relations["proposes"].tp == 1

