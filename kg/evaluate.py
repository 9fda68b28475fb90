"""Score extracted records against gold records (GUIDELINES "How a prediction is matched").

Papers are matched by normalised title, or by id when the gold title is empty.
Within a paper and type, a predicted entity matches a gold entity when a key of its
name or aliases equals a key of the gold name or mentions; each entity is used at
most once (a maximum bipartite matching), so two predicted entities for one gold
entity count one hit and one false positive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.ingest.records import normalise_title
from kg.keys import match_key
from kg.model import EntityType

__all__ = ["Counts", "PaperErrors", "Scores", "read_gold", "score"]

Record = Mapping[str, Any]


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


@dataclass
class PaperErrors:
    """What one paper got wrong: false positives and misses as (type, name) pairs."""

    paper: str
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)


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
    """Maximum matching: predicted index → gold index."""
    graph = nx.Graph()
    left = [("p", i) for i in range(len(pred))]
    graph.add_nodes_from(left)
    graph.add_nodes_from(("g", j) for j in range(len(gold)))
    gold_keys = [_keys(g, gold=True) for g in gold]
    for i, p in enumerate(pred):
        keys = _keys(p, gold=False)
        for j, g in enumerate(gold):
            if keys & gold_keys[j]:
                graph.add_edge(("p", i), ("g", j))
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=left)
    return {i: matching[("p", i)][1] for i in range(len(pred)) if ("p", i) in matching}


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

    Args:
        predicted: records in the gold format (``kg extract`` output).
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
    relations = {name: Counts() for name in ("proposes", "evaluated_on", "results")}
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
        g_ents = _typed(g["entities"], fold, wanted)
        p_ents = _typed(p["entities"], fold, wanted)
        paper_errors = PaperErrors(g.get("title") or str(g.get("id")))
        gold_to_pred_name: dict[str, str] = {}
        for kind in sorted(wanted):
            pk = [e for e in p_ents if e["type"] == kind]
            gk = [e for e in g_ents if e["type"] == kind]
            matching = _match(pk, gk)
            by_type[kind].add(Counts(len(matching), len(pk), len(gk)))
            for i, j in matching.items():
                gold_to_pred_name[pk[i]["name"]] = gk[j]["name"]
            hit = set(matching.values())
            paper_errors.false_positives += [(kind, e["name"]) for i, e in enumerate(pk) if i not in matching]
            paper_errors.misses += [(kind, e["name"]) for j, e in enumerate(gk) if j not in hit]
        errors.append(paper_errors)
        as_gold = gold_to_pred_name.get
        relations["proposes"].add(_set_counts(
            {as_gold(n) or f"?{n}" for n in p.get("proposes", [])}, set(g.get("proposes", []))))
        relations["evaluated_on"].add(_set_counts(
            {(as_gold(a) or f"?{a}", as_gold(b) or f"?{b}") for a, b in p.get("evaluated_on", [])},
            {tuple(pair) for pair in g.get("evaluated_on", [])}))
        relations["results"].add(_set_counts(
            {((as_gold(r["subject"]) or f"?{r['subject']}") if r.get("subject") else None,
              as_gold(r["metric"]) or "?",
              _value(r["value"])) for r in p.get("results", [])},
            {(r.get("subject"), r["metric"], _value(r["value"])) for r in g.get("results", [])}))
    return Scores(by_type, relations, scored, unmatched, errors)


def _value(value: object) -> str:
    return "".join(str(value).split()).lower()


def _set_counts(predicted: set[Any], gold: set[Any]) -> Counts:
    return Counts(len(predicted & gold), len(predicted), len(gold))
