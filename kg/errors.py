"""The errors kg raises on purpose; anything else is a bug."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ConfigError", "ExportError", "InputError", "KgError", "QueryError"]


class KgError(Exception):
    """Base class of every error kg raises for a user to read."""


class InputError(KgError):
    """A record that cannot be read; names where it is and what is wrong.

    Example:
        >>> str(InputError("papers.jsonl", 3, "missing field 'title'"))
        "papers.jsonl:3: missing field 'title'"
        >>> str(InputError("dump.txt", None, "no papers found"))
        'dump.txt: no papers found'
    """

    def __init__(self, source: str | Path, line: int | None, reason: str) -> None:
        self.source, self.line, self.reason = str(source), line, reason
        where = self.source if line is None else f"{self.source}:{line}"
        super().__init__(f"{where}: {reason}")


class ConfigError(KgError):
    """A setting, lexicon or ontology file that is inconsistent."""


class ExportError(KgError):
    """An output that cannot be written."""


class QueryError(KgError):
    """A SPARQL query that cannot be parsed, found or run; the message says why."""
