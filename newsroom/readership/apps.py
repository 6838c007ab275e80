from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    name = "newsroom.readership"
    label = "readership"
    verbose_name = "Readership"
