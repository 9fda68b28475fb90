"""``kg serve``'s endpoint, driven by a real SPARQL client (SPARQLWrapper) over loopback HTTP.

One endpoint for the module, on 127.0.0.1 with an ephemeral port: the hand-written
fixture plus a generated chain of 2,000 triples, a 1 s timeout and a 50-row limit.
"""

from __future__ import annotations

import csv
import io
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.errors import ConfigError
from kg.query import open_endpoint

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "fixture.ttl"
CHAIN = 2000  # generated triples: enough that a three-way cross product runs for minutes
TIMEOUT = 1.0
MAX_ROWS = 50
PREFIX = "PREFIX kg: <https://w3id.org/kg-ml/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
DATASETS = PREFIX + "SELECT ?name WHERE { ?d a kg:Dataset ; rdfs:label ?name } ORDER BY ?name"
NAMES = ["CIFAR-10", "ImageNet", "ToyBench"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """Serve fixture + chain from a background thread; stop and clean up after the module."""
    graph = tmp_path_factory.mktemp("serve") / "graph.ttl"
    chain = "".join(f"<https://e.org/n{i}> <https://e.org/next> <https://e.org/n{i + 1}> .\n" for i in range(CHAIN))
    graph.write_text(FIXTURE.read_text(encoding="utf-8") + chain, encoding="utf-8")
    served = open_endpoint(graph, port=0, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2, concepts=False)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.shutdown()
    served.close()
    thread.join(5)


def _client(endpoint, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def _http(endpoint, *, method: str = "GET", query: str | None = None, body: bytes | None = None,
          headers: dict[str, str] | None = None, path: str = "/sparql") -> tuple[int, str]:
    """Send one raw request; return the status and the body as text."""
    url = endpoint.url.rsplit("/", 1)[0] + path
    if query is not None:
        url += "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _count(endpoint) -> int:
    return int(_client(endpoint, COUNT).queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def _names(fmt: str, converted) -> list[str]:
    if fmt == JSON:
        return [b["name"]["value"] for b in converted["results"]["bindings"]]
    if fmt == XML:
        return [node.firstChild.data for node in converted.getElementsByTagName("literal")]
    rows = list(csv.reader(io.StringIO(converted.decode("utf-8")), delimiter="," if fmt == CSV else "\t"))
    assert rows[0] == (["name"] if fmt == CSV else ["?name"])
    return [row[0].strip('"') for row in rows[1:]]  # TSV writes terms in N-Triples syntax


def test_endpoint_listens_on_loopback(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:")
    assert endpoint.url.endswith("/sparql")


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("how", ["GET", "POST form", "POST body"])
def test_select_in_each_format(endpoint, fmt, how):
    client = _client(endpoint, DATASETS, fmt)
    if how != "GET":
        client.setMethod(POST)
    if how == "POST body":
        client.setRequestMethod(POSTDIRECTLY)
    assert _names(fmt, client.queryAndConvert()) == NAMES


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("text/html;q=0.9, text/csv;q=0.5", "text/csv; charset=utf-8"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_format_follows_the_accept_header(endpoint, accept, content_type):
    url = endpoint.url + "?" + urllib.parse.urlencode({"query": DATASETS})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as response:
        assert response.headers["Content-Type"] == content_type


def test_ask_and_construct(endpoint):
    assert _client(endpoint, PREFIX + "ASK { ?d a kg:Dataset }").queryAndConvert()["boolean"] is True
    turtle = _client(endpoint, PREFIX + "CONSTRUCT { ?d rdfs:label ?n } WHERE { ?d a kg:Dataset ; rdfs:label ?n }",
                     TURTLE).queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert sorted(str(o) for o in graph.objects()) == NAMES


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        ({"query": "INSERT DATA { <https://e.org/a> <https://e.org/b> 1 }"}, 403,
         "updates are refused: this endpoint is read-only\n"),
        ({"query": "PREFIX e: <https://e.org/> DELETE WHERE { ?s ?p ?o }"}, 403,
         "updates are refused: this endpoint is read-only\n"),
        ({"method": "POST", "body": b"update=CLEAR+ALL",
          "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 403,
         "updates are refused: this endpoint is read-only\n"),
        ({"method": "POST", "body": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403,
         "updates are refused: this endpoint is read-only\n"),
        ({"method": "PUT", "body": b"<https://e.org/a> <https://e.org/b> 1 .",
          "headers": {"Content-Type": "text/turtle"}}, 405, "PUT is not allowed: this endpoint is read-only\n"),
        ({"method": "DELETE"}, 405, "DELETE is not allowed: this endpoint is read-only\n"),
    ],
)
def test_updates_are_refused_and_change_nothing(endpoint, request_kwargs, status, message):
    before = _count(endpoint)
    assert _http(endpoint, **request_kwargs) == (status, message)
    assert _count(endpoint) == before


def test_update_through_sparqlwrapper_is_refused(endpoint):
    before = _count(endpoint)
    client = _client(endpoint, "INSERT DATA { <https://e.org/a> <https://e.org/b> 1 }")
    client.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert _count(endpoint) == before


def test_store_holds_fixture_and_chain(endpoint):
    fixture = len(Graph().parse(FIXTURE))
    # the default graph holds the fixture and the chain (the store's "loaded from"
    # marker is in a named graph of its own)
    assert _count(endpoint) == fixture + CHAIN


def test_heavy_query_times_out_and_the_endpoint_recovers(endpoint):
    start = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(endpoint, HEAVY).query()
    elapsed = time.monotonic() - start
    assert caught.value.code == 503
    assert caught.value.read().decode() == "the query ran longer than the endpoint's timeout of 1 s\n"
    assert TIMEOUT <= elapsed < TIMEOUT + 10
    for _ in range(3):  # every worker, including the replaced one, answers again
        assert _names(JSON, _client(endpoint, DATASETS).queryAndConvert()) == NAMES


def test_result_over_the_limit_is_refused(endpoint):
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(endpoint, "SELECT * WHERE { ?s ?p ?o }").query()
    assert caught.value.code == 422
    assert caught.value.read().decode() == (
        f"the result has more than {MAX_ROWS} rows, the endpoint's limit; add LIMIT (and OFFSET to page through it)\n")
    limited = _client(endpoint, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}").queryAndConvert()
    assert len(limited["results"]["bindings"]) == MAX_ROWS


def test_malformed_query_is_400_with_the_parser_message(endpoint):
    assert _http(endpoint, query="SELECT * WHERE { ?s ?p }") == (
        400, "malformed query: error at 1:25: expected one of LATERAL, SERVICE, [_]\n")
    with pytest.raises(QueryBadFormed) as caught:
        _client(endpoint, "SELECT * WHERE { ?s ?p }").query()
    assert "expected one of LATERAL, SERVICE" in str(caught.value)


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, 403,
         "SERVICE (federated query) is disabled: this endpoint makes no outgoing requests\n"),
        ({"query": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, 403,
         "SERVICE (federated query) is disabled: this endpoint makes no outgoing requests\n"),
        ({"query": DATASETS, "headers": {"Host": "attacker.example:80"}}, 403,
         "Host 'attacker.example:80' is not a loopback name\n"),
        ({"query": DATASETS, "path": "/other"}, 404, "the SPARQL endpoint is /sparql\n"),
        ({}, 400, "give exactly one 'query' parameter\n"),
        ({"query": DATASETS, "headers": {"Accept": "image/png"}}, 406,
         "no acceptable format in image/png; SELECT gives json, xml, csv or tsv\n"),
        ({"method": "POST", "body": b"{}", "headers": {"Content-Type": "application/json"}}, 415,
         "POST takes a query= form or application/sparql-query, not application/json\n"),
    ],
)
def test_refused_requests(endpoint, request_kwargs, status, message):
    assert _http(endpoint, **request_kwargs) == (status, message)


def test_graph_iri_parameters_are_passed_on(endpoint):
    # the fixture is in the default graph; the named graph <https://e.org/none> is empty
    url = endpoint.url + "?" + urllib.parse.urlencode({"query": COUNT, "default-graph-uri": "https://e.org/none"})
    with urllib.request.urlopen(url, timeout=30) as response:
        assert b'"value":"0"' in response.read()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"host": "0.0.0.0"}, "host '0.0.0.0' is not a loopback address; the endpoint only listens on loopback"),
        ({"timeout": 0}, "timeout must be > 0, max_rows and workers >= 1"),
    ],
)
def test_open_endpoint_bad_settings(kwargs, message):
    with pytest.raises(ConfigError) as caught:
        open_endpoint(FIXTURE, **kwargs)
    assert str(caught.value) == message

