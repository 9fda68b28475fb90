"""SHACL validation (kg.rdf.validate) against ontology/shapes.ttl.

Each bad graph is the valid fixture graph of tests/rdf/conftest.py with one change;
the expected results are the rules that change breaks, worked out by hand.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from typer.testing import CliRunner

from kg.build import build_outputs
from kg.cli import app
from kg.errors import InputError
from kg.graph import write_json
from kg.model import Concept, EntityType
from kg.rdf import KG, ontology_path, to_concepts_rdf, to_rdf, write_rdf
from kg.rdf.validate import ValidationReport, read_shapes, validate, validate_file

DATA = Namespace("https://w3id.org/kg-ml/id/")
KGSH = Namespace("https://w3id.org/kg-ml/shapes#")
CONCEPT = Namespace("https://w3id.org/kg-ml/concept/")
PAPER, RESULT = DATA["paper/2401.00001"], DATA["result/2401.00001/top-1-accuracy/0"]
FOONET, DROPOUT = DATA["architecture/foonet"], DATA["method/dropout"]
CIFAR, TOP1 = DATA["dataset/cifar-10"], DATA["metric/top-1-accuracy"]
MENTION_FOONET = DATA["mention/2401.00001/architecture/foonet"]
MENTION_TOP1 = DATA["mention/2401.00001/metric/top-1-accuracy"]
EVALUATED = DATA["statement/2401.00001/evaluated-on/architecture/foonet/dataset/cifar-10"]
TYPO = URIRef(str(KG._NS) + "labell")
# used through its module: a module-level XSD makes pytest probe it and rdflib warn
XSD_DECIMAL = namespace.XSD.decimal

Change = Callable[[Graph], object]
# (severity, focus, path, constraint, shape)
Expected = tuple[str, URIRef, str, str, URIRef]

CASES: list[tuple[str, Change, list[Expected]]] = [
    ("paper without title", lambda g: g.remove((PAPER, DCTERMS.title, None)),
     [("Violation", PAPER, str(DCTERMS.title), "MinCount", KGSH["paper-title"])]),
    ("result without metric", lambda g: g.remove((RESULT, KG.metric, None)),
     [("Violation", RESULT, str(KG.metric), "MinCount", KGSH["result-metric"])]),
    ("value written as text", lambda g: g.set((RESULT, KG.value, Literal("76.5%"))),
     [("Violation", RESULT, str(KG.value), "Datatype", KGSH["result-value"])]),
    ("result subject is a dataset", lambda g: g.set((RESULT, KG.subject, CIFAR)),
     [("Violation", RESULT, str(KG.subject), "Or", KGSH["result-subject"])]),
    # start 10 > end 6 breaks sh:lessThan, and "FooNet" (6 characters) no longer fits the offsets
    ("start after end", lambda g: g.set((MENTION_FOONET, KG.start, Literal(10))),
     [("Violation", MENTION_FOONET, "", "SPARQL", KGSH["extraction-text-fits-offsets"]),
      ("Violation", MENTION_FOONET, str(KG.start), "LessThan", KGSH["extraction-start"])]),
    ("confidence above one", lambda g: g.set((MENTION_FOONET, KG.confidence, Literal("1.5", datatype=XSD_DECIMAL))),
     [("Violation", MENTION_FOONET, str(KG.confidence), "MaxInclusive", KGSH["extraction-confidence"])]),
    ("mention without rule", lambda g: g.remove((MENTION_FOONET, KG.rule, None)),
     [("Violation", MENTION_FOONET, str(KG.rule), "MinCount", KGSH["mention-rule"])]),
    ("misspelt property", lambda g: g.add((FOONET, TYPO, Literal("FooNet"))),
     [("Violation", FOONET, str(TYPO), "Closed", KGSH["ArchitectureShape"])]),
    ("concept of another type", lambda g: g.add((FOONET, KG.concept, CONCEPT["dataset/cifar-10"])),
     [("Violation", FOONET, str(KG.concept), "Pattern", KGSH["architecture-concept"])]),
    ("two entity types", lambda g: g.add((FOONET, RDF.type, KG.Method)),
     [("Violation", FOONET, "", "Xone", KGSH["EntityShape"])]),
    ("dataset as a subject of evaluatedOn", lambda g: g.add((CIFAR, KG.evaluatedOn, CIFAR)),
     [("Violation", CIFAR, str(KG.evaluatedOn), "Closed", KGSH["DatasetShape"])]),
    ("paper count disagrees", lambda g: g.set((CIFAR, KG.paperCount, Literal(2))),
     [("Violation", CIFAR, "", "SPARQL", KGSH["entity-paper-count-agrees"])]),
    ("statement not stated", lambda g: g.remove((FOONET, KG.evaluatedOn, CIFAR)),
     [("Violation", EVALUATED, "", "SPARQL", KGSH["statement-is-stated"])]),
    # no paper mentions top-1 accuracy any more: the entity, its count and its mention all break
    ("entity never mentioned", lambda g: g.remove((PAPER, KG.mentions, TOP1)),
     [("Violation", MENTION_TOP1, "", "SPARQL", KGSH["mention-is-stated"]),
      ("Violation", TOP1, "", "SPARQL", KGSH["entity-paper-count-agrees"]),
      ("Violation", TOP1, "^" + str(KG.mentions), "MinCount", KGSH["entity-mentioned"])]),
    ("date not ISO", lambda g: g.set((PAPER, DCTERMS.issued, Literal("Jan 2024"))),
     [("Warning", PAPER, str(DCTERMS.issued), "Or", KGSH["paper-issued-iso"])]),
    ("evaluated on a method", lambda g: g.add((FOONET, KG.evaluatedOn, DROPOUT)),
     [("Violation", FOONET, str(KG.evaluatedOn), "Class", KGSH["entity-evaluatedOn-dataset"])]),
]
IDS = [name for name, *_ in CASES]


def _changed(paper_graph, change: Change) -> Graph:
    g = to_rdf(paper_graph)
    change(g)
    return g


def _summary(report: ValidationReport) -> list[Expected]:
    return [(r.severity, URIRef(r.focus), r.path, r.constraint, URIRef(r.shape)) for r in report.results]


def test_validate_fixture_graph_conforms(paper_graph):
    report = validate(to_rdf(paper_graph))
    assert report.results == ()
    assert report.conforms
    assert report.summary() == "120 triples: 0 violations, 0 warnings"  # 120: see test_provenance


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in CASES], ids=IDS)
def test_validate_reports_what_a_change_breaks(paper_graph, change, expected):
    report = validate(_changed(paper_graph, change))
    assert _summary(report) == sorted(expected)
    assert report.conforms == all(severity == "Warning" for severity, *_ in expected)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.set((CIFAR, KG.paperCount, Literal(2))),
         "kg:paperCount is 2, but the number of papers that mention the entity is 1."),
        (lambda g: g.remove((PAPER, DCTERMS.title, None)), "A paper has exactly one non-empty dcterms:title."),
    ],
)
def test_validate_messages(paper_graph, change, message):
    (result,) = validate(_changed(paper_graph, change)).results
    assert result.message == message


def test_validation_result_str_uses_prefixes(paper_graph):
    (result,) = validate(_changed(paper_graph, lambda g: g.remove((RESULT, KG.metric, None)))).results
    assert str(result) == (
        "Violation: kgd:result/2401.00001/top-1-accuracy/0 kg:metric [kgsh:result-metric]: "
        "A result has exactly one kg:metric, a kg:Metric."
    )


def _reference(graph: Graph) -> list[tuple[str, str, str]]:
    """Validate with pyshacl alone, SPARQL constraints run per focus node (slow, the reference)."""
    _, results, _ = pyshacl_validate(graph, shacl_graph=read_shapes(),
                                     ont_graph=Graph().parse(ontology_path()), inference="none")
    found = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(node, SH.sourceConstraint)
        shape = source if isinstance(source, URIRef) else results.value(node, SH.sourceShape)
        found.append((str(results.value(node, SH.focusNode)), str(shape), str(results.value(node, SH.resultMessage))))
    return sorted(found)


@pytest.mark.parametrize("change", [case[1] for case in CASES], ids=IDS)
def test_validate_agrees_with_pyshacl_alone(paper_graph, change):
    g = _changed(paper_graph, change)
    assert sorted((r.focus, r.shape, r.message) for r in validate(g).results) == _reference(g)


def test_concept_scheme_conforms():
    report = validate(Graph().parse(ontology_path("concepts.ttl"), format="turtle"))
    assert report.results == ()


RESNET = Concept("architecture/resnet", EntityType.ARCHITECTURE, "ResNet")


@pytest.mark.parametrize(
    ("concepts", "change", "expected"),
    [
        ([RESNET, Concept("architecture/resnet-50", EntityType.ARCHITECTURE, "ResNet-50", broader=("architecture/resnet",))],
         lambda g: None, []),
        ([RESNET, Concept("method/residual-learning", EntityType.METHOD, "residual learning", broader=("architecture/resnet",))],
         lambda g: None,
         [("Violation", CONCEPT["method/residual-learning"], "", "SPARQL", KGSH["concept-broader-same-type"])]),
        ([RESNET], lambda g: g.remove((CONCEPT["architecture/resnet"], SKOS.prefLabel, None)),
         [("Violation", CONCEPT["architecture/resnet"], str(SKOS.prefLabel), "MinCount",
           KGSH["concept-prefLabel"])]),
        ([RESNET], lambda g: g.add((CONCEPT["architecture/resnet"], SKOS.altLabel, Literal("RN"))),
         # a plain string is not an rdf:langString, and it has no language to be "en"
         [("Violation", CONCEPT["architecture/resnet"], str(SKOS.altLabel), "Datatype", KGSH["concept-altLabel"]),
          ("Violation", CONCEPT["architecture/resnet"], str(SKOS.altLabel), "LanguageIn", KGSH["concept-altLabel"])]),
    ],
    ids=["valid", "broader of another type", "no prefLabel", "altLabel without language"],
)
def test_validate_concepts(concepts, change, expected):
    g = to_concepts_rdf(concepts)
    change(g)
    assert _summary(validate(g)) == expected


@pytest.mark.parametrize(("name", "fmt"), [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"),
                                           ("graph.rdf", "xml"), ("graph.json", None)])
def test_validate_file_reads_each_kind(tmp_path, paper_graph, name, fmt):
    path = tmp_path / name
    if fmt is None:
        write_json(paper_graph, path)
    else:
        write_rdf(to_rdf(paper_graph), path, fmt=fmt)
    assert validate_file(path).summary() == "120 triples: 0 violations, 0 warnings"


def test_validate_file_unknown_type(tmp_path):
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate_file(path)
    assert str(caught.value) == (
        f"{path}: unknown file type '.csv' (one of .ttl, .nt, .jsonld, .rdf, .xml, .owl, .json, .graphml)"
    )


@pytest.mark.parametrize(("name", "text"), [("graph.ttl", "<a> <b> ."), ("graph.jsonld", "{not json")])
def test_validate_file_unparsable(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate_file(path)
    assert str(caught.value).startswith(f"{path}: cannot read: ")


@pytest.mark.corpus
def test_shared_corpus_export_has_no_violations(corpus, tmp_path):
    build_outputs([corpus], tmp_path)
    report = validate_file(tmp_path / "graph.ttl")
    assert report.violations == ()
    assert report.warnings == ()  # every corpus date is ISO or absent
    assert report.triples == len(Graph().parse(tmp_path / "graph.ttl", format="turtle"))


@pytest.mark.parametrize(
    ("change", "code", "stderr"),
    [
        (lambda g: None, 0, "120 triples: 0 violations, 0 warnings"),
        (lambda g: g.set((PAPER, DCTERMS.issued, Literal("Jan 2024"))), 0,
         "Warning: kgd:paper/2401.00001 dcterms:issued [kgsh:paper-issued-iso]: dcterms:issued is not an ISO "
         "date, year-month or year; the source's date is kept as written. 120 triples: 0 violations, 1 warning"),
        (lambda g: g.remove((PAPER, DCTERMS.title, None)), 1,
         "Violation: kgd:paper/2401.00001 dcterms:title [kgsh:paper-title]: A paper has exactly one non-empty "
         "dcterms:title. 119 triples: 1 violation, 0 warnings"),
    ],
    ids=["valid", "warning", "violation"],
)
def test_cli_validate(tmp_path, paper_graph, change, code, stderr):
    g = _changed(paper_graph, change)
    path = write_rdf(g, tmp_path / "graph.ttl")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == code
    assert " ".join(result.stderr.split()) == stderr  # rich wraps long lines; compare the words
