"""What the newsletter adds to articles' pages: a sign-up box at the end of every story."""

from articles.extensions import extensions


def register():
    extensions.template_slots.setdefault("article_end", []).insert(
        0, "newsletter/_article_signup.html"
    )
