// The phone menu as a toggle button. Without this script the "Menu" link opens the menu as
// its #site-menu target (see site.css), so the navigation works without JavaScript too.
(function () {
  var header = document.querySelector("[data-site-header]");
  var toggle = header && header.querySelector("[data-menu-toggle]");
  if (!toggle) return;
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  function setOpen(open) {
    header.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? "Close" : "Menu";
  }
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    setOpen(!header.classList.contains("is-open"));
  });
  header.querySelectorAll("[data-menu-close]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(false);
      toggle.focus();
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
})();
