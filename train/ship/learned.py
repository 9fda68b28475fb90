"""A learned entity recognizer, trained on SciERC train, as an optional candidate source.

The model (``kg/data/models/<name>/``, made by ``train/README.md``) is a small spaCy
pipeline: en_core_web_sm's tok2vec, fine-tuned, and a transition-based NER for
SciERC's Task, Method, Metric and Material (saved as Dataset). The ``kg_learned``
component runs it on each Doc and adds its spans to ``doc.ents`` where no lexicon or
rule entity already sits, so it never overrides a lexicon match.

SciERC's types are not kg's (GUIDELINES "The five types"), so with ``map_types`` a
span's label is turned into a kg type by :func:`to_kg_type`: a Method whose head or
name says "network" becomes an Architecture, and a Material is kept as a Dataset only
when it looks like a named set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ConfigError
from kg.extract.extensions import register_extensions
from kg.extract.typing import is_generic, trim, type_of_name, type_of_phrase
from kg.model import EntityType

__all__ = [
    "DEFAULT_MODEL",
    "LearnedEntities",
    "is_named_set",
    "make_learned",
    "model_path",
    "to_kg_type",
]

#: The model shipped in ``kg/data/models/``.
DEFAULT_MODEL = "scierc_ner"
#: SciERC label (as saved by ``train/convert.py``) → kg type before mapping.
_LABELS = {"Method": EntityType.METHOD, "Task": EntityType.TASK,
           "Metric": EntityType.METRIC, "Dataset": EntityType.DATASET}


def model_path(name: str = DEFAULT_MODEL) -> Path:
    """Return the folder of a shipped model, or NAME itself when it is a path.

    Raises:
        ConfigError: when there is no model there.
    """
    candidate = Path(name)
    if not candidate.is_absolute() and len(candidate.parts) == 1:
        candidate = Path(str(resources.files("kg") / "data" / "models" / name))
    if not (candidate / "config.cfg").is_file():
        raise ConfigError(f"{candidate}: no trained model (config.cfg missing); see train/README.md")
    return candidate


def is_named_set(span: Span) -> bool:
    """Tell whether a SciERC "Material" span names a data set rather than a data kind.

    GUIDELINES "Dataset": a named collection ("Penn Treebank", "NIST 2005"), not a
    modality ("images", "speech"). A name shows a capital after the first word, a
    capitalised or all-caps first word that does not open the sentence, or a digit.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("We use the Penn Treebank and speech data from TIMIT .")
        >>> is_named_set(doc[3:5]), is_named_set(doc[6:8]), is_named_set(doc[9:10])
        (True, False, True)
    """
    for token in span:
        if any(c.isdigit() for c in token.text):
            return True
        if token.text[:1].isupper() and (token.i > span.start or not token.is_sent_start):
            return True
        if token.i == span.start and sum(c.isupper() for c in token.text) >= 2:
            return True
    return False


def to_kg_type(span: Span, label: str) -> EntityType | None:
    """Turn a SciERC label into a kg type for SPAN, or None to drop the span.

    Method → Architecture when kg's head or suffix rules say it is a network
    (GUIDELINES "Architecture vs Method"); Dataset (SciERC Material) only for named
    sets; Task and Metric unchanged; generic phrases dropped.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("We use beam search and a FooNet on speech data .")
        >>> to_kg_type(doc[2:4], "Method"), to_kg_type(doc[6:7], "Method")
        (<EntityType.METHOD: 'Method'>, <EntityType.ARCHITECTURE: 'Architecture'>)
        >>> to_kg_type(doc[8:10], "Dataset") is None
        True
    """
    kind = _LABELS.get(label)
    if kind is None or is_generic(span.text):
        return None
    if kind is EntityType.METHOD:
        typed = type_of_phrase(span) if len(span) > 1 else type_of_name(span.text)
        return EntityType.ARCHITECTURE if typed is EntityType.ARCHITECTURE else kind
    if kind is EntityType.DATASET and not is_named_set(span):
        return None
    return kind


class LearnedEntities:
    """Add the spans of a trained NER model to ``doc.ents`` where nothing else was found."""

    def __init__(self, name: str, *, model: Language, confidence: float, map_types: bool,
                 trim_spans: bool) -> None:
        self.name = name
        self.model = model
        self.confidence = confidence
        self.map_types = map_types
        self.trim_spans = trim_spans

    def _copy(self, doc: Doc) -> Doc:
        # The model keeps its own vocab; the same tokens go in, so indices carry over.
        return Doc(self.model.vocab, words=[t.text for t in doc],
                   spaces=[bool(t.whitespace_) for t in doc])

    def spans(self, doc: Doc, predicted: Doc) -> list[Span]:
        """Return the model's spans on DOC (typed, trimmed, generic ones dropped).

        Args:
            doc: the Doc of kg's pipeline.
            predicted: a copy of DOC's tokens that the model has processed.
        """
        out = []
        for ent in predicted.ents:
            span = doc[ent.start : ent.end]
            if self.trim_spans:
                span = trim(span)
            if len(span) == 0 or "\n" in span.text:
                continue
            if self.map_types:
                kind = to_kg_type(span, ent.label_)
            else:
                kind = None if is_generic(span.text) else _LABELS.get(ent.label_)
            if kind is None:
                continue
            found = Span(doc, span.start, span.end, label=kind.value)
            found._.kg_rule = "learned"
            found._.kg_confidence = self.confidence
            out.append(found)
        return out

    def _add(self, doc: Doc, predicted: Doc) -> Doc:
        ents = list(doc.ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        added = [s for s in self.spans(doc, predicted)
                 if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = filter_spans([*ents, *added])
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._add(doc, self.model(self._copy(doc)))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        """Process a stream of Docs in batches (the model's ``pipe``)."""
        for batch in spacy.util.minibatch(docs, size=batch_size):
            copies = self.model.pipe((self._copy(d) for d in batch), batch_size=batch_size)
            for doc, predicted in zip(batch, copies, strict=True):
                yield self._add(doc, predicted)


@Language.factory(
    "kg_learned",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={"model": DEFAULT_MODEL, "confidence": 0.55, "map_types": True,
                    "trim_spans": False},
)
def make_learned(nlp: Language, name: str, model: str, confidence: float, map_types: bool,
                 trim_spans: bool) -> LearnedEntities:
    """Build the learned recognizer from a shipped model name or a model folder.

    Args:
        nlp: the pipeline it joins.
        name: the component's name.
        model: a folder name in ``kg/data/models`` or a path to a trained model.
        confidence: the ``kg_confidence`` given to its spans.
        map_types: map SciERC labels to kg's types (:func:`to_kg_type`).
        trim_spans: drop determiners and evaluative words from the span ends.
    """
    register_extensions()
    return LearnedEntities(name, model=spacy.load(model_path(model)), confidence=confidence,
                           map_types=map_types, trim_spans=trim_spans)
