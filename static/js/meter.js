// The registration meter: stories read this month are counted here, in the reader's browser,
// so every reader gets the same kept page. Past the free ones the story's text is cut short
// under a prompt to register (free) or support, unless /account/me.json says the reader is
// signed in or a supporter. Without JavaScript there is no wall.
(function () {
  "use strict";

  var script = document.currentScript;
  var body = document.querySelector(".article__body");
  var prompt = document.getElementById("meter-prompt");
  if (!script || !body || !prompt) { return; }
  var free = parseInt(script.dataset.free, 10);
  var story = script.dataset.story;
  var key = "newsroom-meter";
  var month = new Date().toISOString().slice(0, 7);

  var read = null;
  try { read = JSON.parse(window.localStorage.getItem(key)); } catch (error) { read = null; }
  if (!read || read.month !== month || !Array.isArray(read.stories)) {
    read = { month: month, stories: [] };
  }
  if (read.stories.indexOf(story) === -1) {
    read.stories.push(story);
    try { window.localStorage.setItem(key, JSON.stringify(read)); } catch (error) { /* private mode: no meter */ }
  }
  if (read.stories.length <= free) { return; }

  function askServer() {
    return fetch("/account/me.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { signed_in: false }; });
  }

  var known = window.newsroomReader || Promise.resolve({ signed_in: false });
  known
    .then(function (reader) { return reader.signed_in ? reader : askServer(); })
    .then(function (reader) {
      if (reader.signed_in || reader.supporter) { return; }
      var shown = prompt.content.cloneNode(true);
      var support = shown.querySelector("[data-meter-support]");
      if (support && reader.support_url) {
        support.href = reader.support_url;
        support.hidden = false;
      }
      body.classList.add("is-metered");
      body.parentNode.insertBefore(shown, body.nextSibling);
    })
    .catch(function () { /* the server did not answer: the story stays readable */ });
})();
