// The entry grid: Enter (or Tab after a change) saves the row through htmx and moves to the next row.
(function () {
  "use strict";
  var nextAfterSave = null;

  function rowOf(el) { return el.closest("tr.entry-row"); }

  function valueInput(row) { return row ? row.querySelector(".entry-value") : null; }

  function nextRow(row) {
    var next = row.nextElementSibling;
    while (next && !next.classList.contains("entry-row")) { next = next.nextElementSibling; }
    return next;
  }

  function save(row) {
    var form = row.querySelector("form");
    if (form && window.htmx) { window.htmx.trigger(form, "submit"); }
  }

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!(el instanceof HTMLElement) || !el.closest || !rowOf(el)) { return; }
    var row = rowOf(el);
    var changed = el.classList.contains("entry-value") && el.value !== (el.getAttribute("data-initial") || "");
    var isEnter = event.key === "Enter";
    var isTab = event.key === "Tab" && !event.shiftKey && el.classList.contains("entry-value");
    if (isEnter || (isTab && changed)) {
      event.preventDefault();
      var next = nextRow(row);
      nextAfterSave = next ? next.id : null;
      save(row);
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var row = event.detail && event.detail.target ? document.getElementById(event.detail.target.id) : null;
    if (!row || !row.classList.contains("entry-row")) { return; }
    if (row.getAttribute("data-saved") === "1" && nextAfterSave) {
      var input = valueInput(document.getElementById(nextAfterSave));
      if (input) { input.focus(); if (input.select) { input.select(); } }
    } else {
      // The server marks the field to fix with autofocus (the reason of a correction); else the value.
      var own = row.querySelector("[autofocus]") || valueInput(row);
      if (own) { own.focus(); }
    }
    nextAfterSave = null;
  });
})();
