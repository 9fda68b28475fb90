"""Unknown entities and the paper's own contributions (``kg_candidates``).

Every abstract opens with a plain sentence, so the sentence that states the
proposal is not the one that follows the title.
"""

from __future__ import annotations

import pytest
import spacy

from kg.extract import extract_papers, to_extraction
from kg.extract.candidates import head_candidates, named_candidates
from kg.extract.proposals import title_name
from kg.model import EntityType, Paper, PaperExtraction
from kg.resolve import resolve_paper, to_gold_record


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _extract(nlp, title: str, abstract: str) -> PaperExtraction:
    paper = Paper(id="t-test", title=title, abstract=abstract)
    return to_extraction(nlp(paper.text), paper)


def _proposed_texts(extraction: PaperExtraction) -> set[str]:
    keys = {relation.object for relation in extraction.proposes}
    return {m.text for m in extraction.mentions if m.key in keys}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MgNO: Efficient Parameterization of Operators\n\nWe ...", "MgNO"),
        ("QuuxNAS: Searching Compact Classifiers\n\nWe ...", "QuuxNAS"),
        ("Vision GNN: Pictures as Graphs\n\nWe ...", "Vision GNN"),  # several words
    ],
)
def test_title_name_takes_name_before_colon(blank, text, expected):
    name = title_name(blank(text))
    assert name is not None
    assert name.text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Residual Shortcuts Make Deep Classifiers Trainable\n\nWe ...",  # no colon
        "Why the weights of very deep networks drift: a study\n\nWe ...",  # too long for a name
        "Short title\n\nNote: this is the abstract.",  # the colon is after the title
    ],
)
def test_title_name_none_without_leading_name(blank, text):
    assert title_name(blank(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We evaluate on the LiTS dataset.", ("LiTS", "Dataset")),  # the name without "dataset"
        ("Our graph neural networks beat plain ones on molecules.", ("graph neural networks", "Architecture")),
        ("We describe XNect, a network for pose estimation.", ("pose estimation", "Task")),
    ],
)
def test_head_candidates_types_phrases_by_head(nlp, text, expected):
    assert expected in [(s.text, s.label_) for s in head_candidates(nlp(text))]


@pytest.mark.parametrize(
    "text",
    [
        "We test on some image dataset.",  # a modality, not a name
        "Deep neural networks are everywhere.",  # generic
        "The weather is warm.",
    ],
)
def test_head_candidates_skip_generic_phrases(nlp, text):
    assert list(head_candidates(nlp(text))) == []


@pytest.mark.parametrize(
    ("text", "expected", "whole"),
    [
        ("We test code and math lantern tasks.", "math lantern tasks", "code and math lantern tasks"),
        # in Title Case too: the first conjunct shares the head (lists.elliptical)
        ("Vowel and Image Classification with Lantern Networks\n\nWe study songs.",
         "Image Classification", "Vowel and Image Classification"),
        ("We study the Lantern and Zorb Networks for songs.", "Zorb Networks", "Lantern and Zorb Networks"),
    ],
)
def test_head_candidates_keep_only_last_conjunct(nlp, text, expected, whole):
    found = [s.text for s in head_candidates(nlp(text))]
    assert expected in found
    assert whole not in found


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a noun phrase across parentheses is no name: the pair is the abbreviation rule's
        ("We study the song tagging (ST) task.", {("song tagging", "Task"), ("ST", "Task")}),
        ("We evaluate on the Zorb (ZB) dataset.", {("Zorb", "Dataset"), ("ZB", "Dataset")}),
        ("We measure top-1 (validation) accuracy.", {("accuracy", "Metric")}),
    ],
)
def test_head_candidates_do_not_cross_parentheses(nlp, abstract, expected):
    mentions = {(m.text, m.type.value) for m in _extract(nlp, "Tagging Bird Songs", abstract).mentions}
    assert not any("(" in text or ")" in text for text, _ in mentions)
    assert expected <= mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DiskGNN scales to large graphs.", ("DiskGNN", "Architecture")),  # suffix
        ("We tune BossNAS on a budget.", ("BossNAS", "Method")),  # suffix
        ("We describe XNect, a network for pose estimation.", ("XNect", "Architecture")),  # apposition
    ],
)
def test_named_candidates_type_coined_names(nlp, text, expected):
    assert expected in [(s.text, s.label_) for s in named_candidates(nlp(text))]


def test_proposal_we_propose_name_a_network(nlp):
    extraction = _extract(
        nlp,
        "Fast Segmentation of Aerial Photographs",
        "Aerial photographs are large and hard to label. We propose FooNet, a convolutional "
        "network for semantic segmentation of such photographs. FooNet runs on one GPU.",
    )
    assert _proposed_texts(extraction) == {"FooNet"}
    record = to_gold_record(resolve_paper(extraction))
    assert record["proposes"] == ["FooNet"]
    assert {"type": "Architecture", "name": "FooNet", "mentions": ["FooNet"]} in record["entities"]


def test_proposal_method_called_name(nlp):
    extraction = _extract(
        nlp,
        "Adaptive Step Sizes Without Tuning",
        "Step sizes are hard to choose. In this paper we describe a new method called BarOpt "
        "that adapts the step size of stochastic gradient descent. BarOpt needs no tuning.",
    )
    assert _proposed_texts(extraction) == {"BarOpt"}
    record = to_gold_record(resolve_paper(extraction))
    assert record["proposes"] == ["BarOpt"]
    assert {"type": "Method", "name": "BarOpt", "mentions": ["BarOpt"]} in record["entities"]


def test_proposal_title_name(nlp):
    extraction = _extract(
        nlp,
        "QuuxNAS: Searching Compact Classifiers in One Day",
        "Architecture search is expensive. Our search finds compact image classifiers in a day.",
    )
    assert "QuuxNAS" in _proposed_texts(extraction)
    resolved = resolve_paper(extraction)
    quux = [e for e in resolved.entities if "QuuxNAS" in e.mentions]
    assert len(quux) == 1  # the title's name is one entity
    assert quux[0].proposed
    assert quux[0].type is EntityType.METHOD  # the "NAS" suffix names a search method


@pytest.mark.parametrize(
    "abstract",
    [
        # someone else's proposal, then a use of it
        "Image classifiers keep growing. Earlier authors proposed DenseNet, and we build on DenseNet.",
        # a comparison proposes nothing
        "Image classifiers keep growing. We compare ResNet with DenseNet on CIFAR-100.",
    ],
)
def test_proposal_not_for_entities_the_paper_only_uses(nlp, abstract):
    extraction = _extract(nlp, "Better Baselines for Image Classification", abstract)
    assert extraction.proposes == ()
    assert to_gold_record(resolve_paper(extraction))["proposes"] == []


def test_extract_papers_yields_one_extraction_per_paper_in_order(nlp):
    papers = [
        Paper(id="t-a", title="Fast Segmentation of Aerial Photographs",
              abstract="Aerial photographs are large. We propose FooNet, a convolutional network for them."),
        Paper(id="t-b", title="Adaptive Step Sizes Without Tuning",
              abstract="Step sizes are hard to choose. We describe a new method called BarOpt."),
        Paper(id="t-c", title="A Note on Weather", abstract="The weather was warm and dry all week."),
    ]
    extractions = list(extract_papers(papers, nlp, batch_size=2))
    assert [e.paper.id for e in extractions] == ["t-a", "t-b", "t-c"]
    assert [_proposed_texts(e) for e in extractions] == [{"FooNet"}, {"BarOpt"}, set()]


def test_title_is_its_own_sentence(nlp):
    # without the paragraph break, the parser reads "present" as an adjective of the title
    extraction = _extract(nlp, "Depth from One Image", "We present ZapFormer, a vision transformer for depth estimation.")
    assert extraction.sentences[0] == "Depth from One Image"
    assert _proposed_texts(extraction) == {"ZapFormer"}


def test_candidates_keep_lexicon_rule_and_confidence(nlp):
    doc = nlp("Experiments on CIFAR-10 and ImageNet show that ResNet generalises.")
    found = {e.text: (e._.kg_rule, e._.kg_confidence) for e in doc.ents}
    # a discarded candidate at the same offsets must not overwrite the lexicon's values
    assert found["ImageNet"] == ("lexicon", 1.0)
    assert found["ResNet"] == ("lexicon", 1.0)


@pytest.mark.parametrize(
    ("thresholds", "kept"),
    [
        ({}, {"lantern networks"}),  # head-word candidates score 0.6 > 0.5
        ({"Architecture": 0.65}, set()),  # a stricter Architecture threshold drops it
        ({"Task": 0.65}, {"lantern networks"}),  # other types' thresholds do not matter
    ],
)
def test_candidates_per_type_thresholds(thresholds, kept):
    from kg.extract import load_pipeline

    nlp = load_pipeline()
    nlp.get_pipe("kg_candidates").thresholds = thresholds
    doc = nlp("Our lantern networks beat plain ones on molecules.")  # not in the lexicon
    assert {e.text for e in doc.ents if e._.kg_rule.startswith("head:")} == kept


def test_kept_candidate_keeps_its_own_rule_under_thresholds(nlp):
    # "SongNet" is a coined Architecture (0.7) and, after "methods such as", a Method (0.65);
    # with Architecture candidates held to 0.8, the Method is kept with its own rule
    component = nlp.get_pipe("kg_candidates")
    saved = dict(component.thresholds)
    component.thresholds = {"Architecture": 0.8}
    try:
        doc = nlp("Tagging Bird Songs\n\nWe compare methods such as SongNet on birds.")
    finally:
        component.thresholds = saved
    (ent,) = [e for e in doc.ents if e.text == "SongNet"]
    assert (ent.label_, ent._.kg_rule, ent._.kg_confidence) == ("Method", "hyponym", 0.65)
