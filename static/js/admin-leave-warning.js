// Warn before leaving a story with unsaved changes (a click away lost a half-written story).
// Typing anywhere in the form, the rich-text editor included, marks it changed; saving or
// pressing a workflow button submits it and clears the warning. An autosaved draft does not
// clear it: the draft is a safety net only its writer sees, and the story keeps the old text
// until it is saved. A form refilled from a draft counts as changed from the start.
(function () {
  var form = document.getElementById("article_form");
  if (!form) return;
  var changed = document.querySelector(".autosave-notice[data-restored]") !== null;
  function mark() { changed = true; }
  form.addEventListener("input", mark);
  form.addEventListener("change", mark);
  form.addEventListener("submit", function (event) {
    // Preview opens in another tab and leaves this form as it was.
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute("formtarget") === "_blank") return;
    changed = false;
  });
  var discard = document.querySelector(".autosave-notice__form");
  // Discarding the draft is a choice to drop those changes: no second question.
  if (discard) discard.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = "";
  });
})();
