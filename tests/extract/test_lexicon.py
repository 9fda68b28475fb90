"""The lexicon: lookups, the matcher on hand-built docs and in the pipeline, and the data files."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
import spacy

from kg.concepts import lexicon_dir, read_concepts
from kg.extract.extensions import register_extensions
from kg.extract.lexicon import Lexicon, LexiconMatcher, is_case_sensitive
from kg.extract.typing import is_generic
from kg.keys import match_key
from kg.model import Concept, EntityType

A, M, D, ME, T = (
    EntityType.ARCHITECTURE,
    EntityType.METHOD,
    EntityType.DATASET,
    EntityType.METRIC,
    EntityType.TASK,
)

CONCEPTS = [
    Concept("architecture/resnet", A, "ResNet", aliases=("residual network",)),
    Concept("architecture/resnet-50", A, "ResNet-50", aliases=("ResNet50",), broader=("architecture/resnet",)),
    Concept("architecture/generative-adversarial-network", A, "generative adversarial network", aliases=("GAN",)),
    Concept("method/gradient-descent", M, "gradient descent"),
    Concept("method/stochastic-gradient-descent", M, "stochastic gradient descent", aliases=("SGD",)),
    Concept("dataset/cora", D, "Cora"),
    Concept("metric/top-1-accuracy", ME, "top-1 accuracy"),
    Concept("task/semantic-segmentation", T, "semantic segmentation"),
]
#: "cora" plays the part of an English word, so the dataset "Cora" needs its capital.
ENGLISH = frozenset({"cora"})


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_concepts(CONCEPTS, english=ENGLISH)


@pytest.fixture(scope="module")
def matcher(lexicon) -> LexiconMatcher:
    register_extensions()
    return LexiconMatcher("kg_lexicon", lexicon)


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("form", "kind", "english", "expected"),
    [
        ("GAN", A, frozenset(), True),  # short all-caps alias
        ("SGD", M, frozenset(), True),
        ("Cora", D, frozenset({"cora"}), True),  # a dataset named like an English word
        ("Cora", D, frozenset(), False),  # not an English word: case folds
        ("Cora", A, frozenset({"cora"}), False),  # the English-word rule is for datasets only
        ("Transformer", A, frozenset({"transformer"}), False),
        ("dropout", M, frozenset({"dropout"}), False),
        ("ResNet", A, frozenset(), False),  # mixed case is not all-caps
    ],
)
def test_is_case_sensitive_cases(form, kind, english, expected):
    assert is_case_sensitive(form, kind, english) is expected


@pytest.mark.parametrize(
    ("form", "concept"),
    [
        ("ResNet", "architecture/resnet"),
        ("resnet", "architecture/resnet"),  # mixed-case labels fold
        ("ResNets", "architecture/resnet"),  # plural
        ("Residual Networks", "architecture/resnet"),  # alias, case and plural
        ("ResNet-50", "architecture/resnet-50"),
        ("ResNet50", "architecture/resnet-50"),
        ("ResNet 50", "architecture/resnet-50"),  # space for hyphen
        ("resnet-50", "architecture/resnet-50"),
        ("Generative Adversarial Networks", "architecture/generative-adversarial-network"),
        ("GAN", "architecture/generative-adversarial-network"),
        ("GANs", "architecture/generative-adversarial-network"),  # plural of a case-sensitive alias
        ("Stochastic-Gradient Descent", "method/stochastic-gradient-descent"),
        ("SGD", "method/stochastic-gradient-descent"),
        ("Cora", "dataset/cora"),
        ("top-1 accuracy", "metric/top-1-accuracy"),
        ("top1 accuracy", "metric/top-1-accuracy"),
        ("Semantic-Segmentation", "task/semantic-segmentation"),
    ],
)
def test_lexicon_lookup_matches_variants(lexicon, form, concept):
    assert lexicon.lookup(form) == concept


@pytest.mark.parametrize(
    "form",
    [
        "gan",  # case-sensitive all-caps alias written in lower case
        "Gan",
        "sgd",
        "cora",  # dataset named like an English word, in lower case
        "residual",
        "descent",
        "segmentation",
        "ResNet-101",  # another number is another entity
    ],
)
def test_lexicon_lookup_rejects_other_forms(lexicon, form):
    assert lexicon.lookup(form) is None


def test_lexicon_from_concepts_first_concept_keeps_shared_form():
    first = Concept("method/first", M, "shared name")
    second = Concept("task/second", T, "shared name", aliases=("second name",))
    lexicon = Lexicon.from_concepts([first, second])
    assert lexicon.lookup("shared name") == "method/first"
    assert lexicon.lookup("second name") == "task/second"


def _matched(matcher: LexiconMatcher, doc) -> list[tuple[str, str, str]]:
    return [(span.text, span.label_, span._.kg_concept) for span in matcher.matches(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We train it with stochastic gradient descent on Cora.",
            # longest match: not "gradient descent" inside it
            [("stochastic gradient descent", "Method", "method/stochastic-gradient-descent"),
             ("Cora", "Dataset", "dataset/cora")],
        ),
        (
            "A ResNet 50 beats a plain ResNet.",
            [("ResNet 50", "Architecture", "architecture/resnet-50"),
             ("ResNet", "Architecture", "architecture/resnet")],
        ),
        (
            "Plain gradient descent trains generative adversarial networks (GANs).",
            [("gradient descent", "Method", "method/gradient-descent"),
             ("generative adversarial networks", "Architecture", "architecture/generative-adversarial-network"),
             ("GANs", "Architecture", "architecture/generative-adversarial-network")],
        ),
        (
            "Semantic-segmentation scores use top-1 accuracy.",
            [("Semantic-segmentation", "Task", "task/semantic-segmentation"),
             ("top-1 accuracy", "Metric", "metric/top-1-accuracy")],
        ),
        # case-sensitive forms do not match lower-case words
        ("A gan flew over the cora reef and we used sgd.", []),
    ],
)
def test_lexicon_matcher_marks_longest_matches(matcher, blank, text, expected):
    assert _matched(matcher, blank(text)) == expected


def test_lexicon_matcher_does_not_cross_lines(matcher, blank):
    doc = blank("We use stochastic\ngradient descent.")
    # "stochastic\ngradient descent" spans a line break; only "gradient descent" is whole
    assert _matched(matcher, doc) == [("gradient descent", "Method", "method/gradient-descent")]


def test_lexicon_matcher_sets_doc_ents(matcher, blank):
    doc = matcher(blank("SGD trains ResNet50."))
    assert [(e.text, e.label_) for e in doc.ents] == [("SGD", "Method"), ("ResNet50", "Architecture")]
    assert all(e._.kg_rule == "lexicon" for e in doc.ents)


@pytest.mark.parametrize(
    ("text", "mention", "concept"),
    [
        # "ResNet-50" and "ResNet" are both in architecture.jsonl: the longer one wins
        ("We fine-tune ResNet-50 on aerial photographs.", "ResNet-50", "architecture/resnet-50"),
        ("Convolutional Neural Networks classify the photographs.", "Convolutional Neural Networks",
         "architecture/convolutional-neural-network"),
        ("We optimise the weights with stochastic gradient descent.", "stochastic gradient descent",
         "method/stochastic-gradient-descent"),
    ],
)
def test_pipeline_lexicon_finds_bundled_concepts(nlp, text, mention, concept):
    ents = [(e.text, e._.kg_concept) for e in nlp(text).ents]
    assert (mention, concept) in ents
    # no shorter entity inside the longest match
    assert not [t for t, _ in ents if t != mention and t in mention]


# ---- the bundled lexicon files -------------------------------------------------------

TYPES = list(EntityType)


def _lines(kind: EntityType) -> list[dict[str, object]]:
    path = lexicon_dir() / f"{kind.value.lower()}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_lexicon_files_are_one_per_type():
    names = sorted(path.name for path in Path(lexicon_dir()).glob("*.jsonl"))
    assert names == sorted(f"{kind.value.lower()}.jsonl" for kind in EntityType)


@pytest.mark.parametrize("kind", TYPES, ids=str)
def test_lexicon_file_concepts_have_id_type_label(kind):
    for record in _lines(kind):
        for field in ("id", "type", "label"):
            assert isinstance(record.get(field), str) and record[field].strip(), (field, record)


@pytest.mark.parametrize("kind", TYPES, ids=str)
def test_lexicon_file_ids_match_type_and_file(kind):
    prefix = kind.value.lower() + "/"
    wrong = [r["id"] for r in _lines(kind) if r["type"] != kind.value or not str(r["id"]).startswith(prefix)]
    assert wrong == []


def test_lexicon_ids_are_unique():
    ids = [r["id"] for kind in TYPES for r in _lines(kind)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_lexicon_reads_without_error():
    concepts = read_concepts()
    # read_concepts skips blank lines only, so it gives one concept per record
    assert len(concepts) == sum(len(_lines(kind)) for kind in TYPES)


def test_lexicon_broader_ids_exist():
    concepts = read_concepts()
    ids = {c.id for c in concepts}
    missing = sorted((c.id, b) for c in concepts for b in c.broader if b not in ids)
    assert missing == []


def test_lexicon_has_no_generic_labels_or_aliases():
    generic = sorted(
        (c.id, form) for c in read_concepts() for form in (c.label, *c.aliases) if is_generic(form)
    )
    assert generic == []


def test_lexicon_alias_keys_are_not_shared_across_types_without_note():
    """GUIDELINES/lexicon README: an alias may appear in two types only with a note."""
    owners: dict[str, list[Concept]] = defaultdict(list)
    for concept in read_concepts():
        for key in {match_key(form) for form in (concept.label, *concept.aliases)}:
            owners[key].append(concept)
    collisions = sorted(
        (key, tuple(sorted(c.id for c in concepts)))
        for key, concepts in owners.items()
        if len({c.type for c in concepts}) > 1 and not any(c.note for c in concepts)
    )
    assert collisions == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Depth maps are costly to label.", []),  # "mAP" needs a capital: "maps" is a word
        ("Learning All Transport Maps With Lanterns", []),  # nor Title Case: "Maps" is a word
        ("We report MAP on the test set.", [("MAP", "Metric", "metric/mean-average-precision")]),
        ("We report 79.7% mIOU on the test set.", [("mIOU", "Metric", "metric/mean-intersection-over-union")]),
        ("We place the camera on a robot.", []),  # "Places" is a dataset only when capitalised
        ("We evaluate on SuperGLUE.", [("SuperGLUE", "Dataset", "dataset/superglue")]),
        ("SuperGlue matches keypoints.", [("SuperGlue", "Architecture", "architecture/superglue")]),
    ],
)
def test_pipeline_lexicon_case_rules(nlp, text, expected):
    doc = nlp(text)
    found = [(e.text, e.label_, e._.kg_concept) for e in doc.ents if e._.kg_rule == "lexicon"]
    assert found == expected


def test_lexicon_match_does_not_take_a_dash_at_either_end(nlp):
    doc = nlp("Attention layers -- the core of lantern nets -- finetuning helps songs.")
    texts = {e.text for e in doc.ents if e._.kg_rule == "lexicon"}
    assert {"Attention layers", "finetuning"} <= texts, texts
    assert not any(t.startswith("-") or t.endswith("-") for t in texts)


def test_lexicon_match_opening_with_a_trim_word_gives_way_to_a_longer_one(nlp):
    texts = {e.text for e in nlp("We study vanilla gradient descent on songs.").ents}
    assert "gradient descent" in texts, texts
    assert "vanilla gradient" not in texts
