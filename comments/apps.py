from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from articles.models import LISTING_ANNOTATIONS
        from comments.models import comment_count

        LISTING_ANNOTATIONS["comment_count"] = comment_count
