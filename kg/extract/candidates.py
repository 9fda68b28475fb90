"""Find entities the lexicon does not know, and the paper's own contributions.

Two rules here, each a pure function over a parsed Doc:

- ``head_candidates``: noun phrases typed by their head word ("graph neural
  networks" → Architecture, "LiTS dataset" → Dataset);
- ``named_candidates``: coined names ("MgNO", "SelecSLS Net") typed by suffix or by
  what the sentence says they are ("X, a network …", "a method called X").

The ``kg_candidates`` component then, in this order:

1. adds their spans and the examples of lists (``lists.hyponyms``) to ``doc.ents``,
   without overriding the lexicon;
2. adds what the paper introduces (``proposals``: "we propose X", a title "X: …")
   and marks it with ``span._.kg_proposed``;
3. reads the merged entities by the words around them (``phrases``) and adds the
   conjuncts that share a head (``lists.elliptical``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.extensions import register_extensions
from kg.extract.lists import elliptical, hyponyms
from kg.extract.names import (
    NAME_TAILS,
    coined_span,
    data_context,
    described_type,
    noun_chunks,
    renamed,
    stated_type,
    typed_span,
)
from kg.extract.phrases import as_measure, is_numeric_precision, of_phrase_tasks
from kg.extract.proposals import proposals
from kg.extract.statements import (
    conjunct_names,
    copular_types,
    cost_metrics,
    focus_tasks,
    paradigm_methods,
    step_methods,
)
from kg.extract.typing import WEAK_MODIFIERS, is_coined, is_generic, trim, type_of_name, type_of_phrase
from kg.model import EntityType

__all__ = ["Candidates", "head_candidates", "later_mentions", "make_candidates", "named_candidates"]

#: Heads that describe what comes before them: "a data augmentation strategy" is data augmentation.
_DESCRIPTIVE_HEADS = frozenset("method approach technique framework strategy scheme procedure paradigm algorithm".split())
#: Head words dropped from a dataset's name ("LiTS dataset" → "LiTS"); "benchmark"
#: stays, being part of many names ("Function Interpretation Benchmark").
_DATASET_HEADS = frozenset({"dataset", "datasets", "corpus", "corpora"})
#: Evaluative words before a metric: "limited accuracy" is accuracy.
_EVALUATIVE = frozenset("limited poor reduced degraded improved increased decreased lower higher".split())


def _is_a_flaw(head: Token) -> bool:
    """Tell whether a "problem" is something a model has or suffers from, not a task it solves."""
    if head.dep_ == "dobj" and head.head.lemma_ == "have":
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "from" and head.head.head.lemma_ == "suffer"


def head_candidates(doc: Doc) -> Iterator[Span]:
    """Yield noun phrases whose head word gives their type.

    "X dataset/benchmark" yields only the name X (the usual form of a dataset name).
    """
    for chunk in noun_chunks(doc):
        span = trim(chunk)
        if len(span) < 2 or "\n" in span.text:
            continue
        conjunction = next((t for t in span if t.lower_ in {"and", "or"}), None)
        if conjunction is not None:
            # "code and math tasks", also in Title Case ("Vowel and Image Classification"):
            # only the last conjunct; the shared head is ``lists.elliptical``'s
            span = trim(doc[conjunction.i + 1 : span.end])
            if len(span) < 2:
                continue
        paren = next((t.i for t in reversed(span) if t.text in {"(", ")"}), None)
        if paren is not None:
            # "song tagging (ST) task", "top-1 (validation) accuracy": only what follows the
            # parenthesis; a pair "long form (SHORT)" is the abbreviation rule's
            span = trim(doc[paren + 1 : span.end])
            if len(span) < 2:
                continue
        based = next((t.i for t in span[1:-1] if t.lower_ == "based" and doc[t.i - 1].text == "-"), None)
        if based is not None and span[-1].lemma_.lower() in _DESCRIPTIVE_HEADS:
            # "Gaussian splatting-based methods" use Gaussian splatting: X is the entity
            basis = trim(doc[span.start : based - 1])
            kind = type_of_phrase(basis) if len(basis) else None
            if kind is None and (len(basis) >= 2 or any(t.text[:1].isupper() and not t.is_sent_start for t in basis)) \
                    and not is_generic(basis.text):
                kind = EntityType.METHOD
            found = typed_span(doc, basis.start, basis.end, kind, "based-on", 0.6) if kind is not None else None
            if found is not None:
                yield found
            continue  # "graph-based approaches": a kind of approach, not a name
        kind = type_of_phrase(span)
        if kind is None:
            continue
        if kind is EntityType.METRIC:
            # a metric is named by nouns: "localization accuracy", not "limited accuracy"
            start = span.start
            while start < span.end - 1 and (not doc[start].is_alpha or doc[start].whitespace_ and (
                    doc[start].tag_ in {"VBN", "VBD", "VBG"} or doc[start].is_stop or doc[start].lower_ in _EVALUATIVE)):
                start += 1  # "degraded model accuracy", "up to 82.5% accuracy"
            span = doc[start : span.end]
            if len(span) < 2:
                continue
        if kind is EntityType.TASK and span[-1].lemma_.lower() in {"task", "problem"}:
            if _is_a_flaw(span[-1]):
                continue  # "this model has the data sparsity problem": a flaw, not a task
            inner = trim(span[:-1])
            if is_generic(inner.text) or (
                    len(inner) == 1 and inner[0].text.islower() and type_of_phrase(inner) is not EntityType.TASK):
                continue  # "math tasks", "computer vision problems": a domain, not a named task
        if len(span) == 2 and span[-1].lower_ in NAME_TAILS and is_coined(span[0].text):
            span = span[:1]  # "STU-Net model" names STU-Net
        elif len(span) >= 3 and span[-1].lemma_.lower() in _DESCRIPTIVE_HEADS:
            inner = trim(span[:-1])
            inner_kind = type_of_phrase(inner) if len(inner) >= 2 else None
            if inner_kind is not None:
                span, kind = inner, inner_kind  # "hardware-aware training methods" names the training
        if span[-1].lemma_.lower() in _DESCRIPTIVE_HEADS and span[-1].tag_ == "NNS" \
                and not any(t.text[:1].isupper() and not t.is_sent_start or is_coined(t.text) for t in span):
            continue  # "interpretability methods", "acceleration techniques": a class, not a name
        if kind is EntityType.DATASET and span[-1].lower_ in _DATASET_HEADS:
            span = span[:-1]
            if not span.text.strip() or is_generic(span.text):
                continue
        found = typed_span(doc, span.start, span.end, kind, f"head:{span[-1].lower_}", 0.6)
        if found is not None:
            yield found


def named_candidates(doc: Doc) -> Iterator[Span]:
    """Yield coined names typed by their suffix or their description in the sentence.

    What one sentence states a name is ("a system called DiskGNN") types the name
    in every sentence of the paper, before its suffix does.
    """
    spans = [
        coined_span(doc, token.i) for token in doc
        if is_coined(token.text) and not token.is_punct and len(token.text) >= 3
        and not (token.i > 0 and doc[token.i - 1].text == "-" and token.i > 1 and is_coined(doc[token.i - 2].text))
    ]
    stated: dict[str, EntityType] = {}
    for span in spans:
        kind = stated_type(span)
        if kind is not None:
            stated.setdefault(span.text, kind)
    for span in spans:
        kind = stated.get(span.text) or type_of_name(span.text) or described_type(span) \
            or (EntityType.DATASET if data_context(span) else None)
        found = typed_span(doc, span.start, span.end, kind, "coined", 0.7) if kind is not None else None
        if found is not None:
            yield found


def later_mentions(doc: Doc, names: list[Span], ents: list[Span]) -> list[Span]:
    """Other mentions of the paper's coined names: "MolCL" again, three sentences after "we propose MolCL".

    Only names with a capital or a coined shape are looked for (a plain phrase may be
    used in another sense), word for word, where no entity sits yet.

    Example:
        >>> from kg.extract import load_pipeline
        >>> doc = load_pipeline()("We propose FooCL, a method. On BBBP, FooCL improves accuracy.")
        >>> [(e.text, e.label_, e._.kg_proposed) for e in doc.ents if e.text == "FooCL"]
        [('FooCL', 'Method', True), ('FooCL', 'Method', True)]
    """
    taken = {i for e in ents for i in range(e.start, e.end)}
    by_offsets = {(e.start, e.end): e for e in ents}
    found: list[Span] = []
    for name in names:
        if not (is_coined(name.text) or any(t.text[:1].isupper() and not t.is_sent_start for t in name)):
            continue
        words = [t.text for t in name]
        for start in range(len(doc) - len(words) + 1):
            end = start + len(words)
            if doc[start].text != words[0] or [t.text for t in doc[start:end]] != words:
                continue
            same = by_offsets.get((start, end))
            if same is not None and same.label_ == name.label_:
                same._.kg_proposed = True  # found by another rule: the same name, the same thing
                continue
            if any(i in taken for i in range(start, end)):
                continue
            span = typed_span(doc, start, end, EntityType(name.label_), "proposal", 0.8)
            if span is not None:
                span._.kg_proposed = True
                found.append(span)
                taken.update(range(start, end))
    return found


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
        # earlier rules win over later ones for the same words: what the text states
        # ("tasks such as X") before what a head word suggests
        first: dict[tuple[int, int], tuple[str | None, float]] = {}
        found = chain(named_candidates(doc), hyponyms(doc, ents), paradigm_methods(doc, ents),
                      copular_types(doc), focus_tasks(doc), step_methods(doc), cost_metrics(doc), head_candidates(doc))
        for span in found:
            if not self.keeps(span) or (span.start_char, span.end_char) in first:
                continue  # ``first`` holds the offsets of the spans added so far
            # read now: a later candidate at the same offsets overwrites the stored values
            values = (span._.kg_rule, span._.kg_confidence)
            same = next((e for e in ents if e.start == span.start and e.end == span.end), None)
            if same is not None and span._.kg_rule == "hyponym" and same.label_ != span.label_:
                concept = saved[(same.start_char, same.end_char)][0]
                ents[ents.index(same)] = Span(doc, same.start, same.end, label=span.label_)
                saved[(same.start_char, same.end_char)] = (concept, "hyponym", 1.0)
                continue
            inside = [e for e in ents if e.start >= span.start and e.end <= span.end]
            overlap = any(i in taken for i in range(span.start, span.end))
            if not overlap:
                added.append(span)
                first[(span.start_char, span.end_char)] = values
            elif (
                len(inside) == 1
                and inside[0].end == span.end
                and inside[0].start > span.start
                and inside[0].label_ == span.label_
                and inside[0].label_ in {"Architecture", "Method", "Task", "Metric"}
                and not any(e.start < span.start < e.end for e in ents)
                and (span.label_ in {"Metric", "Task"}  # "deep MLPs" adds nothing to MLPs
                     or any(t.lower_ not in WEAK_MODIFIERS for t in doc[span.start : inside[0].start] if t.is_alpha))
            ):
                # "Specific beats generic": "spiking Transformers" over "Transformers"
                ents.remove(inside[0])
                added.append(span)
                first[(span.start_char, span.end_char)] = values
        for span in added:  # a later candidate at the same offsets wrote its own rule
            span._.kg_rule, span._.kg_confidence = first[(span.start_char, span.end_char)]
        merged = filter_spans([*ents, *added])
        for ent in merged:
            if ent in ents and (ent.start_char, ent.end_char) in saved:
                ent._.kg_concept, ent._.kg_rule, ent._.kg_confidence = saved[(ent.start_char, ent.end_char)]
        merged += [span for span in conjunct_names(doc, merged) if self.keeps(span)]
        flagged: list[Span] = []
        for span, kind in list(proposals(doc, merged)):
            overlapping = [e for e in merged if e.start < span.end and span.start < e.end]
            covering = next((e for e in overlapping if e.start <= span.start and e.end >= span.end), None)
            if covering is not None:
                covering._.kg_proposed = True
                flagged.append(covering)
                continue
            new = typed_span(doc, span.start, span.end, kind, "proposal", 0.8)
            if new is None:
                continue
            # the statement wins over every entity it overlaps, so none of them is lost to the other
            merged = [e for e in merged if e not in overlapping]
            new._.kg_proposed = True
            flagged.append(new)
            merged.append(new)
        # GUIDELINES "not this": generic words are never entities, whoever found them
        kept = [as_measure(e) for e in filter_spans(merged) if not is_generic(e.text) and not is_numeric_precision(e)]
        for span, name in of_phrase_tasks(doc):
            inside = [e for e in kept if span.start <= e.start and e.end <= span.end]
            if all(e.label_ == "Task" for e in inside) and not any(
                    e.start < span.start < e.end or e.start < span.end < e.end for e in kept):
                kept = [e for e in kept if e not in inside] + [renamed(span, name, "of-phrase")]
        ents = filter_spans([*kept, *elliptical(doc, kept)])
        ents += later_mentions(doc, [e for e in ents if e._.kg_proposed or e in flagged], ents)
        doc.ents = filter_spans(ents)
        final = {(e.start_char, e.end_char) for e in doc.ents}
        for span in flagged:  # a dropped proposal leaves no flag behind for a later span there
            if (span.start_char, span.end_char) not in final:
                span._.kg_proposed = False
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

