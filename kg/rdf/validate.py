"""Check RDF against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl).

The ontology (``ontology/kg.ttl``) is mixed into the data for the check, so a shape
for ``kg:Entity`` reaches every architecture, method, dataset, metric and task.
The result is a plain record, sorted, so the same graph always gives the same report.

pyshacl parses a SPARQL-based constraint's query again for every focus node (about
25 ms each: minutes for a corpus). :func:`validate` therefore hands pyshacl the core
constraints only and runs each ``sh:sparql`` constraint once over the whole graph,
with ``$this`` unbound, keeping the rows whose ``$this`` is a target of the shape.
For queries that bind ``$this`` in their first triple pattern (all of ours) this
gives the same results; a test compares the two on small graphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from xml.sax import SAXException

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import InputError
from kg.graph import read_graph
from kg.rdf.export import to_rdf
from kg.rdf.namespace import PREFIXES, ontology_path

__all__ = ["RDF_SUFFIXES", "ValidationReport", "ValidationResult", "read_shapes", "validate", "validate_file"]

#: File suffixes read as RDF, and the rdflib format of each.
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
_GRAPH_SUFFIXES = (".json", ".graphml")
_SHORT = {**{str(ns): prefix for prefix, ns in PREFIXES.items()}, "https://w3id.org/kg-ml/shapes#": "kgsh"}


def _short(iri: str) -> str:
    """Write an IRI with one of our prefixes when one fits."""
    best = max((ns for ns in _SHORT if iri.startswith(ns) and iri != ns), key=len, default=None)
    return iri if best is None else f"{_SHORT[best]}:{iri[len(best):]}"


@dataclass(frozen=True, slots=True, order=True)
class ValidationResult:
    """One SHACL validation result: which node broke which shape, and why.

    Fields hold full IRIs; ``str()`` writes them with the kg prefixes.
    """

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the node that was checked
    path: str  # the property checked; "^" + property for an inverse path; "" for a node check
    constraint: str  # the SHACL constraint component without its suffix: "MinCount", "Closed", "SPARQL", ...
    shape: str  # the named shape or SPARQL constraint that failed
    message: str
    value: str = ""  # the offending value, when the check names one

    def __str__(self) -> str:
        path = f"^{_short(self.path[1:])}" if self.path.startswith("^") else _short(self.path)
        where = " ".join(part for part in (_short(self.focus), path) if part)
        return f"{self.severity}: {where} [{_short(self.shape)}]: {self.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`: every result, sorted, and the graph's size.

    Example:
        >>> ValidationReport(triples=12, results=()).summary()
        '12 triples: 0 violations, 0 warnings'
    """

    triples: int
    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """Results of severity Violation: the graph breaks a shape."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """Results of severity Warning: worth a look, not an error."""
        return tuple(r for r in self.results if r.severity == "Warning")

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings are allowed)."""
        return not self.violations

    def summary(self) -> str:
        """Return one line: triples checked, violations and warnings."""
        return (f"{_plural(self.triples, 'triple')}: {_plural(len(self.violations), 'violation')}, "
                f"{_plural(len(self.warnings), 'warning')}")


def read_shapes() -> Graph:
    """Read ``ontology/shapes.ttl``."""
    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


@cache
def _default_rules() -> tuple[Graph, Graph]:
    """Parse the shapes and the ontology once per process; only read, never changed."""
    return read_shapes(), Graph().parse(ontology_path(), format="turtle")


@lru_cache(maxsize=128)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _text(results: Graph, node: Node, prop: URIRef) -> str:
    value = results.value(node, prop)
    if isinstance(value, BNode):  # an inverse path: [ sh:inversePath p ]
        inverse = results.value(value, SH.inversePath)
        return f"^{inverse}" if inverse is not None else ""
    return "" if value is None else str(value)


def _result(results: Graph, node: Node) -> ValidationResult:
    component = _text(results, node, SH.sourceConstraintComponent)
    source = results.value(node, SH.sourceConstraint)
    shape = source if isinstance(source, URIRef) else results.value(node, SH.sourceShape)
    messages = sorted(str(m) for m in results.objects(node, SH.resultMessage) if isinstance(m, Literal))
    return ValidationResult(
        severity=_text(results, node, SH.resultSeverity).removeprefix(str(SH)),
        focus=_text(results, node, SH.focusNode),
        path=_text(results, node, SH.resultPath),
        constraint=component.removeprefix(str(SH)).removesuffix("ConstraintComponent"),
        shape=str(shape) if isinstance(shape, URIRef) else "",
        message="; ".join(messages),
        value=_text(results, node, SH.value),
    )


def _core(shapes: Graph) -> Graph:
    """Copy SHAPES without its ``sh:sparql`` links (the constraints stay, unused)."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


def _targets(graph: Graph, ontology: Graph, shapes: Graph, shape: Node) -> set[Node]:
    """Return the focus nodes of SHAPE: its target nodes and instances of its target classes."""
    found: set[Node] = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        classes = set(ontology.transitive_subjects(RDFS.subClassOf, cls)) | {cls}
        for c in classes:
            found.update(graph.subjects(RDF.type, c))
    return found


def _sparql_text(shapes: Graph, constraint: Node) -> str:
    prefixes = [
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for holder in shapes.objects(constraint, SH.prefixes)
        for d in shapes.objects(holder, SH.declare)
    ]
    return "".join(sorted(prefixes)) + str(shapes.value(constraint, SH.select))


def _sparql_results(graph: Graph, ontology: Graph, shapes: Graph) -> list[ValidationResult]:
    """Run each SPARQL-based constraint once over GRAPH (see the module docstring)."""
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        targets = _targets(graph, ontology, shapes, shape)
        severity = str(shapes.value(shape, SH.severity) or SH.Violation).removeprefix(str(SH))
        templates = sorted(str(m) for m in shapes.objects(constraint, SH.message))
        for row in graph.query(_prepared(_sparql_text(shapes, constraint))):
            bound = row.asdict()  # type: ignore[union-attr]
            this = bound.get("this")
            if this not in targets:
                continue

            def fill(template: str) -> str:
                return re.sub(r"\{[?$](\w+)\}", lambda m: str(bound.get(m.group(1), m.group(0))), template)

            found.append(ValidationResult(
                severity=severity, focus=str(this), path="", constraint="SPARQL",
                shape=str(constraint), message="; ".join(fill(t) for t in templates), value=str(this),
            ))
    return found


def validate(graph: Graph, *, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationReport:
    """Check GRAPH against the kg shapes and return every result, sorted.

    Args:
        graph: the data, e.g. from :func:`kg.rdf.to_rdf` or ``ontology/concepts.ttl``;
            it is not changed.
        shapes: the SHACL shapes (default ``ontology/shapes.ttl``).
        ontology: mixed into the data for the check (default ``ontology/kg.ttl``).

    Returns:
        The report; ``report.conforms`` is False when any violation was found.

    Example:
        >>> from rdflib.namespace import DCTERMS
        >>> from kg.rdf.namespace import DATA, KG
        >>> g = Graph()
        >>> _ = g.add((DATA["paper/1"], RDF.type, KG.Paper))
        >>> _ = g.add((DATA["paper/1"], DCTERMS.abstract, Literal("No title here.")))
        >>> report = validate(g)
        >>> report.summary()
        '2 triples: 1 violation, 0 warnings'
        >>> print(report.violations[0])
        Violation: kgd:paper/1 dcterms:title [kgsh:paper-title]: A paper has exactly one non-empty dcterms:title.
    """
    default_shapes, default_ontology = _default_rules()
    shapes = shapes if shapes is not None else default_shapes
    ontology = ontology if ontology is not None else default_ontology
    _, results, _ = shacl_validate(
        graph, shacl_graph=_core(shapes), ont_graph=ontology, inference="none", allow_warnings=True,
    )
    assert isinstance(results, Graph)
    found = [_result(results, node) for node in results.subjects(RDF.type, SH.ValidationResult)]
    found += _sparql_results(graph, ontology, shapes)
    return ValidationReport(triples=len(graph), results=tuple(sorted(found)))


def validate_file(path: Path, *, base: str | None = None) -> ValidationReport:
    """Read an RDF file, or a kg graph file and convert it, then :func:`validate` it.

    Args:
        path: ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``/``.xml``/``.owl``, or a
            ``graph.json`` / ``graph.graphml`` written by ``kg build``.
        base: the data namespace when converting a graph file.

    Raises:
        InputError: when the file cannot be read or parsed, or its type is unknown.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in _GRAPH_SUFFIXES:
            graph = to_rdf(read_graph(path), base=base)
        elif suffix in RDF_SUFFIXES:
            graph = Graph().parse(path, format=RDF_SUFFIXES[suffix])
        else:
            known = ", ".join([*RDF_SUFFIXES, *_GRAPH_SUFFIXES])
            raise InputError(path, None, f"unknown file type '{path.suffix}' (one of {known})")
    except (OSError, ValueError, KeyError, SyntaxError, SAXException) as exc:
        raise InputError(path, None, f"cannot read: {exc}") from exc
    return validate(graph)
