// The story editor's "Embed" button: asks for an address and puts it alone on its own line,
// which is what makes a link an embed (articles/embeds/). The player, or the page's card, is
// fetched when the story is saved and previewed under the editor.
// Loaded by django-prose-editor (DJANGO_PROSE_EDITOR_EXTENSIONS; BODY_EXTENSIONS turns it on).
import { Extension } from "django-prose-editor/editor";

const QUESTION =
  "Address of the video, post, map, chart or page to embed (YouTube, Vimeo, X, Bluesky, " +
  "Mastodon, Instagram, TikTok, SoundCloud, Spotify, Datawrapper, Flourish, OpenStreetMap; " +
  "any other page becomes a link card):";

function escaped(text) {
  const holder = document.createElement("p");
  holder.textContent = text;
  return holder.innerHTML;
}

export const EmbedLink = Extension.create({
  name: "embedLink",

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "embedLink",
      groups: "nodes",
      button: buttons.material("smart_display", "Embed a video, post or page"),
      command(editor) {
        const address = (window.prompt(QUESTION) || "").trim();
        if (!/^https?:\/\/\S+$/.test(address)) return;
        const link = escaped(address);
        // The writing goes on below it, on a line of its own.
        editor
          .chain()
          .focus()
          .insertContent(`<p><a href="${link}">${link}</a></p><p></p>`)
          .run();
      },
    });
  },
});
