from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "newsroom.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from articles.signals import article_changed
        from newsroom.webhooks import announcing

        article_changed.connect(announcing.stories_changed, dispatch_uid="webhooks.announce")
