"""Find entities the lexicon does not know, and the paper's own contributions.

Three rules, each a pure function over a parsed Doc:

- ``head_candidates``: noun phrases typed by their head word ("graph neural
  networks" → Architecture, "LiTS dataset" → Dataset);
- ``named_candidates``: coined names ("MgNO", "SelecSLS Net") typed by suffix or by
  what the sentence says they are ("X, a network …", "a method called X");
- ``proposals``: what the paper introduces ("we propose X", a title "X: …").

The ``kg_candidates`` component adds them to ``doc.ents`` without overriding the
lexicon, and marks proposals with ``span._.kg_proposed``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.extensions import register_extensions
from kg.extract.typing import is_coined, is_generic, trim, type_of_name, type_of_phrase
from kg.model import EntityType

__all__ = ["Candidates", "head_candidates", "named_candidates", "proposals", "title_name"]

PROPOSE_VERBS = frozenset(
    "propose introduce present develop design devise contribute construct build create "
    "release curate formulate establish".split()
)
NAMING_WORDS = frozenset("called named dubbed termed coined".split())
#: Description word → the type of the thing described ("a new architecture called X").
DESCRIPTION_TYPES: dict[str, EntityType] = {
    **dict.fromkeys("architecture network model net module layer block backbone".split(), EntityType.ARCHITECTURE),
    **dict.fromkeys("dataset benchmark corpus suite collection".split(), EntityType.DATASET),
    **dict.fromkeys("metric measure score".split(), EntityType.METRIC),
    **dict.fromkeys("task problem".split(), EntityType.TASK),
}
_NAME_TAILS = frozenset({"model", "models", "network", "networks", "architecture", "method", "framework", "algorithm"})
#: Head words dropped from a dataset's name ("LiTS dataset" → "LiTS"); "benchmark"
#: stays, being part of many names ("Function Interpretation Benchmark").
_DATASET_HEADS = frozenset({"dataset", "datasets", "corpus", "corpora"})


def _span(doc: Doc, start: int, end: int, kind: EntityType, rule: str, confidence: float) -> Span | None:
    if any(t.like_url or t.like_email or "/" in t.text for t in doc[start:end]):
        return None  # links and paths are not names
    span = Span(doc, start, end, label=kind.value)
    span._.kg_rule = rule
    span._.kg_confidence = confidence
    return span


def head_candidates(doc: Doc) -> Iterator[Span]:
    """Yield noun phrases whose head word gives their type.

    "X dataset/benchmark" yields only the name X (the usual form of a dataset name).
    """
    for chunk in doc.noun_chunks:
        span = trim(chunk)
        if len(span) < 2 or "\n" in span.text:
            continue
        kind = type_of_phrase(span)
        if kind is None:
            continue
        if len(span) == 2 and span[-1].lower_ in _NAME_TAILS and is_coined(span[0].text):
            span = span[:1]  # "STU-Net model" names STU-Net
        if kind is EntityType.DATASET and span[-1].lower_ in _DATASET_HEADS:
            span = span[:-1]
            if not span.text.strip() or is_generic(span.text):
                continue
        found = _span(doc, span.start, span.end, kind, f"head:{span[-1].lower_}", 0.6)
        if found is not None:
            yield found


def _coined_span(doc: Doc, i: int) -> Span:
    """Grow a coined token into its name: "SelecSLS Net", "BossNet-T", "STU-Net"."""
    end = i + 1
    if end < len(doc) and doc[end].text in {"Net", "Nets", "Former", "v2", "v3", "++"}:
        end += 1
    return doc[i:end]


def _described_type(span: Span) -> EntityType | None:
    """Type a name from what the sentence says it is: "X, a network", "an architecture called X"."""
    doc = span.doc
    # "X, a/an/the ... <description word>" (apposition) or "X network"
    window = doc[span.end : min(len(doc), span.end + 7)]
    for token in window:
        if token.text in {".", ";"}:
            break
        kind = DESCRIPTION_TYPES.get(token.lemma_.lower())
        if kind is not None:
            return kind
        if token.lemma_.lower() in {"method", "approach", "algorithm", "framework", "technique", "strategy"}:
            return EntityType.METHOD
    # "... architecture called X"
    before = doc[max(0, span.start - 6) : span.start]
    if any(t.lower_ in NAMING_WORDS for t in before):
        for token in reversed(before):
            kind = DESCRIPTION_TYPES.get(token.lemma_.lower())
            if kind is not None:
                return kind
        return EntityType.METHOD
    return None


def named_candidates(doc: Doc) -> Iterator[Span]:
    """Yield coined names typed by their suffix or their description in the sentence."""
    for token in doc:
        if not is_coined(token.text) or token.is_punct or len(token.text) < 3:
            continue
        span = _coined_span(doc, token.i)
        kind = type_of_name(span.text) or _described_type(span)
        found = _span(doc, span.start, span.end, kind, "coined", 0.7) if kind is not None else None
        if found is not None:
            yield found


def title_name(doc: Doc) -> Span | None:
    """Return the coined name that opens a title "Name: subtitle", if there is one.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("MgNO: Efficient Parameterization of Operators\\n\\nWe ...")
        >>> title_name(doc).text
        'MgNO'
    """
    for token in doc[:8]:
        if "\n" in token.text:
            return None
        if token.text == ":":
            name = doc[: token.i]
            if 1 <= len(name) <= 4 and any(is_coined(t.text) for t in name):
                return name
            return None
    return None


def _object_of(doc: Doc, i: int) -> Span | None:
    """Return the noun phrase a proposal verb at token I introduces."""
    token = doc[i]
    objects = [c for c in token.children if c.dep_ in {"dobj", "attr", "oprd"}]
    if not objects:
        return None
    head = objects[0]
    for chunk in doc.noun_chunks:
        if chunk.root.i == head.i:
            return chunk
    return doc[head.i : head.i + 1]


def proposals(doc: Doc, ents: list[Span]) -> Iterator[tuple[Span, EntityType]]:
    """Yield spans the paper introduces, each with the type its description gives.

    Sources: the title's opening name; the object of "we propose/introduce/…";
    the name after "called/named/dubbed X".
    """
    def ent_at(start: int, end: int) -> Span | None:
        return next((e for e in ents if e.start < end and start < e.end), None)

    name = title_name(doc)
    if name is not None:
        yield name, type_of_name(name.text) or EntityType.METHOD
    for token in doc:
        lemma = token.lemma_.lower()
        if token.lower_ in NAMING_WORDS and token.i + 1 < len(doc):
            nxt = doc[token.i + 1]
            if nxt.text[:1].isupper() or is_coined(nxt.text):
                end = token.i + 2
                while end < len(doc) and end - token.i <= 5 and (doc[end].text[:1].isupper() or doc[end].text in {"-", "Net"}) and not doc[end].is_punct:
                    end += 1
                span = doc[token.i + 1 : end]
                yield span, type_of_name(span.text) or _described_type(span) or EntityType.METHOD
            continue
        after_we = token.i > 0 and doc[token.i - 1].lower_ == "we"
        if token.lower_ not in PROPOSE_VERBS and lemma not in PROPOSE_VERBS:
            continue
        if token.pos_ != "VERB" and not after_we:
            continue  # "present" after "we" is the verb even when the tagger says ADJ
        subject = [c.lower_ for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subject and not set(subject) & {"we", "paper", "work", "study", "i"}:
            continue
        obj = _object_of(doc, token.i)
        if obj is None:
            continue
        obj = trim(obj)
        if len(obj) == 0:
            continue
        found = ent_at(obj.start, obj.end)
        if found is not None and found.end >= obj.end - 1:
            yield found, EntityType(found.label_)
            continue
        head_word = obj[-1].lemma_.lower()
        if is_generic(obj.text) or head_word in DESCRIPTION_TYPES or head_word in {"method", "approach", "framework", "algorithm", "technique", "strategy", "scheme"}:
            continue  # "a novel method": the name, if any, comes with "called X"
        named = any(t.text[:1].isupper() for t in obj) or is_coined(obj.text)
        kind = type_of_phrase(obj)
        if kind is None and named:
            kind = EntityType.METHOD
        if kind is not None:
            yield obj, kind


class Candidates:
    """Add head-typed phrases, coined names and proposals to ``doc.ents``."""

    def __init__(self, name: str, *, min_confidence: float, thresholds: dict[str, float] | None = None) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.thresholds = dict(thresholds or {})

    def keeps(self, span: Span) -> bool:
        """Tell whether a candidate's confidence reaches its type's threshold."""
        return span._.kg_confidence >= self.thresholds.get(span.label_, self.min_confidence)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        # Span extensions are stored by character offsets: a candidate at the same
        # offsets as a lexicon entity writes over its values, so keep them to restore.
        saved = {(e.start_char, e.end_char): (e._.kg_concept, e._.kg_rule, e._.kg_confidence) for e in ents}
        taken = {i for e in ents for i in range(e.start, e.end)}
        added: list[Span] = []
        for span in [*named_candidates(doc), *head_candidates(doc)]:
            if not self.keeps(span):
                continue
            inside = [e for e in ents if e.start >= span.start and e.end <= span.end]
            overlap = any(i in taken for i in range(span.start, span.end))
            if not overlap:
                added.append(span)
            elif (
                len(inside) == 1
                and inside[0].end == span.end
                and inside[0].start > span.start
                and inside[0].label_ == span.label_
                and inside[0].label_ in {"Architecture", "Method", "Task"}
                and not any(e.start < span.start < e.end for e in ents)
            ):
                # "Specific beats generic": "spiking Transformers" over "Transformers"
                ents.remove(inside[0])
                added.append(span)
        merged = filter_spans([*ents, *added])
        for ent in merged:
            if ent in ents and (ent.start_char, ent.end_char) in saved:
                ent._.kg_concept, ent._.kg_rule, ent._.kg_confidence = saved[(ent.start_char, ent.end_char)]
        for span, kind in list(proposals(doc, merged)):
            existing = next((e for e in merged if e.start < span.end and span.start < e.end), None)
            if existing is not None and existing.start <= span.start and existing.end >= span.end:
                existing._.kg_proposed = True
                continue
            if existing is not None:
                merged.remove(existing)
            new = _span(doc, span.start, span.end, kind, "proposal", 0.8)
            if new is None:
                continue
            new._.kg_proposed = True
            merged.append(new)
        # GUIDELINES "not this": generic words are never entities, whoever found them
        doc.ents = [e for e in filter_spans(merged) if not is_generic(e.text)]
        return doc


@Language.factory(
    "kg_candidates",
    requires=["doc.ents", "token.dep", "token.lemma"],
    assigns=["doc.ents", "span._.kg_proposed"],
    default_config={"min_confidence": 0.5, "thresholds": {}},
)
def make_candidates(
    nlp: Language, name: str, min_confidence: float, thresholds: dict[str, float]
) -> Candidates:
    """Build the unknown-entity and proposal detector.

    ``min_confidence`` applies to every candidate; ``thresholds`` overrides it per
    type, e.g. ``{"Task": 0.65}`` keeps only the surer Task candidates (head-word
    candidates score 0.6, coined names 0.7, proposals 0.8; lexicon matches are not
    filtered).
    """
    register_extensions()
    return Candidates(name, min_confidence=min_confidence, thresholds=thresholds)

