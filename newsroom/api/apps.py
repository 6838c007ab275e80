from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsroom.api"
    label = "api"
    verbose_name = "Content API"

    def ready(self):
        from newsroom.api.models import ApiKey
        from newsroom.caching.tracking import track

        # A key's check is kept like a page's piece: revoking, renaming or deleting the key
        # makes it stale in every process at once.
        track(ApiKey, "api-key")
