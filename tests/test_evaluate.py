"""Tests for kg.evaluate: scoring gold-format records against gold, worked out by hand."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.evaluate import Counts, read_gold, score

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
    assert len(errors.false_positives) == 2  # the spare KAN form and the task
    assert ("Task", "sheep counting") in errors.false_positives
    assert errors.misses == [("Method", "dropout")]


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
