"""Query: SPARQL over the exported graph (pyoxigraph, with rdflib for compatibility).

Only this layer and ``kg.rdf`` import rdflib and pyoxigraph. ``read_store`` loads a
graph file, ``run`` answers a SELECT query with plain rows, ``stored_queries`` lists
the competency queries of ``ontology/queries``, and ``open_endpoint`` serves a graph
as a read-only SPARQL 1.1 Protocol endpoint.
"""

from __future__ import annotations

from kg.errors import QueryError
from kg.query.endpoint import Endpoint, is_loopback, open_endpoint, refusal
from kg.query.formats import ROW_FORMATS, RowFormat, to_csv, to_json, to_text, to_tsv
from kg.query.sparql import QueryResult, Value, bind_values, query_graph, run
from kg.query.store import ENGINES, Engine, Store, graph_format, read_store
from kg.query.stored import StoredQuery, read_query, stored_queries

__all__ = [
    "ENGINES", "ROW_FORMATS", "Endpoint", "Engine", "QueryError", "QueryResult", "RowFormat", "Store",
    "StoredQuery", "Value", "bind_values", "graph_format", "is_loopback", "open_endpoint",
    "query_graph", "read_query", "read_store", "refusal", "run", "stored_queries", "to_csv",
    "to_json", "to_text", "to_tsv",
]
