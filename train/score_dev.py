"""Paper-level scores of the learned NER on SciERC dev and on the project's dev set.

Settings scored (each a set of predicted records, scored with kg.evaluate.score):

- ``rules``: kg's pipeline as shipped (what ``kg evaluate`` prints);
- ``model``: the model alone, its SciERC labels as they are (Material = Dataset);
- ``model-mapped``: the model alone, labels mapped by kg.extract.learned.to_kg_type;
- ``union``: rules, plus the model's entities whose match key no rule entity has
  (record-level union; model labels as they are);
- ``union-mapped``: the same with mapped labels;
- ``pipeline``: kg's pipeline with the ``kg_learned`` component added after
  ``kg_candidates`` (the form it would ship in: spans added only where no lexicon or
  rule entity sits, before abbreviations and relations run).

Model entities are grouped per paper by lower-cased text (one entity per distinct
text; name = the text; type = the label seen most often).

Only the papers of the gold file are run (scores ignore the others).
The component lives in ``train/ship/learned.py`` until it is shipped.

Usage (from /work/main):
    .venv/bin/python train/score_dev.py train/build/output/A/model-best --json train/build/scores_A.json

Never point it at the SciERC test split.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy

from kg.evaluate import Scores, read_gold, score
from kg.extract import load_pipeline, to_extraction
from kg.ingest import read_papers
from kg.ingest.records import normalise_title
from kg.keys import match_key
from kg.resolve import resolve_paper, to_gold_record

sys.path.insert(0, str(Path(__file__).resolve().parent / "ship"))
from learned import LearnedEntities, to_kg_type  # noqa: E402  (registers "kg_learned")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCIERC_DEV = SHARED / "benchmarks" / "scierc" / "dev_gold.jsonl"
PROJECT_DEV = SHARED / "gold" / "dev.jsonl"
PROJECT_CORPUS = SHARED / "corpus" / "hf_daily"
SCIERC_TYPES = ["Method", "Dataset", "Metric", "Task"]
FOLD = {"Architecture": "Method"}


def _group(paper_id: str, title: str, spans: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Group (label, text) mentions by lower-cased text into one record's entities."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, str] = {}
    for label, text in spans:
        labels[text.lower()][label] += 1
        forms.setdefault(text.lower(), text)
    entities = [{"type": counts.most_common(1)[0][0], "name": forms[key], "mentions": [forms[key]]}
                for key, counts in labels.items()]
    return {"id": paper_id, "title": title, "entities": entities}


def _union(rules: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
    """Add to RULES the model entities whose match key no rule entity has."""
    keys = {match_key(form) for e in rules["entities"] for form in [e["name"], *e["mentions"]]}
    extra = [e for e in model["entities"] if match_key(e["name"]) not in keys]
    return {**rules, "entities": [*rules["entities"], *extra]}


def _gold_papers(inputs: list[Path], gold: list[dict[str, Any]]) -> list[Any]:
    """Read INPUTS and keep the papers that the gold file scores (by id or title)."""
    keys = {str(g.get("id")) for g in gold} | {normalise_title(g.get("title") or "") for g in gold}
    keys.discard("")
    return [p for p in read_papers(inputs) if p.id in keys or normalise_title(p.title) in keys]


def predict(inputs: list[Path], gold: list[dict[str, Any]], model_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Run rules, model and both on the gold papers of INPUTS; return records per setting."""
    nlp = load_pipeline()
    learned = LearnedEntities("kg_learned", model=spacy.load(model_dir), confidence=0.55,
                              map_types=True, trim_spans=False)
    combined_nlp = load_pipeline()
    combined_nlp.add_pipe("kg_learned", after="kg_candidates", config={"model": str(model_dir)})
    papers = _gold_papers(inputs, gold)
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc, paper in nlp.pipe(((p.text, p) for p in papers), as_tuples=True):
        rules = to_gold_record(resolve_paper(to_extraction(doc, paper)))
        predicted = learned.model(learned._copy(doc))
        raw = [(e.label_, e.text) for e in predicted.ents]
        mapped = []
        for ent in predicted.ents:
            kind = to_kg_type(doc[ent.start : ent.end], ent.label_)
            if kind is not None:
                mapped.append((kind.value, ent.text))
        model = _group(paper.id, paper.title, raw)
        model_mapped = _group(paper.id, paper.title, mapped)
        out["rules"].append(rules)
        out["model"].append(model)
        out["model-mapped"].append(model_mapped)
        out["union"].append(_union(rules, model))
        out["union-mapped"].append(_union(rules, model_mapped))
    for doc, paper in combined_nlp.pipe(((p.text, p) for p in papers), as_tuples=True):
        out["pipeline"].append(to_gold_record(resolve_paper(to_extraction(doc, paper))))
    return out


def _row(name: str, s: Scores) -> dict[str, Any]:
    row = {"setting": name, "micro_p": s.micro.precision, "micro_r": s.micro.recall,
           "micro_f1": s.micro.f1, "tp": s.micro.tp, "predicted": s.micro.predicted,
           "gold": s.micro.gold}
    row.update({f"{k}_f1": c.f1 for k, c in s.by_type.items()})
    row.update({f"{k}_f1": c.f1 for k, c in s.relations.items() if k != "results"})
    return row


def _table(title: str, rows: list[dict[str, Any]]) -> str:
    columns = [c for c in rows[0] if c != "setting"]
    lines = [title, "setting".ljust(14) + "".join(c.rjust(15) for c in columns)]
    for row in rows:
        cells = [f"{row[c]:.3f}" if isinstance(row[c], float) else str(row[c]) for c in columns]
        lines.append(row["setting"].ljust(14) + "".join(x.rjust(15) for x in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="trained model folder")
    parser.add_argument("--skip-project", action="store_true", help="score SciERC dev only")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    report: dict[str, list[dict[str, Any]]] = {}

    started = time.time()
    gold = read_gold(SCIERC_DEV)
    scierc = predict([SCIERC_DEV], gold, args.model)
    report["scierc_dev"] = [_row(name, score(records, gold, types=SCIERC_TYPES, fold=FOLD))
                            for name, records in scierc.items()]
    print(_table(f"SciERC dev, paper level, types {','.join(SCIERC_TYPES)}, Architecture=Method "
                 f"({time.time() - started:.0f}s)", report["scierc_dev"]))

    if not args.skip_project:
        started = time.time()
        gold = read_gold(PROJECT_DEV)
        project = predict([PROJECT_CORPUS], gold, args.model)
        report["project_dev"] = [_row(name, score(records, gold))
                                 for name, records in project.items()
                                 if name not in {"model", "union"}]  # SciERC labels: no Architecture
        print()
        print(_table(f"project dev (../shared/gold/dev.jsonl), all five types "
                     f"({time.time() - started:.0f}s)", report["project_dev"]))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
