"""Tests for kg.ingest.records: ids, required fields and error text shared by all readers."""

from __future__ import annotations

import hashlib

import pytest

from kg.errors import InputError
from kg.ingest.records import arxiv_id, normalise_title, paper_id, to_paper


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("  Deep Residual  Learning — for Image Recognition. ", "deep residual learning for image recognition"),
        ("LANTERN GATES!", "lantern gates"),
        ("Lantern-Gates: a study", "lantern gates a study"),
        ("Ｆｕｌｌｗｉｄｔｈ Title", "fullwidth title"),  # NFKC folds full-width letters
        ("<img src=x onerror=alert(1)>", "img src x onerror alert 1"),
        ("", ""),
    ],
)
def test_normalise_title_folds_case_punctuation_and_spaces(title, expected):
    assert normalise_title(title) == expected


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        (("https://arxiv.org/abs/1512.03385v1",), "1512.03385"),
        (("https://arxiv.org/pdf/2101.00001v2.pdf",), "2101.00001"),
        (("arXiv:2312.12345",), "2312.12345"),
        ((None, "", "2101.00001"), "2101.00001"),
        (("hep-th/9901001v2",), "hep-th/9901001"),
        (("https://arxiv.org/abs/math.GT/0309136",), "math.GT/0309136"),
        (("p123",), None),
        (("12345.6789",), None),  # five digits before the dot: not an arXiv id
        ((None,), None),
    ],
)
def test_arxiv_id_finds_identifier_without_version(candidates, expected):
    assert arxiv_id(*candidates) == expected


@pytest.mark.parametrize(
    ("title", "given_id", "url", "expected"),
    [
        ("A title", None, "https://arxiv.org/abs/1706.03762v5", "1706.03762"),
        ("A title", "arXiv:2101.00001v3", None, "2101.00001"),
        ("A title", "my-paper-7", "https://arxiv.org/abs/1706.03762", "1706.03762"),  # arXiv id wins
        ("A title", "  my-paper-7 ", None, "my-paper-7"),
        ("Lantern Gates", None, None, "t" + hashlib.sha1(b"lantern gates").hexdigest()[:12]),
        ("LANTERN  gates!", None, "https://example.org/x", "t" + hashlib.sha1(b"lantern gates").hexdigest()[:12]),
    ],
)
def test_paper_id_prefers_arxiv_then_given_then_title_hash(title, given_id, url, expected):
    assert paper_id(title, given_id=given_id, url=url) == expected


@pytest.mark.parametrize(
    ("fields", "attribute", "expected"),
    [
        ({"title": "  Two   spaces ", "abstract": "a\n b\tc"}, "title", "Two spaces"),
        ({"title": "T", "abstract": "a\n b\tc"}, "abstract", "a b c"),  # whitespace collapsed
        ({"title": "T", "text": "From text."}, "abstract", "From text."),
        ({"title": "T", "abstract": "A", "text": "ignored"}, "abstract", "A"),
        ({"id": "x1", "abstract": "A"}, "title", ""),  # a title may be missing when there is an id
        ({"title": "T", "abstract": "A", "date": ""}, "date", None),
        ({"title": "T", "abstract": "A", "url": "  "}, "url", None),
        ({"title": "T", "abstract": "A", "authors": "Ann Lee, Bo Chen and C. Diaz"}, "authors",
         ("Ann Lee", "Bo Chen", "C. Diaz")),
        ({"title": "T", "abstract": "A", "authors": "Lee, A.; Chen, B."}, "authors", ("Lee, A.", "Chen, B.")),
        ({"title": "T", "abstract": "A", "authors": ["Ann", " ", "Bo "]}, "authors", ("Ann", "Bo")),
        ({"title": "<script>x</script>", "abstract": "A"}, "title", "<script>x</script>"),
    ],
)
def test_to_paper_builds_paper(fields, attribute, expected):
    assert getattr(to_paper(fields, source="x.jsonl", line=4), attribute) == expected


@pytest.mark.parametrize(("line", "source"), [(4, "x.jsonl:4"), (None, "x.jsonl")])
def test_to_paper_source_names_file_and_line(line, source):
    assert to_paper({"title": "T", "abstract": "A"}, source="x.jsonl", line=line).source == source


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"abstract": "A"}, "missing field 'title'"),
        ({"title": "T"}, "missing field 'abstract'"),
        ({"id": "x1"}, "missing field 'abstract'"),
        ({"title": " ", "abstract": "A"}, "empty title"),
        ({"title": None, "abstract": "A"}, "empty title"),
        ({"title": "T", "abstract": ""}, "empty abstract"),
        ({"title": "T", "text": "  \n "}, "empty abstract"),
        ({"title": 1.5, "abstract": "A"}, "field 'title' must be text, got float"),
        ({"title": "T", "abstract": {"a": 1}}, "field 'abstract' must be text, got dict"),
        ({"id": 7, "title": "T", "abstract": "A"}, "field 'id' must be text, got int"),
        ({"title": "T", "abstract": "A", "url": 3}, "field 'url' must be text, got int"),
        ({"title": "T", "abstract": "A", "authors": ["A", 2]}, "field 'authors' must be text or a list of text"),
    ],
)
def test_to_paper_error_names_source_and_line(fields, reason):
    with pytest.raises(InputError) as caught:
        to_paper(fields, source="x.jsonl", line=2)
    assert str(caught.value) == f"x.jsonl:2: {reason}"
    assert (caught.value.source, caught.value.line, caught.value.reason) == ("x.jsonl", 2, reason)
