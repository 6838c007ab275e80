// Counts one view of this story: no cookie, nothing stored in the browser. The page may come
// from a cache, so the count goes to an uncached address of its own. Prerendered pages wait
// until someone actually looks at them.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) {
    return;
  }
  var data = new URLSearchParams({ a: script.dataset.token });
  function send() {
    navigator.sendBeacon(script.dataset.url, data);
  }
  if (document.visibilityState === "visible") {
    send();
  } else {
    document.addEventListener("visibilitychange", function once() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", once);
        send();
      }
    });
  }
})();
