// Search-as-you-type boxes whose choices have pictures (articles/desk/admin/pickers.py): each
// choice, and the one chosen, shows its thumbnail. Choosing a featured picture also shows it
// in "Picture as it will appear" at once, before saving.
"use strict";
{
  const $ = django.jQuery;

  function withThumbnail(choice) {
    const url = choice.thumbnail || choice.element?.dataset.thumbnail;
    if (!url) return choice.text;
    const shown = document.createElement("span");
    shown.className = "picture-choice";
    const thumb = document.createElement("img");
    thumb.className = "picture-choice__thumb";
    thumb.src = url;
    thumb.alt = "";
    const text = document.createElement("span");
    text.className = "picture-choice__text";
    text.textContent = choice.text;
    shown.append(thumb, text);
    return $(shown);
  }

  // Set before autocomplete.js starts the boxes (when the page has loaded), new inline rows
  // included.
  $.fn.select2.defaults.set("templateResult", withThumbnail);
  $.fn.select2.defaults.set("templateSelection", withThumbnail);

  $(document).on("select2:select select2:clear", "#id_featured_image", (event) => {
    const preview = document.querySelector(".field-featured_image_preview .readonly");
    if (!preview) return;
    const chosen = event.type === "select2:select" ? event.params.data : null;
    if (!chosen?.thumbnail) {
      preview.textContent = "—";
      return;
    }
    const picture = document.createElement("img");
    picture.className = "admin-thumb";
    picture.src = chosen.thumbnail;
    picture.alt = chosen.alt || "";
    picture.width = 240;
    preview.replaceChildren(picture);
  });
}
