"""Tests for kg.ingest.csv: a header row, then one paper a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.csv import read_csv
from kg.report import RunReport

HEADER = b"title,abstract\n"
GOOD = b"Good Paper,Good words.\n"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "papers.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("index", "field", "value"),
    [
        (0, "title", "Bent Rulers for Metric Learning"),
        (0, "abstract", "We learn metrics with rulers that bend."),
        (0, "authors", ("Cara Diaz", "Dev Patel")),  # "; " separates authors
        (0, "source", "papers.csv:2"),  # the header is line 1
        (1, "id", "my-paper-7"),  # a given id that is not an arXiv id is kept
        (1, "authors", ()),
        (1, "source", "papers.csv:3"),
    ],
)
def test_read_csv_reads_fields(data_dir, index, field, value):
    path = data_dir / "ingest" / "papers.csv"
    papers = list(read_csv(path))
    assert len(papers) == 2  # two data rows under the header
    got = getattr(papers[index], field)
    assert (got.replace(f"{path.parent}/", "") if field == "source" else got) == value


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (b"Title,ABSTRACT\n" + GOOD, ["Good Paper"]),  # column names are case-insensitive
        (b"abstract,title\nWords.,Swapped\n", ["Swapped"]),  # columns in any order
        (b"title,text\nText Column,Words.\n", ["Text Column"]),  # "text" stands for "abstract"
        (HEADER + b"\n" + GOOD + b",\n", ["Good Paper"]),  # empty rows are not records
        (HEADER + b'"<img src=x onerror=alert(1)>","x, y"\n', ["<img src=x onerror=alert(1)>"]),
        (b"\xef\xbb\xbf" + HEADER + GOOD, ["Good Paper"]),  # byte-order mark dropped
    ],
)
def test_read_csv_accepts(tmp_path, data, titles):
    assert [p.title for p in read_csv(_write(tmp_path, data))] == titles


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"title,summary\nA,B\n", "1: CSV header lacks column 'abstract'"),
        (b"abstract,id\nA,B\n", "1: CSV header lacks column 'title'"),
        (b"name,abstract\nA,B\n", "1: CSV header lacks column 'title'"),
        (HEADER + GOOD + b"A,B,C\n", "3: expected 2 cells, found 3"),
        (HEADER + GOOD + b"Lonely\n", "3: expected 2 cells, found 1"),
        (HEADER + GOOD + b"A,\n", "3: empty abstract"),
        (HEADER + GOOD + b"A,   \n", "3: empty abstract"),
        (HEADER + GOOD + b",B\n", "3: empty title"),
        (HEADER + GOOD + b"\xff\xfe,B\n", "3: not valid UTF-8 (byte 1 of the line)"),
    ],
)
def test_read_csv_error_names_file_and_line(tmp_path, data, reason):
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as caught:
        list(read_csv(path))
    assert str(caught.value) == f"{path}:{reason}"


@pytest.mark.parametrize("data", [b""])
def test_read_csv_empty_file_is_an_error(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as caught:
        list(read_csv(path))
    assert str(caught.value) == f"{path}: empty CSV file (no header row)"


@pytest.mark.parametrize(
    ("bad", "reason", "line"),
    [
        (b"A,B,C\n", "expected 2 cells, found 3", 3),
        (b"A,\n", "empty abstract", 3),
        (b"\xff\xfe,B\n", "not valid UTF-8 (byte 1 of the line)", 3),
    ],
)
def test_read_csv_lenient_skips_bad_row_and_goes_on(tmp_path, bad, reason, line):
    path = _write(tmp_path, HEADER + GOOD + bad + b"After,More words.\n")
    report = RunReport()
    papers = list(read_csv(path, report=report))
    assert [p.title for p in papers] == ["Good Paper", "After"]
    assert [(e.line, e.reason) for e in report.skipped] == [(line, reason)]
    assert papers[1].source == f"{path}:4"  # line numbers still count the skipped row
    assert report.summary() == f"read 1 papers, built 0, skipped 1 (1 × {reason})"  # only the bad row


@pytest.mark.parametrize("data", [b"title,summary\nA,B\n"])
def test_read_csv_bad_header_raises_even_with_report(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as caught:
        list(read_csv(path, report=RunReport()))
    assert str(caught.value) == f"{path}:1: CSV header lacks column 'abstract'"


def test_read_csv_quoted_cells_spanning_lines(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text('title,abstract\n"Lantern\nGates","Words on\ntwo lines."\n', encoding="utf-8")
    (paper,) = read_csv(path)
    assert (paper.title, paper.abstract) == ("Lantern Gates", "Words on two lines.")
    assert paper.source == f"{path}:2"  # the record starts on line 2


def test_read_csv_leading_blank_lines_before_header(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text("\n\ntitle,abstract\nA,B\n", encoding="utf-8")
    (paper,) = read_csv(path)
    assert paper.source == f"{path}:4"


def test_read_csv_only_blank_lines_is_empty(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_csv(path))
    assert str(caught.value) == f"{path}: empty CSV file (no header row)"
