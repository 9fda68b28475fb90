"""Find entities in lists and coordinations.

- ``hyponyms``: the examples of a typed plural ("tasks such as code evaluation",
  "LRNNs such as GLA and RWKV", "three datasets: A, B and C"), and appositions that
  say what a phrase is ("parity, the simplest state-tracking task");
- ``elliptical``: conjuncts that share a head or modifiers ("vowel and image
  classification", "medical image processing and analysis").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.names import DESCRIPTION_TYPES, noun_chunks, renamed, typed_span
from kg.extract.typing import HEAD_TYPES, TRIM_WORDS, is_coined, is_generic, trim, type_of_phrase
from kg.model import EntityType

__all__ = ["elliptical", "hyponyms"]

#: Plural hypernyms that type what follows "such as" ("tasks such as code evaluation").
_HYPERNYM_TYPES: dict[str, EntityType] = {
    **DESCRIPTION_TYPES, "application": EntityType.TASK, "design": EntityType.METHOD, "optimization": EntityType.METHOD}


def _phrase_head(token: Token) -> Token:
    """The noun a prepositional phrase hangs from: "methods" for "PDEs" in "methods for PDEs"."""
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head.head
    return token


def _hypernym_type(doc: Doc, i: int, ents: list[Span], *, capitalised: bool = False) -> EntityType | None:
    """The type of the noun just before token I: an entity's type, or its description word's.

    An entity passes its type only to names (CAPITALISED): "LRNNs such as Mamba".
    """
    j = i - 1
    if j >= 0 and doc[j].text == ")":  # "Linear RNNs (LRNNs) such as …"
        j = next((t.i - 1 for t in reversed(doc[max(0, j - 6) : j]) if t.text == "("), j)
    if j < 0 or doc[j].pos_ not in {"NOUN", "PROPN"}:
        return None
    chunk = next((c for c in noun_chunks(doc) if c.start <= j < c.end), None)
    if chunk is not None and chunk.start > 0 and doc[chunk.start - 1].lower_ == "of":
        return None  # "properties of neural networks such as robustness": the hypernym is "properties"
    ent = next((e for e in ents if e.start <= j < e.end), None)
    if ent is not None:
        return EntityType(ent.label_) if capitalised else None
    return _HYPERNYM_TYPES.get(doc[j].lemma_.lower()) if doc[j].tag_ in {"NNS", "NNPS"} else None


_LIST_ENDS = frozenset({".", ";", ":", ")", "(", "e.g.", "i.e."})
_NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "X"})


def _is_participle_modifier(token: Token) -> bool:
    """A participle that modifies the noun after it, tagged a verb: "batched prefetching", "pipelined scheduling"."""
    doc = token.doc
    return (token.tag_ in {"VBD", "VBN"} and token.lower_.endswith("ed") and token.i + 1 < len(doc)
            and doc[token.i + 1].tag_ in {"NN", "NNS", "VBG"})


def _list_items(doc: Doc, start: int) -> list[Span]:
    """Split the list that starts at token START into its items, by commas, "and" and "or".

    A preposition ends an item's name ("classification of images in …, X"): its
    words are skipped up to the next comma. A finite verb or a full stop ends the list.
    """
    items: list[Span] = []
    i, item_start, skipping, closing = start, start, False, False
    while i < len(doc):
        token = doc[i]
        hyphenated = i > 0 and (doc[i - 1].text == "-" or (i + 1 < len(doc) and doc[i + 1].text == "-"))
        if token.text in _LIST_ENDS or "\n" in token.text or token.pos_ == "SCONJ" \
                or (token.tag_ in {"VBZ", "VBP", "VBD", "MD"} and not skipping
                    and not (i == item_start and _is_participle_modifier(token))):
            break  # inside a skipped phrase, "data set" may be tagged a verb
        if skipping and token.lower_ in {"and", "or"} and i + 1 < len(doc) and doc[i + 1].tag_ == "VB":
            pass  # "A to cut reads and hide latency, B": the skipped clause goes on
        elif token.text == "," or token.lower_ in {"and", "or"}:
            if not skipping and i > item_start:
                items.append(doc[item_start:i])
            if closing and i > item_start:
                return items  # "A and B, and present …": the list ended with its conjunction
            closing = closing or token.lower_ in {"and", "or"}
            item_start, skipping = i + 1, False
        elif (token.pos_ == "ADP" or token.tag_ == "TO") and not skipping and not hyphenated:
            if i > item_start:
                items.append(doc[item_start:i])
            skipping = True
        i += 1
    if not skipping and i > item_start:
        items.append(doc[item_start:i])
    return items


def hyponyms(doc: Doc, ents: list[Span]) -> Iterator[Span]:
    """Yield the examples of a typed plural: "tasks such as code evaluation", "LRNNs such as GLA and RWKV".

    The hypernym is an entity (its type passes on) or a description word in the
    plural ("tasks", "methods", "datasets"); the examples are the object of "such
    as"/"including"/", i.e.", or of a parenthesis "(e.g. …)" after the phrase, and
    its conjuncts. Also "X, the simplest Y task": an apposition that says what X is.
    """
    taken = {i for e in ents for i in range(e.start, e.end)}
    for token in doc[1:]:
        start = token.i + 1
        if token.lower_ == "as" and token.nbor(-1).lower_ == "such":
            cue = token.i - 1
        elif token.lower_ == "including":
            cue = token.i
        elif token.text == ":" and token.nbor(-1).tag_ == "NNS":
            cue = token.i  # "three other datasets: PASCAL-Context, PASCAL-Person-Part, and Cityscapes"
        elif token.lower_ in {"i.e.", "e.g."} and token.nbor(-1).text == ",":
            cue = token.i - 1  # "the two most important models, i.e., Skip-gram and GloVe"
            start += 1 if start < len(doc) and doc[start].text == "," else 0
        elif token.lower_ in {"i.e.", "e.g."} and token.nbor(-1).text == "(" and token.i >= 2:
            # "methods for PDEs (e.g. A, B, C)": the examples are of the phrase's head
            cue = _phrase_head(doc[token.i - 2]).i + 1
            start += 1 if start < len(doc) and doc[start].text == "," else 0
        else:
            continue
        items = _list_items(doc, start)
        if doc[cue].text == ":" and len(items) < 2:
            continue  # "many tasks: such descriptions can …" is a clause, not a list
        for item in items:
            item = trim(item)
            named = len(item) > 0 and (item[0].text[:1].isupper() or is_coined(item.text))
            kind = _hypernym_type(doc, cue, ents, capitalised=named)
            if kind is None or not 1 <= len(item) <= 5:
                continue
            if kind is EntityType.ARCHITECTURE and type_of_phrase(item) is EntityType.METHOD:
                kind = EntityType.METHOD  # "models (e.g. gradient boosting)": a thing one does
            same = next((e for e in ents if e.start == item.start and e.end == item.end), None)
            if same is not None and {same.label_, kind.value} == {"Architecture", "Method"} \
                    and doc[token.i - 1].text != "(" and _hypernym_type(doc, cue, [], capitalised=named) is kind:
                # the text says which it is: "models, i.e., Skip-gram and GloVe"
                found = typed_span(doc, item.start, item.end, kind, "hyponym", 0.65)
                if found is not None:
                    yield found
                continue
            if is_generic(item.text) or any(i in taken for i in range(item.start, item.end)):
                continue
            last = item[-1]
            if not (last.pos_ in {"NOUN", "PROPN"} or last.lower_.endswith("ing") or is_coined(last.text)):
                continue
            if any(t.pos_ not in _NOUN_PHRASE_POS and not _is_participle_modifier(t) for t in item[:-1]) \
                    or (item[0].pos_ in {"VERB", "SCONJ", "ADV"} and not _is_participle_modifier(item[0])):
                continue  # "augment representational capacity", "because the number": not a name
            found = typed_span(doc, item.start, item.end, kind, "hyponym", 0.65)
            if found is not None:
                yield found
    chunks = noun_chunks(doc)
    by_start = {c.start: c for c in chunks}
    for chunk in chunks:
        # "parity, the simplest state-tracking task": an apposition with a description word
        if chunk.end + 2 >= len(doc) or doc[chunk.end].text != "," or doc[chunk.end + 1].lower_ not in {"the", "a", "an"}:
            continue
        appos = by_start.get(chunk.end + 1)
        if appos is None or appos.end >= len(doc) or doc[appos.end].text not in {",", ".", ";"}:
            continue  # the apposition is closed: "X, the simplest Y task, …"
        kind = DESCRIPTION_TYPES.get(appos.root.lemma_.lower())
        target = trim(chunk)
        if kind is None or not 1 <= len(target) <= 4 or is_generic(target.text) \
                or any(i in taken for i in range(target.start, target.end)):
            continue
        found = typed_span(doc, target.start, target.end, kind, "hyponym", 0.65)
        if found is not None:
            yield found


def _shared_modifiers(doc: Doc, ent: Span, taken: set[int]) -> Span | None:
    """The second head of "medical image processing and analysis": "medical image analysis".

    A Task entity of two or more words followed by "and"/"or" and a single Task head
    noun that ends the phrase shares its modifiers with that noun.
    """
    i = ent.end
    if ent.label_ != "Task" or len(ent) < 2 or i + 1 >= len(doc) or doc[i].lower_ not in {"and", "or"}:
        return None
    head = doc[i + 1]
    if head.i in taken or head.pos_ != "NOUN" or HEAD_TYPES.get(head.lemma_.lower()) is not EntityType.TASK:
        return None
    if head.i + 1 < len(doc) and doc[head.i + 1].pos_ in {"NOUN", "PROPN"}:
        return None  # "object detection and segmentation masks": the noun is a modifier
    return renamed(Span(doc, head.i, head.i + 1, label=ent.label_), f"{ent[:-1].text} {head.text}", "ellipsis")


def elliptical(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities whose head is shared with the next conjunct: "vowel and image classification".

    For an entity of two or more words preceded by "A and" or "A or" (A one
    modifier word), the span A gets the entity's type and the expanded name
    ("vowel classification") in ``span._.kg_text``.

    Example (needs a tagged Doc, so not run as a doctest)::

        "supervised and unsupervised learning" → "supervised" named "supervised learning"
    """
    taken = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for ent in ents:
        after = _shared_modifiers(doc, ent, taken)
        if after is not None:
            found.append(after)
        if len(ent) != 2 or ent.start < 2 or doc[ent.start - 1].lower_ not in {"and", "or"}:
            continue  # "A and B head" only: with more modifiers, which one A replaces is unclear
        word = doc[ent.start - 2]
        if is_coined(word.text) or word.lower_.endswith("ing"):
            continue  # "MNist and Fashion MNist": a name of its own
        if word.i in taken or not word.is_alpha or word.is_stop or word.lower_ in TRIM_WORDS:
            continue
        if word.pos_ not in {"ADJ", "NOUN", "PROPN"} or word.text[:1].isupper() != ent[0].text[:1].isupper():
            continue
        if type_of_phrase(doc[word.i : word.i + 1]) is not None or word.lemma_.lower() in HEAD_TYPES:
            continue  # "I/O Efficiency and Model Accuracy": the left conjunct has its own head
        if is_generic(word.text) or word.lower_ == ent[0].lower_ or (word.pos_ == "PROPN") != (ent[0].pos_ == "PROPN"):
            continue  # parallel modifiers only: "vowel and image", not "performance and time"
        if not ent[0].is_alpha or not ent[0].whitespace_ or not word.whitespace_ \
                or (word.i > 0 and not doc[word.i - 1].whitespace_):  # doc[-1] is the last token
            continue  # hyphenated pieces ("V-FIT and …", "graph- and node-level") are not modifiers
        if word.i > 0 and (doc[word.i - 1].pos_ in {"ADJ", "NOUN", "PROPN"} or doc[word.i - 1].text == "-") \
                and not doc[word.i - 1].is_stop:
            continue  # "music video and image …" is not one word
        found.append(renamed(Span(doc, word.i, word.i + 1, label=ent.label_), f"{word.text} {ent[1:].text}", "ellipsis"))
    return found
