// Reply links move the Leave a Reply form under the comment, as WordPress's comment-reply.js
// does. Without JavaScript the links load ?replytocom=ID#respond and the server does the same.
(function () {
  "use strict";

  // A refused comment comes back on the story page: bring the reader to what to change, where
  // the browser's autofocus did not already.
  var refused = document.getElementById("comment-errors") || document.getElementById("typed-comment");
  if (refused && document.activeElement !== refused) {
    refused.focus();
  }

  // How long the reader has had the form, by the page's own clock: on a page kept by the cache
  // the signed token is as old as the kept copy, so the server takes the shorter of the two
  // (comments/forms.py). Without this script the token's time alone decides.
  var commentForm = document.getElementById("commentform");
  if (commentForm && window.performance) {
    commentForm.addEventListener("submit", function () {
      var elapsed = commentForm.elements.comment_elapsed;
      if (elapsed && !elapsed.value) {
        elapsed.value = String(Math.round(window.performance.now()));
      }
    });
  }

  // It came back as the answer to the form's POST, at /comments/post/: the address becomes the
  // story's, so the address bar, a bookmark or a reload lead to the story and never send the
  // comment again.
  var refusal = document.querySelector(".comment-refusal-note[data-story-url]");
  if (refusal && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", refusal.getAttribute("data-story-url"));
  }

  var respond = document.getElementById("respond");
  if (!respond || !document.getElementById("commentform")) {
    return;
  }
  var parentInput = document.getElementById("comment_parent");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var title = respond.querySelector(".comment-reply-title__text");
  var defaultTitle = document.getElementById("reply-title").getAttribute("data-default");
  var placeholder = document.createElement("div");
  placeholder.id = "wp-temp-form-div";
  placeholder.hidden = true;
  respond.parentNode.insertBefore(placeholder, respond);

  function focusComment() {
    var textarea = document.getElementById("comment");
    if (textarea) {
      textarea.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply-link");
    if (!link) {
      return;
    }
    var below = document.getElementById(link.getAttribute("data-belowelement"));
    if (!below) {
      return;
    }
    event.preventDefault();
    below.parentNode.insertBefore(respond, below.nextSibling);
    parentInput.value = link.getAttribute("data-commentid");
    title.textContent = link.getAttribute("data-replyto");
    cancel.hidden = false;
    focusComment();
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    placeholder.parentNode.insertBefore(respond, placeholder);
    parentInput.value = "0";
    title.textContent = defaultTitle;
    cancel.hidden = true;
    focusComment();
  });
})();
