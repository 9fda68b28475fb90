"""Abbreviation pairs "long form (SHORT)", after Schwartz & Hearst (2003).

The pure functions find the pairs; the ``kg_abbreviations`` component then gives
the short form, everywhere in the paper, the entity type and merge key of its long
form (GUIDELINES "Abbreviations": one entity, canonical name the long form).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.extensions import register_extensions
from kg.extract.names import stated_type
from kg.extract.typing import HEAD_TYPES, names_outputs, type_of_phrase
from kg.keys import match_key
from kg.model import Concept, EntityType

__all__ = ["Abbreviations", "find_abbreviations", "is_short_form", "long_form_start"]


def is_short_form(text: str) -> bool:
    """Tell whether TEXT can be an abbreviation: 2–10 characters, a capital, starts alphanumeric.

    Example:
        >>> is_short_form("KAN"), is_short_form("BiPer"), is_short_form("e.g."), is_short_form("see")
        (True, True, False, False)
    """
    return (
        2 <= len(text) <= 10
        and text[0].isalnum()
        and any(c.isupper() for c in text)
        and sum(c.isalpha() for c in text) >= 2
        and "." not in text
        and len(text.split()) <= 2
    )


def long_form_start(short: str, words: list[str]) -> int | None:
    """Return the index of the word where the long form of SHORT begins, or None.

    Implements the Schwartz–Hearst match: every character of the short form, read
    right to left, is found in the words, and its first character starts a word.

    Example:
        >>> long_form_start("KAN", ["the", "Kolmogorov-Arnold", "Network"])
        1
        >>> long_form_start("DSD", ["the", "Dynamic", "Signal", "Distribution"])
        1
        >>> long_form_start("XYZ", ["some", "other", "words"]) is None
        True
    """
    text = " ".join(words)
    s_i, l_i = len(short) - 1, len(text) - 1
    while s_i >= 0:
        c = short[s_i].lower()
        if not c.isalnum():
            s_i -= 1
            continue
        while l_i >= 0 and (
            text[l_i].lower() != c
            or (s_i == 0 and l_i > 0 and text[l_i - 1].isalnum())
        ):
            l_i -= 1
        if l_i < 0:
            return None
        s_i -= 1
        l_i -= 1
    start_char = text.rfind(" ", 0, l_i + 1) + 1
    # map the character back to a word index
    return text[:start_char].count(" ")


def _singular_short(text: str) -> str:
    """Drop the plural "s" of an all-caps short form: "GNNs" → "GNN"; "BiPer" stays."""
    return text[:-1] if text.endswith("s") and text[:-1].isupper() else text


def find_abbreviations(doc: Doc) -> list[tuple[Span, Span]]:
    """Return ``(long form, short form)`` pairs written as "long form (SHORT)".

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> doc = nlp("We study Graph Neural Networks (GNNs) on graphs.")
        >>> [(l.text, s.text) for l, s in find_abbreviations(doc)]
        [('Graph Neural Networks', 'GNNs')]
    """
    pairs: list[tuple[Span, Span]] = []
    for token in doc:
        if token.text != "(" or token.i == 0:
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 6] if t.text == ")"), None)
        if close is None or close == token.i + 1:
            reverse = _short_then_long(doc, token.i)
            if reverse is not None:
                pairs.append(reverse)
            continue
        short = doc[token.i + 1 : close]
        if not is_short_form(short.text):
            reverse = _short_then_long(doc, token.i)
            if reverse is not None:
                pairs.append(reverse)
            continue
        letters = sum(c.isalnum() for c in short.text)
        window_start = max(0, token.i - min(letters + 5, letters * 2))
        while window_start > 0 and not doc[window_start - 1].whitespace_ and "-" in {
                doc[window_start].text, doc[window_start - 1].text}:
            window_start -= 1  # a hyphenated word counts as one: "Activating-while-Pruning (AP)"
        candidates = doc[window_start : token.i]
        # stop at punctuation that ends a clause: the long form lies after it
        for t in reversed(candidates):
            if t.text in {",", ";", ":", ".", ")"} or "\n" in t.text:
                window_start = t.i + 1
                break
        words = [t.text for t in doc[window_start : token.i]]
        if not words:
            continue
        first = long_form_start(_singular_short(short.text), words)
        if first is None:
            continue
        start = window_start + first
        while start < token.i and doc[start].is_stop and doc[start].text.islower():
            start += 1
        if start < token.i and token.i - start >= 1:
            pairs.append((doc[start : token.i], short))
    return pairs


def _short_then_long(doc: Doc, open_paren: int) -> tuple[Span, Span] | None:
    """Return the pair written the other way round, "SHORT (long form)": "FIND (Function INterpretation and Description)".

    The long form fills the parentheses and starts with the short form's first
    letter; the short form is one token before them.
    """
    close = next((t.i for t in doc[open_paren + 1 : open_paren + 12] if t.text == ")"), None)
    if close is None or open_paren == 0:
        return None
    short, long = doc[open_paren - 1 : open_paren], doc[open_paren + 1 : close]
    words = [t.text for t in long]
    if not is_short_form(short.text) or not 2 <= len(words) <= len(short.text) + 3:
        return None
    if any(t.is_punct and t.text != "-" for t in long) or not words[0][:1].isupper():
        return None
    if long_form_start(_singular_short(short.text), words) != 0:
        return None
    return long, short


def _occurrences(doc: Doc, short: str) -> list[tuple[int, int]]:
    """Token ranges where SHORT (or its plural) is written; a short form may span tokens ("STU-Net").

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("STU-Net beats U-Net; two STU-Nets and STU.")
        >>> [doc[a:b].text for a, b in _occurrences(doc, "STU-Net")]
        ['STU-Net', 'STU-Nets']
    """
    found = []
    for token in doc:
        if not (short + "s").startswith(token.text) or (token.i > 0 and not doc[token.i - 1].whitespace_ and doc[token.i - 1].text == "-"):
            continue
        text, end = "", token.i
        while end < len(doc) and len(text) < len(short) + 1:
            text += doc[end].text
            end += 1
            if text in (short, short + "s"):
                if end >= len(doc) or doc[end - 1].whitespace_ or not doc[end].is_alpha:
                    found.append((token.i, end))
                break
            if doc[end - 1].whitespace_:
                break
    return found


#: Prepositions after a long form's head: "Networks for …", "Segmentation of …".
_HEAD_ENDS = frozenset({"for", "of", "with", "via", "on", "in", "from", "by"})


def _head_part(long: Span) -> Span:
    """The long form up to its first preposition, which holds its head.

    "Multi-resolution Networks For Flexible Time Series Modeling" is headed by "Networks".
    """
    doc = long.doc
    cut = next((t.i for t in long[1:] if t.lower_ in _HEAD_ENDS and doc[t.i - 1].whitespace_), None)
    return doc[long.start : cut] if cut is not None else long


#: Words after a pair that make it a collection of data: "… (LiTS) challenge".
_DATA_WORDS = frozenset({"dataset", "datasets", "benchmark", "benchmarks", "challenge", "corpus", "database"})


def _names_data(short: Span, long: Span) -> bool:
    """A pair with a Title Case long form before a data word: "Liver Tumor Segmentation (LiTS) Challenge"."""
    doc = short.doc
    after = short.end + 1 if short.end < len(doc) and doc[short.end].text == ")" else short.end
    return (after < len(doc) and doc[after].lower_ in _DATA_WORDS and len(long) > 1
            and all(t.text[:1].isupper() for t in long if t.is_alpha))


def _shares_a_word(long: Span, concept: Concept) -> bool:
    """Whether LONG and one of CONCEPT's names share a word (by its first four letters).

    "Generative Adversarial Nets" shares "generative" with "generative adversarial
    network"; "Bird Song Segmentation" shares nothing with "blind source separation".
    """
    words = _stems(long.text)
    return any(words & _stems(name) for name in (concept.label, *concept.aliases))


def _stems(text: str) -> set[str]:
    """The first four letters of each word of TEXT longer than two letters, lower-cased."""
    return {w[:4] for w in text.lower().replace("-", " ").split() if len(w) > 2}


def _spelt_out_type(long: Span, short: Span) -> EntityType | None:
    """The type a pair's own words give: the long form's head, else the word after the pair."""
    return type_of_phrase(_head_part(long)) or _type_after(short)


def _type_after(short: Span) -> EntityType | None:
    """Type a pair from the word after it: "… (FIND) benchmark", "… (DSD) classification task"."""
    doc = short.doc
    after = short.end + 1  # skip ")"
    for token in doc[after : after + 2]:
        if token.lower_ == "to":
            return None  # "… (ODEs) to model time": a verb follows, not a head
        kind = HEAD_TYPES.get(token.lemma_.lower()) or HEAD_TYPES.get(token.lower_)
        if kind is EntityType.TASK and names_outputs(token):
            return None  # "finite element (FE) predictions": outputs, not a task
        if kind is not None:
            return kind
    return None


class Abbreviations:
    """Give short forms their long form's type and key, in every sentence of the paper."""

    def __init__(self, name: str, concepts: Mapping[str, Concept] | None = None) -> None:
        self.name = name
        self.concepts = concepts or {}

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        mapping: dict[str, str] = {}
        ents = list(doc.ents)
        new: list[Span] = []
        for long, short in find_abbreviations(doc):
            long_ent = next((e for e in ents if e.start <= long.end - 1 < e.end and e.end >= long.end), None)
            short_ent = next((e for e in ents if e.start == short.start and e.end == short.end), None)
            if long_ent is not None:
                label, concept = long_ent.label_, long_ent._.kg_concept
                if long_ent.start > long.start:
                    # the long form is more specific than the lexicon match inside it
                    # ("locally connected CNNs (LCNs)"): a new entity, not the concept;
                    # a head before a preposition types it ("Lattice Networks for Song Modeling")
                    head = _head_part(long)
                    head_kind = type_of_phrase(head) if head.end < long_ent.start else None
                    label = head_kind.value if head_kind is not None else label
                    long_span, concept = Span(doc, long.start, long_ent.end, label=label), None
                elif long_ent.label_ == EntityType.TASK.value and _names_data(short, long_ent):
                    # "the Liver Tumor Segmentation (LiTS) challenge": data named after its task
                    label, concept = EntityType.DATASET.value, None
                    long_span = Span(doc, long_ent.start, long_ent.end, label=label)
                else:
                    long_span = long_ent
            elif short_ent is not None:
                label, concept = short_ent.label_, short_ent._.kg_concept
                if concept in self.concepts and not _shares_a_word(long, self.concepts[concept]):
                    # the text spells the short form out as something else than the
                    # lexicon's concept ("Bird Song Segmentation (BSS)"): not that concept
                    kind = EntityType.DATASET if _names_data(short, long) else _spelt_out_type(long, short)
                    label, concept = (kind.value if kind is not None else label), None
                long_span = Span(doc, long.start, long.end, label=label)
            else:
                kind = _spelt_out_type(long, short) or stated_type(short if short.start > long.start else long)
                if kind is EntityType.TASK and _names_data(short, long):
                    kind = EntityType.DATASET  # "the Lantern Song Segmentation (LaSS) Challenge"
                if kind is None:
                    continue
                label, concept = kind.value, None
                long_span = Span(doc, long.start, long.end, label=label)
            key = concept or match_key(long_span.text)
            # a proposal marked on part of the long form, or on the short form, is the pair's
            proposed = any(e._.kg_proposed for e in ents if e.start < long.end and long.start < e.end
                           or (e.start >= short.start and e.end <= short.end))
            long_span._.kg_concept = concept
            long_span._.kg_proposed = long_span._.kg_proposed or proposed
            long_span._.kg_rule = long_ent._.kg_rule if long_ent is not None and long_span is long_ent else "abbreviation"
            long_span._.kg_key = key
            new.append(long_span)
            mapping[short.text] = long_span.text
            singular_short = _singular_short(short.text)
            mapping[singular_short] = long_span.text
            for start, end in _occurrences(doc, singular_short):
                span = Span(doc, start, end, label=label)
                span._.kg_concept = concept
                span._.kg_rule = "abbreviation"
                span._.kg_key = key
                new.append(span)
        doc._.kg_abbreviations = mapping
        if new:
            keep = [e for e in ents if not any(e.start < n.end and n.start < e.end for n in new)]
            doc.ents = filter_spans([*new, *keep])
        return doc


@Language.factory("kg_abbreviations", requires=["doc.ents"], assigns=["doc.ents", "doc._.kg_abbreviations"])
def make_abbreviations(nlp: Language, name: str) -> Abbreviations:
    """Build the abbreviation component."""
    register_extensions()
    concepts = nlp.get_pipe("kg_lexicon").lexicon.concepts if "kg_lexicon" in nlp.pipe_names else None
    return Abbreviations(name, concepts)
