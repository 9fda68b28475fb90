"""Read papers from JSON Lines: one object a line with title and abstract."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.lines import read_lines
from kg.ingest.records import to_paper
from kg.model import Paper
from kg.report import RunReport

__all__ = ["read_jsonl"]


def read_jsonl(path: Path, *, report: RunReport | None = None) -> Iterator[Paper]:
    """Yield the papers of a JSON Lines file; blank lines are ignored.

    Fields: ``title``, ``abstract`` (or ``text``), optional ``id``, ``url``,
    ``date``, ``authors``. Strict without a report: the first bad line raises.
    With a report, bad lines are counted there and reading goes on.

    Raises:
        InputError: ``FILE:LINE: reason`` for a line that is not a paper.
    """
    for number, line in read_lines(path, report=report):
        if line is None or not line.strip():
            continue  # None: an undecodable line, already counted by read_lines
        try:
            try:
                fields = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, number, f"invalid JSON: {exc.msg}") from exc
            if not isinstance(fields, dict):
                raise InputError(path, number, "expected a JSON object")
            yield to_paper(fields, source=path, line=number)
        except InputError as error:
            if report is None:
                raise
            report.read += 1
            report.skip(error)
