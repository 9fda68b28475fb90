"""Tests for kg.report: the one-line summary of a run."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.report import RunReport


def _error(reason: str, line: int = 1) -> InputError:
    return InputError("papers.jsonl", line, reason)


@pytest.mark.parametrize(
    ("read", "built", "duplicates", "reasons", "summary"),
    [
        (0, 0, 0, [], "read 0 papers, built 0, skipped 0"),
        (3, 3, 0, [], "read 3 papers, built 3, skipped 0"),
        (5, 4, 1, [], "read 5 papers, built 4, merged 1 duplicates, skipped 0"),
        (3, 2, 0, ["missing field 'title'"], "read 3 papers, built 2, skipped 1 (1 × missing field 'title')"),
        # most frequent reason first
        (
            6, 3, 0, ["empty abstract", "invalid JSON: Expecting value", "empty abstract"],
            "read 6 papers, built 3, skipped 3 (2 × empty abstract, 1 × invalid JSON: Expecting value)",
        ),
        # equal counts: reasons in alphabetical order
        (
            4, 1, 1, ["missing field 'title'", "empty abstract"],
            "read 4 papers, built 1, merged 1 duplicates, skipped 2 (1 × empty abstract, 1 × missing field 'title')",
        ),
    ],
)
def test_run_report_summary(read, built, duplicates, reasons, summary):
    report = RunReport(read=read, built=built, duplicates=duplicates)
    for n, reason in enumerate(reasons, start=1):
        report.skip(_error(reason, n))
    assert report.summary() == summary


@pytest.mark.parametrize(
    ("reasons", "counts"),
    [
        ([], {}),
        (["a", "b", "a"], {"a": 2, "b": 1}),  # "a" was skipped twice, "b" once
    ],
)
def test_run_report_reasons_counts_by_reason(reasons, counts):
    report = RunReport()
    for reason in reasons:
        report.skip(_error(reason))
    assert dict(report.reasons()) == counts


@pytest.mark.parametrize("lines", [[2, 7]])
def test_run_report_skip_keeps_errors_in_order(lines):
    report = RunReport()
    for line in lines:
        report.skip(_error("empty abstract", line))
    assert [str(e) for e in report.skipped] == [f"papers.jsonl:{n}: empty abstract" for n in lines]
    assert report.read == 0  # skip() records the error; counting reads is the reader's job
