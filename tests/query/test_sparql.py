"""kg.query's library side: loading stores, running queries, parameters, output formats."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.errors import InputError
from kg.graph import write_json
from kg.query import (
    QueryError, QueryResult, bind_values, graph_format, query_graph, read_query, read_store, run,
    stored_queries, to_csv, to_json, to_text, to_tsv,
)
from kg.rdf import to_rdf

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "fixture.ttl"
ENGINES = ["oxigraph", "rdflib"]
PREFIX = "PREFIX kg: <https://w3id.org/kg-ml/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
DATASETS = PREFIX + "SELECT ?name WHERE { ?d a kg:Dataset ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module", params=ENGINES)
def store(request):
    return read_store(FIXTURE, engine=request.param, concepts=False)


def test_run_converts_terms_alike(store):
    query = """SELECT ?i ?d ?b ?lang ?iri ?unbound WHERE {
      BIND (7 AS ?i) BIND (2.5 AS ?d) BIND (true AS ?b) BIND ("Bild"@de AS ?lang)
      BIND (<https://e.org/x> AS ?iri) OPTIONAL { <https://e.org/none> ?p ?unbound } }"""
    result = run(query, store)
    assert result.variables == ("i", "d", "b", "lang", "iri", "unbound")
    assert result.rows == ((7, 2.5, True, "Bild", "https://e.org/x", None),)


def test_run_keeps_the_query_order(store):
    assert run(DATASETS, store).rows == (("CIFAR-10",), ("ImageNet",), ("ToyBench",))


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        ("oxigraph", "malformed query: error at 1:23: expected one of BIND, [_]"),
        ("rdflib", "malformed query: Expected SelectQuery, found '?'  (at char 18), (line:1, col:19)"),
    ],
)
def test_run_malformed_query_gives_the_parser_message(engine, message):
    with pytest.raises(QueryError) as caught:
        run("SELECT ?s WHERE { ?s }", read_store(FIXTURE, engine=engine, concepts=False))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("query", "kind"),
    [("ASK { ?s ?p ?o }", "ASK"), ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT or DESCRIBE")],
)
def test_run_other_query_forms_are_refused(store, query, kind):
    expected = f"only SELECT queries return rows, not {kind} (kg serve answers every query form)"
    if isinstance(store, rdflib.Graph):
        expected = expected.replace("CONSTRUCT or DESCRIBE", "CONSTRUCT")  # rdflib names the form
    with pytest.raises(QueryError) as caught:
        run(query, store)
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "CIFAR-10"}, 'VALUES ?name { "CIFAR-10" }'),
        ({"name": 'a "quoted" \\ name'}, 'VALUES ?name { "a \\"quoted\\" \\\\ name" }'),
        ({"name": "<https://e.org/x>"}, "VALUES ?name { <https://e.org/x> }"),
    ],
)
def test_bind_values_replaces_the_default(params, expected):
    assert bind_values('SELECT * { VALUES ?name { UNDEF } }', params) == f"SELECT * {{ {expected} }}"


def test_bind_values_quoted_value_runs(store):
    query = bind_values(PREFIX + 'SELECT ?d WHERE { VALUES ?name { "x" } ?d rdfs:label ?name }',
                        {"name": "ToyBench"})
    assert run(query, store).rows == (("https://w3id.org/kg-ml/id/dataset/toybench",),)


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ('SELECT * { VALUES ?a { "x" } }', {"b": "y"},
         "the query has no 'VALUES ?b { … }' block to set (parameters: a)"),
        ("SELECT * { VALUES ?c { 1 2 } }", {"c": "3"},
         "the query has no 'VALUES ?c { … }' block to set (parameters: none)"),
    ],
)
def test_bind_values_unknown_parameter_is_an_error(query, params, message):
    with pytest.raises(QueryError) as caught:
        bind_values(query, params)
    assert str(caught.value) == message


def test_read_query_reads_a_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    assert read_query(str(path)) == "SELECT ?s WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_read_query_finds_stored_queries(name):
    assert read_query(name) == stored_queries()[name].text


@pytest.mark.parametrize(
    ("query", "error", "message"),
    [
        ("missing.rq", InputError, "missing.rq: no such file"),
        ("top-dataset", QueryError, "no stored query 'top-dataset'; did you mean top-datasets?"),
        ("nothing", QueryError, "no stored query 'nothing'; one of " + ", ".join(stored_queries())),
    ],
)
def test_read_query_errors_name_the_query(query, error, message):
    with pytest.raises(error) as caught:
        read_query(query)
    assert str(caught.value) == message


@pytest.mark.parametrize(("suffix", "fmt"), [(".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")])
@pytest.mark.parametrize("engine", ENGINES)
def test_read_store_reads_every_rdf_format(tmp_path, suffix, fmt, engine):
    expected = rdflib.Graph().parse(FIXTURE)
    path = tmp_path / f"graph{suffix}"
    expected.serialize(path, format=fmt, encoding="utf-8")
    assert len(read_store(path, engine=engine, concepts=False)) == len(expected)
    assert run(DATASETS, read_store(path, engine=engine, concepts=False)).rows == (
        ("CIFAR-10",), ("ImageNet",), ("ToyBench",))


@pytest.mark.parametrize("engine", ENGINES)
def test_read_store_converts_a_kg_graph(tmp_path, engine):
    G = nx.MultiDiGraph()
    G.add_node("paper:1", type="Paper", label="A title", abstract="About MNIST.")
    G.add_node("dataset:mnist", type="Dataset", label="MNIST", papers=1)
    G.add_edge("paper:1", "dataset:mnist", key="mentions", relation="mentions", paper="1",
               sentence=1, start=15, end=20)
    path = write_json(G, tmp_path / "graph.json")
    assert len(read_store(path, engine=engine, concepts=False)) == len(to_rdf(G))
    assert run(DATASETS, read_store(path, engine=engine, concepts=False)).rows == (("MNIST",),)


@pytest.mark.parametrize("engine", ENGINES)
def test_read_store_adds_the_concepts(engine):
    query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?c WHERE { ?c skos:prefLabel \"AlexNet\"@en }"
    assert run(query, read_store(FIXTURE, engine=engine)).rows == (
        ("https://w3id.org/kg-ml/concept/architecture/alexnet",),)


@pytest.mark.parametrize(
    ("name", "message"),
    [("graph.csv", "unknown graph format '.csv' (.ttl, .nt, .jsonld, .rdf, .owl, .xml, .json, .graphml)"),
     ("absent.ttl", "no such file")],
)
def test_read_store_bad_graph_is_an_input_error(tmp_path, name, message):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_store(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize("engine", ENGINES)
def test_read_store_syntax_error_names_the_file(tmp_path, engine):
    path = tmp_path / "broken.ttl"
    path.write_text("<https://e.org/a> <https://e.org/p> .\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_store(path, engine=engine, concepts=False)
    assert str(caught.value).startswith(f"{path}: cannot parse turtle: ")


def test_read_store_on_disk_is_reused_until_the_graph_changes(tmp_path):
    graph, folder = tmp_path / "g.ttl", tmp_path / "store"
    graph.write_bytes(FIXTURE.read_bytes())
    first = read_store(graph, store_dir=folder, concepts=False)
    loaded = len(first)  # the fixture's triples and the store's "loaded from" marker
    assert loaded == len(read_store(FIXTURE, concepts=False)) + 1
    first.update("INSERT DATA { <https://e.org/extra> <https://e.org/p> 1 }")
    del first
    gc.collect()  # release the on-disk store before opening it again
    second = read_store(graph, store_dir=folder, concepts=False)
    assert len(second) == loaded + 1  # reused as it was: the extra triple is still there
    del second
    gc.collect()
    stat = graph.stat()
    os.utime(graph, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert len(read_store(graph, store_dir=folder, concepts=False)) == loaded  # reloaded


def test_read_store_on_disk_needs_oxigraph(tmp_path):
    with pytest.raises(InputError) as caught:
        read_store(FIXTURE, engine="rdflib", store_dir=tmp_path)
    assert str(caught.value) == f"{tmp_path}: an on-disk store needs the oxigraph engine"


@pytest.mark.parametrize(("name", "expected"), [("g.ttl", "turtle"), ("g.NT", "nt"), ("g.graphml", "kg")])
def test_graph_format_from_the_extension(name, expected):
    assert graph_format(Path(name)) == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_query_graph_runs_a_stored_query_with_parameters(engine):
    result = query_graph(FIXTURE, "evaluated-on-dataset", params={"dataset_name": "ToyBench"},
                         engine=engine, concepts=False)
    assert result.rows == (("convolutional neural network", "Architecture"),)


def test_query_graph_unknown_engine_is_an_error():
    with pytest.raises(QueryError) as caught:
        query_graph(FIXTURE, DATASETS, engine="jena")
    assert str(caught.value) == "unknown engine 'jena' (oxigraph, rdflib)"


RESULT = QueryResult(("name", "papers", "note"), (("a, b", 2, None), ("tab\there", 1, "x")))


@pytest.mark.parametrize(
    ("fmt", "render", "expected"),
    [
        ("csv", to_csv, 'name,papers,note\n"a, b",2,\ntab\there,1,x\n'),
        ("tsv", to_tsv, 'name\tpapers\tnote\na, b\t2\t\n"tab\there"\t1\tx\n'),
        ("json", to_json, json.dumps([{"name": "a, b", "papers": 2, "note": None},
                                      {"name": "tab\there", "papers": 1, "note": "x"}]) + "\n"),
    ],
)
def test_row_formats(fmt, render, expected):
    assert render(RESULT) == expected
    assert to_text(RESULT, fmt) == expected


def test_row_format_unknown_is_an_error():
    with pytest.raises(QueryError) as caught:
        to_text(RESULT, "xlsx")
    assert str(caught.value) == "unknown row format 'xlsx' (csv, tsv, json)"
