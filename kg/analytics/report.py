"""The analytics report (``kg analyze``): Markdown + HTML, PNG plots, a CSV of every table.

The report calls the analytics functions of this package and lays their results out;
it computes nothing of its own. Figures are drawn with matplotlib's object API
(``Figure`` + the Agg canvas), never pyplot, so importing or running this module does
not touch the global backend. Output is deterministic: tables are sorted, Louvain is
seeded, and PNGs carry no software or date metadata.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kg.analytics.communities import entity_communities
from kg.analytics.cooccurrence import COOCCURRENCE_PAIRS, cooccurrence, cooccurrence_matrix
from kg.analytics.gaps import GAP_PAIRS, find_gaps
from kg.analytics.guards import requires_kg_graph
from kg.analytics.projection import ENTITY_TYPES
from kg.analytics.rankings import top_by_degree, top_by_pagerank, top_entities
from kg.analytics.trends import entity_trends, paper_years, papers_per_year
from kg.errors import ExportError
from kg.graph.schema import LABEL, PAPER, RELATION, TYPE

__all__ = ["Section", "Table", "to_sections", "write_report"]

_TYPE_COLOURS = {  # the explorer's colours (kg.viz.explorer), so both views agree
    "Architecture": "#e4572e", "Method": "#2e86ab", "Dataset": "#5aa02c", "Metric": "#f3a712", "Task": "#8e44ad",
}


@dataclass(frozen=True, slots=True)
class Table:
    """One table of the report; written to ``tables/<name>.csv`` with every column.

    Attributes:
        name: File stem of the CSV ("top_method").
        title: Heading shown above the table.
        columns: Column names.
        rows: The cells, already formatted as text (floats to 4 significant digits).
        hidden: Columns the CSV keeps but Markdown and HTML leave out (node ids).
    """

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    hidden: tuple[str, ...] = ()

    def shown(self) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """Return the columns and rows that Markdown and HTML show."""
        keep = [i for i, c in enumerate(self.columns) if c not in self.hidden]
        return tuple(self.columns[i] for i in keep), [tuple(row[i] for i in keep) for row in self.rows]

    def to_markdown(self) -> str:
        """Return the shown columns as a Markdown table (numbers right-aligned), or "(none)".

        Example:
            >>> print(Table("t", "T", ("entity", "label", "papers"), (("method:adam", "Adam", "2"),),
            ...             hidden=("entity",)).to_markdown())
            | label | papers |
            |---|---:|
            | Adam | 2 |
        """
        columns, rows = self.shown()
        if not rows:
            return "(none)"
        numeric = [all(_is_number(row[i]) for row in rows) for i in range(len(columns))]
        lines = ["| " + " | ".join(map(_md_cell, columns)) + " |",
                 "|" + "|".join("---:" if right else "---" for right in numeric) + "|"]
        lines += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in rows]
        return "\n".join(lines)


@dataclass(frozen=True)
class Section:
    """A heading, a paragraph, tables and figures (``figures/<name>.png``)."""

    title: str
    text: str
    tables: tuple[Table, ...] = ()
    figures: tuple[tuple[str, Figure], ...] = field(default=())


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _label(G: nx.MultiDiGraph, node: str, *, width: int | None = None) -> str:
    text = " ".join(str(G.nodes[node].get(LABEL) or node).split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def _num(value: float) -> str:
    return f"{value:.4g}"


def _slug(*kinds: str) -> str:
    return "_".join(k.lower() for k in kinds)


def _overview(G: nx.MultiDiGraph) -> Section:
    types = Counter(str(kind) for _, kind in G.nodes(data=TYPE))
    relations = Counter(str(rel or key) for *_, key, rel in G.edges(keys=True, data=RELATION))
    dated = len(paper_years(G))
    rows = [("papers", str(types.get(PAPER, 0))), ("papers with a date", str(dated))]
    rows += [(f"entities: {kind}", str(types.get(kind, 0))) for kind in ENTITY_TYPES]
    rows += [(f"nodes: {kind}", str(n)) for kind, n in sorted(types.items()) if kind not in (PAPER, *ENTITY_TYPES)]
    rows += [(f"edges: {rel}", str(n)) for rel, n in sorted(relations.items())]
    text = f"{G.number_of_nodes()} nodes and {G.number_of_edges()} edges."
    return Section("Overview", text, (Table("summary", "The graph", ("what", "n"), tuple(rows)),))


def _rankings(G: nx.MultiDiGraph, top: int) -> Section:
    degree = dict(top_by_degree(G, n=None))
    pagerank = dict(top_by_pagerank(G, n=None))
    tables, ranked = [], {}
    for kind in ENTITY_TYPES:
        ranked[kind] = top_entities(G, kind, n=top)
        rows = tuple((str(i), node, _label(G, node), str(papers), str(degree[node]), _num(pagerank[node]))
                     for i, (node, papers) in enumerate(ranked[kind], start=1))
        tables.append(Table(f"top_{_slug(kind)}", f"Top {kind} entities",
                            ("rank", "entity", "label", "papers", "degree", "pagerank"), rows, hidden=("entity",)))
    fig = Figure(figsize=(12, 2.2 + 0.32 * top * 2), layout="constrained")
    axes = fig.subplots(3, 2).flatten()
    for ax, kind in zip(axes, ENTITY_TYPES, strict=False):
        names = [_label(G, node, width=32) for node, _ in ranked[kind]][::-1]
        ax.barh(range(len(names)), [n for _, n in ranked[kind]][::-1], color=_TYPE_COLOURS[kind])
        ax.set_yticks(range(len(names)), names, fontsize=8)
        ax.set_title(kind)
        ax.set_xlabel("papers")
    axes[-1].set_axis_off()
    text = ("Entities ranked by the papers that mention them. *degree* counts every edge of the "
            "entity (mentions, evaluated_on, result roles); *pagerank* is PageRank over the directed "
            "graph (papers → entities → datasets).")
    return Section("Top entities per type", text, tuple(tables), (("top_entities", fig),))


def _heatmap(G: nx.MultiDiGraph, row_type: str, col_type: str, top: int) -> Figure | None:
    matrix = cooccurrence_matrix(G, row_type, col_type, n=top)
    if not matrix.rows:
        return None
    fig = Figure(figsize=(3 + 0.45 * len(matrix.cols), 2 + 0.35 * len(matrix.rows)), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(matrix.counts, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(matrix.cols)), [_label(G, c, width=24) for c in matrix.cols],
                  rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(matrix.rows)), [_label(G, r, width=32) for r in matrix.rows], fontsize=8)
    peak = max(max(row) for row in matrix.counts)
    for i, row in enumerate(matrix.counts):
        for j, count in enumerate(row):
            if count:
                ax.text(j, i, str(count), ha="center", va="center", fontsize=7,
                        color="white" if count > peak / 2 else "black")
    ax.set_title(f"{row_type} × {col_type}: papers mentioning both")
    fig.colorbar(image, ax=ax, label="papers", ticks=MaxNLocator(integer=True))
    return fig


def _cooccurrence(G: nx.MultiDiGraph, top: int) -> Section:
    tables, figures = [], []
    for row_type, col_type in COOCCURRENCE_PAIRS:
        pairs = list(cooccurrence(G, row_type, col_type).items())[:top]
        rows = tuple((r, _label(G, r), c, _label(G, c), str(n)) for (r, c), n in pairs)
        name = f"cooccurrence_{_slug(row_type, col_type)}"
        tables.append(Table(name, f"{row_type} × {col_type}", (row_type.lower(), row_type, col_type.lower(),
                            col_type, "papers"), rows, hidden=(row_type.lower(), col_type.lower())))
        fig = _heatmap(G, row_type, col_type, top)
        if fig is not None:
            figures.append((name, fig))
    text = (f"Pairs mentioned together by the most papers (top {top}). The heatmaps cross the {top} entities "
            "of each type that co-occur with the other type in the most papers.")
    return Section("Co-occurrence", text, tuple(tables), tuple(figures))


def _communities(G: nx.MultiDiGraph, top: int, seed: int) -> Section:
    found = entity_communities(G, seed=seed)
    rows = tuple((str(i), str(len(c.entities)), str(len(c.papers)), "; ".join(_label(G, e) for e in c.label))
                 for i, c in enumerate(found, start=1))
    table = Table("communities", f"The {min(top, len(found))} largest communities",
                  ("community", "entities", "papers", "top entities"), rows[:top])
    text = (f"Louvain (seed {seed}) on the paper–entity graph finds {len(found)} communities; each is "
            "labelled by its entities with the most papers.")
    if not found:
        return Section("Communities", text, (table,))
    shown = found[: max(top, 30)]
    fig = Figure(figsize=(10, 4), layout="constrained")
    ax = fig.subplots()
    xs = range(1, len(shown) + 1)
    ax.bar([x - 0.2 for x in xs], [len(c.entities) for c in shown], width=0.4, label="entities", color="#2e86ab")
    ax.bar([x + 0.2 for x in xs], [len(c.papers) for c in shown], width=0.4, label="papers", color="#9aa5b1")
    ax.set_xlabel("community (largest first)")
    ax.set_ylabel("nodes")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Community sizes ({len(shown)} of {len(found)})")
    ax.legend()
    return Section("Communities", text, (table,), (("communities", fig),))


def _trends(G: nx.MultiDiGraph, top: int) -> Section:
    per_year = papers_per_year(G)
    papers = sum(1 for _, kind in G.nodes(data=TYPE) if kind == PAPER)
    if not per_year:
        return Section("Trends", f"None of the {papers} papers carries a date: no trends to show.")
    trends = entity_trends(G, n=top)
    years = list(range(min(per_year), max(per_year) + 1))
    year_table = Table("papers_per_year", "Dated papers per year", ("year", "papers"),
                       tuple((str(y), str(per_year.get(y, 0))) for y in years))
    trend_table = Table("trends", f"The {len(trends)} entities with the most dated papers, papers per year",
                        ("entity", "label", "type", *map(str, years)),
                        tuple((e, _label(G, e), str(G.nodes[e][TYPE]), *(str(c.get(y, 0)) for y in years))
                              for e, c in trends.items()), hidden=("entity",))
    fig = Figure(figsize=(10, 6), layout="constrained")
    upper, lower = fig.subplots(2, 1, sharex=True)
    upper.bar(years, [per_year.get(y, 0) for y in years], color="#9aa5b1")
    upper.set_ylabel("dated papers")
    upper.set_title("Papers and entities per year")
    for i, (entity, counts) in enumerate(list(trends.items())[:5]):
        lower.plot(years, [counts.get(y, 0) for y in years], marker="os^Dv"[i], alpha=0.8,
                   label=f"{_label(G, entity, width=30)} ({G.nodes[entity][TYPE]})")
    for ax in (upper, lower):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    lower.set_ylabel("papers")
    lower.set_xlabel("year")
    lower.set_xticks(years, [str(y) for y in years])
    lower.legend(fontsize=8)
    text = f"{sum(per_year.values())} of the {papers} papers carry a date; only those count here."
    return Section("Trends", text, (year_table, trend_table), (("trends", fig),))


def _gaps(G: nx.MultiDiGraph, top: int) -> Section:
    tables = []
    for source_type, target_type in GAP_PAIRS:
        rows = []
        for gap in find_gaps(G, source_type, target_type, n=top):
            evidence = "; ".join(
                f"via {_label(G, e.via)} ({', '.join(p.removeprefix('paper:') for p in e.source_papers)} → "
                f"{', '.join(p.removeprefix('paper:') for p in e.target_papers)})" for e in gap.evidence)
            rows.append((gap.source, _label(G, gap.source), gap.target, _label(G, gap.target),
                         _num(gap.score), evidence))
        tables.append(Table(f"gaps_{_slug(source_type, target_type)}", f"{source_type}–{target_type} gaps",
                            (source_type.lower(), source_type, target_type.lower(), target_type,
                             "adamic-adar", "evidence"), tuple(rows),
                            hidden=(source_type.lower(), target_type.lower())))
    text = ("Pairs no paper mentions together, ranked by Adamic–Adar over the entity co-occurrence "
            "graph: the more (and the rarer) entities both co-occur with, the higher. Evidence: the shared "
            "entity and the papers (ids) linking each side to it.")
    return Section("Gaps: pairs with no paper yet", text, tuple(tables))


@requires_kg_graph
def to_sections(G: nx.MultiDiGraph, *, top: int = 10, seed: int = 0) -> list[Section]:
    """Compute every section of the report: tables and matplotlib figures, nothing written.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("paper:1", type="Paper", label="A paper", date="2021-03-04")
        >>> G.add_node("method:adam", type="Method", label="Adam")
        >>> G.add_edge("paper:1", "method:adam", key="mentions", relation="mentions")
        'mentions'
        >>> [s.title for s in to_sections(G)]
        ['Overview', 'Top entities per type', 'Co-occurrence', 'Communities', 'Trends', 'Gaps: pairs with no paper yet']
        >>> to_sections(G)[1].tables[1].shown()  # PageRank of paper → Adam: (1 + α)/(2 + α) = 1.85/2.85
        (('rank', 'label', 'papers', 'degree', 'pagerank'), [('1', 'Adam', '1', '1', '0.6491')])
    """
    return [_overview(G), _rankings(G, top), _cooccurrence(G, top), _communities(G, top, seed),
            _trends(G, top), _gaps(G, top)]


def _markdown(sections: Sequence[Section], title: str) -> str:
    lines = [f"# {title}", ""]
    for section in sections:
        lines += [f"## {section.title}", "", section.text, ""]
        for table in section.tables:
            lines += [f"### {table.title}", "", f"CSV: [tables/{table.name}.csv](tables/{table.name}.csv)", "",
                      table.to_markdown(), ""]
        for name, _ in section.figures:
            lines += [f"![{name}](figures/{name}.png)", ""]
    return "\n".join(lines)


def _html(sections: Sequence[Section], title: str) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}"
        "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        "th{background:#f3f3f3}img{max-width:100%;margin:.5rem 0 1.5rem}.csv{font-size:.8rem}</style>",
        "</head>", "<body>", f"<h1>{e(title)}</h1>",
    ]
    for section in sections:
        parts += [f"<h2>{e(section.title)}</h2>", f"<p>{e(section.text)}</p>"]
        for table in section.tables:
            columns, rows = table.shown()
            parts += [f"<h3>{e(table.title)}</h3>",
                      f'<p class="csv"><a href="tables/{e(table.name)}.csv">{e(table.name)}.csv</a></p>']
            if not rows:
                parts.append("<p>(none)</p>")
                continue
            parts.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in columns) + "</tr></thead><tbody>")
            parts += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in rows]
            parts.append("</tbody></table>")
        for name, _ in section.figures:
            parts.append(f'<img src="figures/{e(name)}.png" alt="{e(name)}">')
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


@requires_kg_graph
def write_report(G: nx.MultiDiGraph, out: Path, *, top: int = 10, seed: int = 0,
                 title: str = "kg analytics report") -> list[Path]:
    """Write the analytics report on G to the folder OUT and return the files written.

    Writes ``report.md`` and ``report.html`` (the same content), ``figures/*.png``
    (top entities per type, a co-occurrence heatmap per type pair, community sizes,
    trends when papers carry dates) and ``tables/*.csv`` (every table, with node ids).

    Args:
        G: A kg graph, e.g. from ``kg.load_graph("out/graph.json")``.
        out: Folder to write to; created when missing.
        top: Rows per table (and entities per heatmap axis).
        seed: Seed of the Louvain communities.
        title: Heading of the report.

    Returns:
        The paths written: ``report.md``, ``report.html``, then figures and tables by name.

    Raises:
        ExportError: when OUT cannot be created or written.
        UnsupportedGraph: when G is not a kg graph.
    """
    sections = to_sections(G, top=top, seed=seed)
    try:
        for folder in (out, out / "figures", out / "tables"):
            folder.mkdir(parents=True, exist_ok=True)
        written = [out / "report.md", out / "report.html"]
        written[0].write_text(_markdown(sections, title) + "\n", encoding="utf-8")
        written[1].write_text(_html(sections, title), encoding="utf-8")
        for name, fig in sorted((f for s in sections for f in s.figures), key=lambda f: f[0]):
            FigureCanvasAgg(fig)
            fig.savefig(out / "figures" / f"{name}.png", format="png", dpi=100, metadata={"Software": None})
            written.append(out / "figures" / f"{name}.png")
        for table in sorted((t for s in sections for t in s.tables), key=lambda t: t.name):
            path = out / "tables" / f"{table.name}.csv"
            path.write_text(_csv(table), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the report: {exc.strerror or exc}") from exc
    return written
