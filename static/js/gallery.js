// A gallery in a story (templates/articles/_gallery.html): without this script, a plain list
// of pictures; with it, a row swiped one picture at a time on a phone (CSS scroll snapping),
// with Previous and Next buttons for a mouse or keyboard, and where the reader is ("2 of 5").
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const gallery of document.querySelectorAll("[data-gallery]")) {
    const list = gallery.querySelector(".gallery__list");
    const items = [...list.children];
    if (items.length < 2) continue;
    gallery.classList.add("gallery--row");
    // A scrolled region is reached with the keyboard too (its arrow keys scroll it).
    list.tabIndex = 0;
    const previous = Object.assign(document.createElement("button"), {
      type: "button",
      className: "gallery__button",
      textContent: "Previous",
    });
    const next = Object.assign(document.createElement("button"), {
      type: "button",
      className: "gallery__button",
      textContent: "Next",
    });
    const where = Object.assign(document.createElement("p"), { className: "gallery__where" });
    where.setAttribute("aria-live", "polite");
    const controls = Object.assign(document.createElement("div"), { className: "gallery__controls" });
    controls.append(previous, where, next);
    gallery.append(controls);

    let current = 0;
    function show(index) {
      current = index;
      where.textContent = `${index + 1} of ${items.length}`;
      previous.disabled = index === 0;
      next.disabled = index === items.length - 1;
    }
    function go(step) {
      const index = Math.min(items.length - 1, Math.max(0, current + step));
      list.scrollTo({ left: items[index].offsetLeft - list.offsetLeft, behavior: "smooth" });
      show(index);
    }
    previous.addEventListener("click", () => go(-1));
    next.addEventListener("click", () => go(1));
    // Swiping: the picture most in view is the current one.
    const seen = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) show(items.indexOf(entry.target));
        }
      },
      { root: list, threshold: 0.6 },
    );
    for (const item of items) seen.observe(item);
    show(0);
  }
});
