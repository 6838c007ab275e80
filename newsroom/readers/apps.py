from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "newsroom.readers"
    label = "readers"
    verbose_name = "Reader accounts"
