// The picture library opened by the story editor's picture button. django-prose-editor opens
// it with ?CKEditorFuncNum=N and waits for window.opener.CKEDITOR.tools.callFunction(N, url,
// details); with ?several=1 (the story editor's gallery) it stays open for more. Opened on its own, the page lists the pictures and their addresses to copy.
document.addEventListener("DOMContentLoaded", () => {
  const number = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  const callFunction = window.opener?.CKEDITOR?.tools?.callFunction;
  const several = new URLSearchParams(window.location.search).has("several");
  if (!number || typeof callFunction !== "function") return;
  for (const button of document.querySelectorAll(".image-picker__choose")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const { url, alt, caption, id } = button.dataset;
      callFunction(Number(number), url, { id, alternative_text: alt, caption });
      // A gallery takes several pictures: the window stays open until closed.
      if (!several) {
        window.close();
        return;
      }
      button.disabled = true;
      button.textContent = "Added to the gallery";
    });
  }
});
