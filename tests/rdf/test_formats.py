"""RDF formats: round trips, byte-identical output, N-Triples, JSON-LD context, base IRI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.build import export_graph
from kg.errors import ExportError
from kg.graph import write_json
from kg.rdf import RDF_FORMATS, to_rdf, write_rdf
from kg.rdf.namespace import PREFIXES

SUFFIX = {"turtle": "ttl", "nt": "nt", "xml": "rdf", "json-ld": "jsonld"}
OXIGRAPH = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
            "xml": pyoxigraph.RdfFormat.RDF_XML, "json-ld": pyoxigraph.RdfFormat.JSON_LD}
# 120 triples: see test_provenance.test_to_rdf_triple_count
TRIPLES = 120
EXPORT_ALL = """
import sys
from pathlib import Path
from kg.build import export_graph
graph, out = Path(sys.argv[1]), Path(sys.argv[2])
for fmt, suffix in (("turtle", "ttl"), ("nt", "nt"), ("xml", "rdf"), ("json-ld", "jsonld")):
    export_graph(graph, out / f"graph.{suffix}", fmt=fmt)
"""


def _write(g: Graph, folder, fmt: str) -> bytes:
    return write_rdf(g, folder / f"graph.{SUFFIX[fmt]}", fmt=fmt).read_bytes()


def test_rdf_formats_are_the_four():
    assert RDF_FORMATS == ("turtle", "nt", "xml", "json-ld")


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_write_rdf_round_trips(tmp_path, paper_graph, fmt):
    exported = to_rdf(paper_graph)
    path = write_rdf(exported, tmp_path / f"graph.{SUFFIX[fmt]}", fmt=fmt)
    reparsed = Graph().parse(path, format=fmt)
    assert isomorphic(exported, reparsed)
    assert set(exported) == set(reparsed)  # no blank nodes: equal triple for triple
    assert len(reparsed) == TRIPLES


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_write_rdf_output_loads_in_oxigraph(tmp_path, paper_graph, fmt):
    path = write_rdf(to_rdf(paper_graph), tmp_path / f"graph.{SUFFIX[fmt]}", fmt=fmt)
    assert len(list(pyoxigraph.parse(path=path, format=OXIGRAPH[fmt]))) == TRIPLES


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_write_rdf_is_byte_identical_whatever_the_insertion_order(tmp_path, paper_graph, reversed_paper_graph, fmt):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _write(to_rdf(paper_graph), tmp_path / "a", fmt)
    assert _write(to_rdf(paper_graph), tmp_path / "a", fmt) == first
    assert _write(to_rdf(reversed_paper_graph), tmp_path / "b", fmt) == first


@pytest.fixture(scope="module")
def exports_under_two_seeds(tmp_path_factory, paper_graph_file):
    """Export the fixture graph to every format in two processes with different hash seeds.

    Set order follows the string hash seed, so output that leaks set order differs.
    """
    folders = []
    for seed in ("1", "2"):
        out = tmp_path_factory.mktemp(f"seed{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", EXPORT_ALL, str(paper_graph_file), str(out)], env=env, check=True,
                       capture_output=True)
        folders.append(out)
    return folders


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_graph_is_byte_identical_across_processes(exports_under_two_seeds, fmt):
    first, second = exports_under_two_seeds
    name = f"graph.{SUFFIX[fmt]}"
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_export_graph_streams_the_same_ntriples(tmp_path, paper_graph):
    graph = write_json(paper_graph, tmp_path / "graph.json")
    streamed = export_graph(graph, tmp_path / "streamed.nt", fmt="nt").read_bytes()
    assert streamed == _write(to_rdf(paper_graph), tmp_path, "nt")


def test_ntriples_lines_are_sorted_and_complete(tmp_path, paper_graph):
    text = _write(to_rdf(paper_graph), tmp_path, "nt").decode("utf-8")
    lines = text.splitlines(keepends=True)
    assert len(lines) == TRIPLES  # one line per triple
    assert lines == sorted(lines)
    assert all(line.endswith(" .\n") for line in lines)


@pytest.mark.parametrize(
    ("label", "written"),
    [
        ('say "hi"', r'"say \"hi\""'),
        ("back\\slash", r'"back\\slash"'),
        ("two\nlines\r", r'"two\nlines\r"'),
        ("tab\there", r'"tab\there"'),
        ("bell\x07", r'"bell\u0007"'),
        ("café — 東京", '"café — 東京"'),  # UTF-8 as is, no escape
    ],
)
def test_ntriples_escapes_literals(tmp_path, paper_graph, label, written):
    paper_graph.nodes["method:dropout"]["label"] = label
    g = to_rdf(paper_graph)
    text = _write(g, tmp_path, "nt").decode("utf-8")
    line = f"<https://w3id.org/kg-ml/id/method/dropout> <http://www.w3.org/2000/01/rdf-schema#label> {written} .\n"
    assert line in text
    assert set(Graph().parse(data=text, format="nt")) == set(g)


def test_jsonld_has_our_context_and_compact_terms(tmp_path, paper_graph):
    document = json.loads(_write(to_rdf(paper_graph), tmp_path, "json-ld"))
    assert document["@context"] == {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    nodes = {node["@id"]: node for node in document["@graph"]}
    # 7 graph nodes (the paper, 5 entities, the result), 5 mentions, 2 statements
    assert len(nodes) == 14
    assert list(nodes) == sorted(nodes)
    result = nodes["kgd:result/2401.00001/top-1-accuracy/0"]
    assert result["@type"] == "kg:Result"
    assert result["kg:value"] == {"@type": "xsd:decimal", "@value": "76.5"}
    assert result["kg:metric"] == {"@id": "kgd:metric/top-1-accuracy"}
    assert result["kg:start"] == 133
    paper = nodes["kgd:paper/2401.00001"]
    assert paper["dcterms:issued"] == {"@type": "xsd:date", "@value": "2024-01-05"}
    # five entities mentioned, listed in sorted order
    assert paper["kg:mentions"] == [{"@id": f"kgd:{n}"} for n in sorted(
        ["architecture/foonet", "dataset/cifar-10", "method/dropout", "metric/top-1-accuracy", "task/segmentation"])]


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_base_iri_reaches_every_format(tmp_path, paper_graph, fmt):
    base = "https://example.org/kg/"
    g = to_rdf(paper_graph, base=base)
    reparsed = Graph().parse(data=_write(g, tmp_path, fmt), format=fmt)
    subjects = {str(s) for s in reparsed.subjects()}
    # 7 graph nodes (the paper, 5 entities, the result), 5 mentions, 2 statements
    assert len(subjects) == 14
    assert all(s.startswith(base) for s in subjects)
    assert (URIRef(base + "paper/2401.00001"), PREFIXES["dcterms"].title,
            Literal("FooNet: Fast Segmentation of Aerial Photographs")) in reparsed


def test_write_rdf_unknown_format(tmp_path, paper_graph):
    with pytest.raises(ExportError) as caught:
        write_rdf(to_rdf(paper_graph), tmp_path / "graph.n3", fmt="n3")  # type: ignore[arg-type]
    assert str(caught.value) == "unknown RDF format 'n3' (one of turtle, nt, xml, json-ld)"


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_write_rdf_error_names_the_file(tmp_path, paper_graph, fmt):
    path = tmp_path / "missing-folder" / f"graph.{SUFFIX[fmt]}"
    with pytest.raises(ExportError) as caught:
        write_rdf(to_rdf(paper_graph), path, fmt=fmt)
    assert str(caught.value) == f"{path}: cannot write: No such file or directory"
