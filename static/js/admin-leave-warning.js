// Warn before leaving a story with unsaved changes (a click away lost a half-written story).
// Typing anywhere in the form, the rich-text editor included, marks it changed; saving or
// pressing a workflow button submits it and clears the warning.
(function () {
  var form = document.getElementById("article_form");
  if (!form) return;
  var changed = false;
  function mark() { changed = true; }
  form.addEventListener("input", mark);
  form.addEventListener("change", mark);
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = "";
  });
})();
