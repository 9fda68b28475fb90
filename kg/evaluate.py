"""Score extracted records against gold records (GUIDELINES "How a prediction is matched").

Papers are matched by normalised title, or by id when the gold title is empty.
Within a paper and type, a predicted entity matches a gold entity when a key of its
name or aliases equals a key of the gold name or mentions; each entity is used at
most once (a maximum bipartite matching), so two predicted entities for one gold
entity count one hit and one false positive.

Each false positive and miss, of entities and of relations, comes with the first
sentence of the paper (title or abstract) that holds one of its forms, when a record
carries the text (``abstract`` or ``text``), so error analysis can start from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from kg.errors import InputError
from kg.ingest.records import normalise_title
from kg.keys import match_key
from kg.model import EntityType

__all__ = [
    "ERROR_TYPES", "RELATIONS", "Counts", "ErrorItem", "Evidence", "PaperErrors", "Scores",
    "find_evidence", "read_gold", "score",
]

Record = Mapping[str, Any]

RELATIONS = ("proposes", "evaluated_on", "results")
#: What an error can be about: the five entity types, then the three relations.
ERROR_TYPES = (*(t.value for t in EntityType), *RELATIONS)


@dataclass
class Counts:
    """True positives, predictions and gold items, with the scores they give.

    Example:
        >>> c = Counts(tp=3, predicted=4, gold=6)
        >>> round(c.precision, 2), round(c.recall, 2), round(c.f1, 2)
        (0.75, 0.5, 0.6)
    """

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """TP / predicted (0 when nothing was predicted)."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """TP / gold (0 when there is no gold)."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add another count into this one."""
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of a paper and the character spans in it where the names occur."""

    sentence: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One false positive or miss.

    ``type`` is an entity type or a relation (``proposes``, ``evaluated_on``,
    ``results``); ``name`` is the entity name or the statement, with predicted names
    replaced by the gold names they matched. ``evidence`` is ``None`` when the names
    are not in the text, or when there is no text.
    """

    type: str
    name: str
    evidence: Evidence | None = None


def _order(kind: str, item: ErrorItem) -> tuple[Any, ...]:
    relation = RELATIONS.index(item.type) if item.type in RELATIONS else -1
    return (relation, item.type, kind != "FP", item.name.lower(), item.name)


@dataclass
class PaperErrors:
    """What one paper got wrong: false positives and misses, of entities and relations.

    ``has_text`` says whether the text was known, i.e. whether a missing
    ``evidence`` means "not in the text".
    """

    paper: str
    false_positives: list[ErrorItem] = field(default_factory=list)
    misses: list[ErrorItem] = field(default_factory=list)
    has_text: bool = False

    def items(self) -> list[tuple[str, ErrorItem]]:
        """Return ("FP" | "MISS", item) pairs: entity types, then relations; FP before MISS.

        Example:
            >>> e = PaperErrors("T", [ErrorItem("proposes", "A"), ErrorItem("Task", "B")],
            ...                 [ErrorItem("Task", "C")])
            >>> [(kind, item.type, item.name) for kind, item in e.items()]
            [('FP', 'Task', 'B'), ('MISS', 'Task', 'C'), ('FP', 'proposes', 'A')]
        """
        pairs = [("FP", e) for e in self.false_positives] + [("MISS", e) for e in self.misses]
        return sorted(pairs, key=lambda pair: _order(*pair))

    def only(self, types: Collection[str]) -> PaperErrors:
        """Return a copy keeping the errors of TYPES (entity types or relation names)."""
        return replace(self, false_positives=[e for e in self.false_positives if e.type in types],
                       misses=[e for e in self.misses if e.type in types])


@dataclass
class Scores:
    """Per-type entity scores, their micro average, and relation scores."""

    by_type: dict[str, Counts]
    relations: dict[str, Counts]
    papers_scored: int
    papers_unmatched: list[str]
    errors: list[PaperErrors]

    @property
    def micro(self) -> Counts:
        """Counts summed over all types."""
        total = Counts()
        for counts in self.by_type.values():
            total.add(counts)
        return total

    def error_counts(self) -> dict[str, tuple[int, int]]:
        """Return (false positives, misses) per entity type and relation, over all papers.

        Types without errors are left out; the order is that of ``PaperErrors.items``.
        """
        counts: dict[str, list[int]] = {}
        pairs = [pair for paper in self.errors for pair in paper.items()]
        for kind, item in sorted(pairs, key=lambda pair: _order(*pair)):
            counts.setdefault(item.type, [0, 0])[0 if kind == "FP" else 1] += 1
        return {name: (fp, miss) for name, (fp, miss) in counts.items()}


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold JSON Lines file.

    Raises:
        InputError: naming the line of a record that is not a gold record.
    """
    records = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(path, line, "not valid UTF-8") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, number, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(record, dict) or "entities" not in record:
            raise InputError(path, number, "missing field 'entities'")
        records.append(record)
    return records


def _keys(entity: Record, *, gold: bool) -> set[str]:
    forms = [entity["name"], *entity.get("mentions", ())]
    if gold:
        forms += entity.get("aliases", ())
    return {match_key(f) for f in forms if f}


def _paper_key(record: Record) -> str:
    title = normalise_title(record.get("title") or "")
    return f"t:{title}" if title else f"id:{record.get('id')}"


def _match(pred: Sequence[Record], gold: Sequence[Record]) -> dict[int, int]:
    """Maximum matching: predicted index → gold index, the same on every run.

    Among maximum matchings, pairs whose names themselves match are preferred, so a
    relation names the gold entity the prediction names. (networkx's Hopcroft–Karp
    walks sets, so its choice among equal matchings changed with the hash seed.)

    Example:
        >>> gold = [{"name": "convolutional neural network", "mentions": ["CNN"]}, {"name": "CNN", "mentions": []}]
        >>> _match([{"name": "CNN", "mentions": []}], gold)
        {0: 1}
    """
    if not pred or not gold:
        return {}
    gold_keys = [_keys(g, gold=True) for g in gold]
    gold_names = [match_key(g["name"]) for g in gold]
    weights = np.zeros((len(pred), len(gold)))
    for i, p in enumerate(pred):
        keys = _keys(p, gold=False)
        for j, keys_j in enumerate(gold_keys):
            if keys & keys_j:
                weights[i, j] = 1.0 + (0.001 if match_key(p["name"]) == gold_names[j] else 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return {int(i): int(j) for i, j in zip(rows, cols) if weights[i, j] > 0}


def _typed(entities: Iterable[Record], fold: Mapping[str, str], types: set[str]) -> list[dict[str, Any]]:
    out = []
    for e in entities:
        kind = fold.get(e["type"], e["type"])
        if kind in types:
            out.append({**e, "type": kind})
    return out


def score(
    predicted: Iterable[Record],
    gold: Iterable[Record],
    *,
    types: Iterable[str] | None = None,
    fold: Mapping[str, str] | None = None,
) -> Scores:
    """Score predicted records against gold records.

    The errors of each paper carry their sentence when the predicted or the gold
    record holds the paper's text: ``abstract`` (or ``text``, as in the benchmark
    files) beside ``title``.

    Args:
        predicted: records in the gold format (``kg extract`` output), optionally
            with ``abstract``.
        gold: gold records.
        types: the entity types to score (default: all five).
        fold: map a type onto another before scoring, e.g. ``{"Architecture": "Method"}``
            for a benchmark without Architecture.

    Example:
        >>> gold = [{"title": "T", "entities": [{"type": "Dataset", "name": "CIFAR-10",
        ...          "mentions": ["CIFAR10"]}], "proposes": [], "evaluated_on": []}]
        >>> pred = [{"title": "T", "entities": [{"type": "Dataset", "name": "cifar-10",
        ...          "mentions": []}, {"type": "Metric", "name": "accuracy", "mentions": []}]}]
        >>> s = score(pred, gold)
        >>> s.by_type["Dataset"].f1, s.micro.precision
        (1.0, 0.5)
    """
    wanted = set(types or [t.value for t in EntityType])
    fold = dict(fold or {})
    by_type = {t: Counts() for t in sorted(wanted)}
    relations = {name: Counts() for name in RELATIONS}
    predictions = {_paper_key(r): r for r in predicted}
    unmatched: list[str] = []
    errors: list[PaperErrors] = []
    scored = 0
    for g in gold:
        p = predictions.get(_paper_key(g))
        if p is None:
            unmatched.append(g.get("title") or str(g.get("id")))
            p = {"entities": []}
        scored += 1
        text = _text(p) or _text(g)
        g_ents = _typed(g["entities"], fold, wanted)
        p_ents = _typed(p["entities"], fold, wanted)
        paper_errors = PaperErrors(g.get("title") or str(g.get("id")), has_text=text is not None)
        pred_to_gold_name: dict[str, str] = {}
        for kind in sorted(wanted):
            pk = [e for e in p_ents if e["type"] == kind]
            gk = [e for e in g_ents if e["type"] == kind]
            matching = _match(pk, gk)
            by_type[kind].add(Counts(len(matching), len(pk), len(gk)))
            for i, j in matching.items():
                pred_to_gold_name[pk[i]["name"]] = gk[j]["name"]
            hit = set(matching.values())
            paper_errors.false_positives += [
                ErrorItem(kind, e["name"], _find(text, _forms(e))) for i, e in enumerate(pk) if i not in matching]
            paper_errors.misses += [
                ErrorItem(kind, e["name"], _find(text, _forms(e, gold=True))) for j, e in enumerate(gk) if j not in hit]
        for name, (pred, gold_items) in _relation_items(p, g, pred_to_gold_name).items():
            relations[name].add(Counts(len(pred.keys() & gold_items.keys()), len(pred), len(gold_items)))
            paper_errors.false_positives += [
                ErrorItem(name, shown, _find(text, *names)) for key, (shown, names) in pred.items()
                if key not in gold_items]
            paper_errors.misses += [
                ErrorItem(name, shown, _find(text, *names)) for key, (shown, names) in gold_items.items()
                if key not in pred]
        errors.append(paper_errors)
    return Scores(by_type, relations, scored, unmatched, errors)


# A statement of a relation: its scoring key → (what to show, the forms of each name in it).
_Statements = dict[Hashable, tuple[str, list[list[str]]]]


def _relation_items(p: Record, g: Record, pred_to_gold: Mapping[str, str]) -> dict[str, tuple[_Statements, _Statements]]:
    """Predicted and gold statements of each relation, keyed as they are compared.

    Predicted names are replaced by the gold names they matched; a name that matched
    none becomes ``?name`` in the key, so it can never equal a gold statement.
    """
    p_forms = {e["name"]: _forms(e) for e in p["entities"]}
    g_forms = {e["name"]: _forms(e, gold=True) for e in g["entities"]}

    def key(name: str) -> str:
        return pred_to_gold.get(name) or f"?{name}"

    def shown(name: str) -> str:
        return pred_to_gold.get(name) or name

    def forms(name: str | None, side: Mapping[str, list[str]]) -> list[list[str]]:
        return [side.get(name, [name])] if name else []

    out: dict[str, tuple[_Statements, _Statements]] = {name: ({}, {}) for name in RELATIONS}
    pred_proposes, gold_proposes = out["proposes"]
    for n in p.get("proposes", []):
        pred_proposes.setdefault(key(n), (shown(n), forms(n, p_forms)))
    for n in g.get("proposes", []):
        gold_proposes.setdefault(n, (n, forms(n, g_forms)))
    pred_pairs, gold_pairs = out["evaluated_on"]
    for a, b in p.get("evaluated_on", []):
        pred_pairs.setdefault((key(a), key(b)), (f"{shown(a)} → {shown(b)}", forms(a, p_forms) + forms(b, p_forms)))
    for a, b in g.get("evaluated_on", []):
        gold_pairs.setdefault((a, b), (f"{a} → {b}", forms(a, g_forms) + forms(b, g_forms)))
    pred_results, gold_results = out["results"]
    for r in p.get("results", []):
        subject, metric = r.get("subject"), r["metric"]
        statement = (key(subject) if subject else None, pred_to_gold.get(metric) or "?", _value(r["value"]))
        pred_results.setdefault(statement, (
            _result(shown(subject) if subject else None, shown(metric), r["value"]),
            [[str(r["value"])], *forms(metric, p_forms), *forms(subject, p_forms)]))
    for r in g.get("results", []):
        subject, metric = r.get("subject"), r["metric"]
        gold_results.setdefault((subject, metric, _value(r["value"])), (
            _result(subject, metric, r["value"]),
            [[str(r["value"])], *forms(metric, g_forms), *forms(subject, g_forms)]))
    return out


def _result(subject: str | None, metric: str, value: object) -> str:
    return f"{subject}: {metric} = {value}" if subject else f"{metric} = {value}"


def _forms(entity: Record, *, gold: bool = False) -> list[str]:
    """The surface forms under which an entity may appear in its paper's text."""
    forms = [entity["name"], *entity.get("mentions", ())]
    if gold:
        forms += entity.get("aliases", ())
    return [f for f in forms if f]


def _text(record: Record) -> str | None:
    """The paper's text as the extractor reads it (title, blank line, abstract), if given."""
    body = record.get("abstract") or record.get("text")
    return f"{record.get('title') or ''}\n\n{body}" if body else None


def _find(text: str | None, *names: Sequence[str]) -> Evidence | None:
    return find_evidence(text, *names) if text else None


# Sentence ends: a blank line (after the title) or . ! ? before an upper-case start.
_BREAK = re.compile(r"\n\s*\n|(?<=[.!?])\s+(?=[A-Z0-9(\[\"'“‘])")
_NO_BREAK_AFTER = ("e.g.", "i.e.", "vs.", "et al.", "cf.", "Fig.", "Eq.", "approx.", "resp.")
_SEPARATOR = r"[\s\-‐‑‒–—]*"


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-empty sentence of TEXT; a simple splitter for display."""
    start = 0
    for brk in _BREAK.finditer(text):
        if "\n" not in brk.group() and text[: brk.start()].endswith(_NO_BREAK_AFTER):
            continue
        if text[start:brk.start()].strip():
            yield start, brk.start()
        start = brk.end()
    if text[start:].strip():
        yield start, len(text.rstrip())


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str] | None:
    """A pattern for every spelling of FORM with the same ``match_key``.

    Any case; hyphens and spaces anywhere; an optional plural ending.
    """
    key = match_key(form)
    if not key:
        return None
    stem, ending = (key[:-1], "(?:y|ies)") if key.endswith("y") and len(key) > 2 else (key, "(?:e?s)?")
    body = _SEPARATOR.join(re.escape(c) for c in stem)
    return re.compile(rf"(?<!\w){body}{ending}(?!\w)", re.IGNORECASE)


def find_evidence(text: str, *names: Sequence[str]) -> Evidence | None:
    """Return the first sentence of TEXT holding the most of NAMES, each given by its forms.

    Between sentences with as many names, one holding the first name wins. A form is found under the GUIDELINES matching rule (case, hyphens, spaces and a
    plural ending do not count). Each found name gets the span of its earliest form.

    Args:
        text: the paper's title and abstract.
        names: for each name, the forms it may take (a name and its mentions).

    Returns:
        The sentence and the spans of the names in it, or ``None`` when no name occurs.

    Example:
        >>> text = "KANs: A Study" + chr(10) * 2 + "We train Kolmogorov-Arnold nets. They fit MNIST."
        >>> e = find_evidence(text, ["Kolmogorov Arnold Network", "KAN"], ["MNIST"])
        >>> e.sentence, [e.sentence[a:b] for a, b in e.spans]
        ('KANs: A Study', ['KANs'])
        >>> e = find_evidence(text, ["MNIST"], ["Kolmogorov-Arnold net"])
        >>> e.sentence  # neither sentence has both names: the one with the first wins
        'They fit MNIST.'
        >>> find_evidence(text, ["ImageNet"]) is None
        True
    """
    best: Evidence | None = None
    best_rank = (0, False)
    for start, end in _sentences(text):
        sentence = text[start:end].strip()
        found: dict[int, tuple[int, int]] = {}
        for number, forms in enumerate(names):
            hits = [m.span() for f in forms if (pattern := _pattern(f)) and (m := pattern.search(sentence))]
            if hits:
                found[number] = min(hits, key=lambda span: (span[0], -span[1]))  # earliest, longest
        spans = list(found.values())
        rank = (len(spans), 0 in found)
        if rank > best_rank:
            best, best_rank = Evidence(sentence, tuple(spans)), rank
            if len(spans) == len(names):
                break
    return best


def _value(value: object) -> str:
    return "".join(str(value).split()).lower()
