// The signed-in reader on a page every reader gets alike (kept by the page cache): their name
// and "Sign out" in the header, and their name and email in the comment form, from
// /account/me.json. Without this script the header says "Sign in" and the form asks as usual;
// the server posts a signed-in reader's comment under their account whatever the form says.
(function () {
  "use strict";

  // Set beside the sign-in cookie (which scripts cannot read): without it nobody is signed in,
  // and the page asks nothing.
  var signedIn = /(?:^|;\s*)newsroom_signed_in=1/.test(document.cookie);
  var anonymous = { signed_in: false, supporter: false, name: "", email: null, lists: [] };
  window.newsroomReader = signedIn
    ? fetch("/account/me.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : anonymous; })
        .catch(function () { return anonymous; })
    : Promise.resolve(anonymous);

  function link(href, text, className) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) { a.className = className; }
    return a;
  }

  function showInHeader(reader) {
    var place = document.querySelector("[data-account]");
    if (!place) { return; }
    place.textContent = "";
    var name = link("/account/", reader.name || reader.email, "site-header__account-name");
    name.setAttribute("aria-label", "My account (signed in as " + (reader.name || reader.email) + ")");
    place.appendChild(name);
    place.appendChild(link("/account/sign-out/", "Sign out"));
  }

  function fillCommentForm(reader) {
    var form = document.getElementById("commentform");
    if (!form || !reader.name) { return; }
    ["author", "email"].forEach(function (field) {
      var input = form.elements[field];
      if (input) {
        input.value = field === "author" ? reader.name : reader.email;
        input.closest("p").hidden = true;
      }
    });
    var consent = form.querySelector(".comment-form-cookies-consent");
    if (consent) { consent.hidden = true; }
    var note = document.createElement("p");
    note.className = "logged-in-as";
    note.appendChild(document.createTextNode("Logged in as "));
    note.appendChild(link("/account/", reader.name));
    note.appendChild(document.createTextNode(". "));
    note.appendChild(link("/account/sign-out/", "Log out?"));
    var notes = form.querySelector(".comment-notes");
    form.insertBefore(note, notes || form.firstChild);
    if (notes) { notes.hidden = true; }
  }

  window.newsroomReader.then(function (reader) {
    if (!reader.signed_in) { return; }
    showInHeader(reader);
    fillCommentForm(reader);
  });
})();
