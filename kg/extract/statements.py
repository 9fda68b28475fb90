"""Find entities from what a sentence states about a phrase.

Pure functions over a parsed Doc, each yielding typed candidate spans:

- ``copular_types``: a copula that says what a phrase is ("glacier mapping is a
  central task", "the main technique is adaptive sampling");
- ``focus_tasks``: what a paper says it is about ("this paper focuses on scene
  representation and motion representation");
- ``step_methods``: a named step of a procedure ("the surface extraction step");
- ``conjunct_names``: a proper name listed beside a coined name of known type
  ("compared with Quokka and BarGNN");
- ``cost_metrics``: a cost the sentence changes or compares ("without increasing
  computational cost", "with comparable compute time");
- ``paradigm_methods``: a method with the learning paradigm that qualifies it, where
  the parser splits them, as it often does in titles ("Large-Scale Self-Supervised
  Pre-training").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.names import DESCRIPTION_TYPES, noun_chunks, typed_span
from kg.extract.typing import TRIM_WORDS, is_coined, is_generic, trim, type_of_phrase
from kg.model import EntityType

__all__ = ["conjunct_names", "copular_types", "cost_metrics", "focus_tasks", "paradigm_methods", "step_methods"]

#: The types a copula can state: "X is a task", "X is a technique".
_STATED = frozenset({EntityType.TASK, EntityType.METHOD})
#: Subjects that are not names even with a modifier: "our main goal is a task …".
_NOT_NAMES = frozenset(
    "goal aim objective purpose idea key contribution result outcome output input challenge "
    "difficulty question issue focus motivation intuition insight reason observation "
    "limitation advantage drawback benefit example case step part one".split())
#: Who a paper's statement of focus is about.
_PAPER_WORDS = frozenset("paper thesis work study article survey dissertation chapter review we".split())
#: Heads of a named step: "the surface extraction step".
_STEP_HEADS = frozenset({"step", "stage", "phase"})
#: Learning paradigms that make a method specific: "supervised pre-training".
_PARADIGMS = frozenset(
    "supervised unsupervised self-supervised semi-supervised weakly-supervised contrastive "
    "adversarial federated distributed multi-task multitask".split())
#: Heads of a cost: "compute time", "computational cost", "memory".
_COST_HEADS = frozenset("time cost memory computation overhead footprint consumption usage".split())
#: Costs that name a measure with no modifier ("reduces memory").
_BARE_COSTS = frozenset({"memory", "computation"})
#: Words that say which cost, though trimmed elsewhere: "digital computations".
_KINDS_OF_COST = frozenset({"digital", "analog", "physical"})
#: Verbs that change a quantity: "without increasing computational cost".
_CHANGE_VERBS = frozenset(
    "increase reduce decrease lower cut accelerate improve save minimize minimise raise halve trade".split())
#: Words that compare a quantity: "with comparable compute time".
_COMPARING = frozenset("comparable similar same lower higher less more reduced increased minimal negligible".split())
#: Endings of nouns that name a process: "representation", "modelling", "alignment".
_PROCESS_ENDINGS = ("tion", "sion", "ing", "ment", "ysis", "ance")


def _name_span(token: Token) -> Span | None:
    """The trimmed noun chunk whose root is TOKEN, or None when it names nothing."""
    chunk = next((c for c in noun_chunks(token.doc) if c.root.i == token.i), None)
    if chunk is None:
        return None
    span = trim(chunk)
    if not 1 <= len(span) <= 5 or is_generic(span.text) or span.root.pos_ not in {"NOUN", "PROPN"}:
        return None
    if any(t.pos_ in {"PRON", "DET", "NUM"} or t.text in {"(", ")"} for t in span):
        return None
    return span


def _with_stranded_modifiers(span: Span) -> Span:
    """Grow SPAN left over nouns the parser split off at a sentence start.

    After a title, the parser may make the first noun of "Glacier mapping is a
    central task" its own root, and even end a sentence there; only a noun or an
    adjective right before SPAN is taken, never punctuation or a line break.
    """
    doc, start = span.doc, span.start
    while start > 0 and doc[start - 1].tag_ in {"NN", "NNP", "NNS", "JJ"} \
            and doc[start - 1].lower_ not in TRIM_WORDS and start > span.start - 2:
        start -= 1
    return doc[start : span.end]


def _is_process(span: Span) -> bool:
    """Tell whether SPAN's head is a process noun with a specific modifier ("scene representation")."""
    head = span[-1]
    modifiers = [t for t in span[:-1] if t.is_alpha and t.lower_ not in TRIM_WORDS]
    return (bool(modifiers) and all(t.tag_ in {"NN", "NNP", "JJ"} for t in modifiers)
            and head.tag_ in {"NN", "NNP"} and head.lower_.endswith(_PROCESS_ENDINGS))


def _is_name_like(span: Span) -> bool:
    """Tell whether SPAN could name a thing: a typed head, a process noun, or a capital inside the sentence."""
    return (type_of_phrase(span) is not None or _is_process(span)
            or any(is_coined(t.text) or (t.text[:1].isupper() and not t.is_sent_start) for t in span))


def copular_types(doc: Doc) -> Iterator[Span]:
    """Yield the phrase a copula types: "X is a (fundamental) task", "the key technique is X".

    The description word is read from ``DESCRIPTION_TYPES``; only tasks and methods
    are stated this way often enough to trust.

    Example:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline()
        >>> doc = nlp("Glacier mapping is a central task in remote sensing.")
        >>> [(s.text, s.label_) for s in copular_types(doc)]
        [('Glacier mapping', 'Task')]
    """
    for token in doc:
        if token.lemma_ != "be" or token.pos_ not in {"AUX", "VERB"}:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        attribute = next((c for c in token.children if c.dep_ == "attr"), None)
        if subject is None or attribute is None:
            continue
        if attribute.lower_ == "one":  # "X is one of the central problems of …"
            of = next((c for c in attribute.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            attribute = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if attribute is None:
                continue
        for described, name in ((attribute, subject), (subject, attribute)):
            kind = DESCRIPTION_TYPES.get(described.lemma_.lower())
            if kind not in _STATED or name.lemma_.lower() in _NOT_NAMES or name.lemma_.lower() in DESCRIPTION_TYPES:
                continue
            span = _name_span(name)
            if span is not None and name is subject:
                span = _with_stranded_modifiers(span)
            if span is None or not _is_name_like(span):
                continue
            found = typed_span(doc, span.start, span.end, type_of_phrase(span) or kind, "copula", 0.6)
            if found is not None:
                yield found


def focus_tasks(doc: Doc) -> Iterator[Span]:
    """Yield what a paper says it focuses on, when it is a process: "this paper focuses on scene representation".

    The object of "focus on" and its conjuncts are typed by their head word, else
    Task when the head names a process ("representation", "modelling").

    Example:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline()
        >>> doc = nlp("This paper focuses on scene representation and motion representation.")
        >>> [(s.text, s.label_) for s in focus_tasks(doc)]
        [('scene representation', 'Task'), ('motion representation', 'Task')]
    """
    for token in doc:
        if token.lemma_ != "focus" or token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lower_ not in _PAPER_WORDS:
            continue
        on = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        first = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        if first is None:
            continue
        for head in (first, *first.conjuncts):
            span = _name_span(head)
            if span is None or any(t.tag_ == "NNS" for t in span[:-1]):
                continue  # "signals processing in parallel": a plural noun, then a verb
            kind = type_of_phrase(span) or (EntityType.TASK if _is_process(span) else None)
            found = typed_span(doc, span.start, span.end, kind, "focus", 0.6) if kind is not None else None
            if found is not None:
                yield found


def step_methods(doc: Doc) -> Iterator[Span]:
    """Yield the procedure a named step is: "the surface extraction step" → surface extraction (Method).

    Example:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline()
        >>> doc = nlp("Errors come from the surface extraction step.")
        >>> [(s.text, s.label_) for s in step_methods(doc)]
        [('surface extraction', 'Method')]
    """
    for chunk in noun_chunks(doc):
        if chunk.root.lower_ not in _STEP_HEADS or chunk.root.i != chunk.end - 1:
            continue
        span = trim(doc[chunk.start : chunk.end - 1])
        if len(span) < 2 or not all(t.tag_ in {"NN", "NNP"} or t.dep_ == "compound" or t.text == "-" for t in span):
            continue
        if not span[-1].lower_.endswith(_PROCESS_ENDINGS) or is_generic(span.text):
            continue
        kind = type_of_phrase(span)
        if kind not in {None, EntityType.METHOD, EntityType.TASK}:
            continue
        found = typed_span(doc, span.start, span.end, EntityType.METHOD, "step", 0.6)
        if found is not None:
            yield found


def _is_title(sentence: Span) -> bool:
    """Tell whether SENTENCE is in Title Case: most of its words capitalised."""
    words = [t for t in sentence if t.is_alpha]
    return sum(1 for t in words if t.text[:1].isupper()) * 2 > len(words)


def conjunct_names(doc: Doc, ents: list[Span]) -> Iterator[Span]:
    """Yield a one-word proper name coordinated with a coined name: "Quokka and BarGNN", "FOOGAT and BarGNN".

    The name takes the coined name's type. It must be capitalised inside the
    sentence (or coined itself) and not a word the parser takes for anything but a
    proper noun.

    Example:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline()
        >>> doc = nlp("We compare it with Quokka and BarGNN, which are systems for training.")
        >>> [(e.text, e.label_) for e in doc.ents]
        [('Quokka', 'Method'), ('BarGNN', 'Method')]
    """
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    for ent in ents:
        if not is_coined(ent.root.text) or ent.label_ not in {"Architecture", "Method", "Dataset"} or _is_title(ent.sent):
            continue
        for other in ent.root.conjuncts:
            if other.i in by_token or other.is_sent_start or len(other.text) < 3 \
                    or not (other.tag_ == "NNP" or (is_coined(other.text) and other.pos_ in {"NOUN", "PROPN"})):
                continue
            if any(doc[i].text == "-" and not doc[i].whitespace_ for i in (other.i - 1, other.i + 1) if 0 <= i < len(doc)):
                continue  # a piece of a hyphenated name ("Motion-Sense")
            if not ((other.text[:1].isupper() and other.text[1:].islower() and other.is_alpha) or is_coined(other.text)):
                continue
            if any(doc[i].pos_ == "PROPN" for i in (other.i - 1, other.i + 1) if 0 <= i < len(doc) and i not in by_token):
                continue  # a longer proper name ("New York"): not one word
            found = typed_span(doc, other.i, other.i + 1, EntityType(ent.label_), "conjunct", 0.6)
            if found is not None:
                yield found


def paradigm_methods(doc: Doc, ents: list[Span]) -> Iterator[Span]:
    """Yield a method entity grown over the paradigm before it: "Self-Supervised Pre-training".

    In running text the noun chunk already holds both words; in a Title Case title
    the parser often splits them, so the words are read directly.

    Example:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline()
        >>> doc = nlp("Robust Detectors Through Large-Scale Self-Supervised Pre-training")
        >>> [(e.text, e.label_) for e in doc.ents if e.label_ == "Method"]
        [('Self-Supervised Pre-training', 'Method')]
    """
    for ent in ents:
        if ent.label_ != "Method" or ent.start == 0:
            continue
        start = ent.start - 1
        if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
            start -= 2  # "Self-Supervised" is three tokens
        words = doc[start : ent.start].text.lower()
        if words in _PARADIGMS or words.replace(" ", "-") in _PARADIGMS:
            if start >= 1 and doc[start - 1].lower_.endswith("ly") and doc[start - 1].pos_ == "ADV":
                start -= 1  # an adverb qualifies the paradigm: "Layer-wisely Self-supervised"
                if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
                    start -= 2
            found = typed_span(doc, start, ent.end, EntityType.METHOD, "paradigm", 0.6)
            if found is not None:
                yield found


def _changed_by_verb(token: Token) -> bool:
    """Tell whether TOKEN is the object of a verb that changes a quantity, directly or through "the amount of"."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in {"amount", "number"}:
        token = token.head.head
        while token.dep_ == "conj":
            token = token.head
    return token.dep_ == "dobj" and token.head.lemma_ in _CHANGE_VERBS


def cost_metrics(doc: Doc) -> Iterator[Span]:
    """Yield a cost that the sentence changes or compares: a measure of efficiency (GUIDELINES, Metric).

    "compute time", "computational cost" and "memory" become Metrics when a verb
    changes them ("without increasing computational cost", "reduces memory") or a
    word compares them ("with comparable compute time"); the comparing word is
    not part of the name.

    Example:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline()
        >>> doc = nlp("The lattice runs faster with comparable compute time and reduces memory.")
        >>> [(s.text, s.label_) for s in cost_metrics(doc)]
        [('compute time', 'Metric'), ('memory', 'Metric')]
    """
    for chunk in noun_chunks(doc):
        head = chunk.root
        if head.lemma_.lower() not in _COST_HEADS or head.i != chunk.end - 1:
            continue
        compared = any(t.lower_ in _COMPARING for t in chunk[:-1])
        if not (compared or _changed_by_verb(head)):
            continue
        start = chunk.start
        while start < head.i and (doc[start].lower_ in _COMPARING or not doc[start].is_alpha
                                  or (doc[start].lower_ in TRIM_WORDS and doc[start].lower_ not in _KINDS_OF_COST)
                                  or doc[start].pos_ in {"DET", "PRON", "NUM", "ADV"}):
            start += 1
        span = doc[start : head.i + 1]
        if len(span) == 1 and head.lemma_.lower() not in _BARE_COSTS:
            continue  # "comparable time": which time is not said
        if any(t.pos_ not in {"NOUN", "PROPN", "ADJ"} for t in span):
            continue
        found = typed_span(doc, span.start, span.end, EntityType.METRIC, "cost", 0.6)
        if found is not None:
            yield found
