"""Copy a trained model, keeping only the vocabulary strings it shares with en_core_web_sm.

Training adds to the model's ``vocab/strings.json`` every word, norm, prefix,
suffix and shape seen in SciERC train (about 2,000 strings). The model needs none of
them: its tok2vec embeds hashes, and strings are added again, in memory, for each
text it reads. Dropping them keeps SciERC's words out of the repository. The
labels are kept whatever happens.

The copy is then checked: it must predict the same entities as the original on
every text of the files given with ``--check`` (for example the SciERC dev gold
file and the project corpus).

Usage (from /work/main):
    .venv/bin/python train/prune_vocab.py train/build/output/D/model-best kg/data/models/scierc_ner \
        --check ../shared/benchmarks/scierc/dev_gold.jsonl ../shared/corpus/hf_daily
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import spacy

from kg.extract.pipeline import BASE_MODEL
from kg.ingest import read_papers
from kg.report import RunReport


def base_strings(name: str = BASE_MODEL) -> set[str]:
    """Return the strings of the installed base pipeline's vocab."""
    return set(spacy.load(name, exclude=["ner", "parser", "tagger", "lemmatizer"]).vocab.strings)


def prune(model: Path, out: Path, keep: set[str]) -> tuple[int, int]:
    """Copy MODEL to OUT with only the strings in KEEP (plus the NER labels).

    Returns:
        The number of strings before and after.
    """
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(model, out)
    path = out / "vocab" / "strings.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    labels = set(json.loads((out / "meta.json").read_text(encoding="utf-8"))["labels"]["ner"])
    kept = [s for s in strings if s in keep or s in labels]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return len(strings), len(kept)


def _entities(model: Path, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    nlp = spacy.load(model)
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="trained model folder")
    parser.add_argument("out", type=Path, help="folder to write")
    parser.add_argument("--check", type=Path, nargs="*", default=[], help="corpus files or folders")
    args = parser.parse_args(argv)
    if any("test" in path.name for path in args.check):
        parser.error("refusing to read the test split")
    before, after = prune(args.model, args.out, base_strings())
    print(f"strings: {before} → {after} ({before - after} dropped)")
    if args.check:
        texts = [p.text for p in read_papers(args.check, report=RunReport())]
        same = _entities(args.model, texts) == _entities(args.out, texts)
        print(f"same entities as the original on {len(texts)} texts: {same}")
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
