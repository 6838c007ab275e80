from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.models import Section
        from newsroom import page_cache, seam
        from newsroom.context_processors import forget_navigation
        from newsroom.newsletter import extensions as newsletter
        from newsroom.readership import extensions as readership

        seam.register()
        readership.register()
        newsletter.register()
        page_cache.connect()
        for signal in (post_save, post_delete):
            signal.connect(forget_navigation, sender=Section, dispatch_uid="newsroom.nav")


class TagsConfig(TaggitAppConfig):
    """django-taggit, named for editors: its section of the admin reads “Tags”, not “Taggit”."""

    verbose_name = "Tags"
