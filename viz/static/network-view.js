/* The network page, drawn with sigma.js (WebGL) from the JSON the server embedded.
   The server sends the top nodes and one square per folded group; a click on a square
   asks for the group's nodes, a click on a node for its partners and shared tasks.
   Labels are placed so that none overlaps another; text from the graph is only ever set
   with textContent. */
(function () {
  "use strict";

  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                 "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#b15928"];
  var root = document.getElementById("netview");
  if (!root) { return; }
  var data = JSON.parse(document.getElementById(root.getAttribute("data-source")).textContent);
  var words = JSON.parse(document.getElementById("network-words").textContent);
  Array.prototype.forEach.call(document.querySelectorAll(".swatch[data-colour]"), function (el) {
    el.style.background = el.getAttribute("data-colour");
  });
  var container = root.querySelector(".netview-canvas");
  if (!container || !data.nodes.length) {
    root.setAttribute("data-drawn", "empty");
    return;
  }

  var metric = data.metric;
  var colourBy = root.getAttribute("data-colour");
  var directed = data.directed;
  var graph = new window.graphology.Graph({type: directed ? "directed" : "undirected"});
  var maxValue = 0;
  data.nodes.forEach(function (n) { maxValue = Math.max(maxValue, n.m[metric] || 0); });
  maxValue = maxValue || 1;
  var maxWeight = 1;
  data.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e[2]); });
  var placed = new Set(); // nodes whose label is drawn
  var boxes = [];         // their label boxes on screen
  var focus = null;      // the focused node's id
  var around = null;     // its neighbours
  var seed = 1;

  function random() {    // a fixed sequence: the same drawing on every visit
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  }
  function isGroup(n) { return n.kind === "community" || n.kind === "plan-group"; }
  function sizeOf(n) { return 3 + 17 * Math.sqrt(Math.max(n.m[metric] || 0, 0) / maxValue); }
  function colourOf(n) {
    if (colourBy === "community") {
      return n.community === null || n.community === undefined
        ? "#bbbbbb" : PALETTE[n.community % PALETTE.length];
    }
    return n.color;
  }
  function addNode(n, x, y) {
    if (graph.hasNode(n.id)) { return; }
    graph.addNode(n.id, {
      x: x, y: y, size: sizeOf(n), label: n.label, color: colourOf(n),
      type: isGroup(n) ? "square" : "circle", raw: n
    });
  }
  function addEdge(s, t, w, light) {
    if (s === t || !graph.hasNode(s) || !graph.hasNode(t)) { return; }
    if (graph.hasEdge(s, t) || (!directed && graph.hasEdge(t, s))) { return; }
    graph.addEdge(s, t, {
      size: 0.5 + 4 * Math.sqrt(w / maxWeight),
      color: light ? "#dcdcdc" : "#a0a0a0",
      type: directed ? "arrow" : "line"
    });
  }

  // Start from a circle per group, then let ForceAtlas2 settle the drawing.
  var slots = {};
  data.nodes.forEach(function (n) {
    var key = n.community !== null && n.community !== undefined ? "c" + n.community : n.kind;
    if (!(key in slots)) { slots[key] = Object.keys(slots).length; }
  });
  var ring = Math.max(Object.keys(slots).length, 1);
  data.nodes.forEach(function (n) {
    var key = n.community !== null && n.community !== undefined ? "c" + n.community : n.kind;
    var angle = 2 * Math.PI * slots[key] / ring;
    addNode(n, 10 * Math.cos(angle) + random(), 10 * Math.sin(angle) + random());
  });
  data.edges.forEach(function (e) {
    addEdge(data.nodes[e[0]].id, data.nodes[e[1]].id, e[2], e[3] === 1);
  });
  var fa2 = window.forceAtlas2;
  var settings = fa2.inferSettings(graph);
  settings.barnesHutOptimize = graph.order > 400;
  settings.strongGravityMode = true;   // keeps unlinked squares near the rest
  settings.gravity = 0.3;
  settings.scalingRatio = Math.max(settings.scalingRatio || 1, 6);
  fa2.assign(graph, {iterations: 120, settings: settings});

  var renderer = new window.Sigma(graph, container, {
    nodeProgramClasses: {square: window.SigmaPrograms.NodeSquareProgram},
    defaultEdgeType: directed ? "arrow" : "line",
    labelRenderedSizeThreshold: 100000,   // only the labels placed below are drawn
    labelFont: "system-ui, sans-serif",
    labelSize: 12,
    zIndex: true,
    nodeReducer: function (node, attrs) {
      var out = Object.assign({}, attrs);
      out.forceLabel = placed.has(node);
      if (focus !== null && node !== focus && !around.has(node)) {
        out.color = "#e4e4e4";
        out.label = "";
        out.zIndex = 0;
      } else if (focus !== null) {
        out.zIndex = 1;
        out.highlighted = node === focus;
      }
      return out;
    },
    edgeReducer: function (edge, attrs) {
      if (focus === null) { return attrs; }
      var ends = graph.extremities(edge);
      if (ends[0] === focus || ends[1] === focus) {
        return Object.assign({}, attrs, {color: "#555555", zIndex: 1});
      }
      return Object.assign({}, attrs, {hidden: true});
    }
  });

  // Labels: biggest nodes first, each kept only if its box overlaps no kept box.
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "12px system-ui, sans-serif";
  function placeLabels() {
    // When a node is focused only it and its partners are labelled, the node first.
    var order = graph.nodes().filter(function (n) {
      return focus === null || n === focus || around.has(n);
    }).sort(function (a, b) {
      if (a === focus) { return -1; }
      if (b === focus) { return 1; }
      return graph.getNodeAttribute(b, "size") - graph.getNodeAttribute(a, "size");
    });
    var kept = [];
    var chosen = new Set();
    order.forEach(function (node) {
      var attrs = graph.getNodeAttributes(node);
      if (!attrs.label) { return; }
      var pos = renderer.graphToViewport({x: attrs.x, y: attrs.y});
      var radius = renderer.scaleSize(attrs.size);
      var box = {
        x: pos.x + radius + 3, y: pos.y - 8,
        w: measure.measureText(attrs.label).width + 2, h: 16, id: node
      };
      var clash = kept.some(function (o) {
        return box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h;
      });
      if (!clash) { kept.push(box); chosen.add(node); }
    });
    placed = chosen;
    boxes = kept;
  }
  var pending = null;
  renderer.getCamera().on("updated", function () {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { placeLabels(); renderer.refresh({skipIndexation: true}); }, 120);
  });

  // The size legend: the smallest, middle and largest values drawn.
  var sizes = root.querySelector(".netview-sizes");
  [0.05, 0.35, 1].forEach(function (share) {
    var value = maxValue * share;
    var li = document.createElement("li");
    var disc = document.createElement("span");
    var px = 2 * (3 + 17 * Math.sqrt(share));
    disc.className = "swatch";
    disc.style.width = px + "px";
    disc.style.height = px + "px";
    disc.style.background = "#888";
    li.appendChild(disc);
    li.appendChild(document.createTextNode(
      metric === "betweenness" ? value.toFixed(3) : String(Math.round(value))));
    sizes.appendChild(li);
  });
  if (colourBy === "community") {
    root.querySelector(".netview-colours").hidden = true;
    var list = root.querySelector(".netview-communities");
    var seen = {};
    data.nodes.forEach(function (n) {
      if (n.community === null || n.community === undefined || seen[n.community]) { return; }
      seen[n.community] = true;
    });
    Object.keys(seen).map(Number).sort(function (a, b) { return a - b; }).slice(0, 24)
      .forEach(function (c) {
        var li = document.createElement("li");
        var sw = document.createElement("span");
        sw.className = "swatch";
        sw.style.background = PALETTE[c % PALETTE.length];
        li.appendChild(sw);
        li.appendChild(document.createTextNode(words.community + " " + (c + 1)));
        list.appendChild(li);
      });
    list.hidden = false;
  }

  // The panel of the focused node: its partners and the tasks each shares with it.
  var panel = root.querySelector(".netview-focus");
  var hint = root.querySelector(".netview-hint");
  function showPanel(info) {
    panel.hidden = false;
    hint.hidden = true;
    panel.querySelector(".netview-focus-name").textContent = info.node.name;
    var meta = [];
    ["degree", "load", "betweenness"].forEach(function (m) {
      if (info.node.m[m] !== undefined && (m !== "betweenness" || info.node.kind === "agency")) {
        meta.push(words[m] + ": " + (m === "betweenness" ? info.node.m[m].toFixed(3) : info.node.m[m]));
      }
    });
    panel.querySelector(".netview-focus-meta").textContent = meta.join(" · ");
    var page = panel.querySelector(".netview-focus-page");
    page.hidden = !info.node.url;
    if (info.node.url) { page.setAttribute("href", info.node.url); }
    var list = panel.querySelector(".netview-partners");
    list.textContent = "";
    info.partners.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement(p.node.url ? "a" : "span");
      if (p.node.url) { a.setAttribute("href", p.node.url); }
      a.textContent = p.node.name;
      li.appendChild(a);
      var note = " — " + p.weight + (p.tasks.length ? " " + words.shared : "");
      if (p.relations.length) { note += " (" + p.relations.join(", ") + ")"; }
      li.appendChild(document.createTextNode(note));
      if (p.tasks.length) {
        var tasks = document.createElement("ul");
        p.tasks.forEach(function (t) {
          var item = document.createElement("li");
          var link = document.createElement(t.url ? "a" : "span");
          if (t.url) { link.setAttribute("href", t.url); }
          link.textContent = t.code;
          item.appendChild(link);
          if (t.label) { item.appendChild(document.createTextNode(" " + t.label)); }
          tasks.appendChild(item);
        });
        if (p.more_tasks) {
          var more = document.createElement("li");
          more.textContent = words.more.replace("%d", p.more_tasks);
          tasks.appendChild(more);
        }
        li.appendChild(tasks);
      }
      list.appendChild(li);
    });
    if (info.more_partners) {
      var rest = document.createElement("li");
      rest.textContent = words.more.replace("%d", info.more_partners);
      list.appendChild(rest);
    }
  }

  function getJSON(url, done) {
    root.setAttribute("data-busy", "1");
    fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (json) { root.removeAttribute("data-busy"); done(json); })
      .catch(function () {
        root.removeAttribute("data-busy");
        hint.hidden = false;
        hint.textContent = words.failed;
      });
  }
  function withParam(base, key, value) {
    return base + (base.indexOf("?") >= 0 ? "&" : "?") + key + "=" + encodeURIComponent(value);
  }
  function placeAround(centre, ids) {
    var c = graph.getNodeAttributes(centre);
    var r = 1 + Math.sqrt(ids.length) * 0.6;
    ids.forEach(function (id, i) {
      var angle = 2 * Math.PI * i / Math.max(ids.length, 1);
      graph.mergeNodeAttributes(id, {x: c.x + r * Math.cos(angle), y: c.y + r * Math.sin(angle)});
    });
  }

  function focusOn(id) {
    getJSON(withParam(root.getAttribute("data-node-url"), "iri", id), function (info) {
      var fresh = [];
      info.partners.forEach(function (p) {
        if (!graph.hasNode(p.node.id)) { fresh.push(p.node.id); addNode(p.node, 0, 0); }
      });
      if (fresh.length) { placeAround(id, fresh); }
      info.edges.forEach(function (e) { addEdge(e[0], e[1], e[2], e[3] === 1); });
      focus = id;
      around = new Set(graph.neighbors(id));
      showPanel(info);
      placeLabels();
      renderer.refresh();
      root.setAttribute("data-focused", id);
    });
  }

  function expand(id) {
    var raw = graph.getNodeAttribute(id, "raw");
    var url = withParam(root.getAttribute("data-group-url"), "group", raw.group);
    getJSON(url, function (info) {
      var centre = graph.getNodeAttributes(id);
      var ids = [];
      info.nodes.forEach(function (n) {
        if (!graph.hasNode(n.id)) { addNode(n, centre.x, centre.y); ids.push(n.id); }
      });
      placeAround(id, ids);
      info.edges.forEach(function (e) { addEdge(e[0], e[1], e[2], e[3] === 1); });
      graph.dropNode(id);
      placeLabels();
      renderer.refresh();
      root.setAttribute("data-expanded", String(Number(root.getAttribute("data-expanded") || 0) + 1));
    });
  }

  function clearFocus() {
    focus = null;
    around = null;
    panel.hidden = true;
    hint.hidden = false;
    root.removeAttribute("data-focused");
    renderer.refresh({skipIndexation: true});
  }

  renderer.on("clickNode", function (event) {
    var raw = graph.getNodeAttribute(event.node, "raw");
    if (isGroup(raw)) { expand(event.node); } else { focusOn(event.node); }
  });
  renderer.on("doubleClickNode", function (event) {
    var raw = graph.getNodeAttribute(event.node, "raw");
    if (raw.url) { window.location.href = raw.url; }
  });
  renderer.on("clickStage", clearFocus);
  root.querySelector(".netview-reset").addEventListener("click", function () {
    clearFocus();
    renderer.getCamera().animatedReset();
  });

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }
  var search = root.querySelector(".netview-search");
  search.addEventListener("change", function () {
    var want = fold(search.value.trim());
    if (!want) { return; }
    var hit = graph.nodes().find(function (n) {
      var raw = graph.getNodeAttribute(n, "raw");
      return !isGroup(raw) && (fold(raw.label) === want || fold(raw.name).indexOf(want) >= 0);
    });
    if (hit) { focusOn(hit); }
  });

  placeLabels();
  renderer.refresh({skipIndexation: true});
  window.migkgNetwork = {
    graph: graph,
    renderer: renderer,
    labelBoxes: function () { return boxes.slice(); },
    focusOn: focusOn,
    expand: expand
  };
  root.setAttribute("data-drawn", "1");
})();
