"""Read a phrase by the words around it, once the candidates are merged.

- ``of_phrase_tasks``: "classification of images" is the Task "image classification";
- ``as_measure``: a Method used as "a … measure" is a Metric;
- ``is_numeric_precision``: "finite precision" is a number format, not a Metric.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.names import noun_chunks
from kg.extract.typing import WEAK_MODIFIERS, is_generic, trim
from kg.keys import singular
from kg.model import EntityType

__all__ = ["as_measure", "is_numeric_precision", "of_phrase_tasks"]

#: Task nouns that name a task with their object: "classification of images".
_OF_TASK_HEADS = frozenset(
    "classification segmentation detection recognition generation prediction estimation "
    "reconstruction synthesis retrieval forecasting tracking captioning translation "
    "localization completion denoising inpainting summarization".split()
)


def of_phrase_tasks(doc: Doc) -> list[tuple[Span, str]]:
    """Tasks written with "of": "classification of images" is image classification.

    Returns ``(span, name)`` pairs: the span covers the words as written, the name is
    the usual one, the object in the singular before the task noun. The caller names
    the spans it keeps with ``names.renamed``: span values live in
    ``doc.user_data`` by offsets, so a declined span must not write them over an
    entity at the same offsets.

    Example (needs a parsed Doc, so not run as a doctest)::

        "segmentation of medical images" → "medical image segmentation"
    """
    found = []
    chunks = noun_chunks(doc)
    for token in doc:
        if token.lemma_.lower() not in _OF_TASK_HEADS or token.pos_ != "NOUN" or token.i + 2 >= len(doc):
            continue
        if any(c.dep_ in {"amod", "compound", "nmod"} for c in token.children):
            continue  # "image classification of X": the task is named already
        of = doc[token.i + 1]
        if of.lower_ != "of":
            continue
        chunk = next((c for c in chunks if c.start > of.i and c.start <= of.i + 2 and c.root.head.i == of.i), None)
        if chunk is None:
            continue
        obj = trim(chunk)
        if not 1 <= len(obj) <= 3 or obj.root.pos_ not in {"NOUN", "PROPN"} or is_generic(obj.text) \
                or obj.root.lower_ in WEAK_MODIFIERS or any(t.is_punct or t.is_stop for t in obj):
            continue
        name = f"{singular(obj.text)} {token.lower_ if token.is_sent_start else token.text}"
        found.append((Span(doc, token.i, obj.end, label=EntityType.TASK.value), name))
    return found


#: Words that make "precision" the precision of numbers, not the metric.
_NUMBER_PRECISION = frozenset(
    "finite arbitrary numerical numeric fixed floating floating-point mixed half single double full "
    "machine low high lower higher reduced limited bit".split()
)


def as_measure(span: Span) -> Span:
    """Retype a Method the sentence uses as a measure: "a cross entropy measure" (GUIDELINES, Metric).

    Example:
        >>> import spacy
        >>> from kg.extract.extensions import register_extensions
        >>> register_extensions()
        >>> doc = spacy.blank("en")("with a cross entropy measure")
        >>> as_measure(Span(doc, 2, 4, label="Method")).label_
        'Metric'
    """
    doc = span.doc
    if span.label_ != "Method" or span.end >= len(doc) or doc[span.end].lower_ not in {"measure", "metric", "measures", "metrics"}:
        return span
    metric = Span(doc, span.start, span.end, label="Metric")
    metric._.kg_concept, metric._.kg_rule = span._.kg_concept, "measure"
    metric._.kg_confidence, metric._.kg_proposed = span._.kg_confidence, span._.kg_proposed
    return metric


def is_numeric_precision(span: Span) -> bool:
    """Tell whether a Metric span is "precision" in the sense of number formats: "finite precision".

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("LRNNs of finite precision")
        >>> is_numeric_precision(Span(doc, 3, 4, label="Metric")), is_numeric_precision(Span(doc, 2, 3, label="Metric"))
        (True, False)
        >>> is_numeric_precision(Span(spacy.blank("en")("the full-precision model"), 3, 4, label="Metric"))
        True
    """
    if span.label_ != "Metric" or span[-1].lower_ != "precision":
        return False
    before = span.start - 2 if span.start >= 2 and span.doc[span.start - 1].text == "-" else span.start - 1
    words = [t.lower_ for t in span[:-1]] or ([span.doc[before].lower_] if before >= 0 else [])  # "full-precision"
    return bool(words) and words[-1] in _NUMBER_PRECISION
