/* A canned query's page sent before its answer is in: the results are fetched from
 * /queries/<name>/results and put in place of the note (202: not in yet, asked again).
 * Without a script the note's link gives the page with its results. */
(function () {
  "use strict";

  var section = document.getElementById("canned-answer");
  if (!section || !window.fetch) {
    return;
  }
  var url = section.getAttribute("data-results");
  var tries = 0;

  function ask() {
    tries += 1;
    fetch(url, { headers: { Accept: "text/html" } })
      .then(function (r) {
        return r.text().then(function (html) {
          return { status: r.status, html: html };
        });
      })
      .then(function (got) {
        if (got.status === 202 && tries < 60) {
          ask();
          return;
        }
        section.innerHTML = got.html;
        section.setAttribute("data-ready", "true");
      })
      .catch(function () {
        section.setAttribute("data-ready", "failed");
      });
  }
  ask();
})();
