/* A canned query's parameter of a kind too large to list (plans) suggests names as one
 * types: the site's /search.json for that kind fills the input's own list. The form works
 * without it (the name typed is resolved when the form is sent). Values are set as text. */
(function () {
  "use strict";

  if (!window.fetch) {
    return;
  }
  document.querySelectorAll("input[data-suggest-kind]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var kind = input.getAttribute("data-suggest-kind");
    var asked = "";
    var timer = null;
    if (!list) {
      return;
    }

    function suggest() {
      var q = input.value.trim();
      if (q.length < 2 || q === asked) {
        return;
      }
      asked = q;
      var url = "/search.json?kind=" + encodeURIComponent(kind) + "&q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) {
          return r.ok ? r.json() : [];
        })
        .then(function (hits) {
          list.replaceChildren();
          hits.forEach(function (hit) {
            var option = document.createElement("option");
            option.value = hit.key;
            option.textContent = hit.label;
            list.appendChild(option);
          });
        })
        .catch(function () {
          /* no suggestions: the name typed is still resolved when the form is sent */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 150);
    });
  });
})();
