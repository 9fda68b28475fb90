"""Head-word rules: descriptive heads, task and problem heads, shared heads in a
coordination ("vowel and image classification"), and British spellings in the lexicon.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest
import spacy

from kg.extract import to_extraction
from kg.extract.lexicon import spelling_key
from kg.extract.typing import trim
from kg.model import Paper
from kg.resolve import resolve_paper, to_gold_record


def _entities(nlp, abstract: str) -> set[tuple[str, str]]:
    paper = Paper(id="t-heads", title="Tagging Bird Songs", abstract=abstract)
    record = to_gold_record(resolve_paper(to_extraction(nlp(paper.text), paper)))
    return {(e["type"], e["name"].lower()) for e in record["entities"]}


# Rule: "X method/strategy/framework" names X when X is typed by itself


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Hardware-aware training methods are slow on phones.", ("Method", "hardware-aware training")),
        ("A lattice pruning strategy removes half of the weights.", ("Method", "lattice pruning")),
    ],
)
def test_descriptive_head_names_what_it_describes(nlp, abstract, expected):
    found = _entities(nlp, abstract)
    assert expected in found
    assert not any(name.endswith(("method", "strategy")) for _, name in found)


def test_descriptive_head_stays_when_the_rest_names_nothing(nlp):
    # "lattice" alone is no typed phrase, so the head word is what types the phrase
    assert ("Method", "lattice approach") in _entities(nlp, "The lattice approach tags songs.")


# Rule: "X task" and "X problem"


@pytest.mark.parametrize(
    "abstract",
    [
        "Ravens learn quickly on music tasks.",  # one lower-case domain word
        "Ravens learn quickly on computer vision problems.",  # a field, not a task
    ],
)
def test_task_head_with_a_domain_word_is_no_task(nlp, abstract):
    assert not any(kind == "Task" for kind, _ in _entities(nlp, abstract))


def test_task_head_keeps_a_named_task(nlp):
    found = _entities(nlp, "Ravens learn quickly on the birdsong segmentation task.")
    assert ("Task", "birdsong segmentation task") in found


@pytest.mark.parametrize(
    ("abstract", "absent"),
    [
        ("We give a mathematical analysis of lattice networks.", "mathematical analysis"),
        ("Our theoretical understanding of lattice networks grows.", "theoretical understanding"),
    ],
)
def test_broad_task_head_needs_a_noun_modifier(nlp, abstract, absent):
    assert ("Task", absent) not in _entities(nlp, abstract)


def test_broad_task_head_with_a_noun_modifier_is_a_task(nlp):
    assert ("Task", "song structure analysis") in _entities(nlp, "We automate song structure analysis with lattice networks.")


# Rule: a head shared by coordinated modifiers


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("The networks perform vowel and image classification tasks.",
         {("Task", "vowel classification"), ("Task", "image classification")}),
        ("We compare supervised and unsupervised learning for songs.",
         {("Method", "supervised learning"), ("Method", "unsupervised learning")}),
    ],
)
def test_shared_head_gives_each_conjunct_its_entity(nlp, abstract, expected):
    assert expected <= _entities(nlp, abstract)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the first conjunct opens the text: there is no word before it to look at
        ("Vowel and Image Classification with Lantern Networks",
         {("Task", "vowel classification"), ("Task", "image classification")}),
    ],
)
def test_shared_head_at_start_of_text(nlp, title, expected):
    paper = Paper(id="t-heads", title=title, abstract="We study songs.")
    record = to_gold_record(resolve_paper(to_extraction(nlp(paper.text), paper)))
    assert expected <= {(e["type"], e["name"].lower()) for e in record["entities"]}


def test_shared_head_mention_keeps_its_offsets(nlp):
    paper = Paper(id="t-heads", title="Tagging Bird Songs", abstract="The networks perform vowel and image classification.")
    extraction = to_extraction(nlp(paper.text), paper)
    vowel = next(m for m in extraction.mentions if m.text == "vowel classification")
    assert paper.text[vowel.provenance.start : vowel.provenance.end] == "vowel"
    assert vowel.rule == "ellipsis"


@pytest.mark.parametrize(
    ("abstract", "absent"),
    [
        ("We compare new and existing lattice networks.", "new lattice network"),  # a trim word
        ("We compare Transformers and recurrent neural networks.", "transformers neural network"),  # an entity
    ],
)
def test_shared_head_not_made_for_trim_words_or_entities(nlp, abstract, absent):
    found = _entities(nlp, abstract)
    assert ("Architecture", absent) not in found
    assert not any(kind == "Architecture" and name.startswith(absent.split()[0]) and name != "transformer"
                   for kind, name in found)


# Lexicon: British and American spellings find one concept


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("regularised evolution", "regularized evolution"),
        ("optimisation", "optimization"),
        ("time series modelling", "time series modeling"),
        ("labelled data", "labeled data"),
    ],
)
def test_spelling_key_folds_british_spelling(british, american):
    assert spelling_key(british) == spelling_key(american)


def test_spelling_key_keeps_distinct_words_apart():
    assert spelling_key("precision") != spelling_key("decision")
    assert spelling_key("noise") != spelling_key("nose")


def test_lexicon_finds_british_spelling(nlp):
    assert ("Method", "regularized evolution") in _entities(nlp, "Architectures were found by regularised evolution.")


# Rule: "classification of images" is image classification


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Ravens help with classification of songs in forests.", "song classification"),
        ("We automate segmentation of nest images.", "nest image segmentation"),
        ("Detection of small beetles is hard.", "beetle detection"),  # "small" trimmed, sentence start
    ],
)
def test_of_phrase_names_the_task(nlp, abstract, expected):
    assert ("Task", expected) in _entities(nlp, abstract)


@pytest.mark.parametrize(
    "abstract",
    [
        "Generation of data is cheap.",  # a generic object
        "Image classification of songs is odd.",  # the task is named already
        "Classification of these is hard.",  # no noun object
    ],
)
def test_of_phrase_not_made_without_a_specific_object(nlp, abstract):
    found = _entities(nlp, abstract)
    assert not any(name.endswith(("data generation", "song image classification", "classification of these"))
                   for _, name in found)


@pytest.mark.parametrize(
    ("abstract", "name", "kind"),
    [
        # the of-phrase rule declines (a dataset inside, a method by name): its name
        # must not stick to the span that another rule makes at the same offsets
        ("We study the recognition of MNIST digits (RMD) task.", "recognition of MNIST digits", "Task"),
        ('We propose a new algorithm, referred to as "detection of beetles", for forests.',
         "detection of beetles", "Method"),
    ],
)
def test_of_phrase_declined_leaves_no_name_behind(nlp, abstract, name, kind):
    paper = Paper(id="t-heads", title="Tagging Bird Songs", abstract=abstract)
    extraction = to_extraction(nlp(paper.text), paper)
    mention = next(m for m in extraction.mentions if paper.text[m.provenance.start : m.provenance.end] == name)
    assert (mention.text, mention.type.value) == (name, kind)
    assert mention.rule != "of-phrase"


# Rule: weak modifiers do not make a process a method


@pytest.mark.parametrize("phrase", ["network training", "model optimization"])
def test_process_with_weak_modifiers_is_no_method(nlp, phrase):
    found = _entities(nlp, f"We apply knowledge distillation during {phrase}.")
    assert ("Method", phrase) not in found
    assert ("Method", "knowledge distillation") in found


def test_process_with_a_specific_modifier_is_a_method(nlp):
    assert ("Method", "lattice training") in _entities(nlp, "Songs improve with lattice training on phones.")


# Rule: a title's opening verb is no part of a name


def test_title_opening_verb_is_trimmed(nlp):
    paper = Paper(id="t-title", title="Unlocking Song-Tracking in Lattice Networks", abstract="We tag songs.")
    record = to_gold_record(resolve_paper(to_extraction(nlp(paper.text), paper)))
    names = {e["name"] for e in record["entities"]}
    assert not any(name.startswith("Unlocking") for name in names)
    assert "Song-Tracking" in names


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Unlocking Song Tracking", "Song Tracking"),  # an opening verb
        ("Gating Song Networks", "Gating Song Networks"),  # an "-ing" word that modifies
        ("Learning Song Networks", "Learning Song Networks"),  # a head word of kg's types
    ],
)
def test_trim_title_opening_ing_word(title, expected):
    doc = spacy.blank("en")(title)
    assert trim(doc[:]).text == expected


# Tokenizer: hyphenated words kept whole


def test_state_of_the_art_is_one_token_and_trimmed(nlp):
    doc = nlp("It beats state-of-the-art hardware-aware lattice training methods.")
    assert "state-of-the-art" in [t.text for t in doc]
    assert "hardware-aware lattice training" in {e.text for e in doc.ents}


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("We report mIoU.", ["mIoU", "."]),
        ("It is trained on GLORP-5B.", ["GLORP-5B", "."]),
        ("We scale up to QuuxViT-L.", ["L", "."]),
        ("Students in the U.S. and Ph.D. holders.", ["U.S.", "Ph.D."]),
    ],
)
def test_full_stop_split_from_a_name_ending_in_a_capital(nlp, text, tokens):
    words = [t.text for t in nlp.make_doc(text)]
    assert all(token in words for token in tokens), words


def test_name_before_the_full_stop_is_found_whole(nlp):
    doc = nlp("We propose QuuxViT-L. It reaches 41.2 mIoU.")
    texts = {e.text for e in doc.ents}
    assert "QuuxViT-L" in texts
    assert "mIoU" in texts


# Rule: a metric named by nouns, the specific over the generic


@pytest.mark.parametrize(
    ("abstract", "present", "absent"),
    [
        ("Pooling takes a toll on localization accuracy.", "localization accuracy", "accuracy"),
        ("It keeps high song retrieval accuracy.", "song retrieval accuracy", "accuracy"),
        ("Pruning suffers from degraded model accuracy.", "model accuracy", "degraded model accuracy"),
        ("It reaches up to 82.5% accuracy on songs.", "accuracy", "82.5% accuracy"),
        ("Disks limit I/O efficiency.", "i/o efficiency", "o efficiency"),
    ],
)
def test_metric_phrase_keeps_its_nouns(nlp, abstract, present, absent):
    found = _entities(nlp, abstract)
    assert ("Metric", present) in found
    assert ("Metric", absent) not in found


@pytest.mark.parametrize("phrase", ["finite precision", "arbitrary precision", "mixed precision"])
def test_numeric_precision_is_no_metric(nlp, phrase):
    assert not any(kind == "Metric" for kind, _ in _entities(nlp, f"Lattice networks of {phrase} tag songs."))


def test_precision_alone_is_a_metric(nlp):
    assert ("Metric", "precision") in _entities(nlp, "We report precision on songs.")


def test_method_used_as_a_measure_is_a_metric(nlp):
    found = _entities(nlp, "We compare songs with a cross-entropy measure.")
    assert any(kind == "Metric" and "entropy" in name for kind, name in found)
    assert not any(kind == "Method" and "entropy" in name for kind, name in found)


# Rule: "X-based methods" use X


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We compare lattice splatting-based methods on songs.", ("Method", "lattice splatting")),
        ("We find ZorbNet-based frameworks fast.", ("Architecture", "zorbnet")),
    ],
)
def test_based_on_names_the_basis(nlp, abstract, expected):
    found = _entities(nlp, abstract)
    assert expected in found
    assert not any("based" in name for _, name in found)


def test_based_on_keeps_the_phrase_for_a_model(nlp):
    # a model that is "X-based" is itself a kind of model: the phrase stays
    assert ("Architecture", "wave-based lattice network") in _entities(nlp, "We train wave-based lattice networks.")


def test_based_on_a_generic_word_names_nothing(nlp):
    assert _entities(nlp, "Graph-based approaches are common.") == set()


# Rule: examples of a typed plural take its type ("tasks such as X")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Lattices help in tasks such as song counting.", {("Task", "song counting")}),
        ("Lattice networks (LNs) such as ZorbLM, QRB and BazLSTM are fast.",
         {("Architecture", "zorblm"), ("Architecture", "qrb"), ("Architecture", "bazlstm")}),
        ("We cover methods including feather sorting and beak hashing.",
         {("Method", "feather sorting"), ("Method", "beak hashing")}),
        ("Lattices cannot solve even parity, the simplest counting task, on songs.", {("Task", "parity")}),
    ],
)
def test_hyponyms_take_the_type_of_their_hypernym(nlp, abstract, expected):
    assert expected <= _entities(nlp, abstract)


def test_hyponym_type_beats_a_head_word(nlp):
    paper = Paper(id="t-h", title="Tagging Bird Songs", abstract="Nets excel in tasks such as policy-learning for games.")
    extraction = to_extraction(nlp(paper.text), paper)
    mention = next(m for m in extraction.mentions if m.text == "policy-learning")
    assert (mention.type.value, mention.rule) == ("Task", "hyponym")


@pytest.mark.parametrize(
    "abstract",
    [
        "Birds sing in places such as forests.",  # "places" types nothing
        "Lattices help in tasks such as these.",  # no noun example
    ],
)
def test_hyponyms_need_a_typed_hypernym_and_a_noun(nlp, abstract):
    assert _entities(nlp, abstract) == set()


def test_lexicon_keeps_a_final_capital_s():
    # "GlaS" is a dataset; "GLA" (an architecture) is not its plural-free form
    from kg.concepts import read_concepts
    from kg.extract.lexicon import Lexicon

    lexicon = Lexicon.from_concepts(read_concepts())
    assert lexicon.lookup("GlaS") == "dataset/glas"
    assert lexicon.lookup("GLA") != "dataset/glas"


# Lexicon: "recurrent NNs" and "convolutional nets" are the lexicon's networks


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We compare recurrent NNs with convolutional NNs on songs.",
         {("Architecture", "recurrent neural network"), ("Architecture", "convolutional neural network")}),
        ("Convolutional nets tag songs.", {("Architecture", "convolutional neural network")}),
    ],
)
def test_lexicon_knows_nn_and_net_spellings(nlp, abstract, expected):
    assert expected <= _entities(nlp, abstract)


@pytest.mark.parametrize("phrase", ["input layer", "building block", "output layer"])
def test_generic_building_blocks_are_not_entities(nlp, phrase):
    assert _entities(nlp, f"The {phrase} of lattice networks is wide.") == {("Architecture", "lattice network")}


def test_hypernym_retypes_an_architecture_or_method(nlp):
    found = _entities(nlp, "We relate the two most important models, i.e., Skip-gram and GloVe, for songs.")
    assert {("Architecture", "skip-gram"), ("Architecture", "glove")} <= found


def test_hypernym_does_not_retype_a_dataset(nlp):
    assert ("Dataset", "cifar-10") in _entities(nlp, "We compare models such as CIFAR-10 on songs.")


def test_loss_used_as_a_measure_is_a_metric_everywhere_in_the_paper(nlp):
    found = _entities(nlp, "We train with cross-entropy loss. We evaluate with a cross-entropy measure.")
    assert any(kind == "Metric" and "entropy" in name for kind, name in found)
    assert not any(kind == "Method" and "entropy" in name for kind, name in found)


@pytest.mark.parametrize(
    ("abstract", "absent"),
    [
        ("Several acceleration techniques have been proposed for songs.", "acceleration technique"),
        ("We survey interpretability methods for lattices.", "interpretability method"),
    ],
)
def test_plural_descriptive_head_is_a_class_not_a_name(nlp, abstract, absent):
    assert not any(name == absent for _, name in _entities(nlp, abstract))


def test_singular_descriptive_head_with_a_name_stays(nlp):
    assert any("ZorbNet" in name or "zorbnet" in name for _, name in _entities(nlp, "ZorbNet methods are fast."))


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We automate song image processing and analysis.", ("Task", "song image analysis")),
        ("Lattices help bird detection and segmentation.", ("Task", "bird segmentation")),
    ],
)
def test_shared_modifiers_give_the_second_head_its_entity(nlp, abstract, expected):
    assert expected in _entities(nlp, abstract)


def test_list_item_ends_at_an_infinitive(nlp):
    found = _entities(nlp, "Nets excel in tasks such as song counting to help birds, and nest finding.")
    assert {("Task", "song counting"), ("Task", "nest finding")} <= found


def test_weak_modifier_does_not_make_a_new_architecture(nlp):
    found = _entities(nlp, "We use wide and deep MLPs for songs.")
    assert ("Architecture", "multilayer perceptron") in found or any("mlp" in n for _, n in found)
    assert not any(name.startswith(("deep ", "wide")) for _, name in found)


def test_title_case_alias_with_a_conjunction_needs_its_case(nlp):
    assert not any("wide" in name.lower() for _, name in _entities(nlp, "We use wide and deep lattices."))


def test_verb_after_a_modal_is_trimmed_even_when_tagged_a_noun():
    doc = spacy.blank("en")("it can decouple song sampling")
    for token, tag in zip(doc, ["PRP", "MD", "NN", "NN", "NN"]):
        token.tag_ = tag  # the tagger's mistake: "decouple" as a noun
    assert trim(doc[2:5]).text == "song sampling"
    plain = spacy.blank("en")("the decouple song sampling")
    for token, tag in zip(plain, ["DT", "NN", "NN", "NN"]):
        token.tag_ = tag
    assert trim(plain[1:4]).text == "decouple song sampling"  # no modal before it: kept


def test_colon_after_a_typed_plural_needs_a_list(nlp):
    found = _entities(nlp, "Songs help many downstream tasks: such descriptions can guide birds.")
    assert not any(kind == "Task" and "description" in name for kind, name in found)
