// Suggests existing tags while typing in the comma-separated tags box, so that one topic keeps
// one spelling. Without JavaScript the box works as plain text.
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-suggest-url]")) {
    const list = document.createElement("datalist");
    list.id = `${input.id}-suggestions`;
    input.after(list);
    input.setAttribute("list", list.id);
    let timer;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const cut = input.value.lastIndexOf(",");
        const before = cut >= 0 ? `${input.value.slice(0, cut + 1)} ` : "";
        const typed = input.value.slice(cut + 1).trim();
        if (!typed) return;
        const url = `${input.dataset.suggestUrl}?q=${encodeURIComponent(typed)}`;
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        const { results } = await response.json();
        list.replaceChildren(
          ...results.map((name) => {
            const option = document.createElement("option");
            option.value = before + (name.includes(",") || name.includes(" ") ? `"${name}"` : name);
            return option;
          }),
        );
      }, 150);
    });
  }
});
