"""Turn the fields of one source record into a checked :class:`~kg.model.Paper`.

Every reader calls :func:`to_paper`, so all formats share one set of rules for ids,
required fields and error messages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from kg.errors import InputError
from kg.model import Paper

__all__ = ["arxiv_id", "normalise_title", "paper_id", "to_paper"]

_ARXIV = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_OLD_ARXIV = re.compile(r"\b([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")


def normalise_title(title: str) -> str:
    """Reduce a title to the form under which two copies of a paper are equal.

    Example:
        >>> normalise_title("  Deep Residual  Learning — for Image Recognition. ")
        'deep residual learning for image recognition'
    """
    text = unicodedata.normalize("NFKC", title).lower()
    return " ".join(re.findall(r"\w+", text))


def arxiv_id(*candidates: str | None) -> str | None:
    """Return the first arXiv identifier found in the candidates, without version.

    Example:
        >>> arxiv_id(None, "https://arxiv.org/abs/1512.03385v1")
        '1512.03385'
        >>> arxiv_id("hep-th/9901001") is None
        False
        >>> arxiv_id("p123") is None
        True
    """
    for candidate in candidates:
        if not candidate:
            continue
        for pattern in (_ARXIV, _OLD_ARXIV):
            found = pattern.search(candidate)
            if found:
                return found.group(1)
    return None


def paper_id(title: str, *, given_id: str | None = None, url: str | None = None) -> str:
    """Mint a stable paper id: the arXiv id when known, else a hash of the title.

    Example:
        >>> paper_id("Attention Is All You Need", url="https://arxiv.org/abs/1706.03762")
        '1706.03762'
        >>> paper_id("Attention is all you need!") == paper_id("ATTENTION IS ALL YOU NEED")
        True
        >>> paper_id("A title", given_id="my-paper-7")
        'my-paper-7'
    """
    found = arxiv_id(given_id, url)
    if found:
        return found
    if given_id:
        return given_id.strip()
    digest = hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()
    return f"t{digest[:12]}"


def _text(value: object, name: str, source: str | Path, line: int | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(source, line, f"field '{name}' must be text, got {type(value).__name__}")
    return " ".join(value.split())


def _authors(value: object, source: str | Path, line: int | None) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(a.strip() for a in re.split(r"[;|]|,(?! *[A-Z]\.)| and ", value) if a.strip())
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return tuple(a.strip() for a in value if a.strip())
    raise InputError(source, line, "field 'authors' must be text or a list of text")


def to_paper(fields: Mapping[str, object], *, source: str | Path, line: int | None) -> Paper:
    """Check one record's fields and build its Paper.

    ``abstract`` may be given as ``text`` (the benchmark files use that name). A
    record needs a non-empty abstract and a title; the title may be empty only when
    the record has an ``id``.

    Raises:
        InputError: naming the source and line, for a missing or empty field.

    Example:
        >>> p = to_paper({"title": "T", "abstract": "A b."}, source="x.jsonl", line=1)
        >>> p.title, p.abstract, p.source
        ('T', 'A b.', 'x.jsonl:1')
        >>> to_paper({"title": "T"}, source="x.jsonl", line=2)
        Traceback (most recent call last):
        ...
        kg.errors.InputError: x.jsonl:2: missing field 'abstract'
    """
    given_id = _text(fields.get("id"), "id", source, line) or None
    if "title" not in fields and given_id is None:
        raise InputError(source, line, "missing field 'title'")
    if "abstract" not in fields and "text" not in fields:
        raise InputError(source, line, "missing field 'abstract'")
    title = _text(fields.get("title"), "title", source, line)
    raw_abstract = fields["abstract"] if "abstract" in fields else fields.get("text")
    abstract = _text(raw_abstract, "abstract", source, line)
    if not title and given_id is None:
        raise InputError(source, line, "empty title")
    if not abstract:
        raise InputError(source, line, "empty abstract")
    url = _text(fields.get("url"), "url", source, line) or None
    date = _text(fields.get("date"), "date", source, line) or None
    where = str(source) if line is None else f"{source}:{line}"
    return Paper(
        id=paper_id(title, given_id=given_id, url=url),
        title=title,
        abstract=abstract,
        url=url,
        date=date,
        authors=_authors(fields.get("authors"), source, line),
        source=where,
    )
