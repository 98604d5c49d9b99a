/* Result views for the SPARQL page beyond YASR's own (table, boolean, response, error),
 * registered by sparql-page.js. */
(function () {
  "use strict";

  /* Result views beyond YASR's own: a bar chart of a number per row, a timeline of rows
   * with a start and an end year, a network of rows linking two resources. Each draws SVG
   * through the DOM. */
  window.migkgRegisterViews = function (Yasr) {
    var SVG = "http://www.w3.org/2000/svg";

    function el(name, attrs, text) {
      var node = document.createElementNS(SVG, name);
      Object.keys(attrs).forEach(function (k) {
        node.setAttribute(k, attrs[k]);
      });
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }

    function numeric(binding) {
      return binding && binding.type !== "uri" && binding.value !== "" && !isNaN(Number(binding.value));
    }

    function shown(binding) {
      if (!binding) {
        return "";
      }
      if (binding.type === "uri") {
        var v = binding.value;
        return v.slice(Math.max(v.lastIndexOf("/"), v.lastIndexOf("#")) + 1);
      }
      return binding.value;
    }

    function rowsOf(yasr) {
      var data = yasr.results && yasr.results.getBindings ? yasr.results.getBindings() : null;
      return data || [];
    }

    function varsOf(yasr) {
      return yasr.results && yasr.results.getVariables ? yasr.results.getVariables() : [];
    }

    /* A YASR result view: ``ready(yasr)`` says whether it can show the results,
     * ``draw(yasr)`` returns the SVG it shows them in. */
    function view(label, priority, icon, ready, draw) {
      function View(yasr) {
        this.yasr = yasr;
        this.priority = priority;
        this.label = label;
      }
      View.prototype.canHandleResults = function () {
        return ready(this.yasr);
      };
      View.prototype.getIcon = function () {
        var span = document.createElement("span");
        span.textContent = icon;
        return span;
      };
      View.prototype.draw = function () {
        this.yasr.resultsEl.appendChild(draw(this.yasr));
      };
      return View;
    }

    // A row's name at the left of a bar, right-aligned.
    function rowLabel(y, binding) {
      return el("text", { x: 230, y: y + 12, "text-anchor": "end", class: "chart-label" }, shown(binding).slice(0, 40));
    }

    function pickColumns(yasr) {
      var rows = rowsOf(yasr);
      var vars = varsOf(yasr);
      var value = vars.find(function (v) {
        return rows.length && rows.every(function (r) { return !r[v] || numeric(r[v]); }) &&
          rows.some(function (r) { return numeric(r[v]); });
      });
      var label = vars.find(function (v) {
        return v !== value && rows.some(function (r) { return r[v] && !numeric(r[v]); });
      });
      return { rows: rows, value: value, label: label };
    }

    var Chart = view("Chart", 5, "▤", function (yasr) {
      var c = pickColumns(yasr);
      return !!(c.value && c.label);
    }, function (yasr) {
      var c = pickColumns(yasr);
      var rows = c.rows.filter(function (r) { return numeric(r[c.value]); }).slice(0, 60);
      var max = Math.max.apply(null, rows.map(function (r) { return Number(r[c.value].value); }).concat([1]));
      var bar = 18;
      var svg = el("svg", { class: "result-chart", viewBox: "0 0 640 " + (rows.length * bar + 10), role: "img" });
      rows.forEach(function (r, i) {
        var width = (Number(r[c.value].value) / max) * 380;
        var y = i * bar + 4;
        svg.appendChild(rowLabel(y, r[c.label]));
        svg.appendChild(el("rect", { x: 236, y: y, width: Math.max(width, 1), height: bar - 4, class: "chart-bar" }));
        svg.appendChild(el("text", { x: 240 + width, y: y + 12, class: "chart-value" }, r[c.value].value));
      });
      return svg;
    });

    function yearsOf(yasr) {
      var vars = varsOf(yasr);
      var start = vars.find(function (v) { return /start|from|begin/i.test(v); });
      var end = vars.find(function (v) { return /end|until|due/i.test(v); });
      return { start: start, end: end };
    }

    var Timeline = view("Timeline", 4, "═", function (yasr) {
      var y = yearsOf(yasr);
      var rows = rowsOf(yasr);
      return !!(y.start && y.end && rows.some(function (r) { return numeric(r[y.end]); }));
    }, function (yasr) {
      var y = yearsOf(yasr);
      var vars = varsOf(yasr);
      var label = vars.find(function (v) { return v !== y.start && v !== y.end; });
      var rows = rowsOf(yasr).filter(function (r) { return numeric(r[y.end]); }).slice(0, 80);
      var years = [];
      rows.forEach(function (r) {
        years.push(Number(r[y.end].value));
        if (numeric(r[y.start])) {
          years.push(Number(r[y.start].value));
        }
      });
      var lo = Math.min.apply(null, years);
      var hi = Math.max.apply(null, years) + 1;
      var scale = 380 / Math.max(hi - lo, 1);
      var bar = 18;
      var svg = el("svg", { class: "result-timeline", viewBox: "0 0 640 " + (rows.length * bar + 30), role: "img" });
      for (var year = lo; year <= hi; year++) {
        svg.appendChild(el("text", { x: 236 + (year - lo) * scale, y: 12, class: "chart-value" }, String(year)));
      }
      rows.forEach(function (r, i) {
        var from = numeric(r[y.start]) ? Number(r[y.start].value) : Number(r[y.end].value);
        var to = Number(r[y.end].value) + 1;
        var top = i * bar + 20;
        svg.appendChild(rowLabel(top, r[label]));
        svg.appendChild(el("rect", { x: 236 + (from - lo) * scale, y: top, width: Math.max((to - from) * scale, 2), height: bar - 4, class: "chart-bar" }));
      });
      return svg;
    });

    // A network of the rows that link two resources (the first two IRI columns), drawn
    // on a circle; a column named like "<var>_label" or "<var>Label" names the nodes.
    function linkColumns(yasr) {
      var rows = rowsOf(yasr);
      var vars = varsOf(yasr).filter(function (v) {
        return rows.some(function (r) { return r[v] && r[v].type === "uri"; });
      });
      return { rows: rows, a: vars[0], b: vars[1] };
    }

    var Network = view("Network", 3, "⋈", function (yasr) {
      var c = linkColumns(yasr);
      return !!(c.a && c.b);
    }, function (yasr) {
      var c = linkColumns(yasr);
      var vars = varsOf(yasr);
      var names = {};
      var edges = [];
      c.rows.forEach(function (r) {
        if (!r[c.a] || !r[c.b]) {
          return;
        }
        [c.a, c.b].forEach(function (v) {
          var labelVar = vars.find(function (w) { return w === v + "_label" || w === v + "Label"; });
          var iri = r[v].value;
          if (!(iri in names) || (labelVar && r[labelVar])) {
            names[iri] = labelVar && r[labelVar] ? r[labelVar].value : shown(r[v]);
          }
        });
        edges.push([r[c.a].value, r[c.b].value]);
      });
      var nodes = Object.keys(names).slice(0, 80);
      var at = {};
      var size = 640;
      var radius = 220;
      nodes.forEach(function (n, i) {
        var angle = (2 * Math.PI * i) / nodes.length;
        at[n] = [size / 2 + radius * Math.cos(angle), size / 2 + radius * Math.sin(angle)];
      });
      var svg = el("svg", { class: "result-network", viewBox: "0 0 " + size + " " + size, role: "img" });
      edges.forEach(function (e) {
        if (at[e[0]] && at[e[1]]) {
          svg.appendChild(el("line", { x1: at[e[0]][0], y1: at[e[0]][1], x2: at[e[1]][0], y2: at[e[1]][1], class: "network-edge" }));
        }
      });
      nodes.forEach(function (n) {
        var g = el("g", { class: "network-node" });
        g.appendChild(el("circle", { cx: at[n][0], cy: at[n][1], r: 5 }));
        var right = at[n][0] >= size / 2;
        g.appendChild(el("text", { x: at[n][0] + (right ? 8 : -8), y: at[n][1] + 4, "text-anchor": right ? "start" : "end", class: "chart-label" }, String(names[n]).slice(0, 28)));
        g.appendChild(el("title", {}, n));
        svg.appendChild(g);
      });
      return svg;
    });

    Yasr.registerPlugin("chart", Chart);
    Yasr.registerPlugin("timeline", Timeline);
    Yasr.registerPlugin("network", Network);
  };
})();
