// Accessible names for the admin's widgets that Django and its libraries leave unnamed: the
// inputs of tabular inlines (labelled only by their column heading), the date and time boxes
// of a date-time field, the autocomplete boxes (select2) and the rich-text editor. Widgets
// appear late (select2, the editor, "Add another" rows), so the page is watched for them.
(function () {
  function rowLabel(element) {
    var row = element.closest(".form-row, .fieldBox");
    var label = row && row.querySelector("label");
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function name(element, text) {
    if (text && !element.hasAttribute("aria-label")) element.setAttribute("aria-label", text);
  }

  function labelTabularInlines(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("thead th.original").forEach(function (th) {
        if (!th.textContent.trim()) th.innerHTML = '<span class="visually-hidden">Saved</span>';
      });
      table.querySelectorAll("tbody tr.form-row").forEach(function (row, index) {
        Array.prototype.forEach.call(row.children, function (cell, column) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            name(field, (headings[column] || "Field") + ", row " + (index + 1));
          });
        });
      });
    });
  }

  function labelOthers(root) {
    root.querySelectorAll("p.datetime").forEach(function (box) {
      var label = rowLabel(box);
      name(box.querySelector(".vDateField") || box, label + ": date");
      name(box.querySelector(".vTimeField") || box, label + ": time");
    });
    root.querySelectorAll(".select2-selection").forEach(function (box) {
      var label = rowLabel(box) || box.closest("td") && "Choice";
      name(box, label);
      var shown = box.querySelector(".select2-selection__rendered");
      if (shown) name(shown, label);
    });
    root.querySelectorAll(".ProseMirror[role=textbox]").forEach(function (editor) {
      name(editor, rowLabel(editor));
    });
  }

  function labelAll() {
    labelTabularInlines(document);
    labelOthers(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelAll();
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        labelAll();
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
