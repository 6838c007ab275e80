// Shows "42 / 110" beside fields with a length limit. The limit itself is enforced by the
// maxlength attribute and by the server; this only helps while typing.
document.addEventListener("DOMContentLoaded", () => {
  for (const field of document.querySelectorAll("[data-counter]")) {
    const limit = Number(field.dataset.counter);
    const counter = document.createElement("span");
    counter.className = "char-counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    const update = () => {
      const length = field.value.length;
      counter.textContent = `${length} / ${limit}`;
      counter.classList.toggle("char-counter--near", length > limit * 0.9 && length <= limit);
      counter.classList.toggle("char-counter--over", length > limit);
    };
    field.addEventListener("input", update);
    update();
  }
});
