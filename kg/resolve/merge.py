"""Resolve a paper's mentions into entities: one per thing, with a canonical name.

GUIDELINES "Plurals and variants" and "Abbreviations": variants of one thing are
one entity; the canonical name is the long form, in the singular.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

from kg.concepts import concept_index
from kg.keys import match_key, singular
from kg.model import Entity, EntityType, Mention, PaperExtraction, Relation, Result

__all__ = ["ResolvedPaper", "canonical_name", "resolve_paper"]

_SUBJECT_TYPES = frozenset({EntityType.ARCHITECTURE, EntityType.METHOD})


def canonical_name(mentions: list[Mention]) -> str:
    """Choose the name of an entity from its mentions.

    The lexicon concept's label when there is one; else the first long form (not a
    short form found by the abbreviation rule), in the singular.

    Example:
        >>> from kg.model import Provenance
        >>> p = Provenance("p", 0, 0, 1)
        >>> ms = [Mention("KANs", EntityType.ARCHITECTURE, p, rule="abbreviation"),
        ...       Mention("Kolmogorov-Arnold Networks", EntityType.ARCHITECTURE, p, rule="abbreviation")]
        >>> canonical_name(ms)
        'Kolmogorov-Arnold Network'
    """
    for mention in mentions:
        if mention.concept is not None:
            concept = concept_index().get(mention.concept)
            if concept is not None:
                return concept.label
    long_forms = [m for m in mentions if " " in m.text or not m.text.removesuffix("s").isupper()]  # "GNNs" is short
    words = sorted(long_forms or mentions, key=lambda m: (-len(m.text.split()), m.provenance.start))
    # the longest form first seen is the long form of an abbreviation pair
    return singular(words[0].text)


class ResolvedPaper:
    """A paper's entities, and the map from mention keys to them."""

    def __init__(self, extraction: PaperExtraction, entities: dict[str, Entity]) -> None:
        self.extraction = extraction
        self.by_key = entities

    @property
    def entities(self) -> list[Entity]:
        """Entities sorted by type and name."""
        return sorted(set(self.by_key.values()),
                      key=lambda e: (e.type.value, e.name.lower(), e.name, e.concept or "", e.mentions))

    def evaluated_on(self) -> list[Relation]:
        """The evaluated_on relations whose ends resolved to the right types.

        A word that one sentence pairs as a dataset may resolve, over the whole
        paper, to a Method; such a pair is dropped (an Architecture or Method is
        evaluated on a Dataset, GUIDELINES "The relations").
        """
        kept = []
        for relation in self.extraction.evaluated_on:
            subject, dataset = self.by_key.get(relation.subject), self.by_key.get(relation.object)
            if (subject is not None and dataset is not None and subject is not dataset
                    and subject.type in _SUBJECT_TYPES and dataset.type is EntityType.DATASET):
                kept.append(relation)
        return kept

    def results(self) -> list[Result]:
        """The stated results whose metric resolved to a Metric.

        A subject that did not resolve to an Architecture or Method, or a dataset that
        did not resolve to a Dataset, is left out of the result (set to None), as
        ``evaluated_on`` does for its pairs.
        """
        kept = []
        for result in self.extraction.results:
            metric = self.by_key.get(result.metric)
            if metric is None or metric.type is not EntityType.METRIC:
                continue
            subject = self.by_key.get(result.subject) if result.subject else None
            dataset = self.by_key.get(result.dataset) if result.dataset else None
            kept.append(replace(
                result,
                subject=result.subject if subject is not None and subject.type in _SUBJECT_TYPES else None,
                dataset=result.dataset if dataset is not None and dataset.type is EntityType.DATASET else None,
            ))
        return kept

    def name_of(self, key: str | None) -> str | None:
        """Return the canonical name of the entity behind a mention key."""
        entity = self.by_key.get(key) if key else None
        return entity.name if entity else None


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, str]:
    """All-caps short forms of the lexicon ("RNN", "CNN") → their concept's label, when unambiguous."""
    labels: dict[str, set[str]] = defaultdict(set)
    for concept in concept_index().values():
        for alias in concept.aliases:
            if alias.isupper() and alias.isalpha() and 2 <= len(alias) <= 6:
                labels[alias].add(concept.label)
    return {alias: next(iter(found)) for alias, found in labels.items() if len(found) == 1}


def spell_out(name: str) -> str:
    """Replace the lexicon's short forms inside a longer name by their long forms.

    Example:
        >>> spell_out("Linear RNNs")
        'Linear recurrent neural network'
        >>> spell_out("RNN"), spell_out("ZorbNet")
        ('RNN', 'ZorbNet')
    """
    words = name.split()
    if len(words) < 2:
        return name
    forms = _short_forms()
    out = []
    for word in words:
        bare = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        out.append(forms.get(bare, word))
    return " ".join(out)


def _concept_of_type(mentions: list[Mention], kind: EntityType) -> str | None:
    """The mentions' lexicon concept, if it has the entity's type.

    The text may type a thing differently from the lexicon ("models, i.e., GloVe", "a
    cross-entropy measure"): the entity then stays unlinked rather than linked to a
    concept of another type (the SHACL shapes require the types to agree).
    """
    concept = next((m.concept for m in mentions if m.concept), None)
    known = concept_index().get(concept) if concept else None
    return concept if known is None or known.type is kind else None


def _majority_type(mentions: list[Mention]) -> EntityType:
    if any(m.rule == "measure" for m in mentions):
        return EntityType.METRIC  # GUIDELINES: a loss the abstract uses as a measure is a Metric
    counts = Counter(m.type for m in mentions)
    lexicon = next((m.type for m in mentions if m.concept), None)
    best = max(counts.values())
    tied = [t for t, n in counts.items() if n == best]
    if lexicon in tied:
        return lexicon
    return EntityType.METHOD if EntityType.METHOD in tied else sorted(tied)[0]


def resolve_paper(extraction: PaperExtraction) -> ResolvedPaper:
    """Group a paper's mentions by merge key into entities.

    A key that was typed differently in different sentences gets one type
    (GUIDELINES "Learning paradigms": one per paper, ties go to Method).
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in extraction.mentions:
        groups[mention.key].append(mention)
    # Second pass: keys that name the same concept, or the same name of one type,
    # are one entity ("CNN" via its long form and "ConvNets" via the lexicon).
    # A group with a concept and one without, named alike ("training time" from the
    # lexicon and "training times" from an elliptical phrase), are one entity too.
    # "Linear RNNs" and "Linear Recurrent Neural Networks (LRNNs)" are one entity too:
    # known short forms inside a name are spelt out before comparing.
    merged: dict[str, list[str]] = defaultdict(list)
    for key, mentions in groups.items():
        merged[f"{_majority_type(mentions)}:{match_key(spell_out(canonical_name(mentions)))}"].append(key)
    proposed = {r.object for r in extraction.proposes}
    by_key: dict[str, Entity] = {}
    for keys in merged.values():
        mentions = sorted((m for k in keys for m in groups[k]), key=lambda m: m.provenance.start)
        kind = _majority_type(mentions)
        entity = Entity(
            type=kind,
            name=canonical_name(mentions),
            mentions=tuple(dict.fromkeys(m.text for m in mentions)),
            concept=_concept_of_type(mentions, kind),
            proposed=any(k in proposed for k in keys),
        )
        by_key.update(dict.fromkeys(keys, entity))
    return ResolvedPaper(extraction, by_key)
