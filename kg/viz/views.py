"""What each explorer page shows: a small graph cut from the kg graph, and the evidence.

A view is a networkx graph of the nodes a page draws, with each edge merged per
(source, target, relation) and weighted by its support. The overview and the
type views link entities that papers mention together (``co-occurs``); entity
(ego) and paper views keep the kg graph's own edges between the nodes they show.

Every function takes the kg graph first, never changes it, and returns sorted data.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from kg.errors import ConfigError
from kg.graph.schema import ALIASES, DATE, LABEL, PAPER, PAPERS, RELATION, RESULT, TYPE

__all__ = [
    "CO_OCCURS", "ENTITY_TYPES", "Evidence", "View", "cooccurrence", "edge_support", "entity_view",
    "find_entities", "full_view", "overview_view", "paper_view", "sentence_at", "top_entities", "type_view",
    "years_of",
]

#: Entity types in the order the explorer lists them.
ENTITY_TYPES = ("Architecture", "Method", "Dataset", "Metric", "Task")
#: Relation of the derived edge between two entities mentioned by the same papers.
CO_OCCURS = "co-occurs"
_PAPER_LINKS = frozenset({"mentions", "proposes"})  # paper → entity edges that say "the paper names it"
_EDGES_PER_NODE = 5  # co-occurrence edges kept per node, strongest first: a readable overview


@dataclass(frozen=True)
class View:
    """One page of the explorer: what it is about and the graph it draws.

    Attributes:
        kind: ``"overview"``, ``"type"``, ``"entity"``, ``"paper"`` or ``"graph"``.
        key: The entity type, the node id of the entity or paper, or ``""``.
        title: The page's heading.
        graph: The nodes to draw (attributes copied from the kg graph) and merged
            edges with ``relation`` and ``support`` attributes.
    """

    kind: str
    key: str
    title: str
    graph: nx.MultiDiGraph


def _is_entity(G: nx.MultiDiGraph, node: str) -> bool:
    """Return True when NODE is an entity (not a paper or a result)."""
    return str(G.nodes[node].get(TYPE, "")) not in {PAPER, RESULT}


def _papers_of(G: nx.MultiDiGraph, node: str) -> list[str]:
    """Papers that mention or propose NODE, sorted by id."""
    return sorted({u for u, _, rel in G.in_edges(node, data=RELATION) if rel in _PAPER_LINKS})


def _entities_of(G: nx.MultiDiGraph, paper: str) -> list[str]:
    """Entities that PAPER mentions or proposes, sorted by id."""
    return sorted({v for _, v, rel in G.out_edges(paper, data=RELATION) if rel in _PAPER_LINKS})


def top_entities(G: nx.MultiDiGraph, kind: str, *, n: int | None = None) -> list[str]:
    """Rank the entities of one type by papers (then name, then id); keep the first N.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from([("method:a", {"type": "Method", "label": "a", "papers": 1}),
        ...                   ("method:b", {"type": "Method", "label": "b", "papers": 3}),
        ...                   ("task:c", {"type": "Task", "label": "c", "papers": 9})])
        >>> top_entities(G, "Method")
        ['method:b', 'method:a']
        >>> top_entities(G, "Method", n=1)
        ['method:b']
    """
    ranked = sorted((node for node, kind_ in G.nodes(data=TYPE) if kind_ == kind),
                    key=lambda v: (-int(G.nodes[v].get(PAPERS, 0) or 0), str(G.nodes[v].get(LABEL, v)), v))
    return ranked if n is None else ranked[:n]


def cooccurrence(G: nx.MultiDiGraph) -> dict[str, Counter[str]]:
    """Count, for every entity, the papers it shares with each other entity.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from([("paper:1", {"type": "Paper"}), ("paper:2", {"type": "Paper"}),
        ...                   ("method:a", {"type": "Method"}), ("task:b", {"type": "Task"})])
        >>> for p in ("paper:1", "paper:2"):
        ...     _ = G.add_edge(p, "method:a", relation="mentions")
        ...     _ = G.add_edge(p, "task:b", relation="mentions")
        >>> cooccurrence(G)["method:a"]
        Counter({'task:b': 2})
    """
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for paper, kind in G.nodes(data=TYPE):
        if kind != PAPER:
            continue
        found = [v for v in _entities_of(G, paper) if _is_entity(G, v)]
        for a, b in combinations(found, 2):
            shared[a][b] += 1
            shared[b][a] += 1
    return dict(shared)


def years_of(G: nx.MultiDiGraph) -> dict[str, list[int]]:
    """Publication years of each node: a paper's own, an entity's papers', a result's paper's.

    ``0`` stands for a paper without a date. Nodes get no entry when no paper has
    a date at all, so the explorer shows its year filter only when it is useful.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from([("paper:1", {"type": "Paper", "date": "2023-05-01"}),
        ...                   ("paper:2", {"type": "Paper", "date": ""}), ("task:b", {"type": "Task"})])
        >>> _ = G.add_edge("paper:1", "task:b", relation="mentions")
        >>> _ = G.add_edge("paper:2", "task:b", relation="mentions")
        >>> years_of(G)
        {'paper:1': [2023], 'paper:2': [0], 'task:b': [0, 2023]}
    """
    own = {p: _year(d.get(DATE)) for p, d in G.nodes(data=True) if d.get(TYPE) == PAPER}
    if not any(own.values()):
        return {}
    years: dict[str, set[int]] = defaultdict(set)
    for paper, year in own.items():
        years[paper].add(year)
        for _, v in G.out_edges(paper):
            years[v].add(year)
    return {node: sorted(ys) for node, ys in sorted(years.items())}


def _year(date: object) -> int:
    text = str(date or "")[:4]
    return int(text) if text.isdigit() else 0


def edge_support(data: Mapping[str, object]) -> int:
    """Return how many mentions or papers back one edge.

    That is the edge's ``support`` (an edge of a view), else its ``count`` (mentions
    in the paper, shared papers), else 1 (one paper: ``evaluated_on``, result roles).

    Example:
        >>> edge_support({"count": 3}), edge_support({"support": 5, "count": 3}), edge_support({})
        (3, 5, 1)
    """
    value = data.get("support", data.get("count", 1))
    try:
        return max(int(value), 1)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 1


def _merged(G: nx.MultiDiGraph, nodes: Iterable[str], edges: Iterable[tuple[str, str, dict[str, object]]]) -> nx.MultiDiGraph:
    """A view graph: NODES with G's attributes, EDGES merged per (u, v, relation).

    An edge's support adds up the merged edges' :func:`edge_support`.
    """
    V = nx.MultiDiGraph()
    for node in sorted(set(nodes)):
        V.add_node(node, **G.nodes[node])
    support: Counter[tuple[str, str, str]] = Counter()
    for u, v, data in edges:
        if u in V and v in V:
            support[(u, v, str(data.get(RELATION, "")))] += edge_support(data)
    for (u, v, rel), n in sorted(support.items()):
        V.add_edge(u, v, key=rel, **{RELATION: rel, "support": n})
    return V


def full_view(G: nx.MultiDiGraph, *, title: str = "kg explorer") -> View:
    """View the whole graph (what ``kg build`` writes as graph.html), edges merged.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("paper:1", "task:b", key="mentions", relation="mentions", count=2)
        'mentions'
        >>> list(full_view(G).graph.edges(data=True))
        [('paper:1', 'task:b', {'relation': 'mentions', 'support': 2})]
    """
    return View("graph", "", title, _merged(G, G.nodes, G.edges(data=True)))


def _cooccurrence_view(G: nx.MultiDiGraph, chosen: list[str], shared: dict[str, Counter[str]]) -> nx.MultiDiGraph:
    """CHOSEN entities linked by shared papers; each keeps its strongest links."""
    inside = set(chosen)
    keep: set[tuple[str, str]] = set()
    for a in chosen:
        links = sorted(((b, n) for b, n in shared.get(a, Counter()).items() if b in inside),
                       key=lambda bn: (-bn[1], bn[0]))
        keep.update(tuple(sorted((a, b))) for b, _ in links[:_EDGES_PER_NODE])  # type: ignore[misc]
    edges = [(a, b, {RELATION: CO_OCCURS, "count": shared[a][b]}) for a, b in sorted(keep)]
    return _merged(G, chosen, edges)


def overview_view(G: nx.MultiDiGraph, *, top: int = 20, shared: dict[str, Counter[str]] | None = None,
                  title: str = "Overview") -> View:
    """View the TOP entities of each type by papers, linked when papers mention them together.

    Each entity keeps its ``_EDGES_PER_NODE`` strongest links, so the page stays readable.

    Args:
        G: The kg graph.
        top: Entities per type.
        shared: ``cooccurrence(G)``, when the caller has it already.
        title: The page's heading.

    Returns:
        The overview; its edges have relation ``co-occurs`` and support = shared papers.
    """
    shared = cooccurrence(G) if shared is None else shared
    chosen = [v for kind in ENTITY_TYPES for v in top_entities(G, kind, n=top)]
    return View("overview", "", title, _cooccurrence_view(G, chosen, shared))


def type_view(G: nx.MultiDiGraph, kind: str, *, top: int = 100,
              shared: dict[str, Counter[str]] | None = None) -> View:
    """View the TOP entities of one type, linked when papers mention them together.

    Args:
        G: The kg graph.
        kind: An entity type, e.g. ``"Dataset"``.
        top: Entities shown at most (most papers first).
        shared: ``cooccurrence(G)``, when the caller has it already.

    Returns:
        The type view; its edges have relation ``co-occurs`` and support = shared papers.
    """
    shared = cooccurrence(G) if shared is None else shared
    return View("type", kind, kind, _cooccurrence_view(G, top_entities(G, kind, n=top), shared))


def _newest_first(G: nx.MultiDiGraph, papers: Iterable[str]) -> list[str]:
    """Sort papers by date, newest first, undated last; ties by id (the sort is stable)."""
    return sorted(sorted(papers), key=lambda p: str(G.nodes[p].get(DATE, "") or ""), reverse=True)


def entity_view(G: nx.MultiDiGraph, node: str, *, max_papers: int = 40, max_related: int = 20,
                shared: dict[str, Counter[str]] | None = None) -> View:
    """View one entity with its papers, the entities most often named with it, and their results.

    Args:
        G: The kg graph.
        node: The entity's node id.
        max_papers: Papers shown at most (newest first, then by id).
        max_related: Co-occurring entities shown at most (most shared papers first).
        shared: ``cooccurrence(G)``, when the caller has it already.

    Returns:
        The ego view; its edges are the kg graph's edges between the nodes shown.
    """
    shared = cooccurrence(G) if shared is None else shared
    papers = _newest_first(G, _papers_of(G, node))[:max_papers]
    related = [b for b, _ in sorted(shared.get(node, Counter()).items(), key=lambda bn: (-bn[1], bn[0]))]
    results = sorted({u for u, _, rel in G.in_edges(node, data=RELATION)
                      if G.nodes[u].get(TYPE) == RESULT and rel != "reports"})
    nodes = {node, *papers, *related[:max_related], *results}
    label = str(G.nodes[node].get(LABEL, node))
    return View("entity", node, label, _merged(G, nodes, G.subgraph(nodes).edges(data=True)))


def paper_view(G: nx.MultiDiGraph, node: str, *, max_related: int = 8) -> View:
    """View one paper with its entities, its results and the papers that share most entities with it.

    Args:
        G: The kg graph.
        node: The paper's node id.
        max_related: Related papers shown at most. A related paper shares at least
            two entities with this one; the most shared first, ties by id.

    Returns:
        The paper view; its edges are the kg graph's edges between the nodes shown.
    """
    entities = _entities_of(G, node)
    results = sorted(v for _, v, rel in G.out_edges(node, data=RELATION) if rel == "reports")
    overlap: Counter[str] = Counter(p for e in entities for p in _papers_of(G, e) if p != node)
    related = [p for p, n in sorted(overlap.items(), key=lambda pn: (-pn[1], pn[0])) if n >= 2][:max_related]
    nodes = {node, *entities, *results, *related}
    label = str(G.nodes[node].get(LABEL, node))
    return View("paper", node, label, _merged(G, nodes, G.subgraph(nodes).edges(data=True)))


def find_entities(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Find the entities called NAME: by node id, else label, else alias (case-insensitive).

    Raises:
        ConfigError: when no entity has that name; the message offers the closest names.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("architecture:resnet", type="Architecture", label="ResNet", aliases=("ResNets",))
        >>> find_entities(G, "resnets")
        ['architecture:resnet']
        >>> find_entities(G, "ResNut")
        Traceback (most recent call last):
        ...
        kg.errors.ConfigError: no entity named 'ResNut' in the graph (closest: ResNet)
    """
    entities = sorted(v for v in G.nodes if _is_entity(G, v))
    if name in entities:
        return [name]
    wanted = name.strip().casefold()
    for names in (lambda v: [G.nodes[v].get(LABEL, "")], lambda v: list(G.nodes[v].get(ALIASES, ()) or ())):
        found = [v for v in entities if wanted in {str(x).casefold() for x in names(v)}]
        if found:
            return found
    labels = {str(G.nodes[v].get(LABEL, v)).casefold(): str(G.nodes[v].get(LABEL, v)) for v in reversed(entities)}
    close = difflib.get_close_matches(wanted, sorted(labels), n=3, cutoff=0.6)
    hint = f" (closest: {', '.join(labels[c] for c in close)})" if close else ""
    raise ConfigError(f"no entity named {name!r} in the graph{hint}")


class Evidence:
    """What the side panel shows for each node, computed once per node and kept.

    An entity: type, name, aliases, number of papers, the entities most often named
    with it, and its papers with the sentence that mentions it. A paper: its date,
    link and entities. A result: its value and what it is about.

    Args:
        G: The kg graph.
        shared: ``cooccurrence(G)``, when the caller has it already.
        max_papers: Papers (with their sentence) listed per entity.
        max_related: Co-occurring entities listed per entity.
    """

    def __init__(self, G: nx.MultiDiGraph, *, shared: dict[str, Counter[str]] | None = None,
                 max_papers: int = 50, max_related: int = 8) -> None:
        self.G = G
        self.shared = cooccurrence(G) if shared is None else shared
        self.years = years_of(G)
        self.max_papers, self.max_related = max_papers, max_related
        self._cache: dict[str, dict[str, object]] = {}

    def of(self, node: str) -> dict[str, object]:
        """Return the panel facts of NODE (JSON-ready: lists, strings and numbers)."""
        if node not in self._cache:
            self._cache[node] = self._compute(node)
        return self._cache[node]

    def for_view(self, nodes: Iterable[str]) -> dict[str, dict[str, object]]:
        """Facts of NODES and of the papers their panels list (a click on one shows it)."""
        out = {node: self.of(node) for node in sorted(nodes)}
        for info in list(out.values()):
            for paper, _, _ in info.get("evidence", ()):  # type: ignore[attr-defined]
                out.setdefault(paper, self.of(paper))
        return dict(sorted(out.items()))

    def _compute(self, node: str) -> dict[str, object]:
        G, attrs = self.G, self.G.nodes[node]
        kind = str(attrs.get(TYPE, ""))
        info: dict[str, object] = {"type": kind, "label": str(attrs.get(LABEL, node))}
        if kind == PAPER:
            url = str(attrs.get("url", "") or "")
            info.update(date=str(attrs.get(DATE, "") or ""),
                        url=url if url.startswith(("https://", "http://")) else "",
                        entities=sorted([str(G.nodes[v].get(TYPE, "")), str(G.nodes[v].get(LABEL, v)), v]
                                        for v in _entities_of(G, node)))
        elif kind == RESULT:
            info["about"] = sorted([str(rel), str(G.nodes[v].get(LABEL, v)), v]
                                   for _, v, rel in G.out_edges(node, data=RELATION))
        else:
            info.update(aliases=[str(a) for a in attrs.get(ALIASES, ()) or ()],
                        papers=int(attrs.get(PAPERS, 0) or 0),
                        cooccurs=[[b, str(G.nodes[b].get(LABEL, b)), str(G.nodes[b].get(TYPE, "")), n]
                                  for b, n in sorted(self.shared.get(node, Counter()).items(),
                                                     key=lambda bn: (-bn[1], bn[0]))[:self.max_related]],
                        evidence=self._evidence(node))
        return info

    def _evidence(self, node: str) -> list[list[str]]:
        """[paper id, title, sentence] for each paper mentioning NODE, newest first."""
        found: dict[str, list[str]] = {}
        for paper, _, data in sorted(self.G.in_edges(node, data=True), key=lambda e: (e[0], e[2].get("start", 0))):
            if data.get(RELATION) != "mentions" or paper in found:
                continue
            attrs = self.G.nodes[paper]
            title = str(attrs.get(LABEL, paper))
            text = f"{title}\n\n{attrs.get('abstract', '')}"
            found[paper] = [paper, title, sentence_at(text, int(data.get("start", 0) or 0))]
        newest = sorted(found.values(), key=lambda e: e[1])
        newest = sorted(newest, key=lambda e: str(self.G.nodes[e[0]].get(DATE, "") or ""), reverse=True)
        return newest[:self.max_papers]


def sentence_at(text: str, offset: int) -> str:
    """Return the sentence (or title line) of TEXT that holds OFFSET.

    Example:
        >>> sentence_at("A Title" + chr(10) * 2 + "First one. Second one. Third.", 23)
        'Second one.'
        >>> sentence_at("A Title" + chr(10) * 2 + "First one.", 2)
        'A Title'
    """
    dot = text.rfind(". ", 0, offset)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, offset) + 1)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    end = min(ends) if ends else len(text)
    if end < len(text) and text[end] == ".":
        end += 1
    return text[start:end].strip()
