// Checks before publishing, kept up to date while the story is typed: a moment after the
// person stops typing, the form goes to the server, which answers with the checks' panel as a
// save would show it (nothing is saved). Without this script the panel shows the story as last
// saved, and Publish and Schedule check what is sent.
(function () {
  var form = document.getElementById("article_form");
  var panel = document.getElementById("publishing-checks");
  if (!form || !panel || !window.fetch || !window.FormData || !window.DOMParser) return;
  var url = panel.getAttribute("data-checks-url");
  var WAIT = 1500;
  var timer = null;
  var asked = 0;

  function refresh() {
    var data = new FormData(form);
    var mine = ++asked;
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // An older answer arriving after a newer question is dropped.
        if (!html || mine !== asked) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var summary = fresh.querySelector(".publishing-checks__summary");
        var list = fresh.querySelector(".publishing-checks__list");
        if (!summary || !list) return;
        // The summary is a live region: its words change in place, so they are announced.
        panel.querySelector(".publishing-checks__summary").innerHTML = summary.innerHTML;
        panel.querySelector(".publishing-checks__list").replaceWith(document.adoptNode(list));
      })
      .catch(function () {});
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
