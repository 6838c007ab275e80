"""What the newsletter adds to articles' pages: a sign-up box at the end of every story, and
"Send as breaking news" on a published story's admin page."""

from articles.extensions import extensions


def register():
    extensions.template_slots.setdefault("article_end", []).insert(
        0, "newsletter/_article_signup.html"
    )
    extensions.template_slots.setdefault("admin_article_tools", []).append(
        "newsletter/admin/_alert_tool.html"
    )
