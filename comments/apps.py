from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from comments.models import ModerationSettings

        for signal in (post_save, post_delete):
            signal.connect(
                ModerationSettings.forget,
                sender=ModerationSettings,
                dispatch_uid="comments.forget_settings",
            )
