"""The stored competency queries of ``ontology/queries/*.rq`` and how a QUERY argument is read.

Each ``.rq`` file opens with a comment header: a title line, then lines that say
what the query answers and which parameters (one-variable ``VALUES`` blocks) it
takes. The file name without ``.rq`` is the query's name (``top-datasets``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, QueryError
from kg.rdf import ontology_path

__all__ = ["StoredQuery", "parameter_pattern", "read_query", "stored_queries"]

_NAME = re.compile(r"[A-Za-z0-9_-]+")


def parameter_pattern(name: str | None = None) -> re.Pattern[str]:
    """Match a query parameter: a VALUES block of one variable and one value.

    The value is a string literal, an IRI or ``UNDEF``; blocks with several values
    (``VALUES ?class { kg:Method kg:Architecture }``) are part of the query, not
    parameters. Group 1 is the variable's name.

    Example:
        >>> parameter_pattern().findall('VALUES ?a { "x" } VALUES ?b { UNDEF } VALUES ?c { 1 2 }')
        ['a', 'b']
    """
    variable = r"(\w+)" if name is None else "(" + re.escape(name) + ")"
    value = r'"(?:[^"\\\n]|\\.)*"|<[^<>\s]*>|UNDEF'
    return re.compile(r"VALUES\s+\?" + variable + r"\s*\{\s*(?:" + value + r")\s*\}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StoredQuery:
    """One stored query: its name, the header's title and description, the SPARQL text."""

    name: str
    title: str
    description: str
    text: str
    path: Path

    @property
    def parameters(self) -> tuple[str, ...]:
        """Name the query's parameters (see :func:`parameter_pattern`), in order.

        Example:
            >>> q = StoredQuery("q", "t", "", 'SELECT * { VALUES ?a { "1" } VALUES ?b { "2" } }', Path("q.rq"))
            >>> q.parameters
            ('a', 'b')
        """
        return tuple(parameter_pattern().findall(self.text))


def _parse(path: Path) -> StoredQuery:
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    if not header or not header[0]:
        raise QueryError(f"{path}: a stored query opens with a '# title' comment line")
    description = " ".join(line for line in header[1:] if line)
    return StoredQuery(path.stem, header[0], description, text, path)


def stored_queries(folder: Path | None = None) -> dict[str, StoredQuery]:
    """Read the stored queries, sorted by name.

    Args:
        folder: where the ``.rq`` files are (default ``ontology/queries``).

    Example:
        >>> queries = stored_queries()
        >>> queries["top-datasets"].title
        'Top datasets by papers'
    """
    folder = folder if folder is not None else ontology_path("queries")
    return {path.stem: _parse(path) for path in sorted(folder.glob("*.rq"))}


def read_query(query: str, *, folder: Path | None = None) -> str:
    """Return the SPARQL text that a QUERY argument stands for.

    QUERY is, in this order: the path of a file; the name of a stored query
    (letters, digits, ``-`` and ``_`` only); otherwise the SPARQL text itself.

    Raises:
        InputError: for a ``.rq`` path that does not exist.
        QueryError: for a name that is no stored query.

    Example:
        >>> read_query("SELECT * WHERE { ?s ?p ?o }")
        'SELECT * WHERE { ?s ?p ?o }'
        >>> read_query("top-datasets").startswith("# Top datasets by papers")
        True
        >>> read_query("top-dataset")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: no stored query 'top-dataset'; did you mean top-datasets?
    """
    if "\n" not in query and len(query) < 4096:
        path = Path(query)
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(path, None, f"cannot read query: {exc}") from exc
        if path.suffix == ".rq":
            raise InputError(path, None, "no such file")
        if _NAME.fullmatch(query):
            queries = stored_queries(folder)
            if query in queries:
                return queries[query].text
            close = [name for name in queries if query in name or name in query]
            hint = f"did you mean {', '.join(close)}?" if close else f"one of {', '.join(queries)}"
            raise QueryError(f"no stored query '{query}'; {hint}")
    return query
