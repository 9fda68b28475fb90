"""Coined names, and what the sentence says a name is.

Shared by the candidate rules of ``candidates``, ``lists`` and ``proposals``:

- ``coined_span``: a coined token grown into its name ("SelecSLS Net", "BossNet-T");
- ``stated_type``: the type a sentence states in so many words ("X, a benchmark
  suite", "a system called X"), read from ``DESCRIPTION_TYPES``;
- ``described_type``: the type from looser cues ("X network", "an architecture
  called X");
- ``typed_span``: the candidate span every rule yields, with its rule and confidence;
  ``renamed``: one whose entity name is not its words ("vowel" in "vowel and image
  classification");
- ``noun_chunks``: the Doc's noun chunks, walked once.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.typing import is_coined
from kg.keys import match_key
from kg.model import EntityType

__all__ = [
    "DESCRIPTION_TYPES",
    "NAME_TAILS",
    "NAMING_WORDS",
    "coined_span",
    "data_context",
    "described_type",
    "noun_chunks",
    "renamed",
    "stated_type",
    "typed_span",
]

NAMING_WORDS = frozenset("called named dubbed termed coined".split())
#: Description word → the type of the thing described ("a new architecture called X").
DESCRIPTION_TYPES: dict[str, EntityType] = {
    **dict.fromkeys("architecture network model net module layer block backbone".split(), EntityType.ARCHITECTURE),
    **dict.fromkeys("dataset benchmark corpus suite collection".split(), EntityType.DATASET),
    **dict.fromkeys("metric measure score".split(), EntityType.METRIC),
    **dict.fromkeys("task problem".split(), EntityType.TASK),
    **dict.fromkeys(
        "method approach algorithm framework technique strategy system tool toolkit library "
        "pipeline paradigm procedure scheme recipe".split(), EntityType.METHOD),
}
#: Words that end the description in an apposition ("X, a benchmark suite for …").
_DESCRIPTION_ENDS = frozenset({",", ".", ";", ":", "(", ")", "that", "which", "where", "whose", "to"})
#: Words after a name that are not part of it: "STU-Net model" names STU-Net, "our X model" proposes X.
NAME_TAILS = frozenset({"model", "models", "network", "networks", "architecture", "method", "framework", "algorithm"})


_CHUNKS = "kg_noun_chunks"


def noun_chunks(doc: Doc) -> tuple[Span, ...]:
    """``doc.noun_chunks``, walked once per Doc: the rules look them up many times.

    The chunks' token offsets are kept in ``doc.user_data`` (plain numbers, so the Doc
    still serializes); a Doc without a parse has none.

    Example:
        >>> import spacy
        >>> noun_chunks(spacy.blank("en")("no parser here"))
        ()
    """
    offsets = doc.user_data.get(_CHUNKS)
    if offsets is None:
        offsets = tuple((c.start, c.end) for c in doc.noun_chunks) if doc.has_annotation("DEP") else ()
        doc.user_data[_CHUNKS] = offsets
    return tuple(Span(doc, start, end, label="NP") for start, end in offsets)


def _description_of(token: Token) -> EntityType | None:
    """The type a description word gives, by its lemma or its text ("systems", "suite")."""
    return DESCRIPTION_TYPES.get(token.lemma_.lower()) or DESCRIPTION_TYPES.get(token.lower_)


def renamed(span: Span, name: str, rule: str) -> Span:
    """Give SPAN an entity name other than its words ("vowel" → "vowel classification").

    The name goes to ``span._.kg_text`` and its merge key to ``span._.kg_key``; the
    mention keeps the span's offsets.
    """
    span._.kg_text = name
    span._.kg_key = match_key(name)
    span._.kg_rule = rule
    span._.kg_confidence = 0.6
    return span


def _is_short_slash(token: Token) -> bool:
    """A slash inside a short compound such as "I/O": short words on both sides, no spaces."""
    doc = token.doc
    if token.text != "/" or token.i == 0 or token.i + 1 >= len(doc):
        return False
    left, right = doc[token.i - 1], doc[token.i + 1]
    return not left.whitespace_ and not token.whitespace_ and len(left) <= 3 and len(right) <= 3 and left.is_alpha and right.is_alpha


def typed_span(doc: Doc, start: int, end: int, kind: EntityType, rule: str, confidence: float) -> Span | None:
    """Make a candidate span of type KIND found by RULE, or None for a link or a path."""
    if any(t.like_url or t.like_email or ("/" in t.text and not _is_short_slash(t)) for t in doc[start:end]):
        return None  # links and paths are not names; "I/O" is
    span = Span(doc, start, end, label=kind.value)
    span._.kg_rule = rule
    span._.kg_confidence = confidence
    return span


#: Words that end a coined name after a hyphen: "NATS-Bench", "ViT-Large", "BossNet-Tiny".
_NAME_SUFFIXES = frozenset("Bench Benchmark Net Former Corpus Base Large Small Tiny Huge Mini Nano Lite".split())


def coined_span(doc: Doc, i: int) -> Span:
    """Grow a coined token into its name: "SelecSLS Net", "BossNet-T", "STU-Net"."""
    end = i + 1
    if end < len(doc) and doc[end].text in {"Net", "Nets", "Former", "v2", "v3", "++"}:
        end += 1
    # a variant suffix: "BossNet-T", "ResNet-50", "GPT-4o", "ViT-B"
    if (end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and not doc[end - 1].whitespace_
            and ((len(doc[end + 1].text) <= 3 and doc[end + 1].text[:1].isalnum()
                  and (doc[end + 1].text[:1].isupper() or doc[end + 1].text[:1].isdigit()))
                 or doc[end + 1].text in _NAME_SUFFIXES)):
        end += 2
    return doc[i:end]


def stated_type(span: Span) -> EntityType | None:
    """Type a name from what the sentence states it is, in so many words.

    An apposition "X, a/an/the/our … <word>" (after a parenthesised form, if any),
    or "a <word> called/named X"; the word's type is read from ``DESCRIPTION_TYPES``,
    and the last such word of the description wins (its head: "a pruning method").

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("We build a system called DiskGNN, which is fast.")
        >>> stated_type(doc[5:6]).value
        'Method'
        >>> doc = spacy.blank("en")("FIND (Function Description), a benchmark suite for tests.")
        >>> stated_type(doc[0:1]).value
        'Dataset'
    """
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text == "(":
        i = next((t.i + 1 for t in doc[i + 1 : i + 12] if t.text == ")"), i)
    elif i < len(doc) and doc[i].text == ")":
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ in {"and", "or"} and is_coined(doc[i + 1].text):
        i = coined_span(doc, i + 1).end  # "X and Y, which are …": X is what Y is
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "which" and doc[i + 2].lemma_ == "be":
        i += 2  # "X, which is a …", "X and Y, which are state-of-the-art systems"
    elif not (i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"a", "an", "the", "our"}):
        i = len(doc)  # no apposition
    found = None
    for token in doc[i + 1 : i + 11]:
        hyphenated = token.nbor(-1).text == "-" or (token.i + 1 < len(doc) and token.nbor(1).text == "-")
        if token.lower_ in _DESCRIPTION_ENDS or token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADP" and not hyphenated):
            break
        found = _description_of(token) or found
    if found is not None:
        return found
    if span.start > 1 and doc[span.start - 1].text == "," and span.end < len(doc) and doc[span.end].text in {",", ")"}:
        # "our searched model, BossNet-T, reaches …": the name is an apposition to a description
        chunk = next((c for c in noun_chunks(doc) if c.end == span.start - 1), None)
        if chunk is not None:
            kind = _description_of(chunk.root)
            if kind is not None:
                return kind
    before = doc[max(0, span.start - 6) : span.start]
    naming = [t for t in before if t.lower_ in NAMING_WORDS or (t.lower_ == "as" and t.i > 0 and doc[t.i - 1].lower_ in {"to", "known"})]
    if naming:
        for token in reversed(doc[max(0, naming[-1].i - 5) : naming[-1].i]):
            kind = _description_of(token)
            if kind is not None:
                return kind
    return None


def described_type(span: Span) -> EntityType | None:
    """Type a name from what the sentence says it is: "X, a network", "an architecture called X"."""
    doc = span.doc
    # "X network", "X model": the word after the name (appositions are stated_type's)
    window = doc[span.end : min(len(doc), span.end + 2)]
    for token in window:
        if token.text in {".", ";"}:
            break
        kind = DESCRIPTION_TYPES.get(token.lemma_.lower())
        if kind is not None:
            return kind
    # "... architecture called X"
    before = doc[max(0, span.start - 6) : span.start]
    if any(t.lower_ in NAMING_WORDS for t in before):
        for token in reversed(before):
            kind = DESCRIPTION_TYPES.get(token.lemma_.lower())
            if kind is not None:
                return kind
        return EntityType.METHOD
    return None


#: Verbs and nouns whose "on X" names data: "trained on X", "experiments on X".
_DATA_VERBS = frozenset(
    "train pretrain pre-train fine-tune finetune evaluate test validate benchmark experiment "
    "experiments result results evaluation evaluations accuracy performance score".split())


def data_context(span: Span) -> bool:
    """Tell whether SPAN is what a model is trained or evaluated on: "trained on LAION-5B", "results on X and Y".

    Example:
        >>> from kg.extract import load_pipeline
        >>> doc = load_pipeline()("The model is trained on FooSet-9 and evaluated on BarBench.")
        >>> data_context(doc[5:6]), data_context(doc[9:10]), data_context(doc[1:2])
        (True, True, False)
    """
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    on = token.head if token.dep_ == "pobj" else None
    if on is None or on.lower_ != "on":
        return False
    head = on.head
    return head.lemma_.lower() in _DATA_VERBS or head.lower_ in _DATA_VERBS
