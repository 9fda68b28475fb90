"""Find what the paper proposes: its own contributions, each with a type.

``proposals`` yields them from four sources, each read from a parsed Doc:

- the title: its opening name "Name: subtitle" (``title_name``), or what it says
  the work is done "via" or "through" (``title_means``);
- the object of a proposal verb whose subject is the paper ("we propose X", "this
  work introduces a family of X"): an entity, a descriptive name, or the title's
  entity;
- the name after "called/named/dubbed" (``named_after``), when the thing named is
  the paper's own;
- coined names the paper calls its own ("our STU-Net").

The ``kg_candidates`` component marks them with ``span._.kg_proposed``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.names import (
    DESCRIPTION_TYPES,
    NAME_TAILS,
    NAMING_WORDS,
    coined_span,
    described_type,
    noun_chunks,
    stated_type,
)
from kg.extract.typing import TRIM_WORDS, WEAK_MODIFIERS, is_coined, is_generic, trim, type_of_name, type_of_phrase
from kg.keys import match_key
from kg.model import EntityType

__all__ = ["PROPOSE_VERBS", "named_after", "proposals", "title_means", "title_name"]

PROPOSE_VERBS = frozenset(
    "propose introduce present develop design devise contribute construct build create "
    "release curate formulate establish offer".split()
)


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


def title_means(doc: Doc, ents: list[Span]) -> tuple[Span, EntityType] | None:
    """Return what a title says the work is done "via" or "through": the paper's own means.

    "Enhancing Generalization via IBN-Net", "Unlocking State-Tracking in Linear RNNs
    Through Negative Eigenvalues". The name after the word runs to the end of the
    title, to the next preposition or to a parenthesis (its short form); it must be
    capitalised as a name.
    """
    title_end = next((t.i for t in doc if "\n" in t.text), len(doc))
    if title_end > 30:
        return None
    for token in doc[1:title_end]:
        if token.lower_ not in {"via", "through"}:
            continue
        start = end = token.i + 1
        while end < title_end and doc[end].pos_ != "ADP" and doc[end].text not in {":", ",", "?", "("}:
            end += 1
        while start < end and doc[start].is_punct:
            start += 1  # 'via "Lantern Gates"'
        while end > start and doc[end - 1].is_punct:
            end -= 1  # a title that ends with a full stop
        means = _means(doc[start:end], ents)
        if means is not None:
            return means
    return None  # every "via"/"through" of the title was tried


def _means(span: Span, ents: list[Span]) -> tuple[Span, EntityType] | None:
    """The name after a title's "via"/"through", typed Architecture or Method, if it is one."""
    if not 1 <= len(span) <= 5 or not all(t.text[:1].isupper() or t.is_punct or t.like_num for t in span):
        return None
    if len(span) == 1 and not is_coined(span.text):
        return None  # "via Information", "via Classification": a word, not a name
    found = _ent_at(ents, span.start, span.end)
    if found is not None and found.start == span.start and found.end == span.end:
        kind = EntityType(found.label_)
        return (found, kind) if kind in {EntityType.ARCHITECTURE, EntityType.METHOD} else None
    if is_generic(span.text) or any(e.start < span.start < e.end or e.start < span.end < e.end for e in ents):
        return None  # an entity runs across the name's edge
    kind = type_of_phrase(span) or type_of_name(span.text) or EntityType.METHOD
    return (span, kind) if kind in {EntityType.ARCHITECTURE, EntityType.METHOD} else None


def _is_naming(token: Token) -> bool:
    """ "called", "named", "dubbed", "termed", "coined", or the "as" of "referred to as"/"known as"."""
    if token.lower_ in NAMING_WORDS:
        return True
    return token.lower_ == "as" and token.i > 0 and token.nbor(-1).lower_ in {"to", "known"}


def named_after(token: Token) -> Span | None:
    """Return the name that follows a naming word: "called X", "named ensemble bootstrapping", 'referred to as "Y"'.

    A capitalised or coined name runs over its capitalised words; a quoted name runs
    to the closing quote; a lower-case name is the noun phrase that starts there.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")('an algorithm, referred to as "model-free forward training". It')
        >>> named_after(doc[5]).text
        'model-free forward training'
    """
    doc = token.doc
    start = token.i + 1
    if start < len(doc) and doc[start].text in {'"', "“", "'", "‘"}:
        close = next((t.i for t in doc[start + 1 : start + 9] if t.text in {'"', "”", "'", "’"}), None)
        if close is None or close == start + 1:
            return None
        return doc[start + 1 : close]
    if start >= len(doc):
        return None
    nxt = doc[start]
    if nxt.text[:1].isupper() or is_coined(nxt.text):
        end = start + 1
        while end < len(doc) and end - token.i <= 5 and (
                (doc[end].text[:1].isupper() and not doc[end].is_punct) or _joins_name(doc, end)):
            end += 1
        return doc[start : end - 1 if doc[end - 1].text == "-" else end]  # cut at the length limit
    if not nxt.is_alpha or nxt.is_stop:
        return None
    chunk = next((c for c in noun_chunks(doc) if c.start == start), None)
    if chunk is None or len(chunk) > 5:
        return None
    if len(chunk) == 1 and chunk[0].is_alpha:
        return None  # "blocks, referred to as waves": a plain word is a nickname, not a name
    return chunk


def _joins_name(doc: Doc, i: int) -> bool:
    """A hyphen inside a name, between its capitalised or numbered parts: "Zig-Zag", "ZorbNet-50"."""
    return (doc[i].text == "-" and i + 1 < len(doc) and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and (doc[i + 1].text[:1].isupper() or doc[i + 1].text[:1].isdigit()))


def _object_of(doc: Doc, i: int) -> Span | None:
    """Return the noun phrase a proposal verb at token I introduces."""
    token = doc[i]
    objects = [c for c in token.children if c.dep_ in {"dobj", "attr", "oprd"}]
    if not objects:
        return None
    head = objects[0]
    for chunk in noun_chunks(doc):
        if chunk.root.i == head.i:
            return chunk
    return doc[head.i : head.i + 1]


def proposals(doc: Doc, ents: list[Span]) -> Iterator[tuple[Span, EntityType]]:
    """Yield spans the paper introduces, each with the type its description gives.

    Sources: the title's opening name; the object of "we propose/introduce/…";
    the name after "called/named/dubbed X".
    """
    name = title_name(doc)
    if name is not None:
        yield name, type_of_name(name.text) or EntityType.METHOD
    means = title_means(doc, ents)
    if means is not None:
        yield means
    for token in doc:
        lemma = token.lemma_.lower()
        if _is_naming(token) and token.i + 1 < len(doc):
            span = named_after(token)
            if span is not None and _owned(token):
                yield span, stated_type(span) or type_of_name(span.text) or described_type(span) or EntityType.METHOD
            continue
        if not _is_proposal_verb(token):
            continue
        for obj in _objects_of(doc, token.i):
            yield from _proposed_in(trim(obj), ents)
    yield from _our_names(doc, ents)


_OWN_SUBJECTS = frozenset({"we", "paper", "work", "study", "i", "article", "thesis", "letter"})
_OTHERS = frozenset({"prior", "previous", "earlier", "recent", "existing", "related", "other", "past", "their", "these"})
#: Words before a naming word that make the named thing the paper's own: "a novel scheme, named X".
_NEW_WORDS = frozenset({"our", "new", "novel", "proposed", "this"})


def _is_proposal_verb(token: Token) -> bool:
    """Tell whether TOKEN is a proposal verb whose subject is the paper: "we propose", "this work introduces".

    "Prior work proposed X" and "engineers aim to develop X" are not the paper's proposals.
    """
    doc = token.doc
    if token.lower_ not in PROPOSE_VERBS and token.lemma_.lower() not in PROPOSE_VERBS:
        return False
    after_we = token.i > 0 and doc[token.i - 1].lower_ == "we"
    if token.pos_ != "VERB" and not after_we:
        return False  # "present" after "we" is the verb even when the tagger says ADJ
    verb = token.head if token.dep_ in {"xcomp", "conj", "pcomp"} and token.head.pos_ in {"VERB", "AUX"} else token
    if token.dep_ == "pcomp" and token.head.pos_ == "ADP" and token.head.head.pos_ in {"VERB", "AUX"}:
        verb = token.head.head  # "by introducing X, LanternNet learns": LanternNet's clause
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return True
    for subject in subjects:
        if subject.lower_ in _OWN_SUBJECTS and not any(c.lower_ in _OTHERS for c in subject.children):
            return True
    return False


def _owned(token: Token) -> bool:
    """Tell whether a naming word names the paper's own thing.

    Its sentence has a proposal verb of the paper ("we build a system called X"), or a
    word before it says the thing is new ("a novel training scheme, named X").
    """
    before = token.doc[max(token.sent.start, token.i - 8) : token.i]
    if any(t.lower_ in _NEW_WORDS for t in before):
        return True
    return any(_is_proposal_verb(t) for t in token.sent if t.i < token.i)


def _ent_at(ents: list[Span], start: int, end: int) -> Span | None:
    return next((e for e in ents if e.start < end and start < e.end), None)


def _objects_of(doc: Doc, i: int) -> list[Span]:
    """The noun phrases a proposal verb introduces: its object and the object's conjuncts.

    "a series of X" and "a family of X" introduce X.
    """
    first = _object_of(doc, i)
    if first is None:
        return []
    if first.root.lower_ in {"series", "family", "set", "suite", "pair", "number"}:
        pobj = [g for c in first.root.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
        chunk = next((c for c in noun_chunks(doc) if pobj and c.root.i == pobj[0].i), None)
        if chunk is not None:
            first = chunk
    objects = [first]
    by_root = {c.root.i: c for c in noun_chunks(doc)}
    for conj in first.root.conjuncts:
        chunk = by_root.get(conj.i)
        if chunk is not None and conj.i > first.root.i:
            objects.append(chunk)
    return objects


def _content_words(span: Span) -> set[str]:
    """The specific words of SPAN, lower case and singular: what a description shares with a name."""
    return {match_key(t.text) for t in span if t.is_alpha and not t.is_stop and t.lower_ not in TRIM_WORDS
            and t.lower_ not in WEAK_MODIFIERS and t.lemma_.lower() not in DESCRIPTION_TYPES}


def _with_object(obj: Span) -> Span | None:
    """A proposed process named with its object: "the joint training of characters and words".

    The object's "of" phrase is part of the name when the head is a Method or Task
    word and the phrase is short and plain (no punctuation, at most six words).
    """
    doc = obj.doc
    kind = type_of_phrase(obj)
    if kind not in {EntityType.METHOD, EntityType.TASK} or len(obj) < 2 or obj.end + 1 >= len(doc) \
            or doc[obj.end].lower_ != "of":
        return None
    pobj = next((c for c in doc[obj.end].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    subtree = {t.i for t in pobj.subtree}
    end = obj.end + 1
    while end in subtree and doc[end].pos_ != "ADP":
        end += 1  # up to a nested phrase: "of lattice networks | for phones"
    phrase = doc[obj.start : end]
    if end - obj.end > 7 or any(t.is_punct for t in doc[obj.end : end]) or any(t.pos_ == "VERB" for t in doc[obj.end : end]):
        return None
    return phrase


def _proposed_in(obj: Span, ents: list[Span]) -> Iterator[tuple[Span, EntityType]]:
    """What a proposal's object names: an entity, a descriptive name, or the title's entity.

    "a hierarchical input sampling scheme" names "hierarchical input sampling"; "our
    new model, the X" names X; "a weakly supervised deep recurrent method" names the
    title's "Weakly Supervised Deep Recurrent Neural Networks".
    """
    doc = obj.doc
    paren = next((t.i for t in obj if t.text == "("), None)
    after_pair = None  # "the X (XB) benchmark": the word after the pair says what X is
    if paren is not None:
        if any(t.text == ")" for t in doc[paren : obj.end - 1]):
            after_pair = DESCRIPTION_TYPES.get(obj[-1].lemma_.lower())
        obj = trim(doc[obj.start : paren])  # "the X (X-Net) models": the long form
    if len(obj) == 0:
        return
    named_process = _with_object(obj)
    if named_process is not None:
        yield named_process, type_of_phrase(obj) or EntityType.METHOD
        return
    found = _ent_at(ents, obj.start, obj.end)
    if found is not None and found.start <= obj.start and (
            found.end >= obj.end or (found.end == obj.end - 1 and obj[-1].lower_ in NAME_TAILS)):
        yield found, EntityType(found.label_)  # "X", "our X model"
        return
    head_word = obj[-1].lemma_.lower()
    if head_word not in DESCRIPTION_TYPES and obj[-1].lower_ not in DESCRIPTION_TYPES:
        if is_generic(obj.text):
            return
        named = any(t.text[:1].isupper() for t in obj) or is_coined(obj.text)
        # "a noise-aware Conformer" is a kind of Conformer: the entity that ends it gives the type
        tail = next((e for e in ents if e.end == obj.end and e.start > obj.start
                     and e.label_ in {"Architecture", "Method"}), None)
        kind = type_of_phrase(obj) or after_pair or (EntityType(tail.label_) if tail is not None else None) \
            or (EntityType.METHOD if named else None)
        if kind is not None:
            yield obj, kind
        return
    # a description word heads the object ("a novel method"): look for what it names
    if obj.end + 1 < len(doc) and doc[obj.end].text == ",":
        appos = next((c for c in noun_chunks(doc) if c.start in {obj.end + 1, obj.end + 2} and c.start > obj.end), None)
        if appos is not None and (appos.end >= len(doc) or doc[appos.end].text in {".", ",", ";"}):
            appos = trim(appos)
            named = _ent_at(ents, appos.start, appos.end)
            if named is not None and named.end >= appos.end - 1:
                yield named, EntityType(named.label_)
                return
            kind = type_of_phrase(appos) if len(appos) else None
            if kind is not None:
                yield appos, kind
                return
    words = _content_words(obj[:-1])
    title = next(iter(doc.sents), None)
    if title is not None and len(words) >= 2:
        for ent in ents:
            if ent.end <= title.end and len(words & _content_words(ent)) >= 2:
                yield ent, EntityType(ent.label_)
                return
    modifiers = [t for t in obj[:-1] if t.is_alpha and not t.is_stop and t.lower_ not in TRIM_WORDS
                 and t.lower_ not in WEAK_MODIFIERS]
    if len(modifiers) < 2 or not any(t.pos_ in {"NOUN", "PROPN"} for t in modifiers):
        return  # "a simple yet effective method": no name
    kind = DESCRIPTION_TYPES.get(head_word) or DESCRIPTION_TYPES[obj[-1].lower_]
    phrase = obj if kind is EntityType.ARCHITECTURE else obj[:-1]
    phrase = trim(doc[modifiers[0].i : phrase.end])
    if len(phrase) >= 2 and not phrase[-1].tag_.startswith("JJ"):  # "information theoretic tools": no name
        yield phrase, type_of_phrase(phrase) or kind


def _our_names(doc: Doc, ents: list[Span]) -> Iterator[tuple[Span, EntityType]]:
    """Coined names the paper calls its own: "our STU-Net", "our searched model, BossNet-T,", "our detector, X,"."""
    by_end = {c.end: c for c in noun_chunks(doc)}
    taken = {i for e in ents for i in range(e.start, e.end)}
    untyped = [coined_span(doc, t.i) for t in doc if t.i not in taken and is_coined(t.text) and len(t.text) >= 3
               and t.i > 1 and doc[t.i - 1].text == ","]  # "our detector, CurveDetect,": no type of its own yet
    for ent in [*ents, *untyped]:
        if not is_coined(ent.text) or ent.start == 0:
            continue
        label = ent.label_ or (type_of_name(ent.text) or EntityType.METHOD).value
        before = doc[ent.start - 1]
        if before.lower_ == "our":
            yield ent, EntityType(label)
        elif before.text == ",":
            chunk = by_end.get(ent.start - 1)
            if chunk is not None and chunk[0].lower_ == "our" and chunk.root.pos_ == "NOUN" \
                    and ent.end < len(doc) and doc[ent.end].text in {",", ")"}:
                yield ent, EntityType(label)  # "our detector, CurveDetect, reaches …"
