"""Read the daily-papers text dump: a page header, then title and abstract paragraphs.

The layout, as saved from the daily-papers page::

    new
    Get trending papers in your email inbox!
    ...                                  (header lines, a date such as "Mar 11")
    <title line>
    <blank>
    <abstract paragraph>
    <blank>
      • 4 authors                         (optional meta block)
    ·
    Aug 13, 2023
    <blank>
    <next title> ...

Paragraphs are separated by blank lines. A meta block belongs to the paper before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kg.errors import InputError
from kg.ingest.lines import read_lines
from kg.ingest.records import to_paper
from kg.model import Paper
from kg.report import RunReport

__all__ = ["is_hf_daily", "read_hf_daily"]

_HEADER_LINES = frozenset(
    {"new", "get trending papers in your email inbox!", "subscribe", "daily papers"}
)
_DAY = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?")
_DATE = re.compile(r"^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.? (\d{1,2}), (\d{4})")
_BYLINE = re.compile(r"^by ?AK\b", re.IGNORECASE)
_AUTHORS = re.compile(r"^\s*•\s*(\d+)\s+authors?\s*$")
_MAX_TITLE = 400


@dataclass
class _Paragraph:
    line: int
    lines: list[str | None]

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line)

    @property
    def broken(self) -> bool:
        return any(line is None for line in self.lines)


def _paragraphs(path: Path, report: RunReport | None) -> Iterator[_Paragraph]:
    current: _Paragraph | None = None
    for number, line in read_lines(path, report=report):
        if line is not None and not line.strip():
            if current is not None:
                yield current
            current = None
            continue
        if current is None:
            current = _Paragraph(number, [])
        current.lines.append(line)
    if current is not None:
        yield current


def _is_header(paragraph: _Paragraph) -> bool:
    text = paragraph.text
    return (
        text.lower() in _HEADER_LINES
        or bool(_BYLINE.match(text))
        or (len(text) < 20 and bool(_DAY.match(text)))
    )


def _is_meta(paragraph: _Paragraph) -> bool:
    first = paragraph.lines[0] or ""
    return bool(_AUTHORS.match(first))


def _meta_date(paragraph: _Paragraph) -> str | None:
    """Return the ISO date of a meta block when it gives a year ("Aug 13, 2023")."""
    for line in paragraph.lines[1:]:
        found = _DATE.match((line or "").strip())
        if found:
            month, day, year = found.groups()
            try:
                return datetime.strptime(f"{month[:3]} {day} {year}", "%b %d %Y").date().isoformat()
            except ValueError:
                return None  # "Feb 30, 2024": keep the paper, drop the impossible date
    return None


def _looks_like_abstract(paragraph: _Paragraph) -> bool:
    text = paragraph.text
    return len(text) > _MAX_TITLE or text.rstrip().endswith(".")


def _resync(body: list[_Paragraph], bad: int) -> int:
    """Return where reading resumes after the bad paper that starts at BAD.

    The bad paper takes with it the abstract that follows it (a paragraph that
    reads like one) and its author/date block, so one bad paper is one skip.
    """
    i = bad + 1
    if i < len(body) and not _is_meta(body[bad]) and not _is_meta(body[i]) and _looks_like_abstract(body[i]):
        i += 1
    if i < len(body) and _is_meta(body[i]):
        i += 1
    return i


def is_hf_daily(head: str) -> bool:
    """Tell whether the start of a file looks like a daily-papers dump.

    Example:
        >>> is_hf_daily("new\\n\\nGet trending papers in your email inbox!\\n")
        True
        >>> is_hf_daily('{"title": "x"}')
        False
    """
    first = [line.strip().lower() for line in head.splitlines() if line.strip()][:3]
    return bool(first) and (first[0] in _HEADER_LINES or any(
        line == "get trending papers in your email inbox!" for line in first
    ))


def read_hf_daily(path: Path, *, report: RunReport | None = None) -> Iterator[Paper]:
    """Yield the papers of one daily-papers text dump, in file order.

    Strict without a report: a paragraph that cannot be a title (several lines, or
    longer than a title can be), a title with no abstract, or undecodable bytes
    raise. With a report each such paper is counted as skipped and reading resumes
    at the next paragraph that can be a title.

    Raises:
        InputError: ``FILE:LINE: reason``.
    """
    paragraphs = list(_paragraphs(path, report))
    start = 0
    while start < len(paragraphs) and _is_header(paragraphs[start]):
        start += 1
    body = paragraphs[start:]
    if not body:
        raise InputError(path, None, "no papers found after the page header")
    i = 0
    while i < len(body):
        title = body[i]
        try:
            if _is_meta(title):
                raise InputError(path, title.line, "author/date block with no paper before it")
            if len(title.lines) > 1 or len(title.text) > _MAX_TITLE:
                raise InputError(
                    path, title.line,
                    f"expected a title line, found a paragraph of {len(title.text)} characters",
                )
            if i + 1 >= len(body) or _is_meta(body[i + 1]):
                raise InputError(path, title.line, f"title '{title.text[:60]}' has no abstract")
        except InputError as error:
            if report is None:
                raise
            report.read += 1
            report.skip(error)
            i = _resync(body, i)
            continue
        abstract = body[i + 1]
        i += 2
        date = None
        if i < len(body) and _is_meta(body[i]):
            date = _meta_date(body[i])
            i += 1
        if title.broken or abstract.broken:
            continue  # undecodable bytes: read_lines has counted this paper as skipped
        try:
            yield to_paper(
                {"title": title.text, "abstract": abstract.text, "date": date},
                source=path, line=title.line,
            )
        except InputError as error:
            if report is None:
                raise
            report.read += 1
            report.skip(error)
