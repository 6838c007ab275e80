// Reordering an admin inline (bylines, related stories) by dragging a row's handle, or with its
// "Move up" / "Move down" buttons (by pointer or keyboard). Without this script the rows keep
// their typed position numbers; with it the number column is hidden and the numbers are
// rewritten to follow the rows' order after every move. Inlines opt in with the
// "ordered-inline" class (ArticlePartInline.classes).
//
// Pointer events, not HTML5 drag and drop: the same code then works for mouse, pen and touch
// (phones' browsers do not start HTML5 drags from a touch reliably).
"use strict";
{
  const ROWS = "tbody > tr.form-row:not(.empty-form)";

  function rowsOf(group) {
    return Array.from(group.querySelectorAll(ROWS));
  }

  function nameOf(row) {
    // A menu's link has a label of its own; bylines and stories are named by their choice.
    const label = row.querySelector("td.field-label input")?.value.trim();
    if (label) return label;
    const select = row.querySelector("td:not(.original) select");
    const chosen = select?.selectedOptions[0];
    return chosen?.value ? chosen.textContent.trim() : "New row";
  }

  // A row's form errors are shown in a row of their own just above it: they move together.
  function unitOf(row) {
    const previous = row.previousElementSibling;
    return previous?.classList.contains("row-form-errors") ? [previous, row] : [row];
  }

  function placeBefore(row, reference) {
    for (const part of unitOf(row)) reference.parentNode.insertBefore(part, unitOf(reference)[0]);
  }

  function placeAfter(row, reference) {
    reference.after(...unitOf(row));
  }

  function renumber(group) {
    const rows = rowsOf(group);
    rows.forEach((row, index) => {
      const position = row.querySelector("td.field-position input");
      if (position) position.value = String(index + 1);
      const name = nameOf(row);
      row.querySelector(".order-up")?.setAttribute("aria-label", `Move ${name} up`);
      row.querySelector(".order-down")?.setAttribute("aria-label", `Move ${name} down`);
    });
  }

  // After a move: renumbered, said aloud, and told to the page as a change of the form (the
  // unsaved-changes warning listens for those).
  function moved(group, row) {
    renumber(group);
    const rows = rowsOf(group);
    const status = group.querySelector(".order-status");
    status.textContent = `${nameOf(row)} moved to position ${rows.indexOf(row) + 1} of ${rows.length}.`;
    const position = row.querySelector("td.field-position input");
    position?.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function addControls(row) {
    const cell = row.querySelector("td.original");
    if (!cell || cell.querySelector(".order-controls")) return;
    const controls = document.createElement("div");
    controls.className = "order-controls";
    const handle = document.createElement("span");
    handle.className = "order-handle";
    handle.title = "Drag to move";
    handle.setAttribute("aria-hidden", "true");
    controls.append(handle);
    for (const [direction, arrow] of [["up", "↑"], ["down", "↓"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `order-move order-${direction}`;
      button.title = `Move ${direction}`;
      button.textContent = arrow;
      controls.append(button);
    }
    cell.prepend(controls);
  }

  function move(group, row, step) {
    const rows = rowsOf(group);
    const target = rows[rows.indexOf(row) + step];
    if (!target) {
      group.querySelector(".order-status").textContent =
        `${nameOf(row)} is already ${step < 0 ? "first" : "last"}.`;
      return;
    }
    if (step < 0) placeBefore(row, target);
    else placeAfter(row, target);
    moved(group, row);
  }

  function startDrag(group, row) {
    const from = rowsOf(group).indexOf(row);
    row.classList.add("order-dragging");
    const follow = (event) => {
      const others = rowsOf(group).filter((other) => other !== row);
      const below = others.find((other) => {
        const box = other.getBoundingClientRect();
        return event.clientY < box.top + box.height / 2;
      });
      if (below) {
        if (row.nextElementSibling !== unitOf(below)[0]) placeBefore(row, below);
      } else if (others.length) {
        placeAfter(row, others[others.length - 1]);
      }
    };
    // Listened for on the document: moving the row in the page drops a pointer capture.
    const finish = () => {
      document.removeEventListener("pointermove", follow);
      document.removeEventListener("pointerup", finish);
      document.removeEventListener("pointercancel", finish);
      row.classList.remove("order-dragging");
      if (rowsOf(group).indexOf(row) !== from) moved(group, row);
    };
    document.addEventListener("pointermove", follow);
    document.addEventListener("pointerup", finish);
    document.addEventListener("pointercancel", finish);
  }

  function sortByTypedPositions(group) {
    const rows = rowsOf(group);
    if (!rows.length) return;
    const typed = (row) => Number(row.querySelector("td.field-position input")?.value) || 0;
    const last = rows[rows.length - 1];
    const sorted = rows.map((row, index) => [typed(row), index, row]);
    sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // Put back after the last row, in order: the empty template and "Add another" stay last.
    const anchor = document.createComment("order");
    last.after(anchor);
    for (const [, , row] of sorted) anchor.before(...unitOf(row));
    anchor.remove();
  }

  function enhance(group) {
    group.classList.add("order-enhanced");
    const status = document.createElement("p");
    status.className = "order-status visually-hidden";
    status.setAttribute("role", "status");
    group.querySelector("table").before(status);
    const heading = group.querySelector("thead th.original");
    if (heading) heading.textContent = "Order";
    sortByTypedPositions(group);
    // The empty template row is cloned for "Add another": its copies come with controls.
    group.querySelectorAll("tbody > tr.form-row").forEach(addControls);
    renumber(group);

    group.addEventListener("click", (event) => {
      const button = event.target.closest(".order-move");
      if (!button) return;
      move(group, button.closest("tr"), button.classList.contains("order-up") ? -1 : 1);
      button.focus();
    });
    group.addEventListener("keydown", (event) => {
      const button = event.target.closest(".order-move");
      if (!button || !["ArrowUp", "ArrowDown"].includes(event.key)) return;
      event.preventDefault();
      const step = event.key === "ArrowUp" ? -1 : 1;
      move(group, button.closest("tr"), step);
      // The arrow keys keep moving the same row: stay on the matching button.
      button.closest("tr").querySelector(step < 0 ? ".order-up" : ".order-down").focus();
    });
    group.addEventListener("pointerdown", (event) => {
      if (!event.target.classList.contains("order-handle") || event.button !== 0) return;
      event.preventDefault();
      startDrag(group, event.target.closest("tr"));
    });
    group.addEventListener("change", () => renumber(group));
    // The search-as-you-type boxes announce a choice through jQuery only.
    window.django?.jQuery?.(group).on("change", "select", () => renumber(group));
    group.addEventListener("formset:added", () => renumber(group));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const groups = Array.from(document.querySelectorAll(".js-inline-admin-formset")).filter(
      (group) => group.querySelector("fieldset.ordered-inline td.field-position input"),
    );
    groups.forEach(enhance);
    // Django announces a removed new row on the document, the row being gone.
    document.addEventListener("formset:removed", () => groups.forEach(renumber));
    // Whatever happened since the last move, what is sent follows what is shown.
    document.addEventListener("submit", () => groups.forEach(renumber), true);
  });
}
