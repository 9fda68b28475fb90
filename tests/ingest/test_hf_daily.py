"""Tests for kg.ingest.hf_daily: the daily-papers text dump."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.hf_daily import is_hf_daily, read_hf_daily
from kg.report import RunReport

HEADER = (
    "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
    "byAK and the research community\n\nMar 11\n\n"
)
# HEADER takes lines 1-12, so the first title of a body is on line 13.
META = "  • 2 authors\n·\nAug 1, 2023\n"


@pytest.fixture()
def mar11(data_dir: Path) -> Path:
    return data_dir / "ingest" / "daily_mar11.txt"


def _dump(tmp_path: Path, body: str | bytes) -> Path:
    path = tmp_path / "dump.txt"
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    path.write_bytes(HEADER.encode("utf-8") + data)
    return path


@pytest.mark.parametrize(
    ("index", "title", "abstract_start", "date", "line"),
    [
        (0, "Lantern Gates for Tiny Recurrent Networks", "We add lantern gates", "2023-08-13", 13),
        # the meta block says "Aug 14" without a year: no date
        (1, "Folding Paper Cranes with Diffusion Policies", "A diffusion policy learns", None, 21),
        # the last paper has no meta block at all
        (2, "Counting Sheep with Sparse Attention", "Sparse attention counts sheep", None, 29),
    ],
)
def test_read_hf_daily_parses_title_abstract_date(mar11, index, title, abstract_start, date, line):
    papers = list(read_hf_daily(mar11))
    assert len(papers) == 3  # three title/abstract pairs follow the page header
    paper = papers[index]
    assert paper.title == title
    assert paper.abstract.startswith(abstract_start)
    assert "\n" not in paper.abstract
    assert paper.date == date
    assert paper.source == f"{mar11}:{line}"


@pytest.mark.parametrize(
    "title",
    ["Lantern Gates for Tiny Recurrent Networks", "Counting Sheep with Sparse Attention"],
)
def test_read_hf_daily_id_is_hash_of_normalised_title(mar11, title):
    by_title = {p.title: p for p in read_hf_daily(mar11)}
    digest = hashlib.sha1(title.lower().encode("utf-8")).hexdigest()[:12]
    assert by_title[title].id == f"t{digest}"


@pytest.mark.parametrize("copy", ["LANTERN GATES FOR TINY RECURRENT NETWORKS!", "Lantern  gates for tiny recurrent networks."])
def test_read_hf_daily_id_ignores_case_and_punctuation(tmp_path, mar11, copy):
    original = next(iter(read_hf_daily(mar11)))
    (again,) = read_hf_daily(_dump(tmp_path, f"{copy}\n\nSome other words.\n"))
    assert again.id == original.id


@pytest.mark.parametrize(
    "title",
    ["<img src=x onerror=alert(1)>", "Bits & <b>Bytes</b> — \"quoted\" & 'single'"],
)
def test_read_hf_daily_keeps_html_title_verbatim(tmp_path, title):
    (paper,) = read_hf_daily(_dump(tmp_path, f"{title}\n\nAn abstract.\n"))
    assert paper.title == title


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        # a title line and its abstract with no blank line between them
        (
            "Wrapped Title\nthat goes on\n\nAbstract.\n",
            "13: expected a title line, found a paragraph of 26 characters",
        ),
        ("X" * 401 + "\n\nAbstract.\n", "13: expected a title line, found a paragraph of 401 characters"),
        (f"Orphan Title\n\n{META}", "13: title 'Orphan Title' has no abstract"),
        ("Good Title\n\nGood abstract.\n\nLast Title\n", "17: title 'Last Title' has no abstract"),
        (f"{META}\nA Title\n\nAn abstract.\n", "13: author/date block with no paper before it"),
        (b"Bad \xff\xfe Title\n\nAn abstract.\n", "13: not valid UTF-8 (byte 5 of the line)"),
        (b"A Title\n\nAn abs\xfftract.\n", "15: not valid UTF-8 (byte 7 of the line)"),
    ],
)
def test_read_hf_daily_strict_error_names_file_and_line(tmp_path, body, reason):
    path = _dump(tmp_path, body)
    with pytest.raises(InputError) as caught:
        list(read_hf_daily(path))
    assert str(caught.value) == f"{path}:{reason}"


@pytest.mark.parametrize("text", [HEADER, "new\n\nDaily Papers\n\n"])
def test_read_hf_daily_header_only_is_an_error(tmp_path, text):
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_hf_daily(path, report=RunReport()))  # even with a report: the file has nothing
    assert str(caught.value) == f"{path}: no papers found after the page header"


@pytest.mark.parametrize(
    ("bad", "titles", "reason"),
    [
        ("X" * 401 + "\n", ["First Paper"], "expected a title line, found a paragraph of 401 characters"),
        (b"Bad \xff\xfe Title\n\nAn abstract.\n", ["First Paper"], "not valid UTF-8 (byte 5 of the line)"),
        (b"A Title\n\nAn abs\xfftract.\n", ["First Paper"], "not valid UTF-8 (byte 7 of the line)"),
        (
            "Good Title\n\nGood abstract.\n\nLast Title\n",
            ["First Paper", "Good Title"], "title 'Last Title' has no abstract",
        ),
    ],
)
def test_read_hf_daily_lenient_skips_and_counts(tmp_path, bad, titles, reason):
    good = f"First Paper\n\nFirst abstract.\n\n{META}\n"
    bad_bytes = bad if isinstance(bad, bytes) else bad.encode("utf-8")
    path = _dump(tmp_path, good.encode("utf-8") + bad_bytes)
    report = RunReport()
    assert [p.title for p in read_hf_daily(path, report=report)] == titles
    assert [(e.source, e.reason) for e in report.skipped] == [(str(path), reason)]  # the one bad paper
    assert report.read == 1  # readers count what they skip; read_papers counts the papers it yields


@pytest.mark.parametrize(
    "bad",
    [
        "Wrapped Title\nthat goes on\n\nA long abstract " + "word " * 90 + "\n\n" + META,
        "Orphan Title\n\n" + META,
    ],
)
def test_read_hf_daily_lenient_continues_after_bad_paper(tmp_path, bad):
    path = _dump(tmp_path, f"{bad}\nNext Title\n\nNext abstract.\n")
    report = RunReport()
    papers = list(read_hf_daily(path, report=report))
    assert [p.title for p in papers] == ["Next Title"]
    assert str(report.skipped[0]).startswith(f"{path}:13: ")


@pytest.mark.parametrize(
    ("meta", "date"),
    [
        ("  • 4 authors\n·\nAug 13, 2023\n", "2023-08-13"),
        ("  • 1 author\n·\nJan 2, 2024\n", "2024-01-02"),
        ("  • 3 authors\n·\nDec 31\n", None),
    ],
)
def test_read_hf_daily_date_from_meta_block(tmp_path, meta, date):
    (paper,) = read_hf_daily(_dump(tmp_path, f"A Title\n\nAn abstract.\n\n{meta}"))
    assert paper.date == date


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (HEADER, True),
        ("new\n\nGet trending papers in your email inbox!\n", True),
        ("\n\nDaily Papers\n\nMar 11\n", True),
        ("Some title\n\nGet trending papers in your email inbox!\n", True),
        ('{"title": "x"}', False),
        ("title,abstract\nA,B\n", False),
        ("", False),
    ],
)
def test_is_hf_daily_recognises_page_header(head, expected):
    assert is_hf_daily(head) is expected


@pytest.mark.parametrize(
    ("meta", "date"),
    [
        ("  • 2 authors\n·\nSeptember 3, 2023\n", "2023-09-03"),  # full month name
        ("  • 2 authors\n·\nSept 3, 2023\n", "2023-09-03"),
        ("  • 2 authors\n·\nFeb 30, 2024\n", None),  # impossible date: paper kept, date dropped
    ],
)
def test_read_hf_daily_date_spellings(tmp_path, meta, date):
    (paper,) = read_hf_daily(_dump(tmp_path, f"A Title\n\nAn abstract.\n\n{meta}"))
    assert paper.date == date


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("Orphan Title\n\n" + META, "title 'Orphan Title' has no abstract"),
        ("Broken Title\nthat wraps\n\nShort abstract.\n\n" + META,
         "expected a title line, found a paragraph of 23 characters"),
    ],
)
def test_read_hf_daily_bad_paper_is_one_skip(tmp_path, bad, reason):
    path = _dump(tmp_path, f"{bad}\nNext Title\n\nNext abstract.\n")
    report = RunReport()
    assert [p.title for p in read_hf_daily(path, report=report)] == ["Next Title"]
    # the bad paper takes its abstract and its author/date block with it: one skip
    assert [e.reason for e in report.skipped] == [reason]
    assert report.read == 1
