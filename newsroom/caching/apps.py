from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "newsroom.caching"
    label = "caching"
    verbose_name = "Cache"

    def ready(self):
        from django.utils.autoreload import file_changed

        from newsroom.caching import release

        file_changed.connect(release.forget_on_file_change, dispatch_uid="caching.release")
