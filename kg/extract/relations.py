"""Relations within a paper: ``evaluated_on`` pairs and stated results.

``proposes`` comes from the candidates component (``span._.kg_proposed``); this
component reads the entities of each sentence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.extensions import register_extensions, span_key

__all__ = ["EVALUATION_CUES", "Relations", "find_values", "is_baseline", "refers_to_own"]

#: Words that say a sentence reports training or evaluation on data.
EVALUATION_CUES = frozenset(
    "on experiment experiments evaluate evaluated evaluation evaluations test tested "
    "testing benchmark benchmarks train trained training achieve achieves achieved "
    "result results outperform outperforms demonstrate demonstrates show shows".split()
)
_UNIT = (r"(?:%|x|×|fps|FPS|ms|s|M|B|K|dB|pp|points?|seconds?|secs?|minutes?|mins?|hours?|h|"
         r"days?|GB|MB|TB|GiB|MiB|[kKMGT]?FLOPs|million|billion|thousand|trillion)")
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
#: A number with an optional unit, a range ("14 million to 1.4 billion") and a bound
#: ("more than 60 fps", "over 8x"): a bound is part of what the paper states.
_VALUE = re.compile(
    rf"(?<![\w.])(?<![A-Za-z]-)(?:(?:more|less|fewer|greater|lower|higher) than |over |under |at least |at most )?"
    rf"{_NUMBER}\s?{_UNIT}?(?:\s?(?:to|-|–)\s?{_NUMBER}\s?{_UNIT}?)?(?!\w)(?!\.\d)"
)
_SUBJECTS = {"Architecture", "Method"}
_PROPOSAL_WORDS = frozenset("introduce introduces introducing present presents propose proposes release releases".split())
#: Character offsets of an entity span; plain tuples survive ``nlp.pipe(n_process=…)``.
Offsets = tuple[int, int]


def _at(span: Span) -> Offsets:
    return (span.start_char, span.end_char)


def find_values(sentence: Span) -> list[tuple[int, str]]:
    """Return ``(character offset, value)`` for each number with an optional unit.

    Years and section-like numbers are left out when they have no unit.

    Example:
        >>> import spacy
        >>> s = spacy.blank("en")("It reaches 76.5% top-1 accuracy at 30 fps in 2015.")[:]
        >>> [v for _, v in find_values(s)]
        ['76.5%', '30 fps']
        >>> [v for _, v in find_values(spacy.blank("en")("BLEU reaches 28.4.")[:])]
        ['28.4']
    """
    values = []
    for match in _VALUE.finditer(sentence.text):
        text = match.group(0).strip()
        number = re.search(_NUMBER, text)
        if number is None:
            continue
        core = text[number.start():]  # without its bound ("over", "less than")
        bare = re.fullmatch(rf"{_NUMBER}(?:\s?(?:to|-|–)\s?{_NUMBER})?", core)
        if bare and ("." not in text or len(number.group(0)) > 6):
            continue  # bare integers and their ranges are counts, years or ids, not results
        values.append((sentence.start_char + match.start(), text))
    return values


#: Words that refer to the paper's own contribution: "our method", "the proposed model".
OWN_REFERENCES = frozenset({"our", "proposed"})
_REFERRED = frozenset("method approach model network framework algorithm architecture system technique".split())


def refers_to_own(sentence: Span) -> bool:
    """Tell whether SENTENCE names the paper's contribution generically: "our method", "the proposed model".

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> refers_to_own(nlp("Our method reaches 80% on COCO.")[:]), refers_to_own(nlp("ResNet reaches 76%.")[:])
        (True, False)
    """
    tokens = list(sentence)
    for i, token in enumerate(tokens[:-1]):
        if token.lower_ in OWN_REFERENCES:
            window = tokens[i + 1 : i + 4]
            if any(t.lower_.rstrip("s") in _REFERRED for t in window):
                return True
    return False


#: Words between two clauses of a sentence: a value is not stated across them.
_CLAUSE_BREAKS = frozenset({"and", ";", "while", "whereas", "but", "which", "where"})


def _clauses_between(sentence: Span, span: Span, offset: int) -> int:
    """How many clause breaks lie between SPAN and the value at OFFSET ("and" joining verbs, ";", "while" …)."""
    low, high = sorted((span.start_char, offset))
    return sum(1 for t in sentence if low <= t.idx < high and t.lower_ in _CLAUSE_BREAKS
               and (t.lower_ != "and" or t.head.pos_ in {"VERB", "AUX"})  # not "MMLU and HellaSwag"
               and not span.start_char <= t.idx < span.end_char)


def _distance(sentence: Span, span: Span, offset: int) -> int:
    """Characters between SPAN and the value at OFFSET, plus a penalty for each clause between them.

    "raises the win rate from 12% to 31% and improves exact match by 4.2 points":
    "12% to 31%" is nearer "exact match" in characters but in the clause of "win rate".
    """
    return abs(span.start_char - offset) + 100 * _clauses_between(sentence, span, offset)


#: Words after which a model is the one compared against: "over FedProx", "than CQL".
_AGAINST = frozenset({"over", "than", "against", "versus", "vs", "vs."})
_BEATING = frozenset({"outperform", "surpass", "beat", "exceed", "outperforms", "surpasses"})


def is_baseline(span: Span) -> bool:
    """Tell whether SPAN is what the sentence compares against: "improves accuracy over FedProx and SCAFFOLD".

    Example:
        >>> from kg.extract import load_pipeline
        >>> doc = load_pipeline()("FooNet outperforms ResNet and beats ViT by far, improving over LSTM.")
        >>> [(e.text, is_baseline(e)) for e in doc.ents]
        [('FooNet', False), ('ResNet', True), ('ViT', True), ('LSTM', True)]
    """
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ == "pobj":
        if head.lower_ in _AGAINST:
            return True
        return head.lower_ in {"to", "with"} and head.head.lower_ in {"compared", "comparison", "relative"}
    return token.dep_ == "dobj" and (head.lemma_ in _BEATING or head.lower_ in _BEATING)


def _number_token(doc: Doc, offset: int) -> Token | None:
    """The token of the number that starts at OFFSET ("40" of "40%", also after a bound word)."""
    token = next((t for t in doc if t.idx <= offset < t.idx + len(t)), None)
    while token is not None and not token.like_num and token.i + 1 < len(doc) and token.i < len(doc) - 1 \
            and not token.is_punct and token.idx < offset + 12:
        token = doc[token.i + 1]  # "more than 60 fps": from "more" to "60"
    return token if token is not None and token.like_num else None


def _quantifies_other(doc: Doc, offset: int, value: str, metrics: list[Span]) -> bool:
    """Tell whether the value at OFFSET is the amount of a noun that is no metric: "40% symmetric noise".

    The value's own unit ("9 ms") is part of it, not the noun it counts.
    """
    after = next((t for t in doc if t.idx >= offset + len(value)), None)
    if after is not None and after.lower_ == "of":  # "with 2% of the trainable parameters"
        counted = next((t for t in doc[after.i + 1 : after.i + 4] if t.pos_ == "NOUN"), None)
        return counted is not None and not any(m.start <= counted.i < m.end for m in metrics)
    token = _number_token(doc, offset)
    if token is None:
        return False
    while token.head.i == token.i + 1 and token.head.idx < offset + len(value):
        token = token.head  # "40" → "%", "9" → "ms"
    head = token.head
    if token.dep_ not in {"nummod", "compound", "amod", "quantmod", "nmod"} or head.pos_ != "NOUN" or head.i < token.i:
        return False
    in_metric = any(m.start <= head.i < m.end for m in metrics)
    return not in_metric and head.lower_ not in _METRIC_HEADS


#: Nouns that carry a value of the metric around them: "by 68% points", "76.5% top-1 accuracy".
_METRIC_HEADS = frozenset("point points pp improvement gain increase decrease reduction drop speedup speed-up margin".split())


def _value_for(doc: Doc, offset: int, value: str, ents: list[Span]) -> Span | None:
    """The model a value is stated for, right after it: "compared to 52.9% for SGD"."""
    end = offset + len(value)
    after = next((t for t in doc if t.idx >= end), None)
    if after is None or after.lower_ not in {"for", "by", "of"} or after.i + 1 >= len(doc):
        return None
    named = next((e for e in ents if e.start == after.i + 1 and e.label_ in _SUBJECTS), None)
    if named is None and after.i + 2 < len(doc) and doc[after.i + 1].lower_ == "the":
        named = next((e for e in ents if e.start == after.i + 2 and e.label_ in _SUBJECTS), None)
    return named if after.lower_ == "for" else None


def _it_subject(sentence: Span) -> bool:
    """Tell whether "it" is a subject of SENTENCE: "On COCO, it reaches an FID of 7.2" speaks of the paper's model."""
    return any(t.lower_ == "it" and t.dep_ in {"nsubj", "nsubjpass"} and t.head.lemma_ != "be"
               and not any(c.dep_ in {"ccomp", "csubj"} for c in t.head.children)  # "it is known that …"
               for t in sentence)


def _evaluated_subjects(subjects: list[Span], own: list[Span], proposed: list[Span], datasets: list[Span],
                        own_reference: bool = False) -> list[Span]:
    """Choose what a sentence evaluates: the paper's own entities first.

    The paper's proposed entities named in the sentence (OWN); else, when the sentence
    says "our method" or "the proposed model", the paper's first proposed entity;
    else the architectures and methods named before the first dataset ("ResNet
    reaches 76% on ImageNet"), else those named after it ("Experiments on CIFAR-10
    show that ResNet …"); else, for a sentence with no subject of its own, the
    paper's proposed entities.
    """
    if own:
        return own
    if own_reference and proposed:
        return proposed[:1]
    first = min(d.start for d in datasets)
    before = [s for s in subjects if s.end <= first]
    return before or subjects or proposed


class Relations:
    """Pair Architectures/Methods with Datasets, and numbers with Metrics, per sentence."""

    def __init__(self, name: str, *, max_value_distance: int) -> None:
        self.name = name
        self.max_value_distance = max_value_distance

    def __call__(self, doc: Doc) -> Doc:
        proposed = [e for e in doc.ents if e._.kg_proposed and e.label_ in _SUBJECTS]
        proposed_keys = {span_key(p) for p in proposed}
        evaluated: list[tuple[Offsets, Offsets]] = []
        results: list[tuple[Offsets | None, Offsets, str, Offsets | None]] = []
        for sentence in doc.sents:
            ents = [e for e in doc.ents if sentence.start <= e.start < sentence.end]
            datasets = [e for e in ents if e.label_ == "Dataset"]
            subjects = [e for e in ents if e.label_ in _SUBJECTS and not is_baseline(e)]
            words = {t.lower_ for t in sentence}
            own_reference = refers_to_own(sentence) or _it_subject(sentence)
            own = [s for s in subjects if span_key(s) in proposed_keys]  # the paper's own, named here
            # a sentence that introduces the paper's own dataset evaluates nothing on it yet
            datasets_used = [d for d in datasets if not (d._.kg_proposed and words & _PROPOSAL_WORDS)]
            if datasets_used and words & EVALUATION_CUES:
                for subject in _evaluated_subjects(subjects, own, proposed, datasets_used, own_reference):
                    evaluated.extend((_at(subject), _at(dataset)) for dataset in datasets_used)
            metrics = [e for e in ents if e.label_ == "Metric"]
            if not metrics:
                continue
            # every value of the sentence is stated of one subject, its grammatical subject first
            acting = [s for s in subjects if s.root.dep_ in {"nsubj", "nsubjpass"}]
            subject = (next(iter(own), None) or (proposed[0] if own_reference and proposed else None)
                       or next(iter(acting), None) or next(iter(subjects), None) or next(iter(proposed), None))
            for offset, value in find_values(sentence):
                if _quantifies_other(doc, offset, value, metrics):
                    continue  # "40% symmetric noise", "10% of the labels": a setting, not a result
                metric = min(metrics, key=lambda m: _distance(sentence, m, offset))
                if abs(metric.start_char - offset) > self.max_value_distance:
                    continue
                # the first dataset after the value, else the sentence's first; not across a clause
                usual = next((d for d in datasets if d.start_char > offset), None) or next(iter(datasets), None)
                dataset = min(datasets, default=None, key=lambda d: (
                    _clauses_between(sentence, d, offset), d is not usual, abs(d.start_char - offset)))
                stated_of = _value_for(doc, offset, value, ents) or subject  # "52.9% for SGD"
                results.append((
                    _at(stated_of) if stated_of is not None else None,
                    _at(metric),
                    value,
                    _at(dataset) if dataset is not None else None,
                ))
        doc._.kg_evaluated_on = evaluated
        doc._.kg_results = results
        return doc


@Language.factory(
    "kg_relations",
    requires=["doc.ents", "doc.sents"],
    assigns=["doc._.kg_evaluated_on", "doc._.kg_results"],
    default_config={"max_value_distance": 60},
)
def make_relations(nlp: Language, name: str, max_value_distance: int) -> Relations:
    """Build the relation component."""
    register_extensions()
    return Relations(name, max_value_distance=max_value_distance)
