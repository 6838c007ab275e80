// The story editor's Gallery: several library pictures as one block of the story, shown to
// readers as a row they swipe through on a phone (articles/site/galleries.py). The story
// keeps <figure class="gallery" data-pictures="12 15 18">, the pictures by number and in
// order; their captions, credits and alt texts come from the picture library when the story
// is shown, so a correction there shows everywhere at once.
// Loaded by django-prose-editor (DJANGO_PROSE_EDITOR_EXTENSIONS); the addresses of the picture
// library and of its thumbnails come from BODY_EXTENSIONS in articles/desk/forms.py.
import { Node } from "django-prose-editor/editor";

const FEWEST = 2;
let dialogCount = 0;
let pickerNumber = 7000;
const pickerCallbacks = new Map();

function element(tag, properties = {}, children = []) {
  const made = Object.assign(document.createElement(tag), properties);
  made.append(...children);
  return made;
}

function numbers(value) {
  return (value || "").split(/\s+/).filter((part) => /^\d+$/.test(part));
}

// The picture library window answers through CKEditor's old protocol (admin-image-picker.js),
// which the editor's own picture button also uses: calls not for us are passed on.
function listenToPicker(callback) {
  window.CKEDITOR = window.CKEDITOR || {};
  window.CKEDITOR.tools = window.CKEDITOR.tools || {};
  if (!window.CKEDITOR.tools.galleryListening) {
    const previous = window.CKEDITOR.tools.callFunction;
    window.CKEDITOR.tools.callFunction = (number, ...rest) => {
      const ours = pickerCallbacks.get(Number(number));
      if (ours) ours(...rest);
      else previous?.call(window.CKEDITOR.tools, number, ...rest);
    };
    window.CKEDITOR.tools.galleryListening = true;
  }
  const number = ++pickerNumber;
  pickerCallbacks.set(number, callback);
  return number;
}

async function describe(ids, picturesUrl) {
  if (!ids.length) return [];
  try {
    const response = await fetch(`${picturesUrl}?ids=${ids.join("+")}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const found = new Map((await response.json()).pictures.map((p) => [String(p.id), p]));
    return ids.map((id) => found.get(id) || { id, alt: `Picture ${id} (no longer in the library)` });
  } catch {
    return ids.map((id) => ({ id, alt: `Picture ${id}` }));
  }
}

function openDialog({ ids, options, onDone }) {
  const number = ++dialogCount;
  const chosen = [];
  const list = element("ol", { className: "gallery-dialog__list" });
  const empty = element("p", { className: "gallery-dialog__empty", textContent: "No pictures yet." });
  const problem = element("p", { className: "gallery-dialog__error", tabIndex: -1, hidden: true });
  problem.setAttribute("role", "alert");
  const add = element("button", {
    type: "button",
    className: "button",
    textContent: "Add pictures from the library",
  });
  const submit = element("button", {
    type: "submit",
    className: "button default",
    textContent: ids.length ? "Update gallery" : "Insert gallery",
  });
  const cancel = element("button", { type: "button", className: "button", textContent: "Cancel" });
  const title = element("h2", { id: `gallery-dialog-${number}`, textContent: "Gallery" });
  const form = element("form", { method: "dialog" }, [
    title,
    element("p", {
      className: "gallery-dialog__help",
      textContent:
        "Library pictures shown in this order, with their captions and credits. Readers " +
        "swipe through them on a phone. To change a caption, edit the picture in the library.",
    }),
    list,
    empty,
    problem,
    element("p", {}, [add]),
    element("div", { className: "gallery-dialog__buttons" }, [submit, cancel]),
  ]);
  const dialog = element("dialog", { className: "gallery-dialog" }, [form]);
  dialog.setAttribute("aria-labelledby", title.id);

  function moveButton(text, label, handler) {
    const button = element("button", { type: "button", className: "button", textContent: text });
    button.setAttribute("aria-label", label);
    button.addEventListener("click", handler);
    return button;
  }

  function show(focusIndex = null, focusName = null) {
    list.replaceChildren(
      ...chosen.map((picture, index) => {
        const name = picture.alt || `Picture ${picture.id}`;
        const row = element("li", { className: "gallery-dialog__item" }, [
          picture.thumbnail
            ? element("img", { src: picture.thumbnail, alt: "", width: 64, className: "admin-thumb" })
            : "",
          element("span", { className: "gallery-dialog__name", textContent: name }),
          moveButton("↑", `Move up: ${name}`, () => move(index, -1, "up")),
          moveButton("↓", `Move down: ${name}`, () => move(index, 1, "down")),
          moveButton("Remove", `Remove: ${name}`, () => remove(index)),
        ]);
        row.dataset.id = picture.id;
        return row;
      }),
    );
    empty.hidden = chosen.length > 0;
    if (focusIndex !== null) {
      const rows = list.children;
      const row = rows[Math.min(focusIndex, rows.length - 1)];
      const target = row?.querySelector(`[aria-label^="${focusName}"]`) || row?.querySelector("button");
      (target || add).focus();
    }
  }

  function move(index, step, direction) {
    const to = index + step;
    if (to < 0 || to >= chosen.length) return;
    [chosen[index], chosen[to]] = [chosen[to], chosen[index]];
    show(to, direction === "up" ? "Move up" : "Move down");
  }

  function remove(index) {
    chosen.splice(index, 1);
    show(index, "Remove");
  }

  add.addEventListener("click", () => {
    const callback = listenToPicker((url, details) => {
      if (!details?.id || chosen.some((p) => String(p.id) === String(details.id))) return;
      chosen.push({ id: String(details.id), alt: details.alternative_text, thumbnail: url });
      problem.hidden = true;
      show();
    });
    const address = `${options.pickerUrl}?several=1&CKEditorFuncNum=${callback}`;
    window.open(address, "gallery-pictures", "width=900,height=700");
  });
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  form.addEventListener("submit", (event) => {
    if (chosen.length < FEWEST) {
      event.preventDefault();
      problem.textContent =
        "Choose at least two pictures for a gallery; for one picture, use the picture button.";
      problem.hidden = false;
      problem.focus();
      return;
    }
    onDone(chosen.map((picture) => picture.id).join(" "));
  });

  document.body.append(dialog);
  describe(ids, options.picturesUrl).then((pictures) => {
    chosen.push(...pictures.map((p) => ({ ...p, id: String(p.id) })));
    show();
  });
  show();
  dialog.showModal();
}

export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { pickerUrl: null, picturesUrl: null };
  },

  addAttributes() {
    return {
      pictures: {
        default: "",
        parseHTML: (dom) => numbers(dom.getAttribute("data-pictures")).join(" "),
        renderHTML: (attributes) => ({ "data-pictures": attributes.pictures }),
      },
    };
  },

  parseHTML() {
    // Before the editor's own picture (a figure too).
    return [{ tag: "figure.gallery", priority: 60 }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", { class: "gallery", ...HTMLAttributes }];
  },

  addNodeView() {
    return ({ node, editor, getPos }) => {
      const thumbs = element("span", { className: "prose-gallery__thumbs" });
      const label = element("strong", { className: "prose-gallery__label" });
      const edit = element("button", {
        type: "button",
        className: "button prose-gallery__edit",
        textContent: "Change gallery",
      });
      const dom = element("div", { className: "prose-gallery", contentEditable: "false" }, [
        label,
        thumbs,
        edit,
      ]);
      let current = null;
      const render = (shown) => {
        if (shown.attrs.pictures === current) return;
        current = shown.attrs.pictures;
        const ids = numbers(current);
        label.textContent = `Gallery: ${ids.length} picture${ids.length === 1 ? "" : "s"}`;
        describe(ids, this.options.picturesUrl).then((pictures) => {
          thumbs.replaceChildren(
            ...pictures.map((picture) =>
              picture.thumbnail
                ? element("img", { src: picture.thumbnail, alt: picture.alt, width: 64, className: "admin-thumb" })
                : element("span", { textContent: picture.alt }),
            ),
          );
        });
      };
      edit.addEventListener("click", () => {
        editor.chain().setNodeSelection(getPos()).editGallery().run();
      });
      render(node);
      return {
        dom,
        update: (updated) => {
          if (updated.type.name !== "gallery") return false;
          render(updated);
          return true;
        },
        stopEvent: (event) => event.target === edit,
        ignoreMutation: () => true,
      };
    };
  },

  addCommands() {
    return {
      editGallery:
        () =>
        ({ editor, state }) => {
          const selected = state.selection.node;
          const editing = selected?.type.name === this.name ? selected : null;
          const position = editing ? state.selection.from : null;
          openDialog({
            ids: numbers(editing?.attrs.pictures),
            options: this.options,
            onDone: (pictures) => {
              const chain = editor.chain().focus();
              if (editing) {
                chain.command(({ tr }) => {
                  tr.setNodeMarkup(position, undefined, { pictures });
                  return true;
                });
              } else {
                chain.insertContent({ type: this.name, attrs: { pictures } });
              }
              chain.run();
            },
          });
          return true;
        },
    };
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "gallery",
      groups: "nodes",
      button: buttons.material("photo_library", "Gallery"),
      command: (editor) => editor.chain().editGallery().run(),
      active: (editor) => editor.isActive("gallery"),
    });
  },
});
