"""Tests for kg.ingest.jsonl: one JSON object a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.jsonl import read_jsonl
from kg.report import RunReport

GOOD = b'{"title": "Good Paper", "abstract": "Good words."}\n'


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "papers.jsonl"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "2101.00001"),  # the arXiv id from the url, without its version
        ("title", "Quiet Optimisers Make Loud Gradients"),
        ("abstract", "We study optimisers that whisper."),
        ("url", "https://arxiv.org/abs/2101.00001v2"),
        ("date", "2021-01-04"),
        ("authors", ("Ann Lee", "Bo Chen")),
    ],
)
def test_read_jsonl_reads_fields(data_dir, field, value):
    path = data_dir / "ingest" / "papers.jsonl"
    first = next(iter(read_jsonl(path)))
    assert getattr(first, field) == value


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (b"\n" + GOOD + b"   \n", ["Good Paper"]),  # blank lines are not records
        (b"\xef\xbb\xbf" + GOOD, ["Good Paper"]),  # a UTF-8 byte-order mark is dropped
        (b'{"text": "Words.", "title": "Text Field"}\n', ["Text Field"]),  # "text" stands for "abstract"
        (b'{"title": "<img src=x onerror=alert(1)>", "abstract": "x"}\n', ["<img src=x onerror=alert(1)>"]),
    ],
)
def test_read_jsonl_accepts(tmp_path, data, titles):
    assert [p.title for p in read_jsonl(_write(tmp_path, data))] == titles


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"title": ', "invalid JSON: Expecting value"),
        (b"{'title': 'A', 'abstract': 'B'}", "invalid JSON: Expecting property name enclosed in double quotes"),
        (b"[1, 2]", "expected a JSON object"),
        (b'"just a string"', "expected a JSON object"),
        (b"null", "expected a JSON object"),
        (b'{"abstract": "B"}', "missing field 'title'"),
        (b'{"title": "A"}', "missing field 'abstract'"),
        (b'{"title": "A", "abstract": "   "}', "empty abstract"),
        (b'{"title": "A", "abstract": null}', "empty abstract"),
        (b'{"title": "", "abstract": "B"}', "empty title"),
        (b'{"title": 5, "abstract": "B"}', "field 'title' must be text, got int"),
        (b'{"title": "A", "abstract": ["B"]}', "field 'abstract' must be text, got list"),
        (b'{"title": "A", "abstract": "B", "authors": 3}', "field 'authors' must be text or a list of text"),
        (b'{"title": "A\xff\xfe", "abstract": "B"}', "not valid UTF-8 (byte 13 of the line)"),
        (b"\xff\xfe", "not valid UTF-8 (byte 1 of the line)"),
    ],
)
def test_read_jsonl_error_names_file_and_line(tmp_path, line, reason):
    path = _write(tmp_path, GOOD + line + b"\n")
    with pytest.raises(InputError) as caught:
        list(read_jsonl(path))
    assert str(caught.value) == f"{path}:2: {reason}"


@pytest.mark.parametrize(
    "bad",
    [b'{"title": ', b"[1, 2]", b'{"title": "A"}', b'{"title": "A", "abstract": ""}', b"\xff\xfe"],
)
def test_read_jsonl_lenient_skips_bad_line_and_goes_on(tmp_path, bad):
    path = _write(tmp_path, GOOD + bad + b"\n" + b'{"title": "After", "abstract": "More."}\n')
    report = RunReport()
    papers = list(read_jsonl(path, report=report))
    assert [p.title for p in papers] == ["Good Paper", "After"]
    assert len(report.skipped) == 1  # only line 2 is bad
    assert report.skipped[0].line == 2
    assert report.read == 1  # the reader counts what it skips; read_papers counts the papers


@pytest.mark.parametrize(
    ("data", "summary"),
    [
        (
            # three bad lines: the reader counts each as read and skipped; the good
            # paper is counted by read_papers, not here
            GOOD + b'{"title": \n{"title": "A"}\n{"title": "B"}\n',
            "read 3 papers, built 0, skipped 3 (2 × missing field 'abstract', 1 × invalid JSON: Expecting value)",
        ),
        (GOOD, "read 0 papers, built 0, skipped 0"),
    ],
)
def test_read_jsonl_lenient_summary(tmp_path, data, summary):
    report = RunReport()
    list(read_jsonl(_write(tmp_path, data), report=report))
    assert report.summary() == summary
