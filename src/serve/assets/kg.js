// kg serve: a little help on top of pages that work without it. "/"
// focuses the ask box; names complete as you type, from /api/complete
// (the REPL's Tab completion). Nothing is fetched from anywhere else.
(function () {
  "use strict";

  var ask = document.getElementById("q");
  var hint = document.querySelector(".key-hint");
  if (hint) hint.hidden = false;

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !ask) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    ask.focus();
    ask.select();
  });

  var inputs = document.querySelectorAll("input#q, input[data-complete]");
  for (var i = 0; i < inputs.length; i++) completion(inputs[i]);

  // A combobox in the WAI-ARIA pattern: the list of names under the input,
  // arrows to move, Enter or Tab to take the marked one, Escape to close.
  function completion(input) {
    var id = input.id + "-names";
    var box = document.createElement("ul");
    box.id = id;
    box.className = "complete";
    box.hidden = true;
    box.setAttribute("role", "listbox");
    box.setAttribute("aria-label", "Names in the graph");
    var status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(box);
    input.parentNode.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    var names = [];
    var active = -1;
    var start = 0;
    var timer = null;
    var asked = 0;

    function close() {
      box.hidden = true;
      box.textContent = "";
      names = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(found) {
      close();
      if (!found.length) {
        status.textContent = "";
        return;
      }
      names = found;
      found.forEach(function (name, i) {
        var li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = name;
        li.addEventListener("mousedown", function (e) {
          e.preventDefault();
          take(i);
        });
        box.appendChild(li);
      });
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = found.length + (found.length === 1 ? " name" : " names") + " to choose from";
    }

    function mark(i) {
      var items = box.children;
      for (var j = 0; j < items.length; j++) items[j].setAttribute("aria-selected", j === i ? "true" : "false");
      active = i;
      input.setAttribute("aria-activedescendant", id + "-" + i);
      items[i].scrollIntoView({ block: "nearest" });
    }

    function take(i) {
      // Offsets count characters (code points), as the server does.
      var chars = Array.from(input.value);
      var caret = Array.from(input.value.slice(0, input.selectionStart)).length;
      var before = chars.slice(0, start).join("") + names[i];
      var after = chars.slice(caret).join("");
      var glue = input.id === "q" && !/^\s/.test(after) ? " " : "";
      input.value = before + glue + after;
      var at = (before + glue).length;
      input.setSelectionRange(at, at);
      close();
    }

    function lookUp() {
      var text = input.value.slice(0, input.selectionStart);
      if (!text.trim()) {
        close();
        return;
      }
      var mine = ++asked;
      fetch("/api/complete?q=" + encodeURIComponent(text))
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (d) {
          if (mine !== asked || !d || document.activeElement !== input) return;
          start = d.start;
          show(d.names);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (box.hidden || !names.length) return;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        mark((active + 1) % names.length);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        mark((active - 1 + names.length) % names.length);
      } else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) {
        e.preventDefault();
        take(active);
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  }
})();
