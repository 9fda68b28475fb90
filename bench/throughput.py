"""Extraction throughput: papers per second on a corpus (default: ../shared/corpus/hf_daily).

Usage: .venv/bin/python bench/throughput.py [INPUT…] [--repeat N] [--processes N]

Loads the pipeline once (load time reported apart), then times extract+resolve over
all papers, N times, and prints the best and median papers/s. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.extract import extract_papers, load_pipeline
from kg.ingest import read_papers
from kg.resolve import resolve_paper

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "hf_daily"


def main() -> None:
    """Run the benchmark and print one line per measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    papers = list(read_papers(args.inputs))
    start = time.perf_counter()
    nlp = load_pipeline()
    print(f"pipeline load: {time.perf_counter() - start:.2f} s")
    rates = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for extraction in extract_papers(papers, nlp, n_process=args.processes):
            resolve_paper(extraction)
        rates.append(len(papers) / (time.perf_counter() - start))
    print(f"papers: {len(papers)}; papers/s best {max(rates):.1f}, median {statistics.median(rates):.1f}")


if __name__ == "__main__":
    main()
