"""What readership adds to articles' pages: the beacon on a story, "Most read" boxes."""

from articles.extensions import extensions


def register():
    slots = extensions.template_slots
    slots.setdefault("article_scripts", []).append("readership/_article_scripts.html")
    slots.setdefault("article_sidebar", []).append("readership/_article_sidebar.html")
    slots.setdefault("home_aside", []).append("readership/_home_aside.html")
