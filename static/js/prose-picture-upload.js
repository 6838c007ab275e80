// "Upload a new picture" in the story editor's picture dialog. The dialog (django-prose-editor's
// Figure) offers an address and the picture library; this adds a choice to upload a file with
// its alt text, caption and credit. The file is checked and stored by the server
// (ImageAdmin.upload_view) and the new picture goes into the story exactly as a library
// picture does: the dialog's own Insert does it, with the address filled in. Refusals are
// shown in the dialog beside their fields, and nothing typed or chosen is lost.
// Loaded by django-prose-editor (DJANGO_PROSE_EDITOR_EXTENSIONS); the upload address comes
// from BODY_EXTENSIONS in articles/desk/forms.py.
import { Extension } from "django-prose-editor/editor";

const ACCEPTED = "image/jpeg,image/png,image/webp,image/gif";
const SIGNED_OUT = "You have been signed out. Sign in again in another tab, then upload again.";
const TOO_LARGE = "This file is too large to send. Export a smaller version.";
// A page open for very long may hold an outdated security token.
const REFUSED =
  "The upload was refused. Save the story, reload the page, then upload the picture again.";
let fieldCount = 0;

function element(tag, properties = {}, children = []) {
  const made = Object.assign(document.createElement(tag), properties);
  made.append(...children);
  return made;
}

function field(labelText, input, help) {
  const id = `picture-upload-${++fieldCount}`;
  input.id = id;
  const label = element("label", { htmlFor: id, textContent: labelText });
  if (help) label.append(element("span", { className: "prose-editor-help", textContent: help }));
  return element("div", { className: "prose-editor-dialog-field picture-upload-field" }, [
    label,
    input,
  ]);
}

function csrfToken() {
  return document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
}

function offerUpload(dialog, uploadUrl) {
  const form = dialog.querySelector("form");
  const address = form.querySelector("input[name=imageUrl]");
  const addressField = address.closest(".prose-editor-dialog-field");
  const alt = form.querySelector("input[name=altText]");
  const caption = form.querySelector("input[name=caption]");
  const submit = form.querySelector(".prose-editor-dialog-buttons button[type=submit]");
  const submitText = submit.textContent;
  const addressRequired = address.required;

  const fromLibrary = element("input", { type: "radio", name: "pictureSource", checked: true });
  const fromUpload = element("input", { type: "radio", name: "pictureSource" });
  const source = element("fieldset", { className: "picture-source" }, [
    element("legend", { textContent: "Picture" }),
    element("label", {}, [fromLibrary, " From the library or an address"]),
    element("label", {}, [fromUpload, " Upload a new picture"]),
  ]);
  const file = element("input", { type: "file", name: "file", accept: ACCEPTED });
  const fileField = field("Picture file", file, "JPEG, PNG, WebP or GIF.");
  const credit = element("input", { type: "text", name: "credit", maxLength: 120, size: 50 });
  const creditField = field("Credit", credit, "Photographer or agency: “Jane Doe / Reuters”.");
  const problem = element("p", { className: "picture-upload-error", tabIndex: -1 });
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  addressField.before(source, problem);
  addressField.after(fileField);
  (caption || alt).closest(".prose-editor-dialog-field").after(creditField);
  const uploadFields = [fileField, creditField];
  const inputs = { file, alt_text: alt, caption, credit };

  function uploading() {
    return fromUpload.checked;
  }

  function showSource() {
    addressField.hidden = uploading();
    address.required = !uploading() && addressRequired;
    for (const part of uploadFields) part.hidden = !uploading();
    file.required = alt.required = uploading();
    submit.textContent = uploading() ? "Upload and insert" : submitText;
  }

  function clearErrors() {
    problem.hidden = true;
    problem.textContent = "";
    for (const message of form.querySelectorAll(".picture-upload-field-error")) message.remove();
    for (const input of Object.values(inputs)) input?.removeAttribute("aria-invalid");
  }

  function showErrors(errors) {
    let first = null;
    for (const [name, messages] of Object.entries(errors)) {
      const input = inputs[name];
      if (!input) {
        problem.textContent = [problem.textContent, ...messages].join(" ").trim();
        problem.hidden = false;
        continue;
      }
      const message = element("p", {
        className: "picture-upload-field-error",
        id: `${input.id}-error`,
        textContent: messages.join(" "),
      });
      input.after(message);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", message.id);
      first = first || input;
    }
    (first || problem).focus?.();
  }

  function refused(message) {
    showErrors({ __all__: [message] });
  }

  async function upload() {
    clearErrors();
    const data = new FormData();
    data.append("file", file.files[0]);
    data.append("alt_text", alt.value);
    data.append("caption", caption?.value || "");
    data.append("credit", credit.value);
    submit.disabled = true;
    submit.textContent = "Uploading…";
    let response;
    try {
      response = await fetch(uploadUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch {
      refused("The picture could not be sent. Check the connection, then try again.");
      return false;
    } finally {
      submit.disabled = false;
      showSource();
    }
    const answer = response.headers.get("Content-Type")?.includes("json")
      ? await response.json()
      : null;
    if (response.ok && answer?.url) {
      address.value = answer.url;
      alt.value = answer.alt;
      if (caption) caption.value = answer.caption;
      return true;
    }
    if (answer?.errors) showErrors(answer.errors);
    else if (response.redirected) refused(SIGNED_OUT);
    else if (response.status === 413) refused(TOO_LARGE);
    else refused(REFUSED);
    return false;
  }

  for (const choice of [fromLibrary, fromUpload]) {
    choice.addEventListener("change", () => {
      clearErrors();
      showSource();
    });
  }
  let uploaded = false;
  // Before the dialog's own handler: upload first, then let Insert do what it does.
  form.addEventListener(
    "click",
    async (event) => {
      if (event.target !== submit || !uploading() || uploaded) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!form.reportValidity()) return;
      if (await upload()) {
        uploaded = true;
        submit.click();
      }
    },
    true,
  );
  showSource();
}

export const PictureUpload = Extension.create({
  name: "pictureUpload",

  addOptions() {
    return { uploadUrl: null };
  },

  onCreate() {
    const { uploadUrl } = this.options;
    if (!uploadUrl) return;
    // The editor adds its picture dialog next to the text each time it opens it.
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const added of change.addedNodes) {
          const dialog = added.querySelector?.("dialog.prose-editor-dialog");
          if (dialog?.querySelector("input[name=imageUrl]")) offerUpload(dialog, uploadUrl);
        }
      }
    }).observe(this.editor.view.dom.parentElement, { childList: true });
  },
});
