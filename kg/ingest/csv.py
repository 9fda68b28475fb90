"""Read papers from CSV with a header row (title, abstract, optional id, url, date, authors)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.lines import read_lines
from kg.ingest.records import to_paper
from kg.model import Paper
from kg.report import RunReport

__all__ = ["read_csv"]


def read_csv(path: Path, *, report: RunReport | None = None) -> Iterator[Paper]:
    """Yield the papers of a CSV file whose first row names the columns.

    Column names are matched case-insensitively. A row with a cell count that
    differs from the header is an error, as is a header without ``title`` and
    ``abstract``.

    Raises:
        InputError: ``FILE:LINE: reason`` for a bad header or row.
    """
    numbered = [(n, text) for n, text in read_lines(path, report=report) if text is not None]
    # csv.reader needs the line ends back, or quoted cells that span lines are glued
    rows = csv.reader(text + "\n" for _, text in numbered)
    header: list[str] | None = None
    consumed = 0
    for row in rows:
        number = numbered[min(consumed, len(numbered) - 1)][0]  # the record's first line
        consumed = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            missing = [name for name in ("title", "abstract") if name not in header]
            if missing and not ("text" in header and "title" in header):
                raise InputError(path, number, f"CSV header lacks column '{missing[0]}'")
            continue
        try:
            if len(row) != len(header):
                raise InputError(
                    path, number, f"expected {len(header)} cells, found {len(row)}"
                )
            yield to_paper(dict(zip(header, row, strict=True)), source=path, line=number)
        except InputError as error:
            if report is None:
                raise
            report.read += 1
            report.skip(error)
    if header is None:
        raise InputError(path, None, "empty CSV file (no header row)")
