"""``kg query`` and ``kg serve`` through Typer's CliRunner (the endpoint itself: test_serve.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "fixture.ttl"
DATASETS = ("PREFIX kg: <https://w3id.org/kg-ml/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?name WHERE { ?d a kg:Dataset ; rdfs:label ?name } ORDER BY ?name")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    ("args", "stdout"),
    [
        (["top-datasets", "--format", "csv"], "dataset,papers\nImageNet,6\nCIFAR-10,2\nToyBench,2\n"),
        (["top-datasets", "-f", "tsv"], "dataset\tpapers\nImageNet\t6\nCIFAR-10\t2\nToyBench\t2\n"),
        (["evaluated-on-dataset", "-f", "json", "--param", "dataset_name=ToyBench"],
         '[{"entity": "convolutional neural network", "type": "Architecture"}]\n'),
        ([DATASETS, "-f", "csv", "--engine", "rdflib"], "name\nCIFAR-10\nImageNet\nToyBench\n"),
    ],
)
def test_query_writes_rows_to_stdout(runner, args, stdout):
    result = runner.invoke(app, ["query", str(FIXTURE), *args, "--no-concepts"])
    assert result.exit_code == 0, result.output
    assert result.stdout == stdout


def test_query_reads_a_query_file(runner, tmp_path):
    path = tmp_path / "datasets.rq"
    path.write_text(DATASETS, encoding="utf-8")
    result = runner.invoke(app, ["query", str(FIXTURE), str(path), "-f", "json", "--no-concepts"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": "CIFAR-10"}, {"name": "ImageNet"}, {"name": "ToyBench"}]


def test_query_table_goes_to_stderr(runner):
    result = runner.invoke(app, ["query", str(FIXTURE), "top-methods", "--no-concepts"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    for cell in ("method", "papers", "Adam", "patch shuffling", "4 rows"):
        assert cell in result.stderr


def test_query_on_disk_store(runner, tmp_path):
    for _ in range(2):  # loads the store, then reuses it
        result = runner.invoke(app, ["query", str(FIXTURE), DATASETS, "-f", "csv", "--store", str(tmp_path / "s")])
        assert result.exit_code == 0, result.output
        assert result.stdout == "name\nCIFAR-10\nImageNet\nToyBench\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?s WHERE { ?s }"], "error: malformed query: error at 1:23: expected one of BIND, [_]\n"),
        (["top-dataset"], "error: no stored query 'top-dataset'; did you mean top-datasets?\n"),
        (["top-datasets", "-P", "year=2020"],
         "error: the query has no 'VALUES ?year { … }' block to set (parameters: none)\n"),
    ],
)
def test_query_errors_are_one_line(runner, args, message):
    result = runner.invoke(app, ["query", str(FIXTURE), *args, "--no-concepts"])
    assert result.exit_code == 1
    assert result.stderr == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "'xlsx' is not one of csv, tsv, json"),
        (["--engine", "jena"], "'jena' is not one of oxigraph, rdflib"),
        (["--param", "dataset_name"], "'dataset_name' is not of the form name=value"),
    ],
)
def test_query_bad_options_are_usage_errors(runner, args, message):
    result = runner.invoke(app, ["query", str(FIXTURE), "top-datasets", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_serve_refuses_a_non_loopback_host(runner):
    result = runner.invoke(app, ["serve", str(FIXTURE), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert result.stderr == ("error: host '0.0.0.0' is not a loopback address; "
                             "the endpoint only listens on loopback\n")
