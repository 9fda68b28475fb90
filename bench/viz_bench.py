"""Explorer speed: time to generate the page and to render it, at 500, 2,000 and 10,000 nodes.

Usage: .venv/bin/python bench/viz_bench.py [--sizes 500 2000 10000] [--seed N] [--keep DIR]

For each size, builds a seeded graph shaped like kg's (15% papers, 4% results,
entities typed in the shared corpus's proportions, popular entities named by many
papers, sentences that name them), then times:

- generate: ``write_explorer`` (layout + evidence + page), and the layout alone;
- render, in headless chromium with the network cut off: from navigation to the
  first drawing, to a stable network (physics on: vis-network's stabilisation;
  physics off, above ``PHYSICS_LIMIT`` nodes: the precomputed layout, drawn), and
  to interactive: the page has answered a search (node selected, focused and
  redrawn), and one redraw after a zoom. A size passes when it is interactive in
  under 5 s (median of --repeat renders).

Prints one line per size. Not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.graph.schema import ALIASES, CONCEPT, DATE, LABEL, PAPERS, RELATION, TYPE
from kg.viz import write_explorer
from kg.viz.explorer import PHYSICS_LIMIT
from kg.viz.layout import layout_positions

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
# share of entity types among entities, as in the shared corpus (399/369/153/102/56 of 1079)
TYPES = {"Architecture": 0.37, "Method": 0.34, "Task": 0.14, "Metric": 0.095, "Dataset": 0.055}
WORDS = ("sparse", "dense", "graph", "token", "vision", "neural", "robust", "fast", "deep", "latent",
         "residual", "gated", "causal", "spectral", "adaptive", "contrastive", "diffusion", "kernel")
HEADS = {"Architecture": "network", "Method": "learning", "Task": "segmentation", "Metric": "accuracy",
         "Dataset": "dataset"}
INTERACTIVE_BUDGET = 5.0


def kg_shaped_graph(n_nodes: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """Return a graph with about N_NODES nodes in the shape ``kg.graph.build_graph`` makes."""
    rng = random.Random(seed)
    n_papers, n_results = int(n_nodes * 0.15), int(n_nodes * 0.04)
    n_entities = n_nodes - n_papers - n_results
    G = nx.MultiDiGraph()
    entities: list[tuple[str, str, str]] = []
    for i in range(n_entities):
        kind = rng.choices(list(TYPES), list(TYPES.values()))[0]
        label = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {HEADS[kind]} {i}"
        node = f"{kind.lower()}:{label.replace(' ', '-')}"
        entities.append((node, kind, label))
        G.add_node(node, **{TYPE: kind, LABEL: label, ALIASES: (), CONCEPT: "", PAPERS: 0})
    weights = [1 / (i + 1) ** 0.9 for i in range(n_entities)]  # a few popular entities, a long tail
    unnamed = list(range(n_entities))
    rng.shuffle(unnamed)
    results = 0
    for p in range(n_papers):
        # 3 picks by popularity, plus this paper's share of the entities no paper named yet
        # (every entity is named by some paper, as in kg): about 8 per paper, as in the corpus
        picked = {entities[i] for i in rng.choices(range(n_entities), weights, k=3)}
        share = -(-len(unnamed) // (n_papers - p))
        picked.update(entities[unnamed.pop()] for _ in range(share))
        title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} models for {rng.choice(WORDS)} data"
        sentences = [f"We study {label} in depth." for _, _, label in sorted(picked)]
        abstract = " ".join(sentences)
        text = f"{title}\n\n{abstract}"
        paper = f"paper:{2400 + p // 1000}.{p % 1000:05d}"
        year = rng.choice(["2019", "2020", "2021", "2022", "2023", "2024", "", ""])
        G.add_node(paper, **{TYPE: "Paper", LABEL: title, DATE: f"{year}-06-01" if year else "",
                             "url": f"https://arxiv.org/abs/{paper[6:]}", "abstract": abstract, "source": "bench"})
        for node, _, label in sorted(picked):
            start = text.index(label)
            G.add_edge(paper, node, key="mentions", **{RELATION: "mentions", "count": 1, "paper": paper[6:],
                                                        "sentence": 0, "start": start, "end": start + len(label)})
            G.nodes[node][PAPERS] += 1
        subjects = [e for e in sorted(picked) if e[1] in {"Architecture", "Method"}]
        datasets = [e for e in sorted(picked) if e[1] == "Dataset"]
        if subjects and rng.random() < 0.65:
            G.add_edge(paper, subjects[0][0], key="proposes", **{RELATION: "proposes", "paper": paper[6:],
                                                                  "sentence": 0, "start": 0, "end": 1})
        for s in subjects[:1]:
            for d in datasets[:2]:
                G.add_edge(s[0], d[0], key=f"evaluated_on:{paper[6:]}", **{RELATION: "evaluated_on", "paper": paper[6:],
                                                                            "sentence": 0, "start": 0, "end": 1})
        if results < n_results and subjects:
            result = f"result:{paper[6:]}:accuracy:{results}"
            results += 1
            G.add_node(result, **{TYPE: "Result", LABEL: "71.3%", "value": "71.3%"})
            G.add_edge(paper, result, key="reports", **{RELATION: "reports", "paper": paper[6:], "sentence": 0,
                                                         "start": 0, "end": 1})
            G.add_edge(result, subjects[0][0], key="subject", **{RELATION: "subject", "paper": paper[6:],
                                                                  "sentence": 0, "start": 0, "end": 1})
    return G


def _render(browser, path: Path, probe: str) -> dict[str, float]:
    """Open PATH offline and time drawing, stabilising, and answering a search for PROBE."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    url = path.as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else (blocked.append(r.request.url), r.abort()))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(url, timeout=300_000)
    page.wait_for_function('document.body.dataset.drawn === "true"', timeout=300_000, polling=20)
    drawn = time.perf_counter() - start
    page.wait_for_function('document.body.dataset.stable === "true"', timeout=600_000, polling=20)
    stable = time.perf_counter() - start
    page.evaluate("""(label) => new Promise((done) => {
        kgNetwork.once("afterDrawing", () => done());
        const box = document.getElementById("search");
        box.value = label;
        box.dispatchEvent(new Event("change"));
    })""", probe)
    interactive = time.perf_counter() - start
    assert page.evaluate("kgNetwork.getSelectedNodes().length") == 1, "the search selected nothing"
    frame = page.evaluate("""() => new Promise((done) => {
        const t = performance.now();
        kgNetwork.once("afterDrawing", () => done(performance.now() - t));
        kgNetwork.moveTo({ scale: kgNetwork.getScale() * 0.8 });
    })""") / 1000
    page.close()
    assert not blocked and not errors, (blocked, errors)
    return {"drawn": drawn, "stable": stable, "interactive": interactive, "frame": frame}


def main() -> None:
    """Run the benchmark and print one line per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000, 10_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Keep the pages in this folder.")
    parser.add_argument("--repeat", type=int, default=3, help="Renders per size; the median is shown.")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="viz-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for size in args.sizes:
            G = kg_shaped_graph(size, seed=args.seed)
            start = time.perf_counter()
            layout_positions(G, seed=args.seed)
            layout = time.perf_counter() - start
            start = time.perf_counter()
            path = write_explorer(G, folder / f"graph-{size}.html", seed=args.seed)
            generate = time.perf_counter() - start
            probe = max((d for _, d in G.nodes(data=True) if d[TYPE] != "Paper"), key=lambda d: d.get(PAPERS, 0))
            runs = [_render(browser, path, str(probe[LABEL])) for _ in range(args.repeat)]
            times = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            physics = "on" if len(G) <= PHYSICS_LIMIT else "off"
            verdict = "yes" if times["interactive"] < INTERACTIVE_BUDGET else "NO"
            print(f"{len(G):>6} nodes {G.number_of_edges():>6} edges | generate {generate:5.2f} s "
                  f"(layout {layout:4.2f} s), page {path.stat().st_size / 1e6:4.1f} MB | physics {physics}: "
                  f"drawn {times['drawn']:5.2f} s, stable {times['stable']:5.2f} s, interactive "
                  f"{times['interactive']:5.2f} s, redraw {times['frame'] * 1000:4.0f} ms | "
                  f"interactive < {INTERACTIVE_BUDGET:.0f} s: {verdict}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
