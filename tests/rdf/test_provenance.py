"""The provenance model and result records of the RDF export (kg.rdf.export.to_rdf).

Expected triples are written out by hand from the fixture in tests/rdf/conftest.py.
"""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.namespace import RDF

from kg.errors import ExportError
from kg.rdf import KG, split_value, to_rdf

DATA = Namespace("https://w3id.org/kg-ml/id/")
PROV_DERIVED = ns.PROV.wasDerivedFrom
# used through the module: a module-level XSD makes pytest probe it and rdflib warn
XSD_INTEGER, XSD_DECIMAL = ns.XSD.integer, ns.XSD.decimal

PAPER = DATA["paper/2401.00001"]
FOONET, CIFAR = DATA["architecture/foonet"], DATA["dataset/cifar-10"]
TOP1 = DATA["metric/top-1-accuracy"]
MENTION_CIFAR = DATA["mention/2401.00001/dataset/cifar-10"]
PROPOSES = DATA["statement/2401.00001/proposes/architecture/foonet"]
EVALUATED = DATA["statement/2401.00001/evaluated-on/architecture/foonet/dataset/cifar-10"]
RESULT = DATA["result/2401.00001/top-1-accuracy/0"]


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def _dec(text: str) -> Literal:
    return Literal(text, datatype=XSD_DECIMAL)


def test_to_rdf_triple_count(paper_graph):
    # nodes: paper 5 (type, title, abstract, issued, url), FooNet 3 (type, label,
    # paperCount), segmentation 4 (+ altLabel), dropout, CIFAR-10 and top-1 accuracy 4 each
    # (+ concept), result 4 (type, valueText, value, unit): 28.
    # edges: 5 mentions x 12 (kg:mentions; type, ofEntity, mentionCount; 8 of provenance)
    # = 60; proposes and evaluated_on 11 each (the triple; type, rdf:subject/predicate/
    # object; 6 of provenance: no rule or confidence); reports 7 (the triple + 6 of
    # provenance on the result); subject, metric, dataset 3: 92. 28 + 92 = 120.
    assert len(to_rdf(paper_graph)) == 120


def test_to_rdf_provenance_records_are_minted_iris(paper_graph):
    g = to_rdf(paper_graph)
    assert not [t for t in g if any(isinstance(term, BNode) for term in t)]
    records = {s for cls in (KG.Mention, KG.Statement, KG.Result) for s in g.subjects(RDF.type, cls)}
    assert records == {
        DATA["mention/2401.00001/architecture/foonet"],
        DATA["mention/2401.00001/task/segmentation"],
        DATA["mention/2401.00001/method/dropout"],
        MENTION_CIFAR,
        DATA["mention/2401.00001/metric/top-1-accuracy"],
        PROPOSES,
        EVALUATED,
        RESULT,
    }


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (MENTION_CIFAR, {
            (RDF.type, KG.Mention), (KG.ofEntity, CIFAR), (KG.mentionCount, _int(2)),
            (KG.inPaper, PAPER), (PROV_DERIVED, PAPER), (KG.sentence, _int(1)),
            (KG.start, _int(102)), (KG.end, _int(110)), (KG.text, Literal("CIFAR-10")),
            (KG.rule, Literal("lexicon")), (KG.confidence, _dec("1.0")),
        }),
        (DATA["mention/2401.00001/architecture/foonet"], {
            (RDF.type, KG.Mention), (KG.ofEntity, FOONET), (KG.mentionCount, _int(3)),
            (KG.inPaper, PAPER), (PROV_DERIVED, PAPER), (KG.sentence, _int(0)),
            (KG.start, _int(0)), (KG.end, _int(6)), (KG.text, Literal("FooNet")),
            (KG.rule, Literal("coined")), (KG.confidence, _dec("0.7")),
        }),
        (PROPOSES, {
            (RDF.type, KG.Statement), (RDF.subject, PAPER), (RDF.predicate, KG.proposes),
            (RDF.object, FOONET), (KG.inPaper, PAPER), (PROV_DERIVED, PAPER), (KG.sentence, _int(1)),
            (KG.start, _int(60)), (KG.end, _int(66)), (KG.text, Literal("FooNet")),
        }),
        (EVALUATED, {
            (RDF.type, KG.Statement), (RDF.subject, FOONET), (RDF.predicate, KG.evaluatedOn),
            (RDF.object, CIFAR), (KG.inPaper, PAPER), (PROV_DERIVED, PAPER), (KG.sentence, _int(1)),
            (KG.start, _int(102)), (KG.end, _int(110)), (KG.text, Literal("CIFAR-10")),
        }),
        (RESULT, {
            (RDF.type, KG.Result), (KG.subject, FOONET), (KG.metric, TOP1), (KG.dataset, CIFAR),
            (KG.valueText, Literal("76.5%")), (KG.value, _dec("76.5")), (KG.unit, Literal("%")),
            (KG.inPaper, PAPER), (PROV_DERIVED, PAPER), (KG.sentence, _int(2)),
            (KG.start, _int(133)), (KG.end, _int(147)), (KG.text, Literal("top-1 accuracy")),
        }),
    ],
)
def test_to_rdf_record_states_exactly(paper_graph, record, expected):
    assert set(to_rdf(paper_graph).predicate_objects(record)) == expected


@pytest.mark.parametrize(
    "triple",
    [
        (PAPER, KG.mentions, CIFAR),  # the statements themselves stay asserted
        (PAPER, KG.proposes, FOONET),
        (FOONET, KG.evaluatedOn, CIFAR),
        (PAPER, KG.reports, RESULT),
    ],
)
def test_to_rdf_keeps_direct_triples(paper_graph, triple):
    assert triple in to_rdf(paper_graph)


@pytest.mark.parametrize("base", ["https://example.org/kg/", "urn:example:kg:"])
def test_to_rdf_base_moves_records_too(paper_graph, base):
    g = to_rdf(paper_graph, base=base)
    expected = URIRef(f"{base}mention/2401.00001/dataset/cifar-10")
    assert (expected, KG.inPaper, URIRef(f"{base}paper/2401.00001")) in g
    assert not [t for t in g if str(t[0]).startswith(str(DATA))]


def test_to_rdf_result_without_number_keeps_only_its_text(paper_graph):
    paper_graph.nodes["result:2401.00001:top-1-accuracy:0"]["value"] = "state of the art"
    g = to_rdf(paper_graph)
    assert set(g.objects(RESULT, KG.valueText)) == {Literal("state of the art")}
    assert list(g.objects(RESULT, KG.value)) == []
    assert list(g.objects(RESULT, KG.unit)) == []


@pytest.mark.parametrize("kind", ["Concept", "Mention", "Widget"])
def test_to_rdf_unknown_node_type_is_an_error(paper_graph, kind):
    paper_graph.add_node("widget:x", type=kind, label="x")
    with pytest.raises(ExportError) as caught:
        to_rdf(paper_graph)
    assert str(caught.value) == f"node widget:x: unknown type '{kind}'"


@pytest.mark.parametrize(
    ("written", "number", "unit"),
    [
        ("76.5%", "76.5", "%"),
        ("30 fps", "30.0", "fps"),
        ("120 FPS", "120.0", "fps"),
        ("6150x", "6150.0", "x"),
        ("3.5×", "3.5", "x"),
        ("63.99M", "63.99", "M"),
        ("-0.40 dB", "-0.4", "dB"),
        ("+2.1 points", "2.1", "points"),
        ("1 point", "1.0", "points"),
        ("0.939", "0.939", None),
        ("about half", None, None),
        ("", None, None),
    ],
)
def test_split_value(written, number, unit):
    assert split_value(written) == (number, unit)


@pytest.mark.parametrize(
    ("date", "datatype"),
    [("2024-01-05", "date"), ("2024-01", "gYearMonth"), ("2024", "gYear"), ("Jan 2024", None)],
)
def test_to_rdf_paper_date_is_typed_when_iso(paper_graph, date, datatype):
    paper_graph.nodes["paper:2401.00001"]["date"] = date
    (issued,) = to_rdf(paper_graph).objects(PAPER, ns.DCTERMS.issued)
    assert issued == Literal(date, datatype=ns.XSD[datatype] if datatype else None)
