from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsroom.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from newsroom.newsletter import webhooks

        webhooks.connect()
