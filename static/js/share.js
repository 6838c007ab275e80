// Where the browser can share natively (phones, mostly), offer its share sheet first. The
// plain links in templates/articles/_share.html stay for everyone else.
(function () {
  var box = document.querySelector("[data-share]");
  if (!box || !navigator.share) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "share__native";
  button.textContent = "Share…";
  button.addEventListener("click", function () {
    navigator.share({ title: box.dataset.shareTitle, url: box.dataset.shareUrl }).catch(function () {
      // The reader closed the share sheet: nothing to do.
    });
  });
  box.querySelector(".share__list").before(button);
})();
