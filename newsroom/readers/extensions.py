"""What reader accounts add to story pages: the registration meter's prompt and script
(rendered only while NEWSROOM_METER_FREE_STORIES is set)."""

from articles.extensions import extensions


def register():
    extensions.template_slots.setdefault("article_scripts", []).append(
        "readers/_article_scripts.html"
    )
