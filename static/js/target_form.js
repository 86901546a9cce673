// The target form: show only the plan fields the chosen shape uses (targets/models.py SHAPE_FIELDS,
// rendered as data-shapes) and its help. Hidden fields are disabled so that a value typed for another
// shape is not sent; without JavaScript every field and every shape's help stay visible.
(function () {
  "use strict";
  var form = document.getElementById("target-form");
  var shape = form ? form.querySelector("select[name=shape]") : null;
  if (!shape) { return; }

  function apply() {
    var chosen = shape.value;
    form.querySelectorAll("[data-shapes]").forEach(function (wrapper) {
      var used = !chosen || wrapper.getAttribute("data-shapes").split(" ").indexOf(chosen) >= 0;
      wrapper.hidden = !used;
      // Only blankable inputs: the checkbox and the select of reduction units always carry a value.
      wrapper.querySelectorAll("input:not([type=checkbox])").forEach(function (el) { el.disabled = !used; });
    });
    form.querySelectorAll("[data-shape-help]").forEach(function (help) {
      help.hidden = Boolean(chosen) && help.getAttribute("data-shape-help") !== chosen;
    });
  }

  shape.addEventListener("change", apply);
  apply();
})();
