from django.db import connections

from articles.images import make_renditions, renditions_are_current


def image_saved(sender, instance, **kwargs):
    """Every uploaded picture gets its resized copies at once, whoever uploaded it."""
    if instance.file and not renditions_are_current(instance):
        make_renditions(instance)


def revision_keeps_tags(sender, instance, history_instance, **kwargs):
    """A revision remembers the article's tags, so restoring it brings them back."""
    history_instance.tag_names = sorted(instance.tags.names()) if instance.pk else []


def sync_search_config(sender, using, **kwargs):
    """After `migrate`, index with the configured search language if it changed."""
    from articles.search import install_search_trigger, installed_search_config, search_config

    connection = connections[using]
    if installed_search_config(connection) not in (None, search_config()):
        install_search_trigger(connection)
