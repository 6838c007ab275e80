// Pasting from a word processor. Its top heading is "Heading 1" and its minor ones "Heading 4"
// and below; the story page has only H2 and H3 (its H1 is the headline), so pasted headings
// become those instead of plain paragraphs. Pictures that live on the writer's own computer
// (file: or data: addresses) cannot be shown to readers and are left out: upload them to the
// picture library instead. Loaded by django-prose-editor (DJANGO_PROSE_EDITOR_EXTENSIONS).
import { Extension, Plugin } from "django-prose-editor/editor";

const NEAREST = { 1: 2, 4: 3, 5: 3, 6: 3 };
const HEADING = /<(\/?)h([1456])(?=[\s>])/gi;
const LOCAL_PICTURE = /<img\b(?![^>]*\bsrc\s*=\s*["']?(?:https?:|\/))[^>]*>/gi;

export const WordProcessorPaste = Extension.create({
  name: "wordProcessorPaste",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          transformPastedHTML: (html) =>
            html
              .replace(HEADING, (_, slash, level) => `<${slash}h${NEAREST[level]}`)
              .replace(LOCAL_PICTURE, ""),
        },
      }),
    ];
  },
});
