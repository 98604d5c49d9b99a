/* A small SPARQL editor: a textarea under a highlighted copy of its text.
 * The highlighted copy is built with DOM nodes and textContent only, so text typed or
 * loaded into the editor is never read as markup. */
(function () {
  "use strict";

  var KEYWORDS = new Set((
    "select construct describe ask where from named prefix base distinct reduced " +
    "optional union minus graph service silent filter bind values as order by asc desc " +
    "group having limit offset not exists in a insert delete data load clear drop create " +
    "with using default all undef true false"
  ).split(" "));
  var FUNCTIONS = new Set((
    "str lang langmatches datatype bound iri uri bnode rand abs ceil floor round concat " +
    "strlen ucase lcase encode_for_uri contains strstarts strends strbefore strafter year " +
    "month day hours minutes seconds timezone tz now uuid struuid md5 sha1 sha256 sha384 " +
    "sha512 coalesce if strlang strdt sameterm isiri isuri isblank isliteral isnumeric " +
    "regex substr replace count sum min max avg sample group_concat separator"
  ).split(" "));

  // Ordered: the first rule that matches at a position wins.
  var RULES = [
    ["comment", /#[^\n]*/y],
    ["string", /"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/y],
    ["iri", /<[^<>"{}|^`\\\s]*>/y],
    ["variable", /[?$][A-Za-z_0-9\u00C0-\uFFFF]+/y],
    ["langtag", /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/y],
    ["number", /[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?/y],
    ["pname", /[A-Za-z][\w\-.]*?:[\w\-.%\u00C0-\uFFFF]*|:[\w\-.%\u00C0-\uFFFF]*/y],
    ["word", /[A-Za-z_][A-Za-z_0-9]*/y],
    ["punct", /\^\^|[{}()\[\].,;*=<>!&|+\-\/^]/y],
    ["space", /\s+/y],
  ];

  function tokenize(text) {
    var tokens = [];
    var pos = 0;
    while (pos < text.length) {
      var matched = false;
      for (var i = 0; i < RULES.length; i++) {
        var re = RULES[i][1];
        re.lastIndex = pos;
        var m = re.exec(text);
        if (m && m[0].length > 0) {
          var kind = RULES[i][0];
          if (kind === "word") {
            var lower = m[0].toLowerCase();
            kind = KEYWORDS.has(lower) ? "keyword" : FUNCTIONS.has(lower) ? "function" : "plain";
          }
          tokens.push([kind, m[0]]);
          pos += m[0].length;
          matched = true;
          break;
        }
      }
      if (!matched) {
        tokens.push(["plain", text[pos]]);
        pos += 1;
      }
    }
    return tokens;
  }

  function render(pre, text) {
    var frag = document.createDocumentFragment();
    tokenize(text).forEach(function (tok) {
      if (tok[0] === "space" || tok[0] === "plain") {
        frag.appendChild(document.createTextNode(tok[1]));
      } else {
        var span = document.createElement("span");
        span.className = "tok-" + tok[0];
        span.textContent = tok[1];
        frag.appendChild(span);
      }
    });
    // A trailing newline needs a character after it to take up a line in <pre>.
    frag.appendChild(document.createTextNode("\n "));
    pre.replaceChildren(frag);
  }

  function attach(textarea, pre) {
    function update() {
      render(pre, textarea.value);
      sync();
    }
    function sync() {
      pre.scrollTop = textarea.scrollTop;
      pre.scrollLeft = textarea.scrollLeft;
    }
    textarea.addEventListener("input", update);
    textarea.addEventListener("scroll", sync);
    textarea.addEventListener("keydown", function (ev) {
      if (ev.key === "Tab" && !ev.shiftKey && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
        ev.preventDefault();
        textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
        update();
      }
    });
    textarea.closest(".editor").classList.add("highlighting");
    update();
    return { update: update };
  }

  window.SparqlEditor = { tokenize: tokenize, attach: attach };
})();
