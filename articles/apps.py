from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles.models import Image
        from articles.signals import image_saved, sync_search_config

        post_save.connect(image_saved, sender=Image, dispatch_uid="articles.image_saved")
        post_migrate.connect(sync_search_config, sender=self, dispatch_uid="articles.search_config")
