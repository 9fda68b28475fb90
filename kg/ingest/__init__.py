"""Ingest: files on disk → :class:`~kg.model.Paper` records. No NLP here.

Formats: the daily-papers text dump (``hf_daily``), JSON Lines (``jsonl``) and CSV
(``csv``), detected from the extension and, failing that, from the content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

from kg.errors import InputError
from kg.ingest.csv import read_csv
from kg.ingest.hf_daily import is_hf_daily, read_hf_daily
from kg.ingest.jsonl import read_jsonl
from kg.model import Paper
from kg.report import RunReport

__all__ = ["FORMATS", "Format", "detect_format", "list_inputs", "read_papers"]

Format = Literal["hf_daily", "jsonl", "csv"]
FORMATS: dict[str, Callable[..., Iterator[Paper]]] = {
    "hf_daily": read_hf_daily,
    "jsonl": read_jsonl,
    "csv": read_csv,
}
_EXTENSIONS: dict[str, Format] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".txt": "hf_daily",
}


def detect_format(path: Path) -> Format:
    """Name the format of a file from its extension, else from its first bytes.

    Raises:
        InputError: when neither tells.
    """
    if path.suffix.lower() in _EXTENSIONS:
        return _EXTENSIONS[path.suffix.lower()]
    head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "jsonl"
    if is_hf_daily(head):
        return "hf_daily"
    first = stripped.splitlines()[0].lower() if stripped else ""
    if "title" in first and "," in first:
        return "csv"
    raise InputError(path, None, "unknown format (use .txt, .jsonl or .csv, or --format)")


def list_inputs(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their input files (by extension, sorted); keep files as given.

    Raises:
        InputError: for a path that does not exist or a folder with no inputs.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in _EXTENSIONS and not p.name.startswith(".")
            )
            if not found:
                raise InputError(path, None, "folder holds no .txt, .jsonl or .csv files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(path, None, "no such file or folder")
    return files


def read_papers(
    paths: Path | Iterable[Path],
    *,
    fmt: Format | None = None,
    report: RunReport | None = None,
) -> Iterator[Paper]:
    """Yield each distinct paper of the given files and folders once.

    The same paper (same id: arXiv id, else normalised title) in several places
    is merged: the first copy is kept, and ``report.duplicates`` counts the rest.
    With a report, bad records are counted and skipped; without one, the first
    bad record raises.

    Args:
        paths: files or folders (folders are read recursively, in name order).
        fmt: force a format instead of detecting it per file.
        report: where counts and skipped records go.

    Raises:
        InputError: naming the file and line of a bad record (strict mode).
    """
    files = list_inputs([paths] if isinstance(paths, Path) else paths)
    seen: set[str] = set()
    for path in files:
        reader = FORMATS[fmt or detect_format(path)]
        if report is not None:
            report.sources.append(str(path))
        for paper in reader(path, report=report):
            if report is not None:
                report.read += 1
            if paper.id in seen:
                if report is not None:
                    report.duplicates += 1
                continue
            seen.add(paper.id)
            yield paper
