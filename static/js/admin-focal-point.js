// The picture form's subject (focal point): a click on the picture, or the marker moved with
// the arrow keys, fills "Subject across (%)" and "Subject down (%)", which also work alone
// without JavaScript. Every cut of the picture is centred on the point when the form is saved
// (articles/images.py).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-picker");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  const picture = picker?.querySelector("img");
  if (!picture || !across || !down) return;

  const marker = document.createElement("button");
  marker.type = "button";
  marker.className = "focal-picker__marker";
  const status = document.createElement("p");
  status.className = "focal-picker__status";
  status.setAttribute("aria-live", "polite");
  picker.classList.add("focal-picker--active");
  picker.append(marker, status);

  function clamp(value) {
    return Math.min(100, Math.max(0, Math.round(Number(value) || 0)));
  }

  function show() {
    const x = clamp(across.value);
    const y = clamp(down.value);
    marker.style.left = `${x}%`;
    marker.style.top = `${y}%`;
    const words = `Subject ${x}% across, ${y}% down`;
    marker.setAttribute("aria-label", `${words}. Move it with the arrow keys.`);
    status.textContent = `${words}. Save to cut the picture around it.`;
  }

  function place(x, y) {
    across.value = clamp(x);
    down.value = clamp(y);
    show();
  }

  picture.addEventListener("click", (event) => {
    const box = picture.getBoundingClientRect();
    place(
      ((event.clientX - box.left) / box.width) * 100,
      ((event.clientY - box.top) / box.height) * 100,
    );
    marker.focus();
  });

  const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  marker.addEventListener("keydown", (event) => {
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    const size = event.shiftKey ? 10 : 1;
    place(clamp(across.value) + step[0] * size, clamp(down.value) + step[1] * size);
  });

  across.addEventListener("input", show);
  down.addEventListener("input", show);
  show();
});
