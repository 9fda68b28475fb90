"""Extract: papers → mentions and relations, with provenance. The only layer using spaCy.

Example (needs the model, so not run as a doctest)::

    nlp = load_pipeline()
    for extraction in extract_papers(papers, nlp):
        print(extraction.paper.id, len(extraction.mentions))
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import span_key
from kg.extract.pipeline import load_pipeline
from kg.model import (
    EntityType,
    Mention,
    Paper,
    PaperExtraction,
    Provenance,
    Relation,
    RelationType,
    Result,
)

__all__ = ["extract_papers", "load_pipeline", "to_extraction"]


def to_extraction(doc: Doc, paper: Paper) -> PaperExtraction:
    """Turn a processed Doc into the paper's mentions and relations.

    Relations refer to entities by their merge key within the paper
    (``Mention.key``), which the resolver maps to canonical entities.
    """
    sentences = list(doc.sents)
    starts = [s.start_char for s in sentences]
    keys: dict[tuple[int, int], str] = {}
    mentions: list[Mention] = []
    proposes: list[Relation] = []

    def where(start: int, end: int) -> Provenance:
        return Provenance(paper.id, max(0, bisect_right(starts, start) - 1), start, end)

    for ent in doc.ents:
        key = span_key(ent)
        keys[(ent.start_char, ent.end_char)] = key
        provenance = where(ent.start_char, ent.end_char)
        mentions.append(
            Mention(
                text=ent._.kg_text or ent.text,
                type=EntityType(ent.label_),
                provenance=provenance,
                rule=ent._.kg_rule or "lexicon",
                concept=ent._.kg_concept,
                key=key,
                confidence=ent._.kg_confidence,
            )
        )
        if ent._.kg_proposed:
            proposes.append(Relation(RelationType.PROPOSES, paper.id, key, provenance))
    evaluated = [
        Relation(RelationType.EVALUATED_ON, keys[s], keys[d], where(*d))
        for s, d in doc._.kg_evaluated_on or ()
        if s in keys and d in keys
    ]
    results = [
        Result(
            subject=keys.get(s) if s else None,
            metric=keys[m],
            value=value,
            dataset=keys.get(d) if d else None,
            provenance=where(*m),
        )
        for s, m, value, d in doc._.kg_results or ()
        if m in keys
    ]
    return PaperExtraction(
        paper=paper,
        mentions=tuple(mentions),
        proposes=tuple(proposes),
        evaluated_on=tuple(evaluated),
        results=tuple(results),
        sentences=tuple(s.text.strip() for s in sentences),
    )


def extract_papers(
    papers: Iterable[Paper],
    nlp: Language,
    *,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[PaperExtraction]:
    """Stream papers through the pipeline and yield one extraction per paper, in order."""
    stream = ((paper.text, paper) for paper in papers)
    for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield to_extraction(doc, paper)
