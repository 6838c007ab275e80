from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from articles.models import Article, Image
        from articles.signals import image_saved, revision_keeps_tags, sync_search_config

        post_save.connect(image_saved, sender=Image, dispatch_uid="articles.image_saved")
        pre_create_historical_record.connect(
            revision_keeps_tags,
            sender=Article.history.model,
            dispatch_uid="articles.revision_keeps_tags",
        )
        post_migrate.connect(sync_search_config, sender=self, dispatch_uid="articles.search_config")
