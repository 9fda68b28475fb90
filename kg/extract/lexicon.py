"""The lexicon: concepts read from ``kg/data/lexicon/*.jsonl``, matched in text.

Matching follows the GUIDELINES rule for variants: a span of tokens matches a
concept when its :func:`~kg.keys.match_key` equals the key of the concept's label or
one of its aliases. Short all-caps aliases ("GAN", "SGD") and dataset names that are
also English words ("Cora", "Traffic") match only with their case as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.concepts import read_concepts
from kg.extract.extensions import register_extensions
from kg.extract.typing import TRIM_WORDS
from kg.keys import match_key
from kg.model import Concept, EntityType

__all__ = ["Lexicon", "LexiconMatcher", "is_case_sensitive", "make_lexicon_matcher"]

def _exact_key(form: str) -> str:
    """Key for case-sensitive forms: only spaces and hyphens dropped."""
    return "".join(form.replace("-", " ").split())


_BRITISH_IZE = re.compile(r"(?<=[a-z]{3})is(ations?|ed|es|ers?|ing|e)\b")
_BRITISH_LL = re.compile(r"(?<=[a-z]{3}e)ll(ing|ed|er|ers)\b")


def spelling_key(form: str) -> str:
    """Return the match key of FORM with British spellings made American.

    Used by the lexicon only, on both sides of a lookup, so that "regularised
    evolution" and "modelling" find "regularized evolution" and "modeling" (the
    scoring rule of GUIDELINES keeps its own, stricter key).

    Example:
        >>> spelling_key("Regularised Evolution") == spelling_key("regularized evolution")
        True
        >>> spelling_key("time-series modelling") == spelling_key("time series modeling")
        True
    """
    return _american_key(form, None)


def _american_key(form: str, key: str | None) -> str:
    """``spelling_key`` of FORM; KEY, its ``match_key`` if known, is reused when no spelling changes."""
    text = unicodedata.normalize("NFKC", form).lower()
    american = _BRITISH_LL.sub(r"l\1", _BRITISH_IZE.sub(r"iz\1", text))
    return key if key is not None and american == text else match_key(american)


def _capital_key(form: str, key: str | None = None) -> str:
    """Key for mixed-case forms: a final capital "S" is part of the name ("GlaS"), not a plural.

    Example:
        >>> _capital_key("GlaS") == _capital_key("GLA"), _capital_key("mAPs") == _capital_key("mAP")
        (False, True)
    """
    if len(form) > 1 and form[-1] == "S" and form[-2].islower():
        return _exact_key(form).lower()
    return key if key is not None else match_key(form)


def written_variants(label: str, aliases: Iterable[str]) -> list[str]:
    """Other ways papers write a network's name: "recurrent NN" and "recurrent net" for "recurrent neural network".

    Example:
        >>> written_variants("recurrent neural network", ["RNN"])
        ['recurrent NN', 'recurrent net']
        >>> written_variants("Transformer", [])
        []
    """
    variants = []
    for form in (label, *aliases):
        words = form.split()
        if len(words) >= 3 and [w.lower() for w in words[-2:]] == ["neural", "network"]:
            variants.append(" ".join([*words[:-2], "NN"]))
            variants.append(" ".join([*words[:-2], "net"]))
        elif len(words) >= 2 and words[-1].lower() == "network" and words[-2].lower() != "neural":
            variants.append(" ".join([*words[:-1], "net"]))
    known = {f.lower() for f in (label, *aliases)}
    return [v for v in dict.fromkeys(variants) if v.lower() not in known]


def is_mixed_case(form: str) -> bool:
    """Tell whether FORM is a short name with an inner capital ("mAP", "mIoU").

    Such forms match in any case but all lower case or Title Case: "mIOU" is the metric,
    "maps" and "Maps" are not.

    Example:
        >>> is_mixed_case("mAP"), is_mixed_case("ResNet"), is_mixed_case("GAN")
        (True, False, False)
    """
    letters = [c for c in form if c.isalpha()]
    return (
        0 < len(letters) <= 5 and " " not in form
        and any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters)
    )


def is_case_sensitive(form: str, kind: EntityType, english: frozenset[str]) -> bool:
    """Tell whether FORM must match with its case as written.

    Example:
        >>> is_case_sensitive("GAN", EntityType.ARCHITECTURE, frozenset())
        True
        >>> is_case_sensitive("Cora", EntityType.DATASET, frozenset({"cora"}))
        True
        >>> is_case_sensitive("Transformer", EntityType.ARCHITECTURE, frozenset({"transformer"}))
        False
        >>> is_case_sensitive("dropout", EntityType.METHOD, frozenset({"dropout"}))
        False
        >>> is_case_sensitive("mAP", EntityType.METRIC, frozenset())
        True
        >>> is_case_sensitive("Places", EntityType.DATASET, frozenset({"place"}))
        True
        >>> is_case_sensitive("Wide and Deep", EntityType.ARCHITECTURE, frozenset({"wide", "deep"}))
        True
    """
    letters = [c for c in form if c.isalpha()]
    if letters and len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in form:
        return True
    if is_mixed_case(form):
        return True
    low = form.lower()
    words = low.split()
    if len(words) > 1 and form[:1].isupper() and set(words) & {"and", "or", "&"} \
            and all(w in english or w in {"and", "or", "&"} for w in words):
        return True  # "Wide and Deep" is a model; "wide and deep networks" are not
    return (
        kind is EntityType.DATASET
        and " " not in form
        and form[:1].isupper()
        and (low in english or (low.endswith("s") and low[:-1] in english))
    )


@dataclass
class Lexicon:
    """Concepts indexed by match key, ready for matching."""

    concepts: dict[str, Concept]
    written: dict[str, str]  # _exact_key(form) -> concept id, every form as written
    folded: dict[str, str]  # match_key(form) -> concept id, forms that match in any case
    capital: dict[str, str]  # match_key(form) -> concept id, if the text is not all lower case
    max_tokens: int

    @classmethod
    def from_concepts(cls, concepts: Iterable[Concept], *, english: frozenset[str] = frozenset()) -> Lexicon:
        """Index concepts; when two concepts claim one form, the first keeps it.

        Example:
            >>> lex = Lexicon.from_concepts([Concept("method/dropout", EntityType.METHOD, "dropout")])
            >>> lex.lookup("Dropout"), lex.lookup("dropouts")
            ('method/dropout', 'method/dropout')
        """
        by_id: dict[str, Concept] = {}
        written: dict[str, str] = {}
        folded: dict[str, str] = {}
        capital: dict[str, str] = {}
        longest = 1
        for concept in concepts:
            by_id[concept.id] = concept
            for form in (concept.label, *concept.aliases, *written_variants(concept.label, concept.aliases)):
                longest = max(longest, len(form.replace("-", " ").split()) * 2)
                written.setdefault(_exact_key(form), concept.id)
                if is_mixed_case(form):
                    capital.setdefault(_capital_key(form), concept.id)
                elif not is_case_sensitive(form, concept.type, english):
                    folded.setdefault(spelling_key(form), concept.id)
                # case-sensitive forms match only as written, through `written`
        return cls(by_id, written, folded, capital, min(longest, 16))

    def lookup(self, form: str) -> str | None:
        """Return the concept id whose label or alias FORM is a variant of, if any."""
        exact = _exact_key(form)
        # a form written exactly as some concept writes it wins over case-folding:
        # "SuperGLUE" is the dataset, "SuperGlue" the architecture
        if exact in self.written:
            return self.written[exact]
        if exact.endswith("s") and exact[:-1] in self.written:
            return self.written[exact[:-1]]
        key = match_key(form)  # computed once: both keys below start from it
        capital = _capital_key(form, key)
        if capital in self.capital and not form.islower() and not (form[:1].isupper() and form[1:].islower()):
            return self.capital[capital]  # "MIOU" is mIoU; "Maps" in a title is not mAP
        return self.folded.get(_american_key(form, key))


def _english_words(nlp: Language) -> frozenset[str]:
    """Common English words known to the pipeline's lemmatizer tables, if it has them."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        if pos in table:
            words.update(table[pos])
    return frozenset(words)


#: Unit words after a number → the name of the metric they measure.
UNIT_METRICS = {"fps": "frames per second", "parameters": "parameter count", "params": "parameter count"}
_SCALED = re.compile(r"^\d+(?:\.\d+)?[KMBT]$")
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion"})

_SKIP_EDGE = frozenset({"-", "(", ")", ",", ".", ";", ":", "/", "and", "or", "of", "the", "a", "an"})


_DASHES = frozenset("-–—")


def _is_edge_word(token: Token) -> bool:
    """A word no lexicon match starts or ends with: punctuation, dashes ("--"), "and", "the"."""
    return token.lower_ in _SKIP_EDGE or token.is_space or set(token.text) <= _DASHES


def _inside_fixed_compound(doc: Doc, start: int) -> bool:
    """Tell whether token START ends a fixed adjective such as "real-world": "real-world models" are no world models."""
    if start < 2 or doc[start - 1].text != "-" or doc[start - 1].whitespace_ or doc[start - 2].whitespace_:
        return False
    return f"{doc[start - 2].lower_}-{doc[start].lower_}" in TRIM_WORDS


class LexiconMatcher:
    """Mark every lexicon concept in a Doc as an entity (longest match wins)."""

    def __init__(self, name: str, lexicon: Lexicon) -> None:
        self.name = name
        self.lexicon = lexicon

    def matches(self, doc: Doc) -> list[Span]:
        """Return the lexicon spans of DOC, longest first where they overlap."""
        found: list[Span] = []
        n = len(doc)
        for start in range(n):
            if _is_edge_word(doc[start]) or _inside_fixed_compound(doc, start):
                continue
            for end in range(min(n, start + self.lexicon.max_tokens), start, -1):
                last = doc[end - 1]
                if _is_edge_word(last):
                    continue
                text = doc[start:end].text
                if "\n" in text:
                    continue
                concept_id = self.lexicon.lookup(text)
                if concept_id is None:
                    continue
                concept = self.lexicon.concepts[concept_id]
                span = Span(doc, start, end, label=concept.type.value)
                span._.kg_concept = concept_id
                span._.kg_rule = "lexicon"
                span._.kg_confidence = 1.0
                found.append(span)
                break
        # "vanilla gradient descent": a match opening with a trim word gives way to one
        # that starts inside it and runs further ("gradient descent")
        found = [m for m in found if not (m[0].lower_ in TRIM_WORDS and any(
            m.start < o.start < m.end < o.end for o in found))]
        return filter_spans(found)

    def unit_matches(self, doc: Doc) -> list[Span]:
        """Return metrics named by a unit after a number: "60 fps", "1.3B parameters".

        The unit's metric is looked up by its name (``UNIT_METRICS``), so it gets the
        lexicon concept when the lexicon has one.
        """
        found = []
        for token in doc[1:]:
            name = UNIT_METRICS.get(token.lower_)
            previous = doc[token.i - 1]
            if name is None or not (previous.like_num or _SCALED.match(previous.text)):
                continue
            if token.lower_ != "fps" and not (_SCALED.match(previous.text) or previous.lower_ in _SCALE_WORDS):
                continue  # "3 parameters" is a count; "1.3B parameters", "7 billion parameters" a size
            concept_id = self.lexicon.lookup(name)
            if concept_id is None:
                continue
            span = Span(doc, token.i, token.i + 1, label=self.lexicon.concepts[concept_id].type.value)
            span._.kg_concept = concept_id
            span._.kg_rule = "unit"
            span._.kg_confidence = 1.0
            found.append(span)
        return found

    def cutoff_matches(self, doc: Doc) -> list[Span]:
        """Return metrics at a cutoff the lexicon lacks: "NDCG@20", "MRR@5" from "NDCG", "MRR".

        A cutoff the lexicon knows ("Recall@1") is a plain lexicon match.
        """
        found = []
        for token in doc:
            metric, at, cutoff = token.text.partition("@")
            if not at or not metric or not (cutoff.isdigit() or cutoff.lower() == "k") or self.lexicon.lookup(token.text):
                continue
            concept_id = self.lexicon.lookup(metric)
            if concept_id is None or self.lexicon.concepts[concept_id].type is not EntityType.METRIC:
                continue
            span = Span(doc, token.i, token.i + 1, label=EntityType.METRIC.value)
            span._.kg_rule = "cutoff"
            span._.kg_confidence = 0.9
            found.append(span)
        return found

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = filter_spans([*self.matches(doc), *self.unit_matches(doc), *self.cutoff_matches(doc), *doc.ents])
        return doc


@Language.factory(
    "kg_lexicon",
    assigns=["doc.ents", "span._.kg_concept"],
    default_config={"folder": None},
)
def make_lexicon_matcher(nlp: Language, name: str, folder: str | None) -> LexiconMatcher:
    """Build the lexicon matcher from the bundled lexicon or from FOLDER."""
    register_extensions()
    concepts = read_concepts(Path(folder) if folder else None)
    return LexiconMatcher(name, Lexicon.from_concepts(concepts, english=_english_words(nlp)))
