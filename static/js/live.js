// New updates for a live story's open page. Every 15 seconds it asks /live/<story>/<slice>/,
// the same address for every reader in that slice, so caches answer nearly all of them.
// New updates wait behind a "N new updates" button: nothing moves under the reader's eyes
// until they ask for it. Without JavaScript the page already holds every update.
(function () {
  "use strict";

  var live = document.querySelector(".live[data-live-url]");
  if (!live || !window.fetch) {
    return;
  }
  var list = live.querySelector(".live__updates");
  var button = live.querySelector(".live__show");
  var keyEvents = live.querySelector(".live__key-events");
  var base = live.getAttribute("data-live-url").replace(/0\/$/, "");
  var seconds = 15;
  var slice = Math.floor(Date.now() / 1000 / seconds);
  var waiting = [];

  function known(id) {
    return document.getElementById("update-" + id) !== null ||
      waiting.some(function (update) { return update.id === id; });
  }

  function label() {
    var count = waiting.length;
    button.textContent = count + (count === 1 ? " new update" : " new updates") + " — show";
    button.hidden = count === 0;
  }

  function fromHtml(html) {
    var holder = document.createElement("ul");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function show() {
    var empty = list.querySelector(".live__none");
    if (empty) {
      empty.remove();
    }
    // Newest first, below any pinned update, as the page shows them: insert oldest first,
    // each new one above the last.
    var anchor = list.querySelector(".live-update:not(.live-update--pinned)");
    waiting.sort(function (a, b) { return a.posted < b.posted ? -1 : 1; });
    waiting.forEach(function (update) {
      if (update.key_html && keyEvents) {
        var keyList = keyEvents.querySelector("ul");
        keyList.insertBefore(fromHtml(update.key_html), keyList.firstChild);
        keyEvents.hidden = false;
      }
      var element = fromHtml(update.html);
      if (update.pinned) {
        list.insertBefore(element, list.firstChild);
      } else {
        list.insertBefore(element, anchor);
        anchor = element;
      }
    });
    waiting = [];
    label();
    live.scrollIntoView({ block: "start" });
  }

  function poll() {
    // The browser keeps no copy of its own: a tab sent back to a slice it already asked for
    // (a clock that ran ahead) must not get its old answer. Caches in front still share.
    fetch(base + slice + "/", { credentials: "omit", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        seconds = answer.seconds || seconds;
        slice = answer.bucket;
        answer.updates.forEach(function (update) {
          if (!known(update.id)) {
            waiting.push(update);
          }
        });
        label();
        if (!answer.live) {
          // Coverage ended: nothing more will come.
          window.clearInterval(timer);
        }
      })
      .catch(function () {
        // A dropped connection: the next poll tries again.
      })
      .finally(function () {
        slice += 1;
      });
  }

  button.addEventListener("click", show);
  var timer = window.setInterval(poll, seconds * 1000);
})();
