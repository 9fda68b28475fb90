"""Tests for kg.ingest: format detection, input listing and reading many files once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import detect_format, list_inputs, read_papers
from kg.report import RunReport

DUMP = "new\n\nDaily Papers\n\nMar 11\n\nA Title\n\nAn abstract.\n"


@pytest.fixture()
def ingest_dir(data_dir: Path) -> Path:
    return data_dir / "ingest"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "hf_daily"),
        ("a.TXT", "hf_daily"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.json", "jsonl"),
        ("a.csv", "csv"),
    ],
)
def test_detect_format_by_extension(tmp_path, name, expected):
    path = tmp_path / name
    path.write_text("content is not looked at", encoding="utf-8")
    assert detect_format(path) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"title": "A", "abstract": "B"}\n', "jsonl"),
        (b'\xef\xbb\xbf\n  {"title": "A"}\n', "jsonl"),  # after a byte-order mark and blank space
        (DUMP.encode("utf-8"), "hf_daily"),
        (b"Some title\n\nGet trending papers in your email inbox!\n", "hf_daily"),
        (b"id,Title,abstract\n1,A,B\n", "csv"),
    ],
)
def test_detect_format_by_content(tmp_path, content, expected):
    path = tmp_path / "papers.dat"
    path.write_bytes(content)
    assert detect_format(path) == expected


@pytest.mark.parametrize("content", [b"", b"just some words\n", b"title only\n", b"\xff\xfe\x00"])
def test_detect_format_unknown_is_an_error(tmp_path, content):
    path = tmp_path / "papers.dat"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        detect_format(path)
    assert str(caught.value) == f"{path}: unknown format (use .txt, .jsonl or .csv, or --format)"


def test_list_inputs_expands_folder_sorted_and_skips_others(tmp_path):
    for name in ["b.jsonl", "a.txt", "sub/c.csv", "sub/d.ndjson", ".hidden.txt", "notes.md", "x.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = list_inputs([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a.txt", "b.jsonl", "sub/c.csv", "sub/d.ndjson", "x.json",
    ]


@pytest.mark.parametrize("name", ["notes.md", "papers.dat"])
def test_list_inputs_keeps_named_files_whatever_extension(tmp_path, name):
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    assert list_inputs([path]) == [path]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "missing.jsonl", "no such file or folder"),
        (lambda p: p / "missing-folder", "no such file or folder"),
        (lambda p: p, "folder holds no .txt, .jsonl or .csv files"),
        (lambda p: (p / "notes.md").write_text("x") and p, "folder holds no .txt, .jsonl or .csv files"),
    ],
)
def test_list_inputs_error(tmp_path, make, reason):
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        list_inputs([path])
    assert str(caught.value) == f"{path}: {reason}"


def test_read_papers_merges_duplicates_across_files(ingest_dir):
    report = RunReport()
    papers = list(read_papers(ingest_dir, report=report))
    assert [p.title for p in papers] == [
        # daily_mar11.txt
        "Lantern Gates for Tiny Recurrent Networks",
        "Folding Paper Cranes with Diffusion Policies",
        "Counting Sheep with Sparse Attention",
        # daily_mar12.txt: its lantern paper is a copy (same normalised title)
        "Pruning Hedges: Structured Sparsity for Small Transformers",
        # papers.csv
        "Bent Rulers for Metric Learning",
        "Warm Starts for Cold Chains",
        # papers.jsonl: its sheep paper is a copy of the one in daily_mar11.txt
        "Quiet Optimisers Make Loud Gradients",
    ]
    assert len({p.id for p in papers}) == 7  # every paper yielded once
    assert report.read == 9  # 3 + 2 + 2 + 2 records in the four files
    assert report.duplicates == 2  # the second lantern and the second sheep
    assert report.sources == [str(ingest_dir / n) for n in
                              ["daily_mar11.txt", "daily_mar12.txt", "papers.csv", "papers.jsonl"]]
    assert report.summary() == "read 9 papers, built 0, merged 2 duplicates, skipped 0"


def test_read_papers_keeps_first_copy(ingest_dir):
    papers = list(read_papers([ingest_dir / "daily_mar12.txt", ingest_dir / "daily_mar11.txt"]))
    lantern = [p for p in papers if p.title.lower().startswith("lantern")]
    assert len(lantern) == 1  # two copies, one paper
    assert lantern[0].title == "LANTERN GATES FOR TINY RECURRENT NETWORKS!"  # from the file read first


@pytest.mark.parametrize("paths", [["daily_mar11.txt"], ["daily_mar11.txt", "daily_mar11.txt"]])
def test_read_papers_strict_merges_without_report(ingest_dir, paths):
    papers = list(read_papers([ingest_dir / p for p in paths]))
    assert len(papers) == 3  # daily_mar11.txt holds three papers, however often it is given


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_read_papers_forced_format(tmp_path, fmt):
    path = tmp_path / "papers.txt"  # the extension says hf_daily, the content is JSON Lines
    path.write_text('{"title": "Forced", "abstract": "Words."}\n', encoding="utf-8")
    assert [p.title for p in read_papers(path, fmt=fmt)] == ["Forced"]


@pytest.mark.parametrize(
    ("bad_name", "bad", "reason"),
    [
        ("a.jsonl", b'{"title": "A"}\n', "a.jsonl:1: missing field 'abstract'"),
        ("a.csv", b"title,abstract\nA,B,C\n", "a.csv:2: expected 2 cells, found 3"),
        ("a.txt", b"new\n\nDaily Papers\n\nA Title\n\n", "a.txt:5: title 'A Title' has no abstract"),
        ("a.jsonl", b"\xff\xfe\n", "a.jsonl:1: not valid UTF-8 (byte 1 of the line)"),
    ],
)
def test_read_papers_strict_raises_lenient_goes_on(tmp_path, bad_name, bad, reason):
    (tmp_path / bad_name).write_bytes(bad)
    (tmp_path / "b.jsonl").write_text('{"title": "Fine", "abstract": "Words."}\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_papers(tmp_path))
    assert str(caught.value) == f"{tmp_path}/{reason}"
    report = RunReport()
    assert [p.title for p in read_papers(tmp_path, report=report)] == ["Fine"]
    assert [str(e) for e in report.skipped] == [f"{tmp_path}/{reason}"]
    # one bad record and one good paper were read
    assert report.summary() == f"read 2 papers, built 0, skipped 1 (1 × {reason.split(': ', 1)[1]})"
