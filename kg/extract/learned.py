"""A learned entity recognizer, trained on SciERC train: the opt-in ``learned`` profile.

The model (``kg/data/models/scierc_ner/``, made as ``train/README.md`` says) is a
small spaCy pipeline: en_core_web_sm's tok2vec, fine-tuned, and a transition-based
NER for SciERC's Task, Method, Metric and Material (saved as Dataset). The
``kg_learned`` component runs it on each Doc and merges its spans into ``doc.ents``
as its ``combine`` setting says (:func:`combine_entities`).

It is off by default: ``load_pipeline(learned="scierc")`` or ``--learned scierc`` on
the command line adds it. SciERC annotates broader phrases than GUIDELINES.md does
("physical systems" as a Method, "speech" as a Material), so the profile finds more
SciERC-style entities and lowers the project's own dev scores (``train/README.md``).

SciERC's types are not kg's (GUIDELINES "The five types"), so a Method whose head
or name says "network" becomes an Architecture (:func:`to_kg_type`), and with
``named_sets`` a Material is kept as a Dataset only when it looks like a named set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import ConfigError
from kg.extract.extensions import register_extensions
from kg.extract.typing import is_generic, type_of_name, type_of_phrase
from kg.model import EntityType

__all__ = [
    "COMBINE_MODES",
    "DEFAULT_MODEL",
    "PROFILES",
    "LearnedEntities",
    "Profile",
    "combine_entities",
    "is_named_set",
    "make_learned",
    "model_path",
    "profile",
    "to_kg_type",
]

#: The model shipped in ``kg/data/models/``.
DEFAULT_MODEL = "scierc_ner"
#: How the model's spans meet the entities already on the Doc (see combine_entities).
COMBINE_MODES = ("fill", "relabel", "prefer", "override", "only")


@dataclass(frozen=True, slots=True)
class Profile:
    """Where ``kg_learned`` joins kg's pipeline, and the settings it runs with."""

    after: str
    config: Mapping[str, Any] = field(default_factory=dict)


#: ``load_pipeline(learned=NAME)`` → its profile. "scierc" was chosen on SciERC dev
#: (train/README.md): the model's spans replace the rule entities they overlap (a rule
#: entity with exactly a span's tokens keeps its type), every Material is a Dataset
#: (SciERC style), and it runs last, so that the rules' relations between the
#: entities it keeps stay as they are.
PROFILES: dict[str, Profile] = {
    "scierc": Profile(after="kg_relations",
                      config={"model": DEFAULT_MODEL, "combine": "prefer", "named_sets": False}),
}
#: SciERC label (as saved by ``train/convert.py``) → kg type before mapping.
_LABELS = {"Method": EntityType.METHOD, "Task": EntityType.TASK,
           "Metric": EntityType.METRIC, "Dataset": EntityType.DATASET}


def profile(name: str) -> Profile:
    """Return the learned profile NAME.

    Raises:
        ConfigError: when NAME is not a profile; the message lists the profiles.

    Example:
        >>> profile("scierc").config["model"]
        'scierc_ner'
        >>> profile("bio")
        Traceback (most recent call last):
        ...
        kg.errors.ConfigError: unknown learned profile 'bio' (allowed: scierc)
    """
    if name not in PROFILES:
        raise ConfigError(f"unknown learned profile '{name}' (allowed: {', '.join(PROFILES)})")
    return PROFILES[name]


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


def to_kg_type(span: Span, label: str, *, named_sets: bool = True) -> EntityType | None:
    """Turn a SciERC label into a kg type for SPAN, or None to drop the span.

    Method → Architecture when kg's head or suffix rules say it is a network
    (GUIDELINES "Architecture vs Method"); with NAMED_SETS, Dataset (SciERC
    Material) only for named sets; Task and Metric unchanged; generic phrases
    dropped (GUIDELINES "not this").

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("We use beam search and a FooNet on speech data .")
        >>> to_kg_type(doc[2:4], "Method"), to_kg_type(doc[6:7], "Method")
        (<EntityType.METHOD: 'Method'>, <EntityType.ARCHITECTURE: 'Architecture'>)
        >>> to_kg_type(doc[8:10], "Dataset") is None
        True
        >>> to_kg_type(doc[8:10], "Dataset", named_sets=False)
        <EntityType.DATASET: 'Dataset'>
    """
    kind = _LABELS.get(label)
    if kind is None or is_generic(span.text):
        return None
    if kind is EntityType.METHOD:
        typed = type_of_phrase(span) if len(span) > 1 else type_of_name(span.text)
        return EntityType.ARCHITECTURE if typed is EntityType.ARCHITECTURE else kind
    if kind is EntityType.DATASET and named_sets and not is_named_set(span):
        return None
    return kind


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def combine_entities(ents: Iterable[Span], learned: Iterable[Span], mode: str) -> list[Span]:
    """Merge the model's spans LEARNED into the entities ENTS, by MODE.

    - ``fill``: a learned span is added only where no entity sits;
    - ``relabel``: as fill, and a learned span with exactly an entity's tokens gives
      it the model's type;
    - ``prefer``: a learned span replaces every entity it overlaps, except one with
      exactly its tokens, which keeps its own type (the model draws the bounds, kg's
      lexicon and typing rules name the type);
    - ``override``: a learned span replaces every entity it overlaps;
    - ``only``: the learned spans alone.

    In every mode, an entity that a learned span repeats (same tokens, same type) is
    kept as it is, with its concept and rule. Both inputs are flat (no overlaps).

    Returns:
        The flat entity list, sorted by position.

    Example:
        >>> import spacy
        >>> from spacy.tokens import Span
        >>> doc = spacy.blank("en")("We use beam search on ImageNet data .")
        >>> rules = [Span(doc, 2, 4, "Method"), Span(doc, 5, 6, "Dataset")]
        >>> model = [Span(doc, 3, 4, "Task"), Span(doc, 5, 7, "Dataset")]
        >>> [(e.text, e.label_) for e in combine_entities(rules, model, "fill")]
        [('beam search', 'Method'), ('ImageNet', 'Dataset')]
        >>> [(e.text, e.label_) for e in combine_entities(rules, model, "prefer")]
        [('search', 'Task'), ('ImageNet data', 'Dataset')]
    """
    ents, learned = list(ents), list(learned)
    if mode not in COMBINE_MODES:
        raise ConfigError(f"unknown combine mode '{mode}' (allowed: {', '.join(COMBINE_MODES)})")
    known = {(e.start, e.end, e.label_) for e in ents}
    new = [s for s in learned if (s.start, s.end, s.label_) not in known]
    if mode == "only":
        repeated = {(s.start, s.end, s.label_) for s in learned} & known
        merged = [*new, *(e for e in ents if (e.start, e.end, e.label_) in repeated)]
    elif mode in ("prefer", "override"):
        if mode == "prefer":
            bounds = {(e.start, e.end) for e in ents}
            new = [s for s in new if (s.start, s.end) not in bounds]
        merged = [*new, *(e for e in ents if not _overlaps(e, new))]
    else:
        if mode == "relabel":
            bounds = {(s.start, s.end): s for s in new}
            ents = [bounds.get((e.start, e.end), e) for e in ents]
        merged = [*ents, *(s for s in new if not _overlaps(s, ents))]
    return sorted(merged, key=lambda span: span.start)


class LearnedEntities:
    """Run a trained NER model on each Doc and merge its spans into ``doc.ents``."""

    def __init__(self, name: str, *, model: Language, confidence: float, combine: str,
                 map_types: bool, named_sets: bool) -> None:
        if combine not in COMBINE_MODES:
            raise ConfigError(f"unknown combine mode '{combine}' (allowed: {', '.join(COMBINE_MODES)})")
        self.name = name
        self.model = model
        self.confidence = confidence
        self.combine = combine
        self.map_types = map_types
        self.named_sets = named_sets

    def _copy(self, doc: Doc) -> Doc:
        # The model keeps its own vocab; the same tokens go in, so indices carry over.
        return Doc(self.model.vocab, words=[t.text for t in doc],
                   spaces=[bool(t.whitespace_) for t in doc])

    def spans(self, doc: Doc, predicted: Doc) -> list[Span]:
        """Return the model's spans on DOC, typed, generic ones dropped.

        Args:
            doc: the Doc of kg's pipeline.
            predicted: a copy of DOC's tokens that the model has processed.
        """
        out = []
        for ent in predicted.ents:
            span = doc[ent.start : ent.end]
            if "\n" in span.text:
                continue  # never across the title/abstract break
            if self.map_types:
                kind = to_kg_type(span, ent.label_, named_sets=self.named_sets)
            else:
                kind = None if is_generic(span.text) else _LABELS.get(ent.label_)
            if kind is not None:
                out.append(Span(doc, span.start, span.end, label=kind.value))
        return out

    def _add(self, doc: Doc, predicted: Doc) -> Doc:
        before = {(e.start, e.end, e.label_) for e in doc.ents}
        doc.ents = combine_entities(doc.ents, self.spans(doc, predicted), self.combine)
        for ent in doc.ents:
            if (ent.start, ent.end, ent.label_) not in before:
                # Span values are stored by offsets: clear what a replaced entity left there.
                ent._.kg_rule, ent._.kg_confidence = "learned", self.confidence
                ent._.kg_concept = ent._.kg_key = ent._.kg_text = None
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
    default_config={"model": DEFAULT_MODEL, "confidence": 0.55, "combine": "fill",
                    "map_types": True, "named_sets": True},
)
def make_learned(nlp: Language, name: str, model: str, confidence: float, combine: str,
                 map_types: bool, named_sets: bool) -> LearnedEntities:
    """Build the learned recognizer from a shipped model name or a model folder.

    Args:
        nlp: the pipeline it joins.
        name: the component's name.
        model: a folder name in ``kg/data/models`` or a path to a trained model.
        confidence: the ``kg_confidence`` given to its spans.
        combine: how its spans meet existing entities, one of ``COMBINE_MODES``.
        map_types: map SciERC labels to kg's types (:func:`to_kg_type`).
        named_sets: with map_types, keep a Dataset only when it is a named set.
    """
    register_extensions()
    return LearnedEntities(name, model=spacy.load(model_path(model)), confidence=confidence,
                           combine=combine, map_types=map_types, named_sets=named_sets)
