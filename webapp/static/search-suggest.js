/* The header's search box suggests names as one types (the site's own /search, as JSON);
 * picking a suggestion opens its page. Every value is set as text, never as markup. */
(function () {
  "use strict";

  var input = document.getElementById("site-search");
  if (!input || !window.fetch) {
    return;
  }
  var list = document.createElement("datalist");
  list.id = "site-search-suggestions";
  input.parentNode.appendChild(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  var pages = {};
  var timer = null;
  var ID_NS = "https://w3id.org/migkg/id/";

  function suggest() {
    var q = input.value.trim();
    if (q.length < 2 || pages[q]) {
      return;
    }
    fetch("/search?format=json&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.ok ? r.json() : [];
      })
      .then(function (hits) {
        list.replaceChildren();
        hits.slice(0, 12).forEach(function (hit) {
          var option = document.createElement("option");
          option.value = hit.label;
          option.textContent = hit.kind;
          list.appendChild(option);
          if (hit.iri.indexOf(ID_NS) === 0) {
            pages[hit.label] = "/id/" + hit.iri.slice(ID_NS.length);
          }
        });
      })
      .catch(function () {
        /* no suggestions: the form still searches */
      });
  }

  input.addEventListener("input", function () {
    if (pages[input.value]) {
      window.location.href = pages[input.value];
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 150);
  });
})();
