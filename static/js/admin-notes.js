// Notes beside the story: the panel works as plain forms; this script sends them without
// leaving the page (so nothing typed in the story is lost), marks the paragraphs that have open
// notes, and on wide screens lines each thread up with its paragraph. The story's HTML is never
// touched: paragraphs are marked with the CSS Custom Highlight API where the browser has it.
(function () {
  var PANEL = "notes";
  var wide = window.matchMedia("(min-width: 1280px)");
  var highlights = window.CSS && CSS.highlights && window.Highlight;

  function panel() { return document.getElementById(PANEL); }
  function editor() { return document.querySelector(".field-body .ProseMirror[contenteditable]"); }
  function words(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  // The story's block showing the words a thread is anchored to, as the editor shows it now.
  function paragraphFor(thread, root) {
    var quote = words(thread.getAttribute("data-quote"));
    var blocks = root.querySelectorAll("p, h2, h3, h4, li, blockquote");
    for (var i = 0; i < blocks.length; i++) {
      if (words(blocks[i].textContent) === quote) return blocks[i];
    }
    // Edited since the page opened: its opening words usually still match.
    var start = quote.slice(0, 40);
    for (var j = 0; j < blocks.length; j++) {
      if (start && words(blocks[j].textContent).indexOf(start) === 0) return blocks[j];
    }
    return null;
  }

  function anchored() {
    var root = editor(), box = panel(), pairs = [];
    if (!root || !box) return pairs;
    box.querySelectorAll(".note-thread[data-quote]").forEach(function (thread) {
      var block = paragraphFor(thread, root);
      if (block) pairs.push([thread, block]);
    });
    return pairs;
  }

  function rangeOf(block) {
    var range = document.createRange();
    range.selectNodeContents(block);
    return range;
  }

  function mark(current) {
    if (!highlights) return;
    var pairs = anchored();
    var ranges = pairs.map(function (pair) { return rangeOf(pair[1]); });
    CSS.highlights.set("note-open", new Highlight(...ranges));
    var chosen = pairs.filter(function (pair) { return pair[0] === current; })[0];
    if (chosen) CSS.highlights.set("note-current", new Highlight(rangeOf(chosen[1])));
    else CSS.highlights.delete("note-current");
  }

  function align() {
    var box = panel();
    if (!box) return;
    var threads = box.querySelectorAll(".note-thread");
    threads.forEach(function (thread) { thread.style.marginTop = ""; });
    if (!wide.matches) return;
    anchored().forEach(function (pair) {
      var gap = pair[1].getBoundingClientRect().top - pair[0].getBoundingClientRect().top;
      if (gap > 0) pair[0].style.marginTop = gap + "px";
    });
  }

  function refresh(current) { mark(current); align(); }

  // Follow the editor, which the prose editor's script builds after this one runs.
  function whenEditorReady(done) {
    if (editor()) return done();
    var observer = new MutationObserver(function () {
      if (editor()) { observer.disconnect(); done(); }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  var pending = null;
  function soon() {
    clearTimeout(pending);
    pending = setTimeout(function () { refresh(); }, 300);
  }

  whenEditorReady(function () {
    refresh();
    editor().addEventListener("input", soon);
  });
  window.addEventListener("resize", soon);
  wide.addEventListener("change", function () { refresh(); });

  document.addEventListener("focusin", function (event) {
    var thread = event.target.closest && event.target.closest(".note-thread");
    if (thread) mark(thread);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.closest("#" + PANEL) || form.hasAttribute("data-plain")) return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    var plain = function () {
      // Without the panel's answer, post the form as a page would.
      form.setAttribute("data-plain", "");
      form.requestSubmit(event.submitter);
    };
    // Not form.action: the form's field named "action" hides it.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Notes-Panel": "1" },
    }).then(function (response) {
      if (!response.ok && response.status !== 400) return plain();
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(PANEL);
        if (!fresh) return plain();
        panel().replaceWith(fresh);
        var focus = fresh.getAttribute("data-focus");
        var target = (focus && document.getElementById(focus)) ||
          fresh.querySelector(".notes__error") || fresh;
        target.setAttribute("tabindex", "-1");
        target.focus();
        refresh(target.classList.contains("note-thread") ? target : null);
      });
    }).catch(plain);
  });
})();
