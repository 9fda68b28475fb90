"""Run a SPARQL SELECT query on a pyoxigraph or rdflib store and get plain rows back.

Both engines give the same rows: IRIs as strings, numbers as ``int``/``float``,
booleans as ``bool``, other literals as their lexical form, unbound as ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.sparql import SPARQLError

from kg.errors import QueryError
from kg.query.store import ENGINES, Store, read_store
from kg.query.stored import parameter_pattern, read_query

__all__ = ["QueryResult", "Value", "bind_values", "query_graph", "run"]

Value = str | int | float | bool | None

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte",
)}
_REALS = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The rows of a SELECT query, in order, with the projected variable names."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    def records(self) -> list[dict[str, Value]]:
        """Return the rows as dicts keyed by variable name.

        Example:
            >>> QueryResult(("name", "n"), (("Adam", 2),)).records()
            [{'name': 'Adam', 'n': 2}]
        """
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def _literal(lexical: str, datatype: str | None) -> Value:
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _REALS:
            return float(lexical)
    except ValueError:  # an ill-typed literal keeps its lexical form
        return lexical
    if datatype == f"{_XSD}boolean":
        return lexical in ("true", "1")
    return lexical


def _from_oxigraph(term: object) -> Value:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)  # type: ignore[attr-defined]  # NamedNode


def _from_rdflib(term: object) -> Value:
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return _literal(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return str(term)


def _run_oxigraph(query: str, store: ox.Store) -> QueryResult:
    try:
        result = store.query(query)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except OSError as exc:  # evaluation errors (e.g. an unreachable SERVICE)
        raise QueryError(f"query failed: {exc}") from exc
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(_only_select(result))
    variables = tuple(v.value for v in result.variables)
    rows = tuple(tuple(_from_oxigraph(solution[v]) for v in variables) for solution in result)
    return QueryResult(variables, rows)


def _run_rdflib(query: str, store: rdflib.Graph) -> QueryResult:
    try:
        result = store.query(query)
        if result.type != "SELECT":
            raise QueryError(_only_select(result.type))
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(tuple(_from_rdflib(term) for term in row) for row in result)  # type: ignore[union-attr]
    except ParseBaseException as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except SPARQLError as exc:
        raise QueryError(f"query failed: {exc}") from exc
    return QueryResult(variables, rows)


def _only_select(result: object) -> str:
    kind = result if isinstance(result, str) else (
        "ASK" if isinstance(result, ox.QueryBoolean) else "CONSTRUCT or DESCRIBE")
    return f"only SELECT queries return rows, not {kind} (kg serve answers every query form)"


def run(query: str, store: Store) -> QueryResult:
    """Run a SPARQL SELECT query on a store from :func:`kg.query.read_store`.

    Args:
        query: SPARQL text (use :func:`kg.query.read_query` for files and stored queries).
        store: a ``pyoxigraph.Store`` or an ``rdflib.Graph``.

    Returns:
        The projected variables and the rows, in the query's order.

    Raises:
        QueryError: when the query is malformed (with the parser's message), is not
            a SELECT query, or fails while running.

    Example:
        >>> store = ox.Store()
        >>> store.add(ox.Quad(ox.NamedNode("https://e.org/a"), ox.NamedNode("https://e.org/n"),
        ...                   ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer"))))
        >>> run("SELECT ?s ?n WHERE { ?s <https://e.org/n> ?n }", store).rows
        (('https://e.org/a', 3),)
        >>> run("SELECT ?s WHERE { ?s }", store)
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: malformed query: error at 1:23: expected one of BIND, [_]
    """
    if isinstance(store, rdflib.Graph):
        return _run_rdflib(query, store)
    return _run_oxigraph(query, store)


def _sparql_term(value: str) -> str:
    if value.startswith("<") and value.endswith(">"):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def bind_values(query: str, params: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """Set the parameters of a stored query: replace each ``VALUES ?name { … }`` block.

    Stored queries take their parameters from VALUES blocks of one variable and one
    default value (a string, an IRI or ``UNDEF``; see
    :func:`kg.query.stored.parameter_pattern`); this swaps the default for VALUE (a
    string literal, or an IRI when written ``<…>``). Works the same for every engine
    and for copies of the query pasted into another store.

    Raises:
        QueryError: when the query has no ``VALUES ?name`` block for a parameter.

    Example:
        >>> q = 'SELECT ?e WHERE { VALUES ?dataset_name { "CIFAR-10" } ?d ?p ?dataset_name }'
        >>> bind_values(q, {"dataset_name": "ImageNet"})
        'SELECT ?e WHERE { VALUES ?dataset_name { "ImageNet" } ?d ?p ?dataset_name }'
        >>> bind_values(q, {"metric": "F1"})
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: the query has no 'VALUES ?metric { … }' block to set (parameters: dataset_name)
    """
    items = params.items() if isinstance(params, Mapping) else params
    for name, value in items:
        query, n = parameter_pattern(name).subn(lambda _: f"VALUES ?{name} {{ {_sparql_term(value)} }}", query)
        if n == 0:
            known = ", ".join(parameter_pattern().findall(query)) or "none"
            raise QueryError(f"the query has no 'VALUES ?{name} {{ … }}' block to set (parameters: {known})")
    return query


def query_graph(
    graph: Path, query: str, *, params: Mapping[str, str] | None = None,
    engine: str = "oxigraph", store_dir: Path | None = None, concepts: bool = True,
) -> QueryResult:
    """Load GRAPH and run QUERY on it: what ``kg query`` does.

    Args:
        graph: an RDF file or a kg graph file (see :func:`kg.query.read_store`).
        query: a ``.rq`` path, a stored query's name, or SPARQL text (see :func:`kg.query.read_query`).
        params: values for the query's ``VALUES ?name`` parameters (see :func:`bind_values`).
        engine: ``"oxigraph"`` or ``"rdflib"``.
        store_dir: keep an on-disk oxigraph store there (loaded once, reused).
        concepts: also load ``ontology/concepts.ttl``.

    Raises:
        QueryError: for an unknown engine or stored query, or a query that cannot run.
        InputError: when GRAPH or a query file cannot be read.
    """
    if engine not in ENGINES:
        raise QueryError(f"unknown engine '{engine}' ({', '.join(ENGINES)})")
    text = bind_values(read_query(query), params or {})
    return run(text, read_store(graph, engine=engine, store_dir=store_dir, concepts=concepts))  # type: ignore[arg-type]
