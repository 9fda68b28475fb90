"""Paper-level scores of ways to combine the learned NER with kg's rules, on the dev sets.

Each setting is kg's pipeline plus the ``kg_learned`` component
(``kg/extract/learned.py``) placed after PLACE, with its ``combine``,
``map_types`` and ``named_sets`` settings; ``rules`` is the pipeline without it
(what ``kg evaluate`` prints by default). Scoring is ``kg.evaluate.score``, as in
``kg evaluate``: SciERC dev with types Method, Dataset, Metric, Task and
Architecture folded into Method; the project dev set with all five types.

Two record-level settings are scored as well: ``model-alone`` (the model's
entities only, grouped per paper by lower-cased text, SciERC labels as they are)
and ``record-union`` (rules, plus those model entities whose match key no rule
entity has).

Only the papers of each gold file are run: extraction and resolution are per
paper, so the scores equal those of ``kg evaluate`` over the whole corpus.

Usage (from /work/main):
    .venv/bin/python train/score_dev.py train/build/output/D/model-best --json train/build/scores_D.json
    .venv/bin/python train/score_dev.py kg/data/models/scierc_ner --settings prefer:kg_candidates:map:all
    .venv/bin/python train/score_dev.py kg/data/models/scierc_ner --compare only:kg_relations:map:all \
        prefer:kg_relations:map:all

Never point it at the SciERC test split.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.evaluate import Scores, read_gold, score
from kg.extract import extract_papers, load_pipeline
from kg.extract.learned import COMBINE_MODES
from kg.ingest import read_papers
from kg.ingest.records import normalise_title
from kg.keys import match_key
from kg.model import Paper
from kg.report import RunReport
from kg.resolve import resolve_paper, to_gold_record

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCIERC_DEV = SHARED / "benchmarks" / "scierc" / "dev_gold.jsonl"
PROJECT_DEV = SHARED / "gold" / "dev.jsonl"
PROJECT_CORPUS = SHARED / "corpus" / "hf_daily"
SCIERC_TYPES = ["Method", "Dataset", "Metric", "Task"]
FOLD = {"Architecture": "Method"}
PLACES = ("kg_lexicon", "kg_candidates", "kg_abbreviations", "kg_relations")


def _gold_papers(inputs: list[Path], gold: list[dict[str, Any]]) -> list[Paper]:
    """Read INPUTS and keep the papers that the gold file scores (by id or title)."""
    keys = {str(g.get("id")) for g in gold} | {normalise_title(g.get("title") or "") for g in gold}
    keys.discard("")
    papers = read_papers(inputs, report=RunReport())
    return [p for p in papers if p.id in keys or normalise_title(p.title) in keys]


def _records(papers: list[Paper], setting: str | None, model: Path) -> list[dict[str, Any]]:
    """Run kg's pipeline, with kg_learned as SETTING says (None: rules alone)."""
    nlp = load_pipeline()
    if setting is not None:
        combine, place, types, sets = setting.split(":")
        nlp.add_pipe("kg_learned", after=place, config={
            "model": str(model), "combine": combine, "map_types": types == "map",
            "named_sets": sets == "named"})
    return [{**to_gold_record(resolve_paper(extraction)), "abstract": extraction.paper.abstract}
            for extraction in extract_papers(papers, nlp)]


def _group(paper: Paper, spans: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Group (label, text) mentions by lower-cased text into one record's entities."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, str] = {}
    for label, text in spans:
        labels[text.lower()][label] += 1
        forms.setdefault(text.lower(), text)
    entities = [{"type": counts.most_common(1)[0][0], "name": forms[key], "mentions": [forms[key]]}
                for key, counts in labels.items()]
    return {"id": paper.id, "title": paper.title, "entities": entities}


def _model_records(papers: list[Paper], model: Path) -> list[dict[str, Any]]:
    """The model's own entities per paper, SciERC labels as they are."""
    import spacy

    nlp = spacy.load(model)
    return [_group(paper, [(e.label_, e.text) for e in doc.ents])
            for doc, paper in nlp.pipe(((p.text, p) for p in papers), as_tuples=True)]


def _union(rules: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
    """Add to RULES the model entities whose match key no rule entity has."""
    keys = {match_key(form) for e in rules["entities"] for form in [e["name"], *e["mentions"]]}
    extra = [e for e in model["entities"] if match_key(e["name"]) not in keys]
    return {**rules, "entities": [*rules["entities"], *extra]}


def _row(name: str, s: Scores, seconds: float) -> dict[str, Any]:
    row: dict[str, Any] = {"setting": name, "P": s.micro.precision, "R": s.micro.recall,
                           "F1": s.micro.f1, "tp": s.micro.tp, "pred": s.micro.predicted}
    row.update({k[:4]: c.f1 for k, c in s.by_type.items()})
    row.update({k[:8]: c.f1 for k, c in s.relations.items() if k != "results"})
    row["s"] = seconds
    return row


def _table(title: str, rows: list[dict[str, Any]]) -> str:
    columns = [c for c in rows[0] if c != "setting"]
    width = max(len(r["setting"]) for r in rows) + 2
    lines = [title, "setting".ljust(width) + "".join(c.rjust(9) for c in columns)]
    for row in rows:
        cells = [f"{row[c]:.3f}" if isinstance(row[c], float) else str(row[c]) for c in columns]
        lines.append(row["setting"].ljust(width) + "".join(x.rjust(9) for x in cells))
    return "\n".join(lines)


def compare(a: list[dict[str, Any]], b: list[dict[str, Any]], gold: list[dict[str, Any]],
            *, rounds: int = 2000, **kwargs: Any) -> dict[str, float]:
    """Paired bootstrap over papers of micro-F1(A) − micro-F1(B) (records matched by id).

    Returns:
        The observed difference, its 2.5 and 97.5 percentiles, and the share of
        rounds in which A scores higher.
    """
    def counts(records: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
        by_id = {r["id"]: r for r in records}
        out = []
        for g in gold:
            micro = score([by_id[g["id"]]] if g["id"] in by_id else [], [g], **kwargs).micro
            out.append((micro.tp, micro.predicted, micro.gold))
        return out

    def f1(rows: list[tuple[int, int, int]]) -> float:
        tp, pred, true = (sum(r[i] for r in rows) for i in range(3))
        return 2 * tp / (pred + true) if pred + true else 0.0

    ca, cb = counts(a), counts(b)
    rng = random.Random(0)
    diffs = []
    for _ in range(rounds):
        sample = [rng.randrange(len(gold)) for _ in gold]
        diffs.append(f1([ca[i] for i in sample]) - f1([cb[i] for i in sample]))
    diffs.sort()
    return {"difference": f1(ca) - f1(cb), "low": diffs[int(0.025 * rounds)],
            "high": diffs[int(0.975 * rounds)], "a_higher": sum(d > 0 for d in diffs) / rounds}


def _all_settings() -> list[str]:
    return [f"{combine}:{place}:map:{sets}" for place in PLACES for combine in COMBINE_MODES
            for sets in ("named", "all")]


def score_settings(gold_path: Path, inputs: list[Path], settings: list[str], model: Path, *,
                   scierc: bool) -> list[dict[str, Any]]:
    """Score the rules, each setting and (on SciERC) the record-level settings."""
    gold = read_gold(gold_path)
    papers = _gold_papers(inputs, gold)
    kwargs: dict[str, Any] = {"types": SCIERC_TYPES, "fold": FOLD} if scierc else {}
    rows = []
    started = time.process_time()
    rules = _records(papers, None, model)
    rows.append(_row("rules", score(rules, gold, **kwargs), time.process_time() - started))
    if scierc:
        started = time.process_time()
        alone = _model_records(papers, model)
        seconds = time.process_time() - started
        rows.append(_row("model-alone", score(alone, gold, **kwargs), seconds))
        union = [_union(r, m) for r, m in zip(rules, alone, strict=True)]
        rows.append(_row("record-union", score(union, gold, **kwargs), seconds))
    for setting in settings:
        started = time.process_time()
        records = _records(papers, setting, model)
        rows.append(_row(setting, score(records, gold, **kwargs), time.process_time() - started))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="trained model folder")
    parser.add_argument("--settings", nargs="*", help="COMBINE:PLACE:map|raw:named|all (default: every "
                        "combine mode and named/all at every place, mapped types)")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"),
                        help="only a paired bootstrap of two settings on SciERC dev")
    parser.add_argument("--skip-project", action="store_true", help="score SciERC dev only")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    if any("test" in part for part in args.model.parts):
        parser.error("refusing a path that names the test split")
    if args.compare:
        gold = read_gold(SCIERC_DEV)
        papers = _gold_papers([SCIERC_DEV], gold)
        a, b = (_records(papers, setting, args.model) for setting in args.compare)
        result = compare(a, b, gold, types=SCIERC_TYPES, fold=FOLD)
        print(f"SciERC dev micro-F1, {args.compare[0]} minus {args.compare[1]}: "
              f"{result['difference']:+.3f} (95% bootstrap interval {result['low']:+.3f} to "
              f"{result['high']:+.3f}; A higher in {result['a_higher']:.0%} of 2,000 resamples)")
        return 0
    settings = args.settings if args.settings is not None else _all_settings()
    report: dict[str, list[dict[str, Any]]] = {}
    report["scierc_dev"] = score_settings(SCIERC_DEV, [SCIERC_DEV], settings, args.model, scierc=True)
    print(_table("SciERC dev, paper level, types Method,Dataset,Metric,Task, Architecture=Method "
                 "(s = CPU seconds)", report["scierc_dev"]), flush=True)
    if not args.skip_project:
        report["project_dev"] = score_settings(PROJECT_DEV, [PROJECT_CORPUS], settings, args.model,
                                               scierc=False)
        print()
        print(_table("project dev (../shared/gold/dev.jsonl), all five types", report["project_dev"]))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
