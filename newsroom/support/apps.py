from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "newsroom.support"
    label = "support"
    verbose_name = "Reader support"

    def ready(self):
        from articles.extensions import extensions
        from newsroom.support import invalidation

        invalidation.register()
        # After the comments: the thread closes the story, the appeal follows it.
        extensions.template_slots.setdefault("article_end", []).append("support/_article_end.html")
