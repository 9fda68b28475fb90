"""Every ``._.`` extension kg sets on spaCy objects, registered once.

Span values live in ``doc.user_data`` keyed by character offsets, so they survive
``doc.ents`` being rebuilt by later components.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.keys import match_key

__all__ = ["register_extensions", "span_key"]

_SPAN = {
    "kg_concept": None,  # lexicon concept id, e.g. "dataset/cifar-10"
    "kg_rule": None,  # which rule found the span: "lexicon", "head:network", ...
    "kg_confidence": 1.0,  # 0..1; the lexicon is 1.0, shape rules lower
    "kg_key": None,  # merge key within the paper (short forms share their long form's)
    "kg_proposed": False,  # the paper introduces this entity
    "kg_text": None,  # the full name when the text is elliptical: "vowel" in "vowel and image classification"
}
_DOC = {
    "kg_abbreviations": None,  # {short form: long form text}
    "kg_evaluated_on": None,  # [(subject Span, dataset Span)]
    "kg_results": None,  # [(subject Span | None, metric Span, value text, dataset Span | None)]
}


def register_extensions() -> None:
    """Register kg's Span and Doc extensions if they are not registered yet.

    Example:
        >>> register_extensions(); register_extensions()  # idempotent
        >>> Span.has_extension("kg_concept")
        True
    """
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def span_key(span: Span) -> str:
    """Return the merge key of an entity span within its paper.

    The abbreviation rule's key (short forms share their long form's), else the
    lexicon concept, else the GUIDELINES match key of the text.
    """
    return span._.kg_key or span._.kg_concept or match_key(span.text)
