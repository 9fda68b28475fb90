"""Export the networkx graph, and the lexicon's concept scheme, as RDF (rdflib).

IRIs are minted from node ids (see :func:`~kg.rdf.namespace.entity_iri`); there
are no blank nodes, so two exports of one graph are equal triple for triple.

Each extracted statement carries its provenance as a minted node (PROV-O): a
``kg:Mention`` per paper and entity, a ``kg:Statement`` per ``kg:proposes`` and
``kg:evaluatedOn`` triple, and the ``kg:Result`` record itself. Each names its
paper, sentence, character offsets and the characters read, and (for mentions) the
extractor rule and its confidence.

Every writer is deterministic: the same graph gives the same bytes in every format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from typing import Literal as TypingLiteral

import networkx as nx
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.errors import ExportError
from kg.graph.schema import ALIASES, CONCEPT, DATE, LABEL, PAPER, PAPERS, RELATION, RESULT, TYPE
from kg.model import Concept, EntityType
from kg.rdf.namespace import CONCEPTS, DATA, KG, PREFIXES, concept_iri, entity_iri

__all__ = [
    "RDF_FORMATS", "RDF_SUFFIXES", "RdfFormat", "Triple", "split_value", "to_concepts_rdf", "to_rdf", "to_triples",
    "write_ntriples", "write_rdf",
]

RdfFormat = TypingLiteral["turtle", "nt", "xml", "json-ld"]
#: The RDF formats :func:`write_rdf` writes.
#: Each RDF format and the file extension it is written with.
RDF_SUFFIXES: dict[RdfFormat, str] = {"turtle": "ttl", "nt": "nt", "xml": "rdf", "json-ld": "jsonld"}
RDF_FORMATS: tuple[RdfFormat, ...] = tuple(RDF_SUFFIXES)
Triple = tuple[URIRef, URIRef, Node]

SCHEMA = PREFIXES["schema"]
_ROLE = {"subject": KG.subject, "metric": KG.metric, "dataset": KG.dataset}
_STATED = {"proposes": KG.proposes, "evaluated_on": KG.evaluatedOn}
_ENTITY_TYPES = frozenset(t.value for t in EntityType)
_NUMBER = re.compile(r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*(.*?)\s*")
_UNIT_SPELLING = {"×": "x", "X": "x", "FPS": "fps", "point": "points"}


def _bind(g: Graph, data: Namespace = DATA) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, data if prefix == "kgd" else ns, override=True, replace=True)
    return g


def _date(value: str) -> Literal:
    """Type an ISO date, year-month or year; keep anything else as written."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _decimal_text(number: str | float) -> str:
    """Write a number as an xsd:decimal in Turtle's form: no "+", a point, no extra zeros."""
    text = format(Decimal(str(number)), "f")
    if "." not in text:
        return text + ".0"
    text = text.rstrip("0")
    return text + "0" if text.endswith(".") else text


def _decimal(number: str | float) -> Literal:
    return Literal(_decimal_text(number), datatype=XSD.decimal)


def split_value(text: str) -> tuple[str | None, str | None]:
    """Split a result value as written into an xsd:decimal lexical form and a unit.

    The number keeps its written precision except for trailing zeros; a factor sign
    "×" is written "x". Either part is None when the text has none.

    Args:
        text: the value as the paper writes it.

    Returns:
        ``(number, unit)``.

    Example:
        >>> split_value("76.5%")
        ('76.5', '%')
        >>> split_value("30 fps")
        ('30.0', 'fps')
        >>> split_value("3×")
        ('3.0', 'x')
        >>> split_value("+0.520")
        ('0.52', None)
        >>> split_value("n/a")
        (None, None)
    """
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None, None
    try:
        number = _decimal_text(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None, None
    unit = match.group(2)
    return number, (_UNIT_SPELLING.get(unit, unit) or None)


def _node_triples(subject: URIRef, node: str, attrs: dict[str, Any]) -> Iterator[Triple]:
    kind = attrs.get(TYPE)
    if kind == PAPER:
        yield subject, RDF.type, KG.Paper
        yield subject, DCTERMS.title, Literal(attrs.get(LABEL, ""))
        if attrs.get("abstract"):
            yield subject, DCTERMS.abstract, Literal(attrs["abstract"])
        if attrs.get(DATE):
            yield subject, DCTERMS.issued, _date(attrs[DATE])
        if attrs.get("url"):
            yield subject, SCHEMA.url, Literal(attrs["url"], datatype=XSD.anyURI)
    elif kind == RESULT:
        yield subject, RDF.type, KG.Result
        written = str(attrs.get("value", ""))
        yield subject, KG.valueText, Literal(written)
        number, unit = split_value(written)
        if number is not None:
            yield subject, KG.value, Literal(number, datatype=XSD.decimal)
        if unit is not None:
            yield subject, KG.unit, Literal(unit)
    else:
        if kind not in _ENTITY_TYPES:
            raise ExportError(f"node {node}: unknown type '{kind}'")
        yield subject, RDF.type, KG[str(kind)]
        yield subject, RDFS.label, Literal(attrs.get(LABEL, ""))
        for alias in attrs.get(ALIASES, ()):
            yield subject, SKOS.altLabel, Literal(alias)
        if attrs.get(CONCEPT):
            yield subject, KG.concept, concept_iri(attrs[CONCEPT])
        if PAPERS in attrs:
            yield subject, KG.paperCount, Literal(int(attrs[PAPERS]))


def to_triples(G: nx.MultiDiGraph, *, base: str | None = None) -> Iterator[Triple]:
    """Yield the RDF triples of the kg graph, one node or edge at a time.

    The stream behind :func:`to_rdf`; :func:`write_ntriples` writes it without
    building an rdflib Graph. A triple may be yielded more than once: a method
    evaluated on one dataset in two papers gives its ``kg:evaluatedOn`` triple twice,
    beside two statements.

    Args:
        G: a graph from :func:`kg.graph.build_graph`.
        base: the data namespace (default ``https://w3id.org/kg-ml/id/``).

    Raises:
        ExportError: for a node whose type is not a class of the ontology.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("task:image-classification", type="Task", label="image classification")
        >>> [(s.n3(), p.n3()) for s, p, _ in to_triples(G)][0]
        ('<https://w3id.org/kg-ml/id/task/image-classification>', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>')
    """
    data = Namespace(base) if base else DATA
    for node, attrs in G.nodes(data=True):
        yield from _node_triples(entity_iri(node, data), node, attrs)
    texts: dict[str, str] = {}

    def text_of(paper_id: str) -> str:
        if paper_id not in texts:
            paper = G.nodes.get(f"paper:{paper_id}", {})
            texts[paper_id] = f"{paper.get(LABEL, '')}\n\n{paper.get('abstract', '')}" if paper else ""
        return texts[paper_id]

    for u, v, key, attrs in G.edges(keys=True, data=True):
        relation = attrs.get(RELATION, "")
        s, o = entity_iri(u, data), entity_iri(v, data)
        # the edge's provenance names the paper; else its key ("evaluated_on:<paper>") or source
        fallback = str(key).partition(":")[2] if relation == "evaluated_on" else u.partition(":")[2]
        paper_id = str(attrs.get("paper") or fallback)
        if relation == "mentions":
            yield s, KG.mentions, o
            record = entity_iri(f"mention:{paper_id}:{v}", data)
            yield record, RDF.type, KG.Mention
            yield record, KG.ofEntity, o
            if "count" in attrs:
                yield record, KG.mentionCount, Literal(int(attrs["count"]))
        elif relation in _STATED:
            yield s, _STATED[relation], o
            name = relation.replace("_", "-")
            record = entity_iri(f"statement:{paper_id}:{name}:{v}" if relation == "proposes"
                                else f"statement:{paper_id}:{name}:{u}:{v}", data)
            yield record, RDF.type, KG.Statement
            yield record, RDF.subject, s
            yield record, RDF.predicate, _STATED[relation]
            yield record, RDF.object, o
        elif relation == "reports":
            yield s, KG.reports, o
            record = o  # a result is its own provenance record
        elif relation in _ROLE:
            yield s, _ROLE[relation], o
            continue
        else:
            continue
        yield from _provenance(record, entity_iri(f"paper:{paper_id}", data), attrs, text_of(paper_id))


def _provenance(record: URIRef, paper: URIRef, attrs: dict[str, Any], text: str) -> Iterator[Triple]:
    yield record, KG.inPaper, paper
    yield record, PROV.wasDerivedFrom, paper
    for key, prop in (("sentence", KG.sentence), ("start", KG.start), ("end", KG.end)):
        if key in attrs:
            yield record, prop, Literal(int(attrs[key]))
    start, end = attrs.get("start"), attrs.get("end")
    if start is not None and end is not None and 0 <= int(start) < int(end) <= len(text):
        yield record, KG.text, Literal(text[int(start):int(end)])
    if attrs.get("rule"):
        yield record, KG.rule, Literal(str(attrs["rule"]))
    if attrs.get("confidence") is not None:
        yield record, KG.confidence, _decimal(attrs["confidence"])


def to_rdf(G: nx.MultiDiGraph, *, base: str | None = None) -> Graph:
    """Convert the kg graph into an rdflib Graph using the kg ontology.

    Args:
        G: a graph from :func:`kg.graph.build_graph`.
        base: the data namespace (default ``https://w3id.org/kg-ml/id/``).

    Returns:
        A Graph with the kg prefixes bound (``kgd`` to ``base``).

    Raises:
        ExportError: for a node whose type is not a class of the ontology.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper", label="A title", abstract="An abstract.")
        >>> G.add_node("dataset:mnist", type="Dataset", label="MNIST", papers=1)
        >>> G.add_edge("paper:1", "dataset:mnist", key="mentions", relation="mentions",
        ...            paper="1", sentence=1, start=9, end=11, rule="lexicon", confidence=1.0)
        'mentions'
        >>> g = to_rdf(G)
        >>> len(g)  # 3 + 3 node triples, kg:mentions, 2 for the kg:Mention, 8 of its provenance
        17
        >>> str(g.value(DATA["mention/1/dataset/mnist"], KG.text))
        'An'
    """
    g = _bind(Graph(), Namespace(base) if base else DATA)
    for triple in to_triples(G, base=base):
        g.add(triple)
    return g


def to_concepts_rdf(concepts: Iterable[Concept]) -> Graph:
    """Render lexicon concepts as a SKOS concept scheme (``ontology/concepts.ttl``)."""
    g = _bind(Graph())
    scheme = URIRef(str(CONCEPTS).rstrip("/"))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDFS.label, Literal("kg concepts of machine learning", lang="en")))
    g.add((scheme, OWL.imports, URIRef("https://w3id.org/kg-ml/ontology")))
    for concept in concepts:
        c = concept_iri(concept.id)
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.inScheme, scheme))
        g.add((c, SKOS.prefLabel, Literal(concept.label, lang="en")))
        g.add((c, KG.entityType, KG[concept.type.value]))
        for alias in concept.aliases:
            g.add((c, SKOS.altLabel, Literal(alias, lang="en")))
        for broader in concept.broader:
            g.add((c, SKOS.broader, concept_iri(broader)))
        if concept.note:
            g.add((c, SKOS.scopeNote, Literal(concept.note, lang="en")))
    return g


# N-Triples, canonical form (RDF 1.1 N-Triples and RDF Dataset Canonicalization):
# ECHAR for these seven characters, UCHAR for the other control characters.
_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_LITERAL_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _nt_literal_text(text: str) -> str:
    return _LITERAL_ESCAPE.sub(lambda m: _ECHAR.get(m.group(0)) or f"\\u{ord(m.group(0)):04X}", text)


def _nt_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04X}", str(term)) + ">"
    if isinstance(term, Literal):
        quoted = '"' + _nt_literal_text(str(term)) + '"'
        if term.language:
            return f"{quoted}@{term.language.lower()}"
        return f"{quoted}^^{_nt_term(term.datatype)}" if term.datatype else quoted
    if isinstance(term, BNode):
        return f"_:{term}"
    raise ExportError(f"cannot write {term!r} as N-Triples")


def _nt_line(triple: tuple[Node, Node, Node]) -> str:
    s, p, o = triple
    return f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} .\n"


def write_ntriples(triples: Iterable[tuple[Node, Node, Node]], path: Path) -> Path:
    """Write triples as N-Triples, one sorted line each, and return PATH.

    Lines are written one by one, never joined into one string; sorting them (and
    dropping repeats) makes the file depend only on the set of triples. Literals
    and IRIs are escaped as canonical N-Triples requires.

    Args:
        triples: an rdflib Graph or any iterable of triples, e.g. :func:`to_triples`.
        path: the file to write.

    Raises:
        ExportError: when the file cannot be written.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("metric:bleu", type="Metric", label='"BLEU"')
        >>> print(write_ntriples(to_triples(G), folder / "g.nt").read_text(), end="")
        <https://w3id.org/kg-ml/id/metric/bleu> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg-ml/ontology#Metric> .
        <https://w3id.org/kg-ml/id/metric/bleu> <http://www.w3.org/2000/01/rdf-schema#label> "\\"BLEU\\"" .
    """
    lines = sorted({_nt_line(triple) for triple in triples})
    try:
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(lines)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from exc
    return path


def _sorted_copy(g: Graph) -> Graph:
    """Copy G into an insertion-ordered store, its triples added in N-Triples order.

    rdflib's RDF/XML writer emits subjects in the order its store yields them. The
    default store keeps each graph's triples in a set (hash order, which changes with
    the process); ``SimpleMemory`` keeps dicts, so it yields them in the order added.
    """
    copy = Graph(store="SimpleMemory")
    for prefix, ns in g.namespaces():
        copy.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(g, key=lambda t: (_nt_term(t[0]), _nt_term(t[1]), _nt_term(t[2]))):
        copy.add(triple)
    return copy


def _jsonld_context(g: Graph) -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in sorted(g.namespaces()) if prefix in PREFIXES}


def _compact(iri: str, context: dict[str, str]) -> str:
    best = max((ns for ns in context.values() if iri.startswith(ns)), key=len, default=None)
    if best is None or iri == best or iri[len(best):].startswith("//"):
        return iri
    prefix = next(p for p, ns in sorted(context.items()) if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _jsonld_value(term: Node, context: dict[str, str]) -> Any:
    if isinstance(term, Literal):
        if term.language:
            return {"@language": term.language, "@value": str(term)}
        if term.datatype is None:
            return str(term)
        if term.datatype == XSD.integer and re.fullmatch(r"-?(0|[1-9]\d*)", str(term)):
            return int(term)  # JSON-LD reads a native integer as xsd:integer
        return {"@type": _compact(str(term.datatype), context), "@value": str(term)}
    return {"@id": _compact(str(term), context) if isinstance(term, URIRef) else f"_:{term}"}


def _jsonld_node(g: Graph, subject: Node, context: dict[str, str]) -> dict[str, Any]:
    values: dict[str, list[Any]] = {}
    for p, o in g.predicate_objects(subject):
        if p == RDF.type and isinstance(o, URIRef):
            values.setdefault("@type", []).append(_compact(str(o), context))
        else:
            values.setdefault(_compact(str(p), context), []).append(_jsonld_value(o, context))
    node: dict[str, Any] = {"@id": _jsonld_value(subject, context)["@id"]}
    for key, found in values.items():
        found.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        node[key] = found[0] if len(found) == 1 else found
    return node


def _write_jsonld(g: Graph, path: Path) -> None:
    """Write compacted JSON-LD: our prefixes as the @context, nodes sorted by IRI.

    Every value array is sorted too (no rdf:List is exported, so no array is ordered).
    """
    context = _jsonld_context(g)
    subjects = sorted(set(g.subjects()), key=_nt_term)
    document = {"@context": context, "@graph": [_jsonld_node(g, s, context) for s in subjects]}
    with path.open("w", encoding="utf-8", newline="\n") as out:
        json.dump(document, out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")


def _write_turtle(g: Graph, path: Path) -> None:
    # rdflib's Turtle writer sorts subjects, properties and objects itself
    g.serialize(destination=path, format="turtle", encoding="utf-8")


def _write_xml(g: Graph, path: Path) -> None:
    _sorted_copy(g).serialize(destination=path, format="xml", encoding="utf-8")


_WRITERS: dict[str, Callable[[Graph, Path], object]] = {
    "turtle": _write_turtle, "nt": write_ntriples, "xml": _write_xml, "json-ld": _write_jsonld,
}


def write_rdf(g: Graph, path: Path, *, fmt: RdfFormat = "turtle") -> Path:
    """Serialise an rdflib Graph to PATH, byte for byte the same for the same triples.

    Args:
        g: the graph, e.g. from :func:`to_rdf`.
        path: the file to write.
        fmt: ``turtle``, ``nt`` (sorted lines), ``xml`` (RDF/XML) or ``json-ld``
            (compacted with a ``@context`` of the kg prefixes).

    Returns:
        PATH.

    Raises:
        ExportError: for an unknown format, or when the file cannot be written.
    """
    if fmt not in _WRITERS:
        raise ExportError(f"unknown RDF format '{fmt}' (one of {', '.join(RDF_FORMATS)})")
    try:
        _WRITERS[fmt](g, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from exc
    return path
