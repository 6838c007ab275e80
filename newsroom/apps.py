from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import seam
        from newsroom.newsletter import extensions as newsletter
        from newsroom.readers import extensions as readers
        from newsroom.readership import extensions as readership
        from newsroom.security import signin

        seam.register()
        signin.connect()
        readership.register()
        newsletter.register()
        readers.register()


class TagsConfig(TaggitAppConfig):
    """django-taggit, named for editors: its section of the admin reads “Tags”, not “Taggit”."""

    verbose_name = "Tags"
