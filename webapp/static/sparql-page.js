/* The SPARQL page: run the editor's query against the endpoint with fetch, show the results
 * as a table (every value inserted with textContent), keep the share and download links in
 * step with the text. */
(function () {
  "use strict";

  var ID_NS = "https://w3id.org/migkg/id/";
  var PREFIXES = [
    ["mkg:", "https://w3id.org/migkg/ontology#"],
    ["id:", ID_NS],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
    ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["prov:", "http://www.w3.org/ns/prov#"],
    ["org:", "http://www.w3.org/ns/org#"],
    ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
    ["dcterms:", "http://purl.org/dc/terms/"],
    ["owl:", "http://www.w3.org/2002/07/owl#"],
  ];

  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("query");
  var highlight = document.getElementById("highlight");
  var example = document.getElementById("example");
  var share = document.getElementById("share-link");
  var statusLine = document.getElementById("status");
  var results = document.getElementById("results");
  var endpoint = form.dataset.endpoint;
  var editor = window.SparqlEditor.attach(textarea, highlight);

  function compact(iri) {
    for (var i = 0; i < PREFIXES.length; i++) {
      if (iri.indexOf(PREFIXES[i][1]) === 0 && iri.length > PREFIXES[i][1].length) {
        return PREFIXES[i][0] + iri.slice(PREFIXES[i][1].length);
      }
    }
    return iri;
  }

  function updateLinks() {
    var q = textarea.value;
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

  function cell(term) {
    var td = document.createElement("td");
    if (!term) {
      return td;
    }
    if (term.type === "uri") {
      var text = compact(term.value);
      if (term.value.indexOf(ID_NS) === 0) {
        var a = document.createElement("a");
        a.href = "/id/" + term.value.slice(ID_NS.length);
        a.textContent = text;
        td.appendChild(a);
      } else {
        var span = document.createElement("span");
        span.className = "iri";
        span.title = term.value;
        span.textContent = text;
        td.appendChild(span);
      }
    } else {
      td.textContent = term.value;
      var lang = term["xml:lang"];
      if (lang) {
        td.lang = lang;
        var tag = document.createElement("span");
        tag.className = "langtag";
        tag.textContent = "@" + lang;
        td.appendChild(tag);
      }
    }
    return td;
  }

  function showTable(data) {
    var vars = data.head.vars || [];
    var rows = data.results.bindings;
    var table = document.createElement("table");
    table.className = "data results-table";
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) {
        tr.appendChild(cell(row[v]));
      });
    });
    results.replaceChildren(table);
    var note = rows.length + " " + form.dataset.rows;
    // The endpoint states its row cap inside the JSON when it cut the results.
    if (data.migkg && data.migkg.truncated) {
      note += " — " + form.dataset.truncated + " " + data.migkg.maxRows;
    }
    statusLine.textContent = note;
  }

  function showText(text) {
    var pre = document.createElement("pre");
    pre.className = "graph-result";
    pre.textContent = text;
    results.replaceChildren(pre);
  }

  function showError(message) {
    var p = document.createElement("p");
    p.className = "error-message";
    p.textContent = message;
    results.replaceChildren(p);
    statusLine.textContent = "";
  }

  function run() {
    updateLinks();
    statusLine.textContent = form.dataset.running;
    results.replaceChildren();
    var body = new URLSearchParams();
    body.set("query", textarea.value);
    fetch(endpoint, {
      method: "POST",
      headers: {
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: body.toString(),
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok) {
          return response.text().then(function (text) {
            var message = text;
            try {
              message = JSON.parse(text).message || text;
            } catch (e) {
              /* not JSON: show the text as it came */
            }
            showError(response.status + ": " + message);
          });
        }
        if (type.indexOf("json") !== -1) {
          return response.json().then(function (data) {
            if (typeof data.boolean === "boolean") {
              showText(String(data.boolean));
              statusLine.textContent = "";
            } else {
              showTable(data);
            }
          });
        }
        return response.text().then(function (text) {
          showText(text);
          statusLine.textContent = "";
        });
      })
      .catch(function (err) {
        showError(String(err));
      });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("query", textarea.value);
    url.searchParams.delete("example");
    window.history.replaceState(null, "", url.pathname + url.search);
    run();
  });

  example.addEventListener("change", function () {
    var option = example.options[example.selectedIndex];
    if (option && option.dataset.query) {
      textarea.value = option.dataset.query;
      editor.update();
      updateLinks();
    }
  });

  textarea.addEventListener("input", updateLinks);
  textarea.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  updateLinks();
  // A shared link (?query=…) or a chosen example opens with its results.
  var params = new URLSearchParams(window.location.search);
  if (params.has("query") || params.get("example")) {
    run();
  }
})();
