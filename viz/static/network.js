/* Draws every .migkg-network block of the page with vis-network, from the JSON the
   server embedded beside it. Text from the graph is only ever set with textContent:
   tooltips and the detail panel are DOM elements, never HTML strings. */
(function () {
  "use strict";

  function fold(s) {
    return String(s)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
  }

  function lines(name, info) {
    var box = document.createElement("div");
    box.className = "migkg-tip";
    if (name) {
      var head = document.createElement("strong");
      head.textContent = name;
      box.appendChild(head);
    }
    info.forEach(function (pair) {
      var line = document.createElement("div");
      line.textContent = pair[0] + ": " + pair[1];
      box.appendChild(line);
    });
    return box;
  }

  function setup(root) {
    var source = document.getElementById(root.getAttribute("data-source"));
    var data = JSON.parse(source.textContent);
    var canvas = root.querySelector(".migkg-network-canvas");
    var details = root.querySelector(".migkg-network-details");
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });

    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      return {
        id: n.id,
        label: n.label,
        title: lines(n.name, n.info),
        value: n.value,
        shape: n.collective ? "diamond" : ({task: "box", plan: "hexagon", instrument: "triangle",
                                             convention: "triangle"}[n.kind] || "dot"),
        color: {
          background: n.color,
          border: n.collective ? "#333333" : n.color,
          highlight: {background: n.color, border: "#000000"},
          hover: {background: n.color, border: "#000000"}
        },
        borderWidth: n.collective ? 2 : 1,
        shapeProperties: {borderDashes: n.collective ? [4, 3] : false},
        font: {color: "#222222", size: 13},
        ntype: n.group,
        collective: n.collective
      };
    }));
    var edges = new vis.DataSet(data.edges.map(function (e, i) {
      return {
        id: i,
        from: e.from,
        to: e.to,
        value: e.value,
        title: lines("", e.info),
        dashes: e.dashed
      };
    }));

    var shownTypes = new Set(data.legend.map(function (l) { return l.key; }));
    var showCollective = true;
    var minWeight = 1;
    var nodeView = new vis.DataView(nodes, {
      filter: function (n) {
        return shownTypes.has(n.ntype) && (showCollective || !n.collective);
      }
    });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) { return e.value >= minWeight; }
    });

    var network = new vis.Network(canvas, {nodes: nodeView, edges: edgeView}, {
      nodes: {scaling: {min: 8, max: 42, label: {enabled: false}}},
      edges: {
        arrows: data.directed ? {to: {enabled: true, scaleFactor: 0.5}} : {},
        scaling: {min: 1, max: 8},
        color: {color: "#8a8a8a", highlight: "#222222", hover: "#444444", opacity: 0.7},
        smooth: {type: "continuous"}
      },
      physics: {solver: "forceAtlas2Based", stabilization: {iterations: 250}},
      interaction: {hover: true, tooltipDelay: 120, keyboard: false, navigationButtons: false}
    });

    function ready() {
      network.setOptions({physics: false});
      root.setAttribute("data-ready", "1");
    }
    network.once("stabilizationIterationsDone", ready);
    network.once("afterDrawing", function () { root.setAttribute("data-drawn", "1"); });
    if (data.nodes.length === 0) { ready(); }

    function show(id) {
      var n = byId[id];
      details.textContent = "";
      if (!n) { return; }
      details.appendChild(lines(n.name, n.info));
      if (n.url) {
        var a = document.createElement("a");
        a.setAttribute("href", n.url);
        a.textContent = root.getAttribute("data-open") || "→";
        details.appendChild(a);
      }
    }
    network.on("click", function (p) { if (p.nodes.length) { show(p.nodes[0]); } });
    network.on("doubleClick", function (p) {
      var n = p.nodes.length ? byId[p.nodes[0]] : null;
      if (n && n.url) { window.location.assign(n.url); }
    });

    var search = root.querySelector(".migkg-network-search");
    if (search) {
      search.addEventListener("change", function () {
        var q = fold(search.value.trim());
        if (!q) { return; }
        var hit = data.nodes.filter(function (n) {
          return fold(n.name).indexOf(q) >= 0 || fold(n.label).indexOf(q) >= 0;
        })[0];
        if (hit && nodeView.get(hit.id)) {
          network.selectNodes([hit.id]);
          network.focus(hit.id, {scale: 1.2, animation: true});
          show(hit.id);
        }
      });
    }
    var slider = root.querySelector(".migkg-network-minweight");
    if (slider) {
      var out = root.querySelector(".migkg-network-minweight-value");
      slider.addEventListener("input", function () {
        minWeight = parseInt(slider.value, 10) || 1;
        if (out) { out.textContent = String(minWeight); }
        edgeView.refresh();
      });
    }
    var coll = root.querySelector(".migkg-network-collective");
    if (coll) {
      coll.addEventListener("change", function () {
        showCollective = coll.checked;
        nodeView.refresh();
      });
    }
    root.querySelectorAll(".migkg-network-type input").forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked) { shownTypes.add(box.value); } else { shownTypes.delete(box.value); }
        nodeView.refresh();
      });
    });
    root.migkgNetwork = network;
  }

  function start() {
    document.querySelectorAll(".migkg-network").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
