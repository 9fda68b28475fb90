"""Load a graph file into a SPARQL store: pyoxigraph (default) or rdflib's memory store.

A GRAPH is either an RDF file (Turtle, N-Triples, JSON-LD, RDF/XML; the format
comes from the extension) or a kg graph (``graph.json`` / ``graph.graphml``),
which is converted with :func:`kg.rdf.to_rdf` first. The SKOS concept scheme
``ontology/concepts.ttl`` is loaded into the same default graph unless asked not
to: queries that climb ``skos:broader`` from an entity's ``kg:concept`` need it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, TypeAlias

import pyoxigraph as ox
import rdflib

from kg.errors import InputError
from kg.graph import read_graph
from kg.rdf import ontology_path, to_rdf

__all__ = ["ENGINES", "Engine", "Store", "graph_format", "read_store"]

Engine = Literal["oxigraph", "rdflib"]
ENGINES: tuple[Engine, ...] = ("oxigraph", "rdflib")
Store: TypeAlias = "ox.Store | rdflib.Graph"

# extension → (rdflib format name, pyoxigraph format)
_RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    ".rdf": ("xml", ox.RdfFormat.RDF_XML),
    ".owl": ("xml", ox.RdfFormat.RDF_XML),
    ".xml": ("xml", ox.RdfFormat.RDF_XML),
}
_KG_GRAPHS = (".json", ".graphml")
# The on-disk store remembers what it was loaded from in this named graph, so a
# second `kg query --store DIR` reuses it and a changed GRAPH reloads it.
_META_GRAPH = ox.NamedNode("urn:kg:store")
_LOADED_FROM = ox.NamedNode("urn:kg:loadedFrom")


def graph_format(path: Path) -> str:
    """Name the format of a graph file from its extension.

    Returns:
        ``"kg"`` for a kg graph (``.json``, ``.graphml``), else the rdflib name of
        the RDF format (``turtle``, ``nt``, ``json-ld``, ``xml``).

    Raises:
        InputError: for an extension kg does not read.

    Example:
        >>> graph_format(Path("out/graph.ttl")), graph_format(Path("out/graph.json"))
        ('turtle', 'kg')
        >>> graph_format(Path("graph.csv"))
        Traceback (most recent call last):
        ...
        kg.errors.InputError: graph.csv: unknown graph format '.csv' (.ttl, .nt, .jsonld, .rdf, .owl, .xml, .json, .graphml)
    """
    suffix = path.suffix.lower()
    if suffix in _KG_GRAPHS:
        return "kg"
    if suffix in _RDF_FORMATS:
        return _RDF_FORMATS[suffix][0]
    known = ", ".join([*_RDF_FORMATS, *_KG_GRAPHS])
    raise InputError(path, None, f"unknown graph format '{path.suffix}' ({known})")


def _kg_graph(path: Path) -> rdflib.Graph:
    try:
        G = read_graph(path)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(path, None, f"cannot read graph: {exc}") from exc
    return to_rdf(G)


def _sources(path: Path, concepts: bool) -> list[Path]:
    if not path.is_file():
        raise InputError(path, None, "no such file")
    graph_format(path)
    return [path, ontology_path("concepts.ttl")] if concepts else [path]


def _read_rdflib(sources: list[Path]) -> rdflib.Graph:
    g = rdflib.Graph()
    for source in sources:
        fmt = graph_format(source)
        try:
            if fmt == "kg":
                g += _kg_graph(source)
            else:
                g.parse(source, format=fmt)
        except SyntaxError as exc:  # rdflib's parsers raise SyntaxError subclasses
            raise InputError(source, None, f"cannot parse {fmt}: {exc}") from exc
    return g


def _load_oxigraph(store: ox.Store, sources: list[Path]) -> None:
    for source in sources:
        fmt = graph_format(source)
        try:
            if fmt == "kg":
                data = _kg_graph(source).serialize(format="nt", encoding="utf-8")
                store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
            else:
                store.bulk_load(path=str(source), format=_RDF_FORMATS[source.suffix.lower()][1])
        except SyntaxError as exc:
            raise InputError(source, None, f"cannot parse {fmt}: {exc}") from exc


def _fingerprint(sources: list[Path]) -> str:
    return json.dumps([[str(s.resolve()), s.stat().st_size, s.stat().st_mtime_ns] for s in sources])


def _open_on_disk(sources: list[Path], store_dir: Path) -> ox.Store:
    try:
        store = ox.Store(str(store_dir))
    except OSError as exc:
        raise InputError(store_dir, None, f"cannot open the store: {exc}") from exc
    marker = ox.Quad(_META_GRAPH, _LOADED_FROM, ox.Literal(_fingerprint(sources)), _META_GRAPH)
    if marker not in store:
        store.clear()
        _load_oxigraph(store, sources)
        store.add(marker)
        store.flush()
    return store


def read_store(
    graph: Path, *, engine: Engine = "oxigraph", store_dir: Path | None = None,
    concepts: bool = True,
) -> Store:
    """Load GRAPH (and the concept scheme) into a new SPARQL store.

    Args:
        graph: an RDF file or a kg graph file (see :func:`graph_format`).
        engine: ``"oxigraph"`` (fast, the default) or ``"rdflib"`` (memory store).
        store_dir: with oxigraph, keep the store on disk in this folder. It is
            loaded once and reused while GRAPH and the concept file are unchanged;
            otherwise it is cleared and reloaded.
        concepts: also load ``ontology/concepts.ttl`` into the default graph.

    Returns:
        A ``pyoxigraph.Store`` or an ``rdflib.Graph``; :func:`kg.query.run` takes either.

    Raises:
        InputError: when GRAPH is missing, has an unknown extension or cannot be parsed.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "g.nt").write_text('<https://e.org/a> <https://e.org/p> "x" .\\n')
        >>> len(read_store(folder / "g.nt", concepts=False))
        1
        >>> len(read_store(folder / "g.nt", engine="rdflib", concepts=False))
        1
    """
    sources = _sources(graph, concepts)
    if engine == "rdflib":
        if store_dir is not None:
            raise InputError(store_dir, None, "an on-disk store needs the oxigraph engine")
        return _read_rdflib(sources)
    if store_dir is not None:
        return _open_on_disk(sources, store_dir)
    store = ox.Store()
    _load_oxigraph(store, sources)
    return store
