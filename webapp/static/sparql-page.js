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

  window.migkgRegisterViews(Yasr);
  var texts = JSON.parse(document.getElementById("yasr-texts").textContent);
  var tableLanguage = Yasr.plugins.table.defaults.tableConfig.language;
  Object.keys(texts.table).forEach(function (key) {
    tableLanguage[key] = texts.table[key];
  });

  // YASR writes its own words in English: put them in the reader's language.
  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var word = node.nodeValue.trim();
      if (texts.words[word]) {
        node.nodeValue = node.nodeValue.replace(word, texts.words[word]);
      }
    }
    root.querySelectorAll("[placeholder]").forEach(function (el) {
      var word = el.getAttribute("placeholder");
      if (texts.words[word]) {
        el.setAttribute("placeholder", texts.words[word]);
      }
    });
  }

  var yasr = new Yasr(results, {
    persistenceId: null,
    prefixes: displayPrefixes,
    pluginOrder: ["table", "chart", "timeline", "network", "boolean", "response", "error"],
    defaultPlugin: "table",
  });
  window.migkgYasr = yasr;
  yasr.on("drawn", function () {
    translate(yasr.rootEl);
  });
  translate(yasr.rootEl);

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

})();
