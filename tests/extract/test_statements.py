"""Rules that read what a sentence states about a phrase (``kg.extract.statements``),
and the list and trimming rules added with them.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from kg.extract import to_extraction
from kg.model import Paper
from kg.resolve import resolve_paper, to_gold_record


def _entities(nlp, abstract: str, title: str = "Notes on Lattice Models") -> set[tuple[str, str]]:
    paper = Paper(id="t-statements", title=title, abstract=abstract)
    record = to_gold_record(resolve_paper(to_extraction(nlp(paper.text), paper)))
    return {(e["type"], e["name"].lower()) for e in record["entities"]}


# Rule: a copula states a type ("X is a task", "the main technique is X")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Glacier mapping is a central task in remote sensing.", ("Task", "glacier mapping")),
        ("Glacier mapping is one of the hardest problems in remote sensing.", ("Task", "glacier mapping")),
        ("The main technique behind our solver is adaptive sampling.", ("Method", "adaptive sampling")),
    ],
)
def test_copula_types_the_phrase(nlp, abstract, expected):
    assert expected in _entities(nlp, abstract)


@pytest.mark.parametrize(
    "abstract",
    [
        "Our main goal is a task that anyone can run.",  # the subject is not a name
        "The obstacle is a severe problem for everyone.",  # nor is an adjective and a plain noun
        "It is a hard task.",  # a pronoun names nothing
    ],
)
def test_copula_needs_a_name(nlp, abstract):
    assert not any(kind == "Task" for kind, _ in _entities(nlp, abstract))


def test_copula_keeps_a_first_noun_split_off_after_a_title(nlp):
    found = _entities(nlp, "Glacier mapping is a central task in remote sensing.",
                      title="Word and Sentence Embeddings Based on Lattice Approaches")
    assert ("Task", "glacier mapping") in found
    assert ("Task", "mapping") not in found


# Rule: what a paper focuses on


def test_focus_of_a_paper_is_its_task(nlp):
    found = _entities(nlp, "This paper focuses on scene representation and motion representation.")
    assert {("Task", "scene representation"), ("Task", "motion representation")} <= found


@pytest.mark.parametrize(
    "abstract",
    [
        "Engineers focus on scene representation in their spare time.",  # not the paper
        "We focus on signals processing in parallel a set of patterns.",  # a plural modifier
        "This paper focuses on robustness.",  # a single word with no process head
    ],
)
def test_focus_rule_needs_the_paper_and_a_process_name(nlp, abstract):
    found = _entities(nlp, abstract)
    assert not any(kind == "Task" for kind, _ in found), found


# Rule: "the X step/stage/phase" names a procedure


def test_named_step_is_a_method(nlp):
    assert ("Method", "surface extraction") in _entities(nlp, "Errors come from the surface extraction step.")


@pytest.mark.parametrize(
    "abstract",
    [
        "Errors come from an essential processing step.",  # adjective + noun: not a name
        "Errors come from the training stage.",  # one word
        "Errors come from the early learning phase.",  # "early" is not part of a name
    ],
)
def test_step_rule_needs_a_noun_compound(nlp, abstract):
    assert not any(kind == "Method" for kind, _ in _entities(nlp, abstract))


# Rule: a proper name coordinated with a coined name shares its type


def test_conjunct_of_a_coined_name_shares_its_type(nlp):
    found = _entities(nlp, "We compare FooGNN with Quokka and BarGNN, which are systems for distributed training.")
    assert ("Method", "quokka") in found
    assert ("Method", "bargnn") in found


@pytest.mark.parametrize(
    ("abstract", "title"),
    [
        ("We compare FooGNN with Quokka and BarGNN on three graphs.", "Quokka and BarGNN for the Impact of Lattices"),
        ("The model is tested on two sets, namely UCI HAR and Motion-Sense, with BarNet.", "Notes on Lattice Models"),
    ],
)
def test_conjunct_rule_skips_titles_and_hyphenated_pieces(nlp, abstract, title):
    paper = Paper(id="t-conj", title=title, abstract=abstract)
    doc = nlp(paper.text)
    rules = {e.text: e._.kg_rule for e in doc.ents}
    assert "Impact" not in rules
    assert "Sense" not in rules
    title_rules = [e._.kg_rule for e in doc.ents if e.start_char < len(title)]
    assert "conjunct" not in title_rules


# Rule: a paradigm before a method in a title is part of its name


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lattice Detectors Trained With Large-Scale Supervised Pre-training", "supervised pre-training"),
        ("Lattice Networks Meet Distributed Pruning at Scale", "distributed pruning"),
    ],
)
def test_paradigm_grows_a_method_in_a_title(nlp, title, expected):
    found = _entities(nlp, "We study lattices.", title=title)
    assert ("Method", expected) in found
    assert ("Method", expected.split()[-1]) not in found


# Lists: "(e.g. …)" after a phrase, "designs including …", participles tagged as verbs


def test_parenthesised_examples_take_the_phrase_head_type(nlp):
    found = _entities(nlp, "Topics include methods for PDEs (e.g. spectral collocation, Brownian reconstruction).")
    assert ("Method", "brownian reconstruction") in found
    assert ("Task", "brownian reconstruction") not in found


def test_parenthesised_model_examples_keep_a_process_a_method(nlp):
    found = _entities(nlp, "Topics include implicit models (e.g. equilibrium networks, differentiable optimisation).")
    assert ("Method", "differentiable optimisation") in found
    assert ("Architecture", "differentiable optimisation") not in found


def test_designs_list_with_purpose_clauses(nlp):
    found = _entities(nlp, "The system adopts designs including a three-level cache to cut reads and hide latency, "
                           "batched prefetching to save time, and pipelined scheduling to overlap work.")
    assert {("Method", "batched prefetching"), ("Method", "pipelined scheduling")} <= found
    assert not any(name in {"hide latency", "latency hide"} for _, name in found)


# Trimming: hyphenated numbers stay, capitalised adverbs before a verb go


@pytest.mark.parametrize(
    ("abstract", "expected", "not_expected"),
    [
        ("We analyse three-layer neural networks on spheres.", ("Architecture", "three-layer neural network"),
         ("Architecture", "layer neural network")),
        ("We analyse 2-layer neural networks on spheres.", ("Architecture", "2-layer neural network"),
         ("Architecture", "layer neural network")),
        ("Tools for Jointly Modeling Graphs are rare.", None, ("Task", "jointly modeling")),
    ],
)
def test_trimming_of_numbers_and_adverbs(nlp, abstract, expected, not_expected):
    found = _entities(nlp, abstract, title="Notes on Lattices")
    if expected is not None:
        assert expected in found
    assert not_expected not in found


def test_adverb_inside_a_coined_name_stays(nlp):
    found = _entities(nlp, "We propose Stochastically Gated Attention (SGA), a layer for long inputs.")
    assert any(name.startswith("stochastically gated attention") for _, name in found), found


# Rule: a cost that a verb changes or a word compares is a Metric


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("The lattice improves accuracy without increasing computational cost.", "computational cost"),
        ("The lattice is as accurate with comparable compute time.", "compute time"),
        ("Our lattice reduces memory on phones.", "memory"),
        ("The trick avoids raising the amount of computation.", "computation"),
        ("The chip cuts digital computations by half.", "digital computation"),
    ],
)
def test_cost_changed_or_compared_is_a_metric(nlp, abstract, expected):
    assert ("Metric", expected) in _entities(nlp, abstract)


@pytest.mark.parametrize(
    "abstract",
    [
        "The lattice takes comparable time.",  # which time is not said
        "We spent our time on the lattice.",  # no change, no comparison
        "Training minimizes the overall time.",  # "overall" names no cost
    ],
)
def test_cost_rule_needs_a_named_cost_in_context(nlp, abstract):
    assert not any(kind == "Metric" for kind, _ in _entities(nlp, abstract))


# Typing: "neural" + equation/field is a model family


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We study neural controlled differential equations on graphs.", "neural controlled differential equation"),
        ("We study neural delay differential equations.", "neural delay differential equation"),
    ],
)
def test_neural_equation_families_are_architectures(nlp, text, expected):
    assert ("Architecture", expected) in _entities(nlp, text)


# Lexicon: no match inside a fixed adjective ("real-world models")


def test_lexicon_skips_the_end_of_a_fixed_compound(nlp):
    found = _entities(nlp, "The lattice is applied to real-world models and to world models in games.")
    assert found & {("Architecture", "world model")}
    paper = Paper(id="t-rw", title="Notes on Lattice Models", abstract="The lattice is applied to real-world models.")
    assert not [e for e in nlp(paper.text).ents if e.text.lower().startswith("world")]


# Task heads: a problem a model has is a flaw, not a task; trimming "diversified"


@pytest.mark.parametrize(
    "abstract",
    [
        "This lattice has the label sparsity problem.",
        "Such lattices suffer from the label sparsity problem.",
    ],
)
def test_a_problem_a_model_has_is_no_task(nlp, abstract):
    assert ("Task", "label sparsity problem") not in _entities(nlp, abstract)
    assert ("Task", "label sparsity") not in _entities(nlp, abstract)


def test_a_problem_addressed_is_a_task(nlp):
    assert any(kind == "Task" and name.startswith("label sparsity") for kind, name in
               _entities(nlp, "We address the label sparsity problem in lattices."))


def test_diversified_blocks_are_generic(nlp):
    found = _entities(nlp, "Hybrid lattices consist of diversified building blocks.")
    assert not any("building block" in name for _, name in found)


def test_adverb_before_a_paradigm_is_part_of_the_name(nlp):
    found = _entities(nlp, "We study lattices.", title="Hybrid Lattices with Layer-wisely Self-supervised Pruning")
    assert ("Method", "layer-wisely self-supervised pruning") in found


# Names from their context, and relations to the paper's own model


def _record(nlp, abstract: str, title: str = "Notes on Lattice Models") -> dict:
    paper = Paper(id="t-context", title=title, abstract=abstract)
    return to_gold_record(resolve_paper(to_extraction(nlp(paper.text), paper)))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("The lattice is trained on Zorblax-9 and evaluated on QuuxLib.", "Zorblax-9"),
        ("The lattice is trained on Zorblax-9 and evaluated on QuuxLib.", "QuuxLib"),
        ("We report results on QuuxLib and ZORB-2.", "ZORB-2"),
    ],
)
def test_coined_name_trained_or_evaluated_on_is_a_dataset(nlp, abstract, name):
    assert ("Dataset", name.lower()) in _entities(nlp, abstract)


def test_coined_name_used_otherwise_is_no_dataset(nlp):
    assert not any(kind == "Dataset" for kind, _ in _entities(nlp, "We port Zorblax-9 to phones."))


def test_number_inside_a_hyphenated_name_is_no_value(nlp):
    record = _record(nlp, "We propose FooNet, a lattice network. FooNet is pre-trained on FooSet-5B and "
                          "reaches an FID of 7.2 on BarBench.")
    values = {r["value"] for r in record["results"]}
    assert "7.2" in values
    assert "5B" not in values


def test_it_as_subject_is_the_papers_model(nlp):
    record = _record(nlp, "We propose FooNet, a lattice network. On BarBench, it reaches 40.1% accuracy with dropout.")
    assert ["FooNet", "BarBench"] in record["evaluated_on"]
    assert ["dropout", "BarBench"] not in record["evaluated_on"]
    assert {r["subject"] for r in record["results"]} == {"FooNet"}


def test_it_as_subject_of_be_is_not_the_model(nlp):
    record = _record(nlp, "We propose FooNet, a lattice network. It is known that ResNet-50 reaches 76% accuracy on BarBench.")
    assert ["FooNet", "BarBench"] not in record["evaluated_on"]
    assert ["ResNet-50", "BarBench"] in record["evaluated_on"]


def test_proposed_kind_of_a_known_architecture_is_an_architecture(nlp):
    record = _record(nlp, "This work proposes a noise-aware Conformer for speech.")
    assert {"type": "Architecture", "name": "noise-aware Conformer"}.items() <= next(
        e for e in record["entities"] if e["name"].lower() == "noise-aware conformer").items()


def test_coined_conjunct_of_a_coined_name_shares_its_type(nlp):
    found = _entities(nlp, "We compare our lattice with ZORB and BarGNN on three graphs.")
    assert ("Architecture", "zorb") in found


def test_later_mention_of_a_proposed_name_is_the_proposal(nlp):
    record = _record(nlp, "We propose FooCL, which pre-trains a graph network. Fine-tuned on BarBench and "
                          "QuuxBench, FooCL improves accuracy by 3.1% over GraphCL.")
    assert record["proposes"] == ["FooCL"]
    assert ["FooCL", "BarBench"] in record["evaluated_on"]
    assert ["GraphCL", "BarBench"] not in record["evaluated_on"]
    assert {r["subject"] for r in record["results"]} == {"FooCL"}


# Sizes before a name, number formats, a lexicon alias, and which metric a value belongs to


@pytest.mark.parametrize(
    ("abstract", "expected", "not_expected"),
    [
        ("We align a 1.3B parameter decoder-only transformer.", ("Architecture", "decoder-only transformer"),
         ("Architecture", "parameter decoder-only transformer")),
        ("We apply 4-bit post-training quantization to lattices.", ("Method", "post-training quantization"),
         ("Method", "bit post-training quantization")),
    ],
)
def test_size_and_its_unit_are_trimmed(nlp, abstract, expected, not_expected):
    found = _entities(nlp, abstract)
    assert expected in found
    assert not_expected not in found


@pytest.mark.parametrize(
    "abstract",
    [
        "The lattice keeps outliers in higher precision.",
        "The lattice is close to the full-precision model.",
    ],
)
def test_precision_of_numbers_is_no_metric(nlp, abstract):
    assert ("Metric", "precision") not in _entities(nlp, abstract)


def test_spectral_norm_of_a_matrix_is_no_normalization(nlp):
    found = _entities(nlp, "Our bounds depend on the spectral norm of the weight matrices.")
    assert not any("spectral" in name for _, name in found)


def test_value_belongs_to_the_metric_of_its_clause(nlp):
    record = _record(nlp, "We propose FooAlign, a tuning method. FooAlign raises the win rate on QuuxEval from "
                          "12% to 31% and improves exact match on ZorbMath by 4.2 points.")
    by_value = {r["value"]: (r["metric"], r["dataset"]) for r in record["results"]}
    assert by_value["12% to 31%"][0] == "win rate"
    assert by_value["4.2 points"][0] == "exact match"


def test_value_after_a_list_of_datasets_takes_the_first(nlp):
    record = _record(nlp, "We propose FooNet, a lattice network. On MMLU and HellaSwag, accuracy improves by 1.8 points.")
    assert [r["dataset"] for r in record["results"]] == ["MMLU"]


def test_metric_at_a_cutoff_the_lexicon_lacks(nlp):
    found = _entities(nlp, "The lattice improves NDCG@20 and MRR@5 on three sets.")
    assert {("Metric", "ndcg@20"), ("Metric", "mrr@5")} <= found


def test_unknown_word_at_a_cutoff_is_no_metric(nlp):
    assert not any(kind == "Metric" for kind, _ in _entities(nlp, "Write to lattice@5 for details."))


def test_baseline_is_not_what_the_sentence_evaluates(nlp):
    record = _record(nlp, "We propose a boundary-aware loss for lattices. Experiments on Kvasir-SEG show an improvement "
                          "of 2.4% in Dice score over the cross-entropy loss.")
    assert ["cross-entropy loss", "Kvasir-SEG"] not in record["evaluated_on"]
    assert "cross-entropy loss" not in {r["subject"] for r in record["results"]}


def test_number_and_layer_in_a_title_stay(nlp):
    found = _entities(nlp, "We study lattices.", title="Learning Polynomials with Three-Layer Neural Networks")
    assert ("Architecture", "three-layer neural network") in found


def test_our_noun_apposition_names_the_proposal(nlp):
    record = _record(nlp, "Our detector, ZorbDetect, reaches an AUROC of 0.95 on essays written by GPT-4.")
    assert record["proposes"] == ["ZorbDetect"]
    assert {r["subject"] for r in record["results"]} == {"ZorbDetect"}


def test_nerf_suffix_names_an_architecture(nlp):
    assert ("Architecture", "zorbnerf") in _entities(nlp, "We compare against ZorbNeRF on three scenes.")


def test_value_of_a_setting_is_no_result(nlp):
    record = _record(nlp, "Training on CIFAR-100 with 40% symmetric noise, SAM reaches 68.3% accuracy.")
    values = {r["value"] for r in record["results"]}
    assert "68.3%" in values
    assert "40%" not in values


def test_value_with_its_unit_is_a_result(nlp):
    record = _record(nlp, "We propose FooNet, a lattice network. FooNet has a latency of 9 ms on phones.")
    assert ("latency", "9 ms") in {(r["metric"], r["value"]) for r in record["results"]}


def test_value_for_a_named_model_is_stated_of_it(nlp):
    record = _record(nlp, "We study sharpness-aware minimization (SAM) for lattices. "
                          "On CIFAR-100, SAM reaches 68.3% accuracy compared to 52.9% for SGD.")
    by_value = {r["value"]: r["subject"] for r in record["results"]}
    assert by_value["68.3%"] == "sharpness-aware minimization"
    assert by_value["52.9%"] == "stochastic gradient descent"


def test_share_of_a_noun_is_no_result(nlp):
    record = _record(nlp, "We propose FooTune, a tuning method. FooTune reaches similar F1 with 2% of the trainable parameters "
                          "and improves F1 by 5.4 points.")
    values = {r["value"] for r in record["results"]}
    assert "5.4 points" in values
    assert "2%" not in values


def test_reliable_is_trimmed(nlp):
    found = _entities(nlp, "Reliable trajectory prediction requires calibrated uncertainty.")
    assert ("Task", "trajectory prediction") in found
    assert ("Task", "reliable trajectory prediction") not in found


def test_noun_tagged_as_comparative_stays(nlp):
    assert ("Task", "glacier segmentation") in _entities(nlp, "We study reliable glacier segmentation for maps.")
