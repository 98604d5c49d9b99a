/* The SPARQL page: YASGUI's editor (Yasqe) and result views (Yasr), served by the app.
 * Completion comes only from the page's own data (#sparql-terms: the project's prefixes,
 * the ontology's classes and properties), never from prefix.cc or LOV. The query runs
 * against this site's endpoint; result IRIs are shown in full or under a prefix the query
 * declares, in a form that pastes back as valid SPARQL; links to this graph stay on the
 * site. Without JavaScript the textarea and the download links still work. */
(function () {
  "use strict";

  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var ID_NS = "https://w3id.org/migkg/id/";
  var ONTOLOGY_NS = "https://w3id.org/migkg/ontology#";

  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("query");
  var example = document.getElementById("example");
  var share = document.getElementById("share-link");
  var statusLine = document.getElementById("status");
  var results = document.getElementById("results");
  var endpoint = form.dataset.endpoint;
  var terms = JSON.parse(document.getElementById("sparql-terms").textContent);

  var prefixLines = Object.keys(terms.prefixes).map(function (p) {
    return p + ": <" + terms.prefixes[p] + ">";
  });

  // Local autocompleters, forked from YASQE's own so that they behave the same.
  Yasqe.forkAutocompleter("prefixes", {
    name: "migkgPrefixes",
    persistenceId: null,
    get: function () {
      return prefixLines;
    },
  }, false);
  Yasqe.forkAutocompleter("property", {
    name: "migkgProperties",
    bulk: true,
    autoShow: true,
    persistenceId: null,
    get: function () {
      return terms.properties;
    },
  }, false);
  Yasqe.forkAutocompleter("class", {
    name: "migkgClasses",
    bulk: true,
    autoShow: true,
    persistenceId: null,
    get: function () {
      return terms.classes;
    },
  }, false);

  var holder = document.createElement("div");
  holder.id = "yasqe";
  textarea.parentNode.insertBefore(holder, textarea);
  textarea.hidden = true;
  var yasqe = new Yasqe(holder, {
    value: textarea.value,
    autocompleters: ["migkgPrefixes", "migkgProperties", "migkgClasses", "variables"],
    persistenceId: null,
    showQueryButton: false,
    resizeable: true,
    editorHeight: "22rem",
    createShareableLink: null,
    requestConfig: { endpoint: endpoint, method: "POST" },
  });
  window.migkgYasqe = yasqe;

  // Prefixes for showing IRIs: those the query declares, except namespaces whose local
  // names hold a "/" (id:agency/mofa is not a valid prefixed name): those stay in full.
  function displayPrefixes() {
    var declared = yasqe.getPrefixesFromQuery();
    var out = {};
    Object.keys(declared).forEach(function (p) {
      if (declared[p] && declared[p].slice(-1) !== "/") {
        out[p] = declared[p];
      }
    });
    return out;
  }

  registerViews();
  var yasr = new Yasr(results, {
    persistenceId: null,
    prefixes: displayPrefixes,
    pluginOrder: ["table", "chart", "timeline", "network", "boolean", "response", "error"],
    defaultPlugin: "table",
  });
  window.migkgYasr = yasr;

  function updateLinks() {
    var q = yasqe.getValue();
    textarea.value = q;
    var page = new URL(form.getAttribute("action"), window.location.href);
    page.searchParams.set("query", q);
    share.href = page.pathname + page.search;
    document.querySelectorAll("a.download").forEach(function (a) {
      var url = new URL(endpoint, window.location.href);
      url.searchParams.set("query", q);
      url.searchParams.set("format", a.dataset.format);
      a.href = url.pathname + url.search;
    });
  }

  function showError(message) {
    var p = document.createElement("p");
    p.className = "error-message";
    p.id = "query-error";
    p.textContent = message;
    statusLine.replaceChildren(p);
    // A parser error that names a line is marked in the editor's gutter too.
    var m = /line (\d+)/i.exec(message);
    if (m) {
      markLine(parseInt(m[1], 10) - 1, message);
    }
  }

  function markLine(line, message) {
    if (line < 0 || line >= yasqe.lineCount()) {
      return;
    }
    var icon = document.createElement("span");
    icon.className = "parseErrorIcon server-error";
    icon.title = message;
    icon.textContent = "!";
    yasqe.setGutterMarker(line, "gutterErrorBar", icon);
  }

  // Prefixed names whose prefix the query does not declare: a prefix the project knows is
  // declared for the reader; any other is marked at its line and the query is not sent.
  function checkPrefixes() {
    var declared = yasqe.getPrefixesFromQuery();
    var missing = [];
    for (var line = 0; line < yasqe.lineCount(); line++) {
      yasqe.getLineTokens(line).forEach(function (token) {
        if (token.type !== "string-2" || token.string.indexOf(":") < 1) {
          return;
        }
        var prefix = token.string.slice(0, token.string.indexOf(":"));
        if (prefix in declared) {
          return;
        }
        if (prefix in terms.prefixes) {
          var add = {};
          add[prefix] = terms.prefixes[prefix];
          yasqe.addPrefixes(add);
          declared[prefix] = terms.prefixes[prefix];
        } else {
          missing.push([line, prefix]);
        }
      });
    }
    if (!missing.length) {
      return true;
    }
    var message = form.dataset.undeclared.replace("%s", missing[0][1] + ":") + " (" + (missing[0][0] + 1) + ")";
    showError(message);
    missing.forEach(function (m) {
      markLine(m[0], form.dataset.undeclared.replace("%s", m[1] + ":"));
    });
    return false;
  }

  function run() {
    if (!checkPrefixes()) {
      return;
    }
    updateLinks();
    statusLine.textContent = form.dataset.running;
    var started = Date.now();
    var body = new URLSearchParams();
    body.set("query", yasqe.getValue());
    fetch(endpoint, {
      method: "POST",
      headers: {
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: body.toString(),
    })
      .then(function (response) {
        var type = (response.headers.get("Content-Type") || "").split(";")[0];
        return response.text().then(function (text) {
          if (!response.ok) {
            var message = text;
            try {
              message = JSON.parse(text).message || text;
            } catch (e) {
              /* not JSON: show the text as it came */
            }
            showError(response.status + ": " + message);
            return;
          }
          yasr.setResponse({ data: text, contentType: type, status: response.status }, Date.now() - started);
          var note = "";
          if (type.indexOf("json") !== -1) {
            var data = JSON.parse(text);
            if (data.results) {
              note = data.results.bindings.length + " " + form.dataset.rows;
              if (data.migkg && data.migkg.truncated) {
                note += " — " + form.dataset.truncated + " " + data.migkg.maxRows;
              }
            }
          }
          statusLine.textContent = note;
        });
      })
      .catch(function (err) {
        showError(String(err));
      });
  }

  // Links to this graph's resources open their page on this site.
  results.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.iri") : null;
    if (!a) {
      return;
    }
    var href = a.getAttribute("href") || "";
    if (href.indexOf(ID_NS) === 0) {
      ev.preventDefault();
      window.location.href = "/id/" + href.slice(ID_NS.length);
    } else if (href.indexOf(ONTOLOGY_NS) === 0 || href.indexOf("http") === 0) {
      // Elsewhere: keep the reader here (the IRI is shown; no request leaves the site).
      ev.preventDefault();
    }
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("query", yasqe.getValue());
    url.searchParams.delete("example");
    window.history.replaceState(null, "", url.pathname + url.search);
    run();
  });

  example.addEventListener("change", function () {
    var option = example.options[example.selectedIndex];
    if (option && option.dataset.query) {
      yasqe.setValue(option.dataset.query);
      updateLinks();
    }
  });

  yasqe.on("change", updateLinks);
  yasqe.on("keydown", function (_cm, ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  updateLinks();
  var params = new URLSearchParams(window.location.search);
  if (params.has("query") || params.get("example")) {
    run();
  }

  /* Result views beyond YASR's own: a bar chart of a number per row, a timeline of rows
   * with a start and an end year, a network of rows linking two resources. Each draws SVG
   * through the DOM. */
  function registerViews() {
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

    function Chart(yasr) {
      this.yasr = yasr;
      this.priority = 5;
      this.label = "Chart";
    }
    Chart.prototype.canHandleResults = function () {
      var c = pickColumns(this.yasr);
      return !!(c.value && c.label);
    };
    Chart.prototype.getIcon = function () {
      var span = document.createElement("span");
      span.textContent = "▤";
      return span;
    };
    Chart.prototype.draw = function () {
      var c = pickColumns(this.yasr);
      var rows = c.rows.filter(function (r) { return numeric(r[c.value]); }).slice(0, 60);
      var max = Math.max.apply(null, rows.map(function (r) { return Number(r[c.value].value); }).concat([1]));
      var bar = 18;
      var svg = el("svg", { class: "result-chart", viewBox: "0 0 640 " + (rows.length * bar + 10), role: "img" });
      rows.forEach(function (r, i) {
        var width = (Number(r[c.value].value) / max) * 380;
        var y = i * bar + 4;
        svg.appendChild(el("text", { x: 230, y: y + 12, "text-anchor": "end", class: "chart-label" }, shown(r[c.label]).slice(0, 40)));
        svg.appendChild(el("rect", { x: 236, y: y, width: Math.max(width, 1), height: bar - 4, class: "chart-bar" }));
        svg.appendChild(el("text", { x: 240 + width, y: y + 12, class: "chart-value" }, r[c.value].value));
      });
      this.yasr.resultsEl.appendChild(svg);
    };

    function yearsOf(yasr) {
      var vars = varsOf(yasr);
      var start = vars.find(function (v) { return /start|from|begin/i.test(v); });
      var end = vars.find(function (v) { return /end|until|due/i.test(v); });
      return { start: start, end: end };
    }

    function Timeline(yasr) {
      this.yasr = yasr;
      this.priority = 4;
      this.label = "Timeline";
    }
    Timeline.prototype.canHandleResults = function () {
      var y = yearsOf(this.yasr);
      var rows = rowsOf(this.yasr);
      return !!(y.start && y.end && rows.some(function (r) { return numeric(r[y.end]); }));
    };
    Timeline.prototype.getIcon = function () {
      var span = document.createElement("span");
      span.textContent = "═";
      return span;
    };
    Timeline.prototype.draw = function () {
      var y = yearsOf(this.yasr);
      var vars = varsOf(this.yasr);
      var label = vars.find(function (v) { return v !== y.start && v !== y.end; });
      var rows = rowsOf(this.yasr).filter(function (r) { return numeric(r[y.end]); }).slice(0, 80);
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
        svg.appendChild(el("text", { x: 230, y: top + 12, "text-anchor": "end", class: "chart-label" }, shown(r[label]).slice(0, 40)));
        svg.appendChild(el("rect", { x: 236 + (from - lo) * scale, y: top, width: Math.max((to - from) * scale, 2), height: bar - 4, class: "chart-bar" }));
      });
      this.yasr.resultsEl.appendChild(svg);
    };

    // A network of the rows that link two resources (the first two IRI columns), drawn
    // on a circle; a column named like "<var>_label" or "<var>Label" names the nodes.
    function linkColumns(yasr) {
      var rows = rowsOf(yasr);
      var vars = varsOf(yasr).filter(function (v) {
        return rows.some(function (r) { return r[v] && r[v].type === "uri"; });
      });
      return { rows: rows, a: vars[0], b: vars[1] };
    }

    function Network(yasr) {
      this.yasr = yasr;
      this.priority = 3;
      this.label = "Network";
    }
    Network.prototype.canHandleResults = function () {
      var c = linkColumns(this.yasr);
      return !!(c.a && c.b);
    };
    Network.prototype.getIcon = function () {
      var span = document.createElement("span");
      span.textContent = "⋈";
      return span;
    };
    Network.prototype.draw = function () {
      var c = linkColumns(this.yasr);
      var vars = varsOf(this.yasr);
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
      this.yasr.resultsEl.appendChild(svg);
    };

    Yasr.registerPlugin("chart", Chart);
    Yasr.registerPlugin("timeline", Timeline);
    Yasr.registerPlugin("network", Network);
  }
})();
