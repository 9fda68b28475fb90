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
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.extensions import register_extensions
from kg.keys import match_key, singular
from kg.extract.typing import HEAD_TYPES, TRIM_WORDS, WEAK_MODIFIERS, is_coined, is_generic, trim, type_of_name, type_of_phrase
from kg.model import EntityType

__all__ = ["Candidates", "head_candidates", "named_candidates", "proposals", "stated_type", "title_name"]

PROPOSE_VERBS = frozenset(
    "propose introduce present develop design devise contribute construct build create "
    "release curate formulate establish offer".split()
)
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
_NAME_TAILS = frozenset({"model", "models", "network", "networks", "architecture", "method", "framework", "algorithm"})
#: Heads that describe what comes before them: "a data augmentation strategy" is data augmentation.
_DESCRIPTIVE_HEADS = frozenset("method approach technique framework strategy scheme procedure paradigm algorithm".split())
#: Head words dropped from a dataset's name ("LiTS dataset" → "LiTS"); "benchmark"
#: stays, being part of many names ("Function Interpretation Benchmark").
_DATASET_HEADS = frozenset({"dataset", "datasets", "corpus", "corpora"})


def _is_short_slash(token: Token) -> bool:
    """A slash inside a short compound such as "I/O": short words on both sides, no spaces."""
    doc = token.doc
    if token.text != "/" or token.i == 0 or token.i + 1 >= len(doc):
        return False
    left, right = doc[token.i - 1], doc[token.i + 1]
    return not left.whitespace_ and not token.whitespace_ and len(left) <= 3 and len(right) <= 3 and left.is_alpha and right.is_alpha


def _span(doc: Doc, start: int, end: int, kind: EntityType, rule: str, confidence: float) -> Span | None:
    if any(t.like_url or t.like_email or ("/" in t.text and not _is_short_slash(t)) for t in doc[start:end]):
        return None  # links and paths are not names; "I/O" is
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
        conjunction = next((t for t in span if t.lower_ in {"and", "or"}), None)
        if conjunction is not None and not all(t.text[:1].isupper() for t in span if t is not conjunction):
            span = trim(doc[conjunction.i + 1 : span.end])  # "code and math tasks": only the last conjunct
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
            found = _span(doc, basis.start, basis.end, kind, "based-on", 0.6) if kind is not None else None
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
            inner = trim(span[:-1])
            if is_generic(inner.text) or (
                    len(inner) == 1 and inner[0].text.islower() and type_of_phrase(inner) is not EntityType.TASK):
                continue  # "math tasks", "computer vision problems": a domain, not a named task
        if len(span) == 2 and span[-1].lower_ in _NAME_TAILS and is_coined(span[0].text):
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
        found = _span(doc, span.start, span.end, kind, f"head:{span[-1].lower_}", 0.6)
        if found is not None:
            yield found


#: Plural hypernyms that type what follows "such as" ("tasks such as code evaluation").
_HYPERNYM_TYPES: dict[str, EntityType] = {**DESCRIPTION_TYPES, "application": EntityType.TASK}


def _hypernym_type(doc: Doc, i: int, ents: list[Span], *, capitalised: bool = False) -> EntityType | None:
    """The type of the noun just before token I: an entity's type, or its description word's.

    An entity passes its type only to names (CAPITALISED): "LRNNs such as Mamba".
    """
    j = i - 1
    if j >= 0 and doc[j].text == ")":  # "Linear RNNs (LRNNs) such as …"
        j = next((t.i - 1 for t in reversed(doc[max(0, j - 6) : j]) if t.text == "("), j)
    if j < 0 or doc[j].pos_ not in {"NOUN", "PROPN"}:
        return None
    chunk = next((c for c in doc.noun_chunks if c.start <= j < c.end), None)
    if chunk is not None and chunk.start > 0 and doc[chunk.start - 1].lower_ == "of":
        return None  # "properties of neural networks such as robustness": the hypernym is "properties"
    ent = next((e for e in ents if e.start <= j < e.end), None)
    if ent is not None:
        return EntityType(ent.label_) if capitalised else None
    return _HYPERNYM_TYPES.get(doc[j].lemma_.lower()) if doc[j].tag_ in {"NNS", "NNPS"} else None


_LIST_ENDS = frozenset({".", ";", ":", ")", "(", "e.g.", "i.e."})
_NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "X"})


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
                or (token.tag_ in {"VBZ", "VBP", "VBD", "MD"} and not skipping):
            break  # inside a skipped phrase, "data set" may be tagged a verb
        if token.text == "," or token.lower_ in {"and", "or"}:
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
    as"/"including" and its conjuncts. Also "X, the simplest Y task": an apposition
    that says what X is.
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
        else:
            continue
        for item in _list_items(doc, start):
            item = trim(item)
            named = len(item) > 0 and (item[0].text[:1].isupper() or is_coined(item.text))
            kind = _hypernym_type(doc, cue, ents, capitalised=named)
            if kind is None or not 1 <= len(item) <= 5:
                continue
            same = next((e for e in ents if e.start == item.start and e.end == item.end), None)
            if same is not None and {same.label_, kind.value} == {"Architecture", "Method"} \
                    and _hypernym_type(doc, cue, [], capitalised=named) is kind:
                # the text says which it is: "models, i.e., Skip-gram and GloVe"
                found = _span(doc, item.start, item.end, kind, "hyponym", 0.65)
                if found is not None:
                    yield found
                continue
            if is_generic(item.text) or any(i in taken for i in range(item.start, item.end)):
                continue
            last = item[-1]
            if not (last.pos_ in {"NOUN", "PROPN"} or last.lower_.endswith("ing") or is_coined(last.text)):
                continue
            if any(t.pos_ not in _NOUN_PHRASE_POS for t in item[:-1]) or item[0].pos_ in {"VERB", "SCONJ", "ADV"}:
                continue  # "augment representational capacity", "because the number": not a name
            found = _span(doc, item.start, item.end, kind, "hyponym", 0.65)
            if found is not None:
                yield found
    for chunk in doc.noun_chunks:
        # "parity, the simplest state-tracking task": an apposition with a description word
        if chunk.end + 2 >= len(doc) or doc[chunk.end].text != "," or doc[chunk.end + 1].lower_ not in {"the", "a", "an"}:
            continue
        appos = next((c for c in doc.noun_chunks if c.start == chunk.end + 1), None)
        if appos is None or appos.end >= len(doc) or doc[appos.end].text not in {",", ".", ";"}:
            continue  # the apposition is closed: "X, the simplest Y task, …"
        kind = DESCRIPTION_TYPES.get(appos.root.lemma_.lower())
        target = trim(chunk)
        if kind is None or not 1 <= len(target) <= 4 or is_generic(target.text) \
                or any(i in taken for i in range(target.start, target.end)):
            continue
        found = _span(doc, target.start, target.end, kind, "hyponym", 0.65)
        if found is not None:
            yield found


#: Words that end a coined name after a hyphen: "NATS-Bench", "ViT-Large", "BossNet-Tiny".
_NAME_SUFFIXES = frozenset("Bench Benchmark Net Former Corpus Base Large Small Tiny Huge Mini Nano Lite".split())


def _coined_span(doc: Doc, i: int) -> Span:
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
        i = _coined_span(doc, i + 1).end  # "X and Y, which are …": X is what Y is
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "which" and doc[i + 2].lemma_ == "be":
        i += 2  # "X, which is a …", "X and Y, which are state-of-the-art systems"
    elif not (i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"a", "an", "the", "our"}):
        i = len(doc)  # no apposition
    found = None
    for token in doc[i + 1 : i + 11]:
        hyphenated = token.nbor(-1).text == "-" or (token.i + 1 < len(doc) and token.nbor(1).text == "-")
        if token.lower_ in _DESCRIPTION_ENDS or token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADP" and not hyphenated):
            break
        found = DESCRIPTION_TYPES.get(token.lemma_.lower()) or DESCRIPTION_TYPES.get(token.lower_) or found
    if found is not None:
        return found
    if span.start > 1 and doc[span.start - 1].text == "," and span.end < len(doc) and doc[span.end].text in {",", ")"}:
        # "our searched model, BossNet-T, reaches …": the name is an apposition to a description
        chunk = next((c for c in doc.noun_chunks if c.end == span.start - 1), None)
        if chunk is not None:
            kind = DESCRIPTION_TYPES.get(chunk.root.lemma_.lower()) or DESCRIPTION_TYPES.get(chunk.root.lower_)
            if kind is not None:
                return kind
    before = doc[max(0, span.start - 6) : span.start]
    naming = [t for t in before if t.lower_ in NAMING_WORDS or (t.lower_ == "as" and t.i > 0 and doc[t.i - 1].lower_ in {"to", "known"})]
    if naming:
        for token in reversed(doc[max(0, naming[-1].i - 5) : naming[-1].i]):
            kind = DESCRIPTION_TYPES.get(token.lemma_.lower()) or DESCRIPTION_TYPES.get(token.lower_)
            if kind is not None:
                return kind
    return None


def _described_type(span: Span) -> EntityType | None:
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


def named_candidates(doc: Doc) -> Iterator[Span]:
    """Yield coined names typed by their suffix or their description in the sentence.

    What one sentence states a name is ("a system called DiskGNN") types the name
    in every sentence of the paper, before its suffix does.
    """
    spans = [
        _coined_span(doc, token.i) for token in doc
        if is_coined(token.text) and not token.is_punct and len(token.text) >= 3
        and not (token.i > 0 and doc[token.i - 1].text == "-" and token.i > 1 and is_coined(doc[token.i - 2].text))
    ]
    stated: dict[str, EntityType] = {}
    for span in spans:
        kind = stated_type(span)
        if kind is not None:
            stated.setdefault(span.text, kind)
    for span in spans:
        kind = stated.get(span.text) or type_of_name(span.text) or _described_type(span)
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


def title_means(doc: Doc, ents: list[Span]) -> tuple[Span, EntityType] | None:
    """Return what a title says the work is done "via" or "through": the paper's own means.

    "Enhancing Generalization via IBN-Net", "Unlocking State-Tracking in Linear RNNs
    Through Negative Eigenvalues". The name after the word runs to the end of the
    title or to the next preposition; it must be capitalised as a name.
    """
    title_end = next((t.i for t in doc if "\n" in t.text), len(doc))
    if title_end > 30:
        return None
    for token in doc[1:title_end]:
        if token.lower_ not in {"via", "through"}:
            continue
        end = token.i + 1
        while end < title_end and doc[end].pos_ != "ADP" and doc[end].text not in {":", ",", "?"}:
            end += 1
        span = doc[token.i + 1 : end]
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
    return None


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
        while end < len(doc) and end - token.i <= 5 and (doc[end].text[:1].isupper() or doc[end].text in {"-", "Net"}) and not doc[end].is_punct:
            end += 1
        return doc[start:end]
    if not nxt.is_alpha or nxt.is_stop:
        return None
    chunk = next((c for c in doc.noun_chunks if c.start == start), None) if doc.has_annotation("DEP") else None
    if chunk is None or len(chunk) > 5:
        return None
    return chunk


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
                yield span, stated_type(span) or type_of_name(span.text) or _described_type(span) or EntityType.METHOD
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
        chunk = next((c for c in doc.noun_chunks if pobj and c.root.i == pobj[0].i), None)
        if chunk is not None:
            first = chunk
    objects = [first]
    for conj in first.root.conjuncts:
        chunk = next((c for c in doc.noun_chunks if c.root.i == conj.i), None)
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
    if paren is not None:
        obj = trim(doc[obj.start : paren])  # "the X (X-Net) models": the long form
    if len(obj) == 0:
        return
    named_process = _with_object(obj)
    if named_process is not None:
        yield named_process, type_of_phrase(obj) or EntityType.METHOD
        return
    found = _ent_at(ents, obj.start, obj.end)
    if found is not None and found.start <= obj.start and (
            found.end >= obj.end or (found.end == obj.end - 1 and obj[-1].lower_ in _NAME_TAILS)):
        yield found, EntityType(found.label_)  # "X", "our X model"
        return
    head_word = obj[-1].lemma_.lower()
    if head_word not in DESCRIPTION_TYPES and obj[-1].lower_ not in DESCRIPTION_TYPES:
        if is_generic(obj.text):
            return
        named = any(t.text[:1].isupper() for t in obj) or is_coined(obj.text)
        kind = type_of_phrase(obj) or (EntityType.METHOD if named else None)
        if kind is not None:
            yield obj, kind
        return
    # a description word heads the object ("a novel method"): look for what it names
    if obj.end + 1 < len(doc) and doc[obj.end].text == ",":
        appos = next((c for c in doc.noun_chunks if c.start in {obj.end + 1, obj.end + 2} and c.start > obj.end), None)
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
    if len(phrase) >= 2:
        yield phrase, type_of_phrase(phrase) or kind


def _our_names(doc: Doc, ents: list[Span]) -> Iterator[tuple[Span, EntityType]]:
    """Coined names the paper calls its own: "our STU-Net", "our searched model, BossNet-T,"."""
    for ent in ents:
        if not is_coined(ent.text) or ent.start == 0:
            continue
        before = doc[ent.start - 1]
        if before.lower_ == "our":
            yield ent, EntityType(ent.label_)
        elif before.text == ",":
            chunk = next((c for c in doc.noun_chunks if c.end == ent.start - 1), None)
            if chunk is not None and chunk[0].lower_ == "our" and chunk.root.lemma_.lower() in DESCRIPTION_TYPES:
                yield ent, EntityType(ent.label_)


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
        for span in chain(named_candidates(doc), hyponyms(doc, ents), head_candidates(doc)):
            first.setdefault((span.start_char, span.end_char), (span._.kg_rule, span._.kg_confidence))
            if not self.keeps(span) or any(a.start == span.start and a.end == span.end for a in added):
                continue
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
        for span in added:  # a later candidate at the same offsets wrote its own rule
            span._.kg_rule, span._.kg_confidence = first[(span.start_char, span.end_char)]
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
        kept = [as_measure(e) for e in filter_spans(merged) if not is_generic(e.text) and not is_numeric_precision(e)]
        for span in of_phrase_tasks(doc):
            inside = [e for e in kept if span.start <= e.start and e.end <= span.end]
            if all(e.label_ == "Task" for e in inside) and not any(
                    e.start < span.start < e.end or e.start < span.end < e.end for e in kept):
                kept = [e for e in kept if e not in inside] + [span]
        doc.ents = filter_spans([*kept, *elliptical(doc, kept)])
        return doc


#: Task nouns that name a task with their object: "classification of images".
_OF_TASK_HEADS = frozenset(
    "classification segmentation detection recognition generation prediction estimation "
    "reconstruction synthesis retrieval forecasting tracking captioning translation "
    "localization completion denoising inpainting summarization".split()
)


def of_phrase_tasks(doc: Doc) -> list[Span]:
    """Tasks written with "of": "classification of images" is image classification.

    The span covers the words as written; ``span._.kg_text`` holds the usual name,
    the object in the singular before the task noun.

    Example (needs a parsed Doc, so not run as a doctest)::

        "segmentation of medical images" → "medical image segmentation"
    """
    found = []
    for token in doc:
        if token.lemma_.lower() not in _OF_TASK_HEADS or token.pos_ != "NOUN" or token.i + 2 >= len(doc):
            continue
        if any(c.dep_ in {"amod", "compound", "nmod"} for c in token.children):
            continue  # "image classification of X": the task is named already
        of = doc[token.i + 1]
        if of.lower_ != "of":
            continue
        chunk = next((c for c in doc.noun_chunks if c.start > of.i and c.start <= of.i + 2 and c.root.head.i == of.i), None)
        if chunk is None:
            continue
        obj = trim(chunk)
        if not 1 <= len(obj) <= 3 or obj.root.pos_ not in {"NOUN", "PROPN"} or is_generic(obj.text) \
                or obj.root.lower_ in WEAK_MODIFIERS or any(t.is_punct or t.is_stop for t in obj):
            continue
        span = Span(doc, token.i, obj.end, label=EntityType.TASK.value)
        span._.kg_text = f"{singular(obj.text)} {token.lower_ if token.is_sent_start else token.text}"
        span._.kg_key = match_key(span._.kg_text)
        span._.kg_rule = "of-phrase"
        span._.kg_confidence = 0.6
        found.append(span)
    return found


#: Words that make "precision" the precision of numbers, not the metric.
_NUMBER_PRECISION = frozenset(
    "finite arbitrary numerical numeric fixed floating floating-point mixed half single double full "
    "machine low high reduced limited bit".split()
)
#: Evaluative words before a metric: "limited accuracy" is accuracy.
_EVALUATIVE = frozenset("limited poor reduced degraded improved increased decreased lower higher".split())


def as_measure(span: Span) -> Span:
    """Retype a Method the sentence uses as a measure: "a cross entropy measure" (GUIDELINES, Metric).

    Example:
        >>> import spacy
        >>> register_extensions()
        >>> doc = spacy.blank("en")("with a cross entropy measure")
        >>> as_measure(Span(doc, 2, 4, label="Method")).label_
        'Metric'
    """
    doc = span.doc
    if span.label_ != "Method" or span.end >= len(doc) or doc[span.end].lower_ not in {"measure", "metric", "measures", "metrics"}:
        return span
    metric = Span(doc, span.start, span.end, label="Metric")
    metric._.kg_concept, metric._.kg_rule = span._.kg_concept, "measure"
    metric._.kg_confidence, metric._.kg_proposed = span._.kg_confidence, span._.kg_proposed
    return metric


def is_numeric_precision(span: Span) -> bool:
    """Tell whether a Metric span is "precision" in the sense of number formats: "finite precision".

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("LRNNs of finite precision")
        >>> is_numeric_precision(Span(doc, 3, 4, label="Metric")), is_numeric_precision(Span(doc, 2, 3, label="Metric"))
        (True, False)
    """
    if span.label_ != "Metric" or span[-1].lower_ != "precision":
        return False
    words = [t.lower_ for t in span[:-1]] or ([span.doc[span.start - 1].lower_] if span.start > 0 else [])
    return bool(words) and words[-1] in _NUMBER_PRECISION


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
    span = Span(doc, head.i, head.i + 1, label=ent.label_)
    span._.kg_text = f"{ent[:-1].text} {head.text}"
    span._.kg_key = match_key(span._.kg_text)
    span._.kg_rule = "ellipsis"
    span._.kg_confidence = 0.6
    return span


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
        if not ent[0].is_alpha or not ent[0].whitespace_ or not word.whitespace_ or not doc[word.i - 1].whitespace_:
            continue  # hyphenated pieces ("V-FIT and …", "graph- and node-level") are not modifiers
        if word.i > 0 and (doc[word.i - 1].pos_ in {"ADJ", "NOUN", "PROPN"} or doc[word.i - 1].text == "-") \
                and not doc[word.i - 1].is_stop:
            continue  # "music video and image …" is not one word
        span = Span(doc, word.i, word.i + 1, label=ent.label_)
        span._.kg_text = f"{word.text} {ent[1:].text}"
        span._.kg_key = match_key(span._.kg_text)
        span._.kg_rule = "ellipsis"
        span._.kg_confidence = 0.6
        found.append(span)
    return found


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

