"""Render a QueryResult as CSV, TSV or JSON text (``kg query --format``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Literal

from kg.errors import QueryError
from kg.query.sparql import QueryResult, Value

__all__ = ["ROW_FORMATS", "RowFormat", "to_csv", "to_json", "to_text", "to_tsv"]

RowFormat = Literal["csv", "tsv", "json"]


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _delimited(result: QueryResult, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    writer.writerows([_cell(v) for v in row] for row in result.rows)
    return out.getvalue()


def to_csv(result: QueryResult) -> str:
    """Render the rows as CSV with a header line; unbound values are empty.

    Example:
        >>> print(to_csv(QueryResult(("name", "papers"), (("CIFAR-10", 2), ("a, b", None)))), end="")
        name,papers
        CIFAR-10,2
        "a, b",
    """
    return _delimited(result, ",")


def to_tsv(result: QueryResult) -> str:
    """Render the rows tab-separated with a header line (CSV quoting when a value holds a tab or newline).

    Example:
        >>> to_tsv(QueryResult(("name", "papers"), (("CIFAR-10", 2),)))
        'name\\tpapers\\nCIFAR-10\\t2\\n'
    """
    return _delimited(result, "\t")


def to_json(result: QueryResult) -> str:
    """Render the rows as a JSON array of objects keyed by variable (one line); unbound is ``null``.

    Example:
        >>> print(to_json(QueryResult(("name", "papers"), (("CIFAR-10", 2),))), end="")
        [{"name": "CIFAR-10", "papers": 2}]
    """
    return json.dumps(result.records(), ensure_ascii=False) + "\n"


ROW_FORMATS: dict[str, Callable[[QueryResult], str]] = {"csv": to_csv, "tsv": to_tsv, "json": to_json}


def to_text(result: QueryResult, fmt: str) -> str:
    """Render the rows in the named format (``csv``, ``tsv`` or ``json``).

    Raises:
        QueryError: for another format name.
    """
    if fmt not in ROW_FORMATS:
        raise QueryError(f"unknown row format '{fmt}' ({', '.join(ROW_FORMATS)})")
    return ROW_FORMATS[fmt](result)
