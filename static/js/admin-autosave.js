// Autosave: while someone types in the article form, a copy of it goes to the server every few
// seconds (only when something changed) and once more when the page is hidden or closed, so a
// crash or a click away loses nothing. The copy is theirs alone and never changes the story;
// the server refills the form from it when they come back.
//
// Only what the person changed is sent. The page's own scripts touch the form as it opens (the
// search-as-you-type boxes announce a "change", the row order is renumbered), so a copy goes
// only when the form differs from what the server already has: the form as it stood when the
// person first pressed a key or a pointer in the page, or the last copy sent.
(function () {
  var form = document.getElementById("article_form");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch || !window.FormData) return;
  var url = status.getAttribute("data-autosave-url");
  var INTERVAL = 5000;
  var changed = false;
  var sending = false;
  var stopped = false;
  var submitted = false;

  function say(text, problem) {
    status.textContent = text;
    status.classList.toggle("autosave-status--problem", !!problem);
  }

  // Every field, the story's hidden textarea that the rich-text editor keeps up to date
  // included; the server keeps the story's own.
  function fields() {
    return new FormData(form);
  }

  // What the server has of this form, as sent; null until the person first acts in the page.
  var kept = null;

  function snapshot(data) {
    var parts = [];
    data.forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") parts.push([name, String(value)]);
    });
    return JSON.stringify(parts);
  }

  function personActs() {
    if (kept === null) kept = snapshot(fields());
  }
  ["keydown", "pointerdown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, personActs, { capture: true, passive: true });
  });

  // The form to send, or null when it holds nothing the server does not have already.
  function news() {
    if (kept === null) return null;
    var data = fields();
    var now = snapshot(data);
    if (now === kept) return null;
    return { data: data, snapshot: now };
  }

  function send() {
    if (!changed || sending || stopped) return;
    changed = false;
    var copy = news();
    if (!copy) return;
    sending = true;
    fetch(url, {
      method: "POST",
      body: copy.data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
      redirect: "manual",
    })
      .then(function (response) {
        if (response.type === "opaqueredirect") {
          // The admin sends a signed-out person to its login page.
          changed = true;
          say("Draft not saved: you were signed out. Sign in again in another tab; your text is still here.", true);
          return;
        }
        // 409: the story was saved from this form's key, by this page (a copy sent just
        // before it was submitted: nothing to say) or from another tab (say so).
        if (response.status === 400 || response.status === 403 || response.status === 409) {
          stopped = true;
        }
        if (response.status === 409 && submitted) return;
        var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
        if (!json) {
          changed = !stopped;
          say("Draft not saved (error " + response.status + "). Save the story to keep your changes.", true);
          return;
        }
        return response.json().then(function (answer) {
          if (response.ok) {
            kept = copy.snapshot;
            say(answer.message);
          } else {
            changed = !stopped;
            say(answer.message, true);
          }
        });
      })
      .catch(function () {
        // Offline, or the server out of reach: keep the changes marked and try again at the
        // next turn.
        changed = true;
        say("Draft not saved: no connection to the server. Trying again; keep this page open.", true);
      })
      .then(function () {
        sending = false;
      });
  }

  function mark(event) {
    if (stopped) return;
    changed = true;
    // Text dropped in from another window comes with no key or pointer pressed in the page.
    if (kept === null && event && event.isTrusted) kept = "";
  }

  form.addEventListener("input", mark);
  form.addEventListener("change", mark);
  // Choices in the admin's search-as-you-type boxes (section, bylines, picture) change hidden
  // selects through jQuery, which does not fire the browser's own events.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change select2:select select2:unselect", mark);
  }
  form.addEventListener("submit", function (event) {
    // The Preview button opens another tab: this form stays open and keeps being saved.
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute("formtarget") === "_blank") return;
    stopped = true;
    submitted = true;
  });
  var discard = document.querySelector(".autosave-notice__form");
  // Throwing the draft away must not be undone by a copy sent as the page goes.
  if (discard) discard.addEventListener("submit", function () { stopped = true; });
  window.setInterval(send, INTERVAL);

  // The last keystrokes before the tab is closed or the computer sleeps.
  function flush() {
    if (!changed || stopped || !navigator.sendBeacon) return;
    var copy = news();
    if (!copy) {
      changed = false;
      return;
    }
    if (navigator.sendBeacon(url, copy.data)) {
      changed = false;
      kept = copy.snapshot;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
})();
