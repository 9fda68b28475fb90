"""How a name is found and typed: abbreviation pairs both ways round, what the
sentence states a name is, variant suffixes, and the name after "called"/"named".

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest
import spacy

from kg.extract import to_extraction
from kg.extract.abbreviations import find_abbreviations
from kg.extract.names import stated_type
from kg.extract.proposals import named_after
from kg.model import EntityType, Paper, PaperExtraction
from kg.resolve import resolve_paper, to_gold_record

A, M, D, ME = EntityType.ARCHITECTURE, EntityType.METHOD, EntityType.DATASET, EntityType.METRIC


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _extract(nlp, title: str, abstract: str) -> PaperExtraction:
    paper = Paper(id="t-test", title=title, abstract=abstract)
    return to_extraction(nlp(paper.text), paper)


def _record(nlp, abstract: str) -> dict:
    return to_gold_record(resolve_paper(_extract(nlp, "Tagging Bird Songs", abstract)))


def _entity(record: dict, mention: str) -> dict | None:
    return next((e for e in record["entities"] if mention in e["mentions"]), None)


def _span(doc, phrase: str):
    start = doc.text.index(phrase)
    return doc.char_span(start, start + len(phrase))


# Rule: abbreviation pairs, "long form (SHORT)" and "SHORT (long form)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reversed pair: the long form fills the parentheses
        ("We present ZEBRA (Zero-shot Evaluation of Broad Reasoning Aptitude), a benchmark.",
         [("Zero-shot Evaluation of Broad Reasoning Aptitude", "ZEBRA")]),
        ("We run SPARK (Sparse Parallel Kernels) on bird songs.", [("Sparse Parallel Kernels", "SPARK")]),
        # a short form of three tokens: the ")" is four tokens after "("
        ("We propose the Quantized Temporal Residual Network (QTR-Net) for audio.",
         [("Quantized Temporal Residual Network", "QTR-Net")]),
        # parentheses that hold no long form
        ("We fine-tune BERT (Devlin and colleagues) on intent detection.", []),
        ("We train QuuxNet (see Section 3) on bird songs.", []),
        ("We train QuuxNet (Table 2) on bird songs.", []),
    ],
)
def test_find_abbreviations_both_orders(blank, text, expected):
    assert [(long.text, short.text) for long, short in find_abbreviations(blank(text))] == expected


def test_abbreviation_reversed_pair_typed_by_apposition(nlp):
    record = _record(nlp, "We introduce ZEBRA (Zero-shot Evaluation of Broad Reasoning Aptitude), a benchmark "
                          "suite for question answering. Language models fail on ZEBRA.")
    name = "Zero-shot Evaluation of Broad Reasoning Aptitude"
    assert {"type": "Dataset", "name": name, "mentions": ["ZEBRA", name]} in record["entities"]
    assert record["proposes"] == [name]


def test_abbreviation_reversed_pair_untyped_without_apposition(nlp):
    record = _record(nlp, "We study ZEBRA (Zero-shot Evaluation of Broad Reasoning Aptitude) in detail. "
                          "Language models fail on ZEBRA.")
    assert _entity(record, "ZEBRA") is None  # nothing says what ZEBRA is


def test_abbreviation_multi_token_short_form_everywhere(nlp):
    record = _record(nlp, "We propose the Quantized Temporal Residual Network (QTR-Net) for bird song tagging. "
                          "QTR-Net beats U-Net, and two QTR-Nets beat one.")
    name = "Quantized Temporal Residual Network"
    assert {"type": "Architecture", "name": name, "mentions": [name, "QTR-Net", "QTR-Nets"]} in record["entities"]
    assert _entity(record, "U-Net")["name"] == "U-Net"  # "U-Net" inside "QTR-Net" is another network
    assert record["proposes"] == [name]


def test_abbreviation_long_form_ending_in_lexicon_name(nlp):
    record = _record(nlp, "We propose the Scalable Quantized U-Net (SQU-Net) for bird song tagging. SQU-Net is fast.")
    assert _entity(record, "SQU-Net")["name"] == "Scalable Quantized U-Net"
    assert record["proposes"] == ["Scalable Quantized U-Net"]


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We propose the Scalable Temporal Residual Network (STR-Net) for bird song tagging.",
         "Scalable Temporal Residual Network"),
        ("We propose Efficient Lattice Networks (ELNs) for bird song tagging.", "Efficient Lattice Network"),
        ("We propose the Quantized Temporal U-Net (QTU-Net) for bird song tagging.", "Quantized Temporal U-Net"),
    ],
)
def test_abbreviation_keeps_proposal_of_long_form(nlp, abstract, name):
    record = _record(nlp, abstract)
    assert record["proposes"] == [name]


# Rule: what the sentence states a name is


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("We use FooPrune, a network pruning method, to shrink classifiers.", "FooPrune", M),  # last word wins
        ("We evaluate on ZorbBench, a benchmark suite for pose estimation.", "ZorbBench", D),
        ("We evaluate on ZorbBench, a collection of methods for pose estimation.", "ZorbBench", D),  # stops at "of"
        ("We compare with BazDB, which is a popular system for graph storage.", "BazDB", M),
        ("We release QuuxKit, our open-source toolkit for bird song tagging.", "QuuxKit", M),
        ("We build a system called QuuxGNN for huge graphs.", "QuuxGNN", M),
        ("We train a network referred to as Zorbformer.", "Zorbformer", A),
        ("We report a metric known as ZorbScore.", "ZorbScore", ME),
        ("We use QuuxNet, a lattice network that prunes its own method.", "QuuxNet", A),  # stops at "that"
        ("We compare with BazDB, which runs on phones.", "BazDB", None),
        ("QuuxGNN trains on one GPU.", "QuuxGNN", None),
        ("We compare QuuxNet and BarNet on bird songs.", "QuuxNet", None),
    ],
)
def test_stated_type(nlp, text, name, expected):
    assert stated_type(_span(nlp(text), name)) is expected


def test_stated_type_types_name_in_every_sentence(nlp):
    record = _record(nlp, "We build a system called QuuxGNN for huge graphs. QuuxGNN trains on one GPU.")
    assert {"type": "Method", "name": "QuuxGNN", "mentions": ["QuuxGNN"]} in record["entities"]


def test_stated_type_absent_leaves_suffix_type(nlp):
    record = _record(nlp, "QuuxGNN trains on one GPU. Graphs are big.")
    assert {"type": "Architecture", "name": "QuuxGNN", "mentions": ["QuuxGNN"]} in record["entities"]


def test_stated_type_types_both_conjuncts(nlp):
    record = _record(nlp, "We compare against BarDB and BazDB, which are state-of-the-art systems for graph storage.")
    assert (_entity(record, "BarDB") or {}).get("type") == "Method"
    assert (_entity(record, "BazDB") or {}).get("type") == "Method"


# Rule: variant suffixes are part of a coined name


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We compare FooNet-50 with FooNet-T on CIFAR-10.", {"FooNet-50", "FooNet-T"}),
        ("We train BossNet-T and BossNet-S on CIFAR-10.", {"BossNet-T", "BossNet-S"}),
        ("We train ZorbViT-B on CIFAR-10.", {"ZorbViT-B"}),
        # a dash with spaces around it is punctuation, not a suffix
        ("We compare BossNet - the small variant - with nothing else.", {"BossNet"}),
        pytest.param(
            "We compare FooNet-50 with ViT-B on CIFAR-10.", {"FooNet-50", "ViT-B"},
            marks=pytest.mark.xfail(strict=True, reason=(
                "'ViT-B' has no typed suffix, so the lexicon's 'ViT' wins: gives 'ViT' "
                "(Vision Transformer)")),
        ),
    ],
)
def test_coined_name_keeps_variant_suffix(nlp, abstract, expected):
    mentions = {m.text: m.type for m in _extract(nlp, "Compact Classifiers", abstract).mentions}
    assert {text: mentions.get(text) for text in expected} == dict.fromkeys(expected, A)


# Rule: the name after a naming word


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("We propose a regularizer, named gradient lantern smoothing, that keeps weights small.",
         "named", "gradient lantern smoothing"),  # a lower-case noun phrase
        ('We study an update rule, referred to as "backward lantern passing", for robots.',
         "as", "backward lantern passing"),  # a quoted name
        ("We build a system called QuuxGNN for huge graphs.", "called", "QuuxGNN"),
        ("We build a network dubbed Zorb Net for speech.", "dubbed", "Zorb Net"),  # capitalised words
        ("We propose a new method, called Zig-Zag, for songs.", "called", "Zig-Zag"),  # hyphenated
        ("We propose a scheme named Tiny-Hop Lantern for pruning.", "named", "Tiny-Hop Lantern"),
        ("We propose a network called ZorbNet-50 for songs.", "called", "ZorbNet-50"),  # a variant number
        ("We propose a rule called Zorb-based pruning.", "called", "Zorb"),  # a hyphen ends no name
        ("We build a net called Ab Cd Ef Gh-Ij for songs.", "called", "Ab Cd Ef Gh"),  # five tokens at most
        ("We study a phenomenon named after its discoverer.", "named", None),
        ('The effect is termed "" in the text.', "termed", None),  # empty quotes
        ("Results are called 3 times.", "called", None),
    ],
)
def test_named_after(nlp, text, word, expected):
    found = named_after(next(t for t in nlp(text) if t.text == word))
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We propose a regularizer, named gradient lantern smoothing, that keeps weights small.",
         "gradient lantern smoothing"),
        ('We introduce an update rule, referred to as "backward lantern passing", for robot control.',
         "backward lantern passing"),
    ],
)
def test_named_after_lower_case_name_is_proposed(nlp, abstract, name):
    record = _record(nlp, abstract)
    assert {"type": "Method", "name": name, "mentions": [name]} in record["entities"]
    assert record["proposes"] == [name]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Results on ZORB-Bench with songs are good.", "ZORB-Bench", D),  # a benchmark's suffix
        ("We train BossNet-Tiny and ZorbFormer-Large on songs.", "BossNet-Tiny", A),  # a size after the name
        ("We train BossNet-Tiny and ZorbFormer-Large on songs.", "ZorbFormer-Large", A),
    ],
)
def test_coined_name_with_a_word_suffix(nlp, text, name, expected):
    entity = _entity(_record(nlp, text), name)
    assert entity is not None and entity["type"] == expected.value


def test_list_after_a_typed_plural_and_colon(nlp):
    record = _record(nlp, "We advance results on three datasets: ZorbSet-A, Quux Songs, and CIFAR-10.")
    assert (_entity(record, "Quux Songs") or {}).get("type") == "Dataset"
