// Click-to-load players (templates/articles/embeds/_facade.html). Until the reader presses
// "Load from …", nothing is asked of the provider: the picture is our own copy and the player
// waits, inert, in a <template>. The player then fills the box the picture held, which already
// had the player's shape, so nothing on the page moves. Without this script the facade stays a
// picture and a link to the provider's page.
(function () {
  document.querySelectorAll("[data-embed]").forEach(function (figure) {
    var button = figure.querySelector("[data-embed-load]");
    var player = figure.querySelector("template[data-embed-player]");
    if (!button || !player) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = player.content.querySelector("iframe").cloneNode(true);
      frame.className = "embed__player";
      button.replaceWith(frame);
      frame.focus();
    });
  });
})();
