from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "newsroom.support"
    label = "support"
    verbose_name = "Reader support"

    def ready(self):
        from articles.extensions import extensions
        from newsroom.support import invalidation

        invalidation.register()
        # Under the story and its sign-up box, before the thread: long threads would bury it.
        slot = extensions.template_slots.setdefault("article_end", [])
        thread = "comments/_article_end.html"
        slot.insert(
            slot.index(thread) if thread in slot else len(slot), "support/_article_end.html"
        )
