"""Extraction throughput: papers per second on a corpus (default: ../shared/corpus/hf_daily).

Usage:
    .venv/bin/python bench/throughput.py [INPUT…] [--repeat N] [--processes N] [--baseline REV]

Loads the pipeline once (load time reported apart), then times extract + resolve
over all papers, N times, and prints the best and median papers/s. With
``--baseline REV`` the same measurement first runs on that git revision (checked out
in a temporary worktree, run with this venv), so "before" and "after" come from one
run on one machine. Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "hf_daily"


def measure(inputs: list[Path], *, repeat: int, processes: int) -> tuple[float, float, float, int]:
    """Return (load seconds, best papers/s, median papers/s, papers) for the kg on sys.path."""
    from kg.extract import extract_papers, load_pipeline
    from kg.ingest import read_papers
    from kg.resolve import resolve_paper

    papers = list(read_papers(inputs))
    start = time.perf_counter()
    nlp = load_pipeline()
    load = time.perf_counter() - start
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for extraction in extract_papers(papers, nlp, n_process=processes):
            resolve_paper(extraction)
        rates.append(len(papers) / (time.perf_counter() - start))
    return load, max(rates), statistics.median(rates), len(papers)


def _baseline(rev: str, args: argparse.Namespace) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            cmd = [sys.executable, str(Path(__file__).resolve()), *map(str, args.inputs),
                   "--repeat", str(args.repeat), "--processes", str(args.processes), "--plain"]
            env = {**os.environ, "PYTHONPATH": str(tree)}
            return subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=tree).stdout.strip()
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)


def main() -> None:
    """Run the benchmark (and the baseline) and print one line each."""
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--baseline", help="git revision to measure first, in the same run")
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.inputs = [p.resolve() for p in args.inputs]
    if args.baseline:
        print(f"baseline {args.baseline}: {_baseline(args.baseline, args)}")
    load, best, median, n = measure(args.inputs, repeat=args.repeat, processes=args.processes)
    line = f"papers {n}; load {load:.2f} s; papers/s best {best:.1f}, median {median:.1f}"
    print(line if args.plain else f"current: {line}")


if __name__ == "__main__":
    main()
