/* The kg explorer page: draws the JSON data island with vis-network and fills the side panel.
   Text from the graph reaches the page only through textContent (and Option/DataSet values),
   never as HTML; links point only at the site's own pages or at http(s) paper addresses. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  performance.mark("kg-start");  // marks let bench/viz_bench.py see where the time goes
  const data = JSON.parse($("kg-data").textContent);
  performance.mark("kg-parsed");
  const shared = window.kgSite || {};  // a site's pages share the panel facts in assets/site-data.js
  const details = data.details || shared.details || {};
  const years = data.years || shared.years || {};
  const links = data.links || shared.links || {};
  const root = /^(\.\.\/)*$/.test(data.root || "") ? data.root || "" : "";
  const PAGE = /^[A-Za-z0-9_-][A-Za-z0-9_.\/-]*\.html$/;

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const hidden = new Set();
  const span = { from: -Infinity, to: Infinity, undated: true };
  function yearOk(id) {
    const ys = years[id];
    if (!ys || !ys.length) return true;
    return ys.some((y) => (y === 0 ? span.undated : y >= span.from && y <= span.to));
  }
  const view = new vis.DataView(nodes, { filter: (n) => !hidden.has(n.kgtype) && yearOk(n.id) });
  const network = new vis.Network($("graph"), { nodes: view, edges: edges }, data.options);
  performance.mark("kg-network");
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgView = view;

  const physics = $("physics");
  physics.checked = data.options.physics.enabled !== false;
  if (!physics.checked) network.fit({ animation: false });
  network.once("stabilizationIterationsDone", () => { document.body.dataset.stable = "true"; });
  network.once("afterDrawing", () => {
    performance.mark("kg-drawn");
    document.body.dataset.drawn = "true";
    if (!physics.checked) document.body.dataset.stable = "true";
  });
  physics.addEventListener("change", () => network.setOptions({ physics: { enabled: physics.checked } }));
  $("fit").addEventListener("click", () => network.fit());

  function countShown() { $("shown").textContent = view.length + " of " + nodes.length + " nodes"; }
  function refresh() { view.refresh(); countShown(); }
  countShown();
  if (Object.keys(links).length) $("hint").textContent += " · double-click: open its page";

  // Legend: one checkbox per type present; unchecking hides that type.
  const legend = $("legend");
  (data.types || Object.keys(data.colours)).forEach((kind) => {
    if (!data.counts[kind]) return;
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.type = kind;
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(kind); else hidden.add(kind);
      refresh();
    });
    const swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.background = data.colours[kind];
    label.append(box, swatch, document.createTextNode(kind + " (" + data.counts[kind] + ")"));
    legend.append(label);
  });

  // Years: shown only when some paper has a date; a node shows when one of its papers is in range.
  const allYears = [...new Set(data.nodes.flatMap((n) => years[n.id] || []))].filter((y) => y > 0).sort((a, b) => a - b);
  const fromBox = $("year-from"), toBox = $("year-to"), undated = $("undated");
  function setYears(from, to) {
    fromBox.value = String(from); toBox.value = String(to);
    span.from = Math.min(from, to); span.to = Math.max(from, to); span.undated = undated.checked;
  }
  if (allYears.length) {
    allYears.forEach((y) => { fromBox.append(new Option(String(y), String(y))); toBox.append(new Option(String(y), String(y))); });
    setYears(allYears[0], allYears[allYears.length - 1]);
    const update = () => { setYears(Number(fromBox.value), Number(toBox.value)); refresh(); };
    [fromBox, toBox, undated].forEach((box) => box.addEventListener("change", update));
    $("years").hidden = false;
  }

  // Search: exact name, then exact alias, then a name or alias containing the query.
  const entries = data.nodes.map((n) => {
    const d = details[n.id] || {};
    return [n.id, String(d.label ?? n.label).toLowerCase(), (d.aliases || []).map((a) => String(a).toLowerCase())];
  });
  const names = $("names");
  entries.forEach(([id]) => {
    const option = document.createElement("option");
    option.value = String((details[id] || {}).label ?? id);
    names.append(option);
  });
  function find(query) {
    const hit = entries.find(([, l]) => l === query) || entries.find(([, , a]) => a.includes(query))
      || entries.find(([, l]) => l.includes(query)) || entries.find(([, , a]) => a.some((x) => x.includes(query)));
    return hit ? hit[0] : undefined;
  }
  function reveal(id) {
    const kind = nodes.get(id).kgtype;
    if (hidden.has(kind)) {
      hidden.delete(kind);
      const box = legend.querySelector('input[data-type="' + CSS.escape(kind) + '"]');
      if (box) box.checked = true;
    }
    if (!yearOk(id)) { undated.checked = true; setYears(allYears[0], allYears[allYears.length - 1]); }
    refresh();
  }
  function pick(id, focus) {
    if (nodes.get(id)) {
      reveal(id);
      network.selectNodes([id]);
      if (focus) network.focus(id, { scale: 1.2 });
    }
    show(id);
  }
  $("search").addEventListener("change", (e) => {
    const query = e.target.value.trim().toLowerCase();
    if (!query) { network.unselectAll(); return; }
    const id = find(query);
    if (id) pick(id, true);
  });

  // The side panel.
  function el(tag, text, className) {
    const x = document.createElement(tag);
    if (text !== undefined) x.textContent = text;
    if (className) x.className = className;
    return x;
  }
  function pageOf(id) { const path = links[id]; return path && PAGE.test(path) && !path.includes("..") ? root + path : ""; }
  function anchor(href, text) { const a = el("a", text); a.href = href; return a; }
  function clickable(tag, text, id) {
    const x = el(tag, text, "link");
    x.tabIndex = 0; x.setAttribute("role", "button");
    x.addEventListener("click", () => pick(id, false));
    x.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(id, false); });
    return x;
  }
  // A name: selects the node when it is drawn here, else links to its page, else plain text.
  function nameOf(id, text) {
    if (nodes.get(id)) return clickable("span", text, id);
    const page = pageOf(id);
    return page ? anchor(page, text) : el("span", text);
  }
  function show(id) {
    const d = details[id];
    const panel = $("details");
    panel.replaceChildren();
    if (!d) return;
    panel.append(el("h2", d.label));
    const page = id === data.focus ? "" : pageOf(id);
    if (d.type === "Paper") {
      panel.append(el("p", "Paper" + (d.date ? " · " + d.date : "")));
      const actions = el("p");
      if (page) actions.append(anchor(page, "Open paper view"), " ");
      if (/^https?:\/\//i.test(d.url || "")) {
        const source = anchor(d.url, "Source");
        source.rel = "noopener noreferrer"; source.target = "_blank";
        actions.append(source);
      }
      if (actions.childNodes.length) panel.append(actions);
      panel.append(el("h3", "Entities"));
      const list = el("ul", undefined, "entities");
      (d.entities || []).forEach(([kind, name, eid]) => {
        const item = el("li");
        item.append(nameOf(eid, kind + ": " + name));
        list.append(item);
      });
      panel.append(list);
      return;
    }
    if (d.type === "Result") {
      panel.append(el("p", "Result"));
      const list = el("ul", undefined, "about");
      (d.about || []).forEach(([role, name, eid]) => { const item = el("li", role + ": "); item.append(nameOf(eid, name)); list.append(item); });
      panel.append(list);
      return;
    }
    panel.append(el("p", d.type + " · " + d.papers + " paper(s)"));
    if (d.aliases && d.aliases.length) panel.append(el("p", "Also: " + d.aliases.join(", ")));
    if (page) { const p = el("p"); p.append(anchor(page, "Open ego view")); panel.append(p); }
    if (d.cooccurs && d.cooccurs.length) {
      panel.append(el("h3", "Named with"));
      const list = el("ul", undefined, "cooccurs");
      d.cooccurs.forEach(([other, name, kind, n]) => {
        const item = el("li");
        item.append(nameOf(other, name), " · " + kind + " · " + n + " paper(s)");
        list.append(item);
      });
      panel.append(list);
    }
    panel.append(el("h3", "Papers"));
    const list = el("ul", undefined, "evidence");
    (d.evidence || []).forEach(([paper, title, sentence]) => {
      const item = el("li");
      item.append(clickable("strong", title, paper), el("br"), el("span", sentence));
      list.append(item);
    });
    panel.append(list);
  }

  network.on("click", (params) => { if (params.nodes.length) show(params.nodes[0]); });
  network.on("doubleClick", (params) => {
    const page = params.nodes.length && params.nodes[0] !== data.focus ? pageOf(params.nodes[0]) : "";
    if (page) window.location.href = page;
  });
  if (data.focus && nodes.get(data.focus)) { network.selectNodes([data.focus]); show(data.focus); }
})();
