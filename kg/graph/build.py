"""Build the typed networkx graph from resolved papers."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.graph.schema import (
    ALIASES, CONCEPT, DATE, LABEL, PAPER, PAPERS, RELATION, RESULT, TYPE, entity_node, paper_node,
)
from kg.keys import slugify
from kg.model import Provenance
from kg.resolve import ResolvedPaper

__all__ = ["build_graph"]


def _provenance(p: Provenance) -> dict[str, object]:
    return {"paper": p.paper_id, "sentence": p.sentence, "start": p.start, "end": p.end}


def build_graph(papers: Iterable[ResolvedPaper]) -> nx.MultiDiGraph:
    """Assemble paper, entity and result nodes and their edges.

    Edges (key = relation): paper →``mentions``→ entity (one per paper and entity,
    ``count`` = mentions; provenance, ``rule`` and ``confidence`` of the first),
    paper →``proposes``→ entity,
    entity →``evaluated_on``→ dataset, paper →``reports``→ result, result
    →``subject``/``metric``/``dataset``→ entity. Entity labels are the name most
    papers use; aliases are every surface form seen.
    """
    G = nx.MultiDiGraph()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for resolved in papers:
        ex = resolved.extraction
        paper = ex.paper
        pnode = paper_node(paper.id)
        G.add_node(
            pnode, **{TYPE: PAPER, LABEL: paper.title, DATE: paper.date or "", "url": paper.url or "",
                      "abstract": paper.abstract, "source": paper.source}
        )
        first: dict[str, Provenance] = {}
        how: dict[str, dict[str, object]] = {}  # rule and confidence of the first mention
        count: Counter[str] = Counter()
        node_of: dict[str, str] = {}
        name_here: dict[str, str] = {}
        for mention in ex.mentions:
            entity = resolved.by_key[mention.key]
            node = entity_node(entity)
            node_of[mention.key] = node
            if node not in G:
                G.add_node(node, **{TYPE: entity.type.value, CONCEPT: entity.concept or ""})
            name_here[node] = entity.name
            aliases[node].update(entity.mentions)
            first.setdefault(node, mention.provenance)
            how.setdefault(node, {"rule": mention.rule, "confidence": mention.confidence})
            count[node] += 1
        for node, prov in first.items():
            mentioned_by[node].add(paper.id)
            names[node][name_here[node]] += 1  # one vote per paper for the label
            G.add_edge(pnode, node, key="mentions", **{RELATION: "mentions", "count": count[node]},
                       **_provenance(prov), **how[node])
        for rel in ex.proposes:
            G.add_edge(pnode, node_of[rel.object], key="proposes", **{RELATION: "proposes"},
                       **_provenance(rel.provenance))
        for rel in resolved.evaluated_on():
            subject, dataset = node_of[rel.subject], node_of[rel.object]
            if subject != dataset and not G.has_edge(subject, dataset, key=f"evaluated_on:{paper.id}"):
                G.add_edge(subject, dataset, key=f"evaluated_on:{paper.id}",
                           **{RELATION: "evaluated_on"}, **_provenance(rel.provenance))
        for n, result in enumerate(sorted(set(resolved.results()), key=lambda r: (r.provenance.start, r.value))):
            metric_name = resolved.name_of(result.metric) or result.metric
            rnode = f"result:{paper.id}:{slugify(metric_name)}:{n}"
            G.add_node(rnode, **{TYPE: RESULT, LABEL: result.value, "value": result.value})
            G.add_edge(pnode, rnode, key="reports", **{RELATION: "reports"}, **_provenance(result.provenance))
            for role, key in (("subject", result.subject), ("metric", result.metric), ("dataset", result.dataset)):
                if key is not None and key in node_of:
                    G.add_edge(rnode, node_of[key], key=role, **{RELATION: role}, **_provenance(result.provenance))
    for node, counter in names.items():
        label = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        G.nodes[node][LABEL] = label
        G.nodes[node][ALIASES] = tuple(sorted(aliases[node] - {label}))
        G.nodes[node][PAPERS] = len(mentioned_by[node])
    return G
